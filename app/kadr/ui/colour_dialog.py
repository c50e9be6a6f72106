"""More colours: a big grid of named swatches inside Kadr (no system colour chooser).

Each column is a colour family, light to dark; the last row holds the greys and skin
colours. Every swatch is a button named by its colour (spoken by screen readers), at least
48 px; arrow keys move in the grid, Home/End go to the first/last, Enter, Space or a click
picks, Esc keeps the colour there was. The chosen colour has a thick ring and a tick, not
only a colour; every swatch has an outline in the theme's text colour, so black shows on a
dark theme and white on a light one. Switch scanning reaches every swatch (each is a Tab
stop) and the switch picks it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kadr.core.colour import relative_luminance
from kadr.core.colour_grid import GRID, colour_words
from kadr.i18n import tr
from kadr.ui.a11y import MIN_TARGET, announce, describe
from kadr.ui.confirm import NO_COLOUR, big_answer, current_theme, ui_scale
from kadr.ui.wrapping import WrappedLabel

SWATCH = 60  # px at UI size 100 % (never under 48)
SMALLEST = 48


class Swatch(QToolButton):
    """One colour: a square with an outline; the chosen one gets a ring and a tick."""

    def __init__(self, value: str, english: str, row: int, column: int,
                 dialog: ColourDialog) -> None:
        super().__init__(dialog.grid_box)
        self.value, self.english, self.row, self.column = value, english, row, column
        self.dialog = dialog
        # read as one radio button of a set, checked when chosen (as the studio's colour
        # row is: kadr.ui.canvas_words); set before anything asks for its interface
        self.setProperty("kadrChoice", True)
        self.setObjectName(f"swatch_{value.lstrip('#')}")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedSize(dialog.side, dialog.side)
        self.clicked.connect(lambda _checked=False: dialog.pick(self))

    def name(self) -> str:
        return colour_words()[self.english]

    def retranslate(self) -> None:
        describe(self, self.name(), tr("Press Enter to draw with this colour"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.dialog.side, self.dialog.side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
                 Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if key in moves:
            self.dialog.move_from(self, *moves[key])  # type: ignore[index]
        elif key == Qt.Key.Key_Home:
            self.dialog.swatches[0].setFocus(Qt.FocusReason.TabFocusReason)
        elif key == Qt.Key.Key_End:
            self.dialog.swatches[-1].setFocus(Qt.FocusReason.TabFocusReason)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.dialog.pick(self)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.dialog.show_name(self)

    def paintEvent(self, event: object) -> None:  # noqa: N802
        t, _contrast = current_theme()
        side = float(min(self.width(), self.height()))
        focus_w = max(3.0, round(side * 0.06))
        ring_w = max(4.0, round(side * 0.08))
        gap = 1.0 if side < 64 else 2.0
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(0, 0, side, side)
        if self.hasFocus():  # the focus ring: a thick band in the theme's focus colour
            painter.setPen(QPen(QColor(t.focus), focus_w))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = focus_w / 2
            painter.drawRoundedRect(box.adjusted(half, half, -half, -half), 8, 8)
        inset = focus_w + gap
        if self.isChecked():  # the chosen colour: a thick ring in the text colour
            painter.setPen(QPen(QColor(t.text), ring_w))
            half = ring_w / 2
            painter.drawRoundedRect(box.adjusted(inset + half, inset + half,
                                                 -inset - half, -inset - half), 6, 6)
        inset += ring_w + gap
        square = box.adjusted(inset, inset, -inset, -inset)
        painter.setPen(QPen(QColor(t.text), 2))  # dark swatches show on dark themes
        painter.setBrush(QColor(self.value))
        painter.drawRoundedRect(square.adjusted(1, 1, -1, -1), 4, 4)
        if self.isChecked():
            self._tick(painter, square)
        painter.end()

    def _tick(self, painter: QPainter, square: QRectF) -> None:
        """A tick in black or white (whichever shows on this colour), with a halo."""
        dark = relative_luminance(self.value) > 0.18
        ink, halo = ("#000000", "#ffffff") if dark else ("#ffffff", "#000000")
        s, x, y = square.width(), square.left(), square.top()
        path = QPainterPath()
        path.moveTo(QPointF(x + s * 0.20, y + s * 0.52))
        path.lineTo(QPointF(x + s * 0.42, y + s * 0.74))
        path.lineTo(QPointF(x + s * 0.82, y + s * 0.28))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for colour, width in ((halo, max(5.0, s * 0.2)), (ink, max(3.0, s * 0.11))):
            pen = QPen(QColor(colour), width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(path)


class ColourDialog(QDialog):
    """The grid; ``chosen`` is the colour picked ("#rrggbb") or None."""

    def __init__(self, current: str = "", parent: QWidget | None = None,
                 title: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("colourDialog")
        self.setModal(True)
        self.current = (current or "").lower()
        self.chosen: str | None = None
        log = getattr(parent.window(), "announcement_log", None) if parent is not None else None
        if isinstance(log, list):
            self.announcement_log = log
        scale = ui_scale()
        self.side = self.fit_side(scale)
        self.heading = WrappedLabel(self)
        self.heading.setObjectName("colour_heading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.grid_box = QWidget(self)
        self.grid_box.setObjectName("colour_grid")
        # the swatches draw themselves: no stylesheet padding or minimum squeezes them
        side = f"{self.side}px"
        self.grid_box.setStyleSheet(
            f"QToolButton {{ min-width: {side}; max-width: {side}; min-height: {side};"
            f" max-height: {side}; padding: 0px; margin: 0px; border: none; }}")
        grid = QGridLayout(self.grid_box)
        spacing = max(2, round(4 * scale))
        grid.setSpacing(spacing)
        grid.setContentsMargins(0, 0, 0, 0)
        self.rows: list[list[Swatch]] = []
        for r, row in enumerate(GRID):
            cells = []
            for c, (value, english) in enumerate(row):
                swatch = Swatch(value, english, r, c, self)
                swatch.setChecked(value == self.current)
                grid.addWidget(swatch, r, c)
                cells.append(swatch)
            self.rows.append(cells)
        self.swatches = [s for row in self.rows for s in row]
        self.name_label = QLabel(self)  # the colour under the focus, in words
        self.name_label.setObjectName("colour_name")
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.name_label.setMinimumHeight(MIN_TARGET)
        self.cancel = big_answer(self, "colour_cancel", tr("Cancel"),
                                 tr("Keep the colour you have"), "no", NO_COLOUR)
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        margin = round(16 * scale)
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(self.heading)
        layout.addWidget(self.grid_box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.name_label)
        layout.addLayout(bottom)
        self.title = title
        self.retranslate()

    @staticmethod
    def fit_side(scale: float) -> int:
        """Swatches as big as the UI size asks, shrunk (never under 48 px) to fit the screen."""
        from PySide6.QtGui import QGuiApplication

        want = round(SWATCH * scale)
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return max(SMALLEST, want)
        area = screen.availableGeometry()
        columns, rows = max(len(r) for r in GRID), len(GRID)
        spare_w = area.width() - round(80 * scale)
        spare_h = area.height() - round(200 * scale) - 60  # title bar, heading, Cancel
        room = min(spare_w // columns, max(1, spare_h) // rows) - round(4 * scale)
        return max(SMALLEST, min(want, room))

    def retranslate(self) -> None:
        title = self.title or tr("More colours")
        self.setWindowTitle(title)
        self.heading.setText(tr("Choose a colour"))
        self.setAccessibleName(title)
        self.setAccessibleDescription(tr(
            "Arrow keys move between the colours. Enter picks one. Esc keeps your colour."))
        describe(self.grid_box, tr("Colours"), self.accessibleDescription())
        for swatch in self.swatches:
            swatch.retranslate()

    def start_swatch(self) -> Swatch:
        return next((s for s in self.swatches if s.isChecked()), self.swatches[0])

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        start = self.start_swatch()
        start.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_name(start)
        announce(self, tr("Choose a colour"))

    def show_name(self, swatch: Swatch) -> None:
        text = (tr("{colour} (your colour now)", colour=swatch.name()) if swatch.isChecked()
                else swatch.name())
        self.name_label.setText(text)

    def move_from(self, swatch: Swatch, d_row: int, d_column: int) -> Swatch:
        """The swatch beside ``swatch``: left/right go on to the row before/after, up/down
        stay in the column (or the nearest one in a shorter row)."""
        index = self.swatches.index(swatch)
        if d_column:
            target = self.swatches[max(0, min(len(self.swatches) - 1, index + d_column))]
        else:
            row = max(0, min(len(self.rows) - 1, swatch.row + d_row))
            cells = self.rows[row]
            target = cells[min(swatch.column, len(cells) - 1)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return target

    def pick(self, swatch: Swatch) -> None:
        for other in self.swatches:
            other.setChecked(other is swatch)
        self.chosen = swatch.value
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, Swatch):
                self.pick(focus)
            elif focus is self.cancel:
                self.reject()
            return  # Enter never picks a colour the child did not point at
        super().keyPressEvent(event)


def choose_colour(parent: QWidget | None, current: str, title: str = "") -> str | None:
    """Show the grid and wait: the colour picked ("#rrggbb"), or None (Esc, Cancel)."""
    dialog = ColourDialog(current, parent, title)
    try:
        dialog.exec()
        return dialog.chosen
    finally:
        dialog.deleteLater()
