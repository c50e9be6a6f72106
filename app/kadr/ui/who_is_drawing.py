""""Who is drawing?": the start screen of a shared computer. Each learner is one big
button with their picture and name (no typing, no password): Tab or the arrow keys move,
Enter or Space chooses, a switch scans them like any button, and a screen reader says the
learner's name. A discreet Teacher button opens teacher mode (behind the PIN).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kadr.classroom.avatars import avatar_path
from kadr.classroom.learners import Learner
from kadr.i18n import tr
from kadr.ui import icons
from kadr.ui.a11y import MIN_TARGET, button, describe, label_button, press_on_enter
from kadr.ui.confirm import ui_scale
from kadr.ui.theme import BASE_FONT_PT
from kadr.ui.wrapping import WrappedLabel

AVATAR_BUTTON = 200  # the biggest, px at 100 %: as big as the window holds them all
MIN_AVATAR_BUTTON = 96  # never smaller, whatever the window (then the list scrolls)
GAP = 12


def avatar_icon(avatar: str, size: int) -> QIcon:
    """The learner's picture drawn for the theme in use (its lines in the theme's ink; the
    high-contrast themes make it two colours, as every pictogram)."""
    try:
        text = avatar_path(avatar).read_text(encoding="utf-8")
    except OSError:
        return QIcon()
    result = QIcon()
    for state, mode in (("normal", QIcon.Mode.Normal), ("disabled", QIcon.Mode.Disabled)):
        ink, paper, flat = icons.colours(None, state)
        svg = icons.for_theme(text, ink, paper, flat)
        result.addPixmap(QPixmap.fromImage(icons.render_svg(svg, size)), mode)
    return result


def button_size(side: int) -> tuple[int, int]:
    return side + side // 3, side  # wider than tall: room for the name


class AvatarButton(QToolButton):
    """One learner: their picture with their name under it; Enter chooses, as Space."""

    def __init__(self, learner: Learner, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.learner = learner
        self.setObjectName(f"learner_{learner.id}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setText(learner.name)
        self.on_arrow: Callable[[AvatarButton, int], bool] | None = None
        self.set_side(side)

    def set_side(self, side: int) -> None:
        side = max(MIN_AVATAR_BUTTON, side)
        self.side = side
        # the name big enough to read from a chair (the theme's sheet sets every font),
        # never smaller than Kadr's other words at this UI size: at 200 % the cards are
        # smaller (the heading takes more room) and their names were smaller than at 100 %
        points = max(round(BASE_FONT_PT * ui_scale()), round(side / 10))
        self.setStyleSheet(f"QToolButton {{ font-size: {points}pt; }}")
        self.ensurePolished()
        picture = round(side * 0.62)
        self.setIconSize(QSize(picture, picture))
        # a big name leaves the picture less room: the card never cuts the name off
        picture -= max(0, self.sizeHint().height() - side)
        self.setIcon(avatar_icon(self.learner.avatar, picture))
        self.setIconSize(QSize(picture, picture))
        self.setFixedSize(*button_size(side))

    def event(self, event: QEvent) -> bool:
        result = super().event(event)
        if event.type() == QEvent.Type.Polish and hasattr(self, "side"):
            # the style sheet's min-width/min-height would let the grid squeeze it
            self.setFixedSize(*button_size(self.side))
        return result

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if press_on_enter(self, event):
            return
        if self.on_arrow is not None and self.on_arrow(self, event.key()):
            return  # moved to the next learner (the scroll area would only scroll)
        super().keyPressEvent(event)


class WhoIsDrawing(QWidget):
    """The start screen. ``chosen`` carries the Learner; ``teacher_requested`` asks for
    the PIN."""

    chosen = Signal(object)
    teacher_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoIsDrawing")
        self.learners: list[Learner] = []
        self.buttons: list[AvatarButton] = []
        self.heading = WrappedLabel(self)
        self.heading.setObjectName("who_heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty = WrappedLabel(self)
        self.empty.setObjectName("who_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid_host = QWidget()
        self.grid_host.setObjectName("who_learners")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(GAP)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.area = QScrollArea(self)
        self.area.setObjectName("who_scroll")
        self.area.setWidget(self.grid_host)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # for teachers, kept small and apart in a corner (a child has no reason to press it)
        self.teacher = button("who_teacher", self, on_click=self.teacher_requested.emit)
        self.teacher.setStyleSheet("QPushButton { font-weight: normal; }")
        corner = QHBoxLayout()
        corner.addStretch(1)
        corner.addWidget(self.teacher)
        layout = self.outer = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.area, 1)
        layout.addLayout(corner)
        self._columns = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("Who is drawing?"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName(self.heading.text())
        self.empty.setText(tr("There are no learners yet. A teacher can add them: "
                              "press Teacher."))
        label_button(self.teacher, tr("Teacher"),
                     tr("For teachers: add learners and change settings. Needs the PIN."))
        for b in self.buttons:
            describe(b, b.learner.name, tr("Press to draw as {name}", name=b.learner.name))

    def largest_side(self) -> int:
        return max(MIN_AVATAR_BUTTON, round(AVATAR_BUTTON * ui_scale()))

    def set_learners(self, learners: list[Learner]) -> None:
        """Show these learners (in the order given: by name)."""
        for b in self.buttons:
            b.deleteLater()
        self.learners = list(learners)
        side = self.largest_side()
        self.buttons = []
        for learner in self.learners:
            b = AvatarButton(learner, side, self.grid_host)
            b.clicked.connect(lambda _checked=False, one=learner: self.chosen.emit(one))
            b.on_arrow = self.move_focus
            self.buttons.append(b)
        self.empty.setVisible(not self.learners)
        self._columns = 0
        self.arrange()
        self.retranslate()

    def arrange(self) -> None:
        """The biggest buttons that let every learner show at once, in as many columns as
        the window's width holds (at the smallest size the list scrolls)."""
        margins = self.contentsMargins() + self.outer.contentsMargins()
        width = self.width() - margins.left() - margins.right() - 2 * GAP
        height = (self.height() - margins.top() - margins.bottom() - 3 * GAP
                  - self.heading.sizeHint().height() - self.teacher.sizeHint().height())
        count = max(1, len(self.buttons))

        def columns_for(side: int) -> int:
            return max(1, min(count, (width + GAP) // (button_size(side)[0] + GAP)))

        side = next((c for c in range(self.largest_side(), MIN_AVATAR_BUTTON - 1, -4)
                     if -(-count // columns_for(c)) * (button_size(c)[1] + GAP) <= height),
                    MIN_AVATAR_BUTTON)
        columns = columns_for(side)
        for b in self.buttons:
            if b.side != side:
                b.set_side(side)
        if columns == self._columns:
            return
        self._columns = columns
        while self.grid.count():
            self.grid.takeAt(0)
        for i, b in enumerate(self.buttons):
            self.grid.addWidget(b, i // columns, i % columns)
        for first, second in zip(self.buttons, self.buttons[1:]):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.arrange()

    def move_focus(self, current: AvatarButton, key: int) -> bool:
        """Arrow keys move between learners, row by row, as well as Tab."""
        rows = max(1, self._columns)
        steps = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: rows,
                 Qt.Key.Key_Up: -rows}
        step = steps.get(Qt.Key(key))
        if step is None or current not in self.buttons:
            return False
        i = self.buttons.index(current)
        target = self.buttons[min(max(0, i + step), len(self.buttons) - 1)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self.area.ensureWidgetVisible(target)
        return True

    def focus_first(self) -> None:
        """Start on the learner who drew last (a child at the same computer again)."""
        if not self.buttons:
            self.teacher.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        last = max(self.buttons, key=lambda b: b.learner.last_active)
        last.setFocus(Qt.FocusReason.OtherFocusReason)


__all__ = ["MIN_TARGET", "WhoIsDrawing", "avatar_icon"]
