"""One in-app question with two big answers: a green tick (yes) and a red cross (no).

No system message box: the child stays inside Kadr, every answer has a pictogram and a
word, and the safe answer comes first. The same panel, with one answer, tells about a
problem (``notice``). ``ask()`` waits for the answer; ``ConfirmDialog`` may also be shown
without waiting (``open()``), as the gallery does, and answered by its signals.

Keys: focus starts on "no" (the safe answer); Enter answers with the button that has the
focus, so Enter says yes only when "yes" has the focus; Esc always says no; Left/Right
move between the answers. The question is the dialog's accessible description and the
focused answer's description, and it is announced when the panel opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kadr.i18n import tr
from kadr.ui import icons
from kadr.ui.a11y import MIN_TARGET, announce, describe
from kadr.ui.layout import widgets_of
from kadr.ui.wrapping import WrappedLabel

if TYPE_CHECKING:
    from kadr.ui.theme import Theme

# the answers' own colours (white words on them: 6.8:1 and 7.8:1); the high-contrast
# themes keep their two colours, the pictogram and the word say which answer is which
YES_COLOUR = "#17692e"
NO_COLOUR = "#a4161a"
ANSWER_WORDS = "#ffffff"


def ui_scale() -> float:
    app = QApplication.instance()
    value = app.property("kadr_scale") if app is not None else None
    try:
        return float(value) if value else 1.0
    except (TypeError, ValueError):
        return 1.0


def current_theme() -> tuple[Theme, bool]:
    """The theme in use (standard when none was applied) and whether it is high contrast."""
    from kadr.ui import theme

    app = QApplication.instance()
    name = str(app.property("kadr_theme") or "standard") if app is not None else "standard"
    return theme.THEMES.get(name, theme.THEMES["standard"]), name in theme.HIGH_CONTRAST


def drawn_mark(kind: str, size: int, ink: str) -> QPixmap:
    """A tick or a cross drawn in code: used when the pictogram file is not there."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(ink), max(3.0, size / 7))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    s = float(size)
    path = QPainterPath()
    if kind == "no":
        path.moveTo(QPointF(s * 0.22, s * 0.22))
        path.lineTo(QPointF(s * 0.78, s * 0.78))
        path.moveTo(QPointF(s * 0.78, s * 0.22))
        path.lineTo(QPointF(s * 0.22, s * 0.78))
    else:
        path.moveTo(QPointF(s * 0.16, s * 0.54))
        path.lineTo(QPointF(s * 0.40, s * 0.78))
        path.lineTo(QPointF(s * 0.86, s * 0.24))
    painter.drawPath(path)
    painter.end()
    return pixmap


def pictogram(name: str, size: int, ink: str | None = None) -> QIcon:
    """Pictogram ``name`` (from kadr/assets/icons), or a drawn tick/cross if it is missing;
    its lines in ``ink`` (the theme's button text when None)."""
    ink = ink or current_theme()[0].button_text
    result = icons.icon(name, size, ink)
    if result.isNull() and name in ("yes", "no"):
        result = QIcon(drawn_mark(name, size, ink))
    return result


def give_picture(b: QAbstractButton, name: str) -> None:
    """Pictogram ``name`` beside a button's word, 32 px times the UI size: a child who
    cannot read finds the button by its picture (every control has one)."""
    size = icons.icon_size(ui_scale())
    b.setIcon(pictogram(name, size.width()))
    b.setIconSize(size)


def big_answer(parent: QWidget, object_name: str, text: str, description: str,
               picture: str, colour: str | None) -> QPushButton:
    """A big answer button: a pictogram beside a word, in ``colour`` (None: the theme's
    own look). Its focus ring is a thick band in the theme's focus colour where the
    unfocused button shows the window colour."""
    scale = ui_scale()
    t, contrast = current_theme()
    b = QPushButton(text, parent)
    b.setObjectName(object_name)
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    b.setAutoDefault(True)  # Enter presses the answer that has the focus, no other
    b.setDefault(False)
    side = round(48 * scale)
    fill = colour if colour and not contrast else None
    ink = ANSWER_WORDS if fill else t.button_text
    b.setIcon(pictogram(picture, side, ink))
    b.setIconSize(QSize(side, side))
    width, height = max(MIN_TARGET, round(180 * scale)), max(MIN_TARGET, round(88 * scale))
    b.setMinimumSize(width, height)

    def px(v: float) -> str:
        return f"{round(v * scale)}px"

    # a stylesheet's min-width wins over setMinimumSize: say it here too (content box)
    least = (f" min-width: {width - round(46 * scale)}px;"
             f" min-height: {height - round(30 * scale)}px;")
    if fill:
        b.setStyleSheet(
            f"QPushButton {{ background: {fill}; color: {ink}; font-weight: bold;"
            f" border: {px(5)} solid {t.window}; border-radius: {px(14)};"
            f" padding: {px(10)} {px(18)};{least} }}"
            f"QPushButton:focus {{ border: {px(5)} solid {t.focus}; padding: {px(10)} {px(18)}; }}"
            f"QPushButton:pressed {{ background: {t.text}; }}"
            f"QPushButton:disabled {{ background: {t.button}; color: {t.muted_text};"
            f" border: {px(3)} dashed {t.border}; }}")
    else:
        b.setStyleSheet(f"QPushButton {{ font-weight: bold; padding: {px(10)} {px(18)};{least} }}"
                        f"QPushButton:focus {{ padding: {px(8)} {px(16)}; }}")
    describe(b, text, description)
    return b


def fit_row(row: QBoxLayout, window: QWidget, margin: int) -> None:
    """The widgets of ``row`` side by side, or one above the other when side by side they
    are wider than the screen (long words at a large UI size): a word is never cut."""
    widgets = [w for w in widgets_of(row) if not w.isHidden()]
    for w in widgets:
        w.ensurePolished()  # the stylesheet's font and padding count in the size hint
        if isinstance(w, QPushButton):  # a window is first sized at most 2/3 of the
            w.setMinimumWidth(max(w.minimumWidth(), w.sizeHint().width()))  # screen
    need = sum(w.sizeHint().width() for w in widgets)
    need += row.spacing() * max(0, len(widgets) - 1) + 2 * margin + 40  # the window frame
    screen = window.screen().availableGeometry().width()
    row.setDirection(QBoxLayout.Direction.TopToBottom if need > screen
                     else QBoxLayout.Direction.LeftToRight)


class ConfirmDialog(QDialog):
    """The question, a green tick answer and a red cross answer (or one answer: a notice).

    ``accepted`` means yes; ``rejected`` means no (Esc, the cross, closing the window)."""

    def __init__(self, parent: QWidget | None, question: str, yes: str,
                 no: str | None = None, *, name: str = "confirmDialog",
                 yes_name: str = "confirm_yes", no_name: str = "confirm_no") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModal(True)
        self.setWindowTitle(question if len(question) <= 80 else tr("Kadr"))
        self.question = question
        self.announce_on_show = True
        self.setAccessibleName(tr("Question") if no is not None else tr("Message"))
        self.setAccessibleDescription(question)
        # announcements go to the log of the window that asked (tests and captions read it)
        log = getattr(parent.window(), "announcement_log", None) if parent is not None else None
        if isinstance(log, list):
            self.announcement_log = log
        scale = ui_scale()
        self.label = WrappedLabel(self)  # plain words: a film's name is never markup
        self.label.setText(question)
        self.label.setObjectName("confirm_question")
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.label.setFont(font)
        screen = self.screen().availableGeometry().width()
        self.label.setMinimumWidth(min(round(360 * scale), screen - round(48 * scale) - 40))
        describe(self.label, question, question)
        self.yes = big_answer(self, yes_name, yes, question, "yes", YES_COLOUR)
        self.no: QPushButton | None = None
        if no is not None:
            self.no = big_answer(self, no_name, no, question, "no", NO_COLOUR)
        self.yes.clicked.connect(self.accept)
        if self.no is not None:
            self.no.clicked.connect(self.reject)
        self.row = QHBoxLayout()
        self.row.setSpacing(round(24 * scale))
        self.row.addWidget(self.yes)
        if self.no is not None:
            self.row.addWidget(self.no)
        layout = QVBoxLayout(self)
        margin = round(24 * scale)
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(round(20 * scale))
        layout.addWidget(self.label)
        layout.addLayout(self.row)
        # the safe answer first in the Tab order as well as in focus
        if self.no is not None:
            QWidget.setTabOrder(self.no, self.yes)
        self.fit_answers()

    def fit_answers(self) -> None:
        fit_row(self.row, self, round(24 * ui_scale()))

    # -- more answers (e.g. "Show me" beside "OK") -----------------------------------------
    def add_answer(self, object_name: str, text: str, description: str, picture: str,
                   on_click: Callable[[], object]) -> QPushButton:
        """Another big button that acts without closing the panel."""
        b = big_answer(self, object_name, text, description, picture, None)
        b.clicked.connect(lambda _checked=False: on_click())
        self.row.insertWidget(0, b)
        self.fit_answers()
        return b

    def text(self) -> str:
        return self.question

    def safe_button(self) -> QPushButton:
        return self.no if self.no is not None else self.yes

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        self.safe_button().setFocus(Qt.FocusReason.OtherFocusReason)
        if self.announce_on_show:
            self.announce_on_show = False  # once, not again when shown again
            announce(self, self.question)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        focus = self.focusWidget()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # only the answer that has the focus; never a default "yes"
            if isinstance(focus, QPushButton) and focus.parent() is self:
                focus.click()
            return
        if key == Qt.Key.Key_Escape:
            self.reject()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            answers = [w for w in widgets_of(self.row)
                       if isinstance(w, QPushButton) and w.isVisible()]
            if focus in answers:
                step = -1 if key in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1
                target = answers[(answers.index(focus) + step) % len(answers)]
                target.setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)


def ask(parent: QWidget | None, question: str, yes: str, no: str) -> bool:
    """Ask ``question`` inside Kadr and wait: True only for the green tick ``yes``."""
    dialog = ConfirmDialog(parent, question, yes, no)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def notice(parent: QWidget | None, text: str, ok: str | None = None, *,
           name: str = "noticeDialog", ok_name: str = "notice_ok") -> ConfirmDialog:
    """A message with one big answer (not shown yet: ``open()`` or ``exec()`` it)."""
    dialog = ConfirmDialog(parent, text, ok or tr("OK"), None, name=name, yes_name=ok_name)
    dialog.setAccessibleName(tr("Message"))
    return dialog


def tell(parent: QWidget | None, text: str, ok: str | None = None) -> None:
    """Show a message inside Kadr and wait until it is read."""
    dialog = notice(parent, text, ok)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
