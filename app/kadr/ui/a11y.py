"""Accessibility helpers: every control is made here with a name, a description, an
objectName, a minimum size and a keyboard path; announcements go through announce().
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Literal, overload

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QListView,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QWidget,
)

MIN_TARGET = 44  # WCAG 2.5.5 at 100 % scale


BASE_DESCRIPTION = "kadrDescription"  # a control's own description, under a message
MESSAGE = "kadrMessage"  # the message in front of it while the control has focus
# AT-SPI (Linux): messages reach screen readers as the focused control's description
MESSAGES_IN_DESCRIPTION = sys.platform.startswith("linux")


def announce(widget: QWidget, text: str, assertive: bool = False,
             focus: QWidget | None = None, *, log: bool = True) -> None:
    """Tell screen readers ``text`` without moving focus (WCAG 4.1.3), once.

    One way per platform, so no screen reader says it twice (docs/decisions/0007):
    on Linux the focused control's description starts with the message (Orca 43, Debian
    12's, speaks only a changed description of the focus; newer Orca speaks that too, and
    would say an announcement event as well); elsewhere, and on Linux when no control of
    the window has the focus, an announcement event (UI Automation, NSAccessibility).

    ``focus``: the control to go to with the message (a finished film's Show me). It is
    read once, as the focus arrives, with the message in front of its own words.
    ``log``: False for words that name a place, not news (the window's log keeps news)."""
    if not text:
        return
    if focus is not None:
        _pending.clear()  # a message of this action waiting for the old focus: this one
        if MESSAGES_IN_DESCRIPTION:
            _put_message(focus, text)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
    described = MESSAGES_IN_DESCRIPTION and (focus is not None or _tell_focus(widget, text))
    if not described:
        event = QAccessibleAnnouncementEvent(widget, text)
        event.setPoliteness(
            QAccessible.AnnouncementPoliteness.Assertive
            if assertive
            else QAccessible.AnnouncementPoliteness.Polite
        )
        QAccessible.updateAccessibility(event)
    kept = getattr(widget.window(), "announcement_log", None) if log else None
    if kept is not None:  # the window keeps the recent ones (tests read them)
        kept.append(text)


def enter_screen(title: str, first: QWidget) -> None:
    """A screen was opened (My projects, Lessons, the studio): focus its first control
    with the screen's name as the message, so a screen reader says where the child is
    ("My projects. New push button. Make a new project."). A control already named
    after the screen (the Lessons list) says it itself: no message then."""
    if first.accessibleName() == title:
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    # a place, not news: not in the window's log (a problem told as the screen changed
    # stays the last news); under a dialog it waits in the control's words for the focus
    announce(first, title, focus=first, log=False)


_pending: dict[str, object] = {}


def _tell_focus(widget: QWidget, text: str) -> bool:
    """Put ``text`` in front of the focused control's description (same window only);
    False when no control of ``widget``'s window has the focus. Messages of one action
    come in bursts ("Picture 2 of 7", "Picture 2 added"): only the last is shown, once the
    action is over, so a screen reader reads one sentence."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    focus = QApplication.focusWidget()
    if focus is None or focus.window() is not widget.window():
        return False
    first = not _pending
    _pending["widget"], _pending["text"] = widget, text
    if first:
        QTimer.singleShot(0, _show_pending)
    return True


def _show_pending() -> None:
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    widget, text = _pending.pop("widget", None), str(_pending.pop("text", ""))
    focus = QApplication.focusWidget()
    if not isinstance(widget, QWidget) or not isValid(widget) or focus is None or \
            focus.window() is not widget.window():
        return
    _put_message(focus, text)


def _put_message(focus: QWidget, text: str) -> None:
    """``text`` in front of ``focus``'s own description, until spent or focus leaves."""
    if focus.property(MESSAGE) == text and \
            focus.accessibleDescription().startswith(text):
        return  # there already, not spent yet: said once is enough
    focus.setProperty(MESSAGE, text)
    own_words = getattr(focus, "description", None)  # the canvas describes itself anew
    base = focus.property(BASE_DESCRIPTION)
    if callable(own_words):
        base = own_words()
    elif base is None:
        base = focus.accessibleDescription()
    if focus.property(BASE_DESCRIPTION) is None:
        focus.installEventFilter(_message_cleaner)
    focus.setProperty(BASE_DESCRIPTION, base)
    words = f"{text} {base}".strip()
    if words == focus.accessibleDescription():  # the same message again ("Nothing to
        # undo."): Qt sends no change for the same words, so say that it changed
        QAccessible.updateAccessibility(
            QAccessibleEvent(focus, QAccessible.Event.DescriptionChanged))
    focus.setAccessibleDescription(words)


_SPENT = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress)


class _MessageCleaner(QObject):
    """A message is heard once: the child's next key or click spends it (quietly: the
    next change of the control's own words is read without it; the canvas's words
    change as the pen goes down or a picture is drawn). When focus leaves a control,
    its description is its own again (quietly: a control without focus is not read)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _SPENT and isinstance(watched, QWidget):
            watched.setProperty(MESSAGE, None)
        elif event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and \
                not watched.hasFocus() and watched.property(BASE_DESCRIPTION) is not None:
            _restore(watched)  # a closed dialog shown again: its own words, before read
        elif event.type() == QEvent.Type.FocusOut and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            from PySide6.QtCore import QTimer

            # after the focus has moved on, or the old control's words would be read
            QTimer.singleShot(0, watched, lambda w=watched: _restore(w))
        return False


def _restore(widget: QWidget) -> None:
    if widget.hasFocus() or not widget.isVisible():
        # focus came straight back; or its window closed, when a changed description
        # would still be read (the screen reader has not seen the focus move yet):
        # restored when it shows again
        widget.installEventFilter(_message_cleaner)
        return
    base = widget.property(BASE_DESCRIPTION)
    own_words = getattr(widget, "description", None)
    widget.setProperty(MESSAGE, None)
    widget.setProperty(BASE_DESCRIPTION, None)
    if callable(own_words):
        widget.setAccessibleDescription(own_words())
    elif base is not None:
        widget.setAccessibleDescription(str(base))


_message_cleaner = _MessageCleaner()


def describe(widget: QWidget, name: str, description: str, shortcut: str = "") -> None:
    """Set the accessible name, the description (the shortcut said in words: "Control
    N", not "left paren Ctrl plus N") and the tooltip (the shortcut as keys)."""
    widget.setAccessibleName(name)
    tip = description
    if shortcut:
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        tip = f"{description} ({keys})"
        description = f"{description}. {key_words(shortcut)}"
    if widget.property(BASE_DESCRIPTION) is not None:
        widget.setProperty(BASE_DESCRIPTION, description)  # new words under a message
    widget.setAccessibleDescription(description)
    widget.setToolTip(tip)


def key_words(shortcut: str) -> str:
    """A shortcut as words a screen reader says well: "Keys: Control Z"."""
    from kadr.i18n import tr

    names = {"Ctrl": tr("Control"), "Shift": tr("Shift"), "Alt": tr("Alt"),
             "Esc": tr("Escape"), "Escape": tr("Escape"), "Return": tr("Enter"),
             "Enter": tr("Enter"), "Space": tr("Space"), "Left": tr("Left arrow"),
             "Right": tr("Right arrow"), "Up": tr("Up arrow"), "Down": tr("Down arrow"),
             "Del": tr("Delete"), "Delete": tr("Delete"), "Ins": tr("Insert"),
             "Home": tr("Home"), "End": tr("End"), "+": tr("Plus"), "-": tr("Minus"),
             "=": tr("Equals"), ",": tr("Comma"), "[": tr("Left bracket"),
             "]": tr("Right bracket"), "PgUp": tr("Page up"), "PgDown": tr("Page down")}
    parts = []
    for chord in shortcut.split(", "):
        keys = chord.split("+") if chord not in ("+", "Ctrl++") else [chord]
        if chord == "Ctrl++":
            keys = ["Ctrl", "+"]
        parts.append(" ".join(names.get(k, k) for k in keys if k))
    return tr("Keys: {keys}", keys=", ".join(parts))


@overload
def button(object_name: str, parent: QWidget | None = None, *, checkable: bool = False,
           on_click: Callable[[], object] | None = None,
           tool: Literal[False] = False) -> QPushButton: ...
@overload
def button(object_name: str, parent: QWidget | None = None, *, checkable: bool = False,
           on_click: Callable[[], object] | None = None, tool: Literal[True]) -> QToolButton: ...
@overload
def button(object_name: str, parent: QWidget | None = None, *, checkable: bool = False,
           on_click: Callable[[], object] | None = None, tool: bool = False) -> QAbstractButton: ...
def button(object_name: str, parent: QWidget | None = None, *, checkable: bool = False,
           on_click: Callable[[], object] | None = None, tool: bool = False) -> QAbstractButton:
    """A big, focusable button. Text and names are set later by retranslate()."""
    b: QAbstractButton = QToolButton(parent) if tool else QPushButton(parent)
    b.setObjectName(object_name)
    b.setCheckable(checkable)
    b.setMinimumSize(QSize(MIN_TARGET, MIN_TARGET))
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if isinstance(b, QPushButton):
        b.installEventFilter(_enter_presses)  # a dialog's default button keeps Enter
    if isinstance(b, QToolButton):
        # text only until an icon is set; icon only for icon buttons (swatches)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonFollowStyle)
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    if on_click is not None:
        b.clicked.connect(lambda _checked=False: on_click())
    return b


def picture_button(object_name: str, picture: str, parent: QWidget | None = None, *,
                   checkable: bool = False, choice: bool = False,
                   on_click: Callable[[], object] | None = None) -> PictureButton:
    """A square button with a pictogram and its word under it (icon only when space is
    short: the word stays its tooltip and accessible name). Sized by the studio's fit."""
    from kadr.ui import icons

    b = PictureButton(parent)
    if choice:  # before anything asks for its accessible interface (a radio button)
        b.setProperty("kadrChoice", True)
    b.setObjectName(object_name)
    b.setProperty("picture", picture)
    b.setProperty("kadrPicture", True)
    b.setCheckable(checkable)
    b.setIcon(icons.icon(picture))
    b.setMinimumSize(QSize(MIN_TARGET, MIN_TARGET))
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    if on_click is not None:
        b.clicked.connect(lambda _checked=False: on_click())
    return b


class PictureButton(QToolButton):
    """A tool button that draws its word under the pictogram on up to two lines, in a
    smaller type when needed, so long words (Russian, Kazakh) fit a square button."""

    _fixed: tuple[int | None, int] | None = None

    def fix_size(self, width: int | None, height: int) -> None:
        """A fixed height (and width, unless None) that a style sheet's polish keeps."""
        self._fixed = (width, height)
        self._apply_fixed()

    def _apply_fixed(self) -> None:
        if self._fixed is not None:
            width, height = self._fixed
            self.setFixedHeight(height)
            if width is not None:
                self.setFixedWidth(width)
            else:
                self.setMinimumWidth(MIN_TARGET)

    def event(self, event: QEvent) -> bool:
        result = super().event(event)
        if event.type() == QEvent.Type.Polish:
            self._apply_fixed()  # a style sheet's min-width/min-height must not win
        return result

    def keyPressEvent(self, event: object) -> None:  # noqa: N802
        if press_on_enter(self, event):
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def _paint_beside(self) -> None:
        """The word beside the picture, on two lines in a smaller type when it must be."""
        from kadr.ui.beside_words import layout

        painter = self._bevel()
        place = layout(self, self.inner())
        self._picture_and_word(painter, place.picture, place.font, place.text_rect,
                               place.flags, place.text)

    def _bevel(self) -> QStylePainter:
        """A painter on the button with its frame drawn (no picture, no word yet)."""
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        option.icon = QIcon()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
        return painter

    def _picture_and_word(self, painter: QStylePainter, picture: QRect, font: QFont,
                          text_rect: QRect, flags: int, text: str) -> None:
        mode = QIcon.Mode.Normal if self.isEnabled() else QIcon.Mode.Disabled
        state = QIcon.State.On if self.isChecked() else QIcon.State.Off
        side = picture.width()
        pix = self.icon().pixmap(QSize(side, side), self.devicePixelRatioF(), mode, state)
        painter.drawPixmap(picture.topLeft(), pix)
        painter.setFont(font)
        painter.setPen(self.palette().color(
            QPalette.ColorRole.HighlightedText if self.isChecked() else QPalette.ColorRole.ButtonText))
        painter.drawText(text_rect, flags, text)

    def sizeHint(self) -> QSize:  # noqa: N802
        """The size the studio gave it: the word is drawn to fit that square."""
        fixed = self.minimumSize()
        if fixed == self.maximumSize() and fixed.width() >= MIN_TARGET:
            return fixed
        return super().sizeHint()

    def inner(self) -> QRect:
        """Inside the style sheet's border and padding (contentsRect() does not know them)."""
        margin = max(2, round(self.width() * 0.04))
        return self.rect().adjusted(margin, margin - 1, -margin, -margin + 1)

    def paintEvent(self, event: object) -> None:  # noqa: N802
        beside = self.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if not self.text() or not (beside or self.toolButtonStyle()
                                   == Qt.ToolButtonStyle.ToolButtonTextUnderIcon):
            super().paintEvent(event)  # type: ignore[arg-type]
            return
        if beside:
            self._paint_beside()
            return
        painter = self._bevel()
        from kadr.ui.wrapping import breakable

        inner = self.inner()
        text = breakable(self.text().replace("&", ""))  # Japanese breaks between words
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        box = self.iconSize()
        font = QFont(self.font())
        text_rect = QRect()
        # the word in up to two lines, shrinking the type to 7 pt, then the picture
        for shrink_picture in (1.0, 0.8, 0.65):
            side = round(box.width() * shrink_picture)
            text_rect = QRect(inner.left(), inner.top() + side + 1, inner.width(),
                              inner.height() - side - 1)
            font = QFont(self.font())
            while True:
                bound = QFontMetrics(font).boundingRect(text_rect, flags, text)
                fits = bound.width() <= text_rect.width() and bound.height() <= text_rect.height()
                if fits or font.pointSizeF() <= 7.0:
                    break
                font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
            if fits:
                break
        else:  # one word too long for the button even so: break it with a hyphen
            # after a vowel (the whole word stays readable; a smaller picture leaves room
            # for a third line), and only if even that fails, "…"
            from kadr.ui.wrapping import fitting_lines

            metrics = QFontMetrics(font)
            for shrink_picture in (1.0, 0.8, 0.65, 0.5):
                side = round(box.width() * shrink_picture)
                text_rect = QRect(inner.left(), inner.top() + side + 1, inner.width(),
                                  inner.height() - side - 1)
                lines = fitting_lines(text, metrics, text_rect)
                if lines is not None:
                    text = lines
                    flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                    break
            else:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width())
        picture = QRect(inner.left() + (inner.width() - side) // 2, inner.top(), side, side)
        self._picture_and_word(painter, picture, font, text_rect, int(flags), text)


class ChoiceGroup(QObject):
    """Buttons of one exclusive choice (tools, sizes, colours) as one Tab stop: Tab
    reaches the chosen one, arrow keys (and Home/End) move to and choose the next, as in
    the WAI-ARIA radio group pattern. The mouse reaches every button as before."""

    def __init__(self, buttons: list[QAbstractButton], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.buttons = buttons
        for b in buttons:
            b.setProperty("kadrChoice", True)  # read as a radio button (canvas_words)
            b.choice_group = self  # type: ignore[attr-defined]  # switch scanning opens it
            b.installEventFilter(self)
            b.toggled.connect(lambda _on: self.sync())
        self.sync()

    def shown(self) -> list[QAbstractButton]:
        return [b for b in self.buttons if not b.isHidden()]

    def sync(self) -> None:
        """Only the chosen button (or the first, when none is) takes Tab focus."""
        shown = [b for b in self.buttons if not b.isHidden()]
        stop = next((b for b in shown if b.isChecked()), shown[0] if shown else None)
        for b in self.buttons:
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus if b is stop
                             else Qt.FocusPolicy.ClickFocus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or watched not in self.buttons:
            return False
        key = event.key()  # type: ignore[attr-defined]
        steps = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1,
                 Qt.Key.Key_Up: -1}
        shown = [b for b in self.buttons if not b.isHidden()]
        if watched not in shown or not shown:
            return False
        i = shown.index(watched)
        if key in steps:
            target = shown[(i + steps[key]) % len(shown)]
        elif key == Qt.Key.Key_Home:
            target = shown[0]
        elif key == Qt.Key.Key_End:
            target = shown[-1]
        else:
            return False
        target.setFocus(Qt.FocusReason.TabFocusReason)
        target.click()  # choosing it says what was chosen, as a click does
        return True


def press_on_enter(button: QAbstractButton, event: object) -> bool:
    """Enter (or Return) presses a focused button, as Space does: children and switch
    interfaces send either."""
    from PySide6.QtGui import QKeyEvent

    if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
            and not event.modifiers() and button.isEnabled() and not event.isAutoRepeat():
        button.animateClick()
        return True
    return False


class _EnterPresses(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QPushButton) \
                and not watched.autoDefault():
            return press_on_enter(watched, event)
        return False


_enter_presses = _EnterPresses()


class _WheelGuard(QObject):
    """Sliders, spin boxes and drop-downs ignore the mouse wheel unless they have focus:
    scrolling past them must never change a setting by accident."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) \
                and not watched.hasFocus():
            event.ignore()
            return True
        return False


_wheel_guard = _WheelGuard()


def no_wheel_unless_focused(widget: QWidget) -> None:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not WheelFocus: a wheel never focuses
    widget.installEventFilter(_wheel_guard)


def big_enough(widget: QWidget) -> QWidget:
    """At least 44 x 44 px, whatever the stylesheet says (WCAG 2.5.5); a combo box's
    open list gets 44 px rows too (a QListView honours the stylesheet's item height).
    Value controls ignore the wheel unless focused."""
    if isinstance(widget, QComboBox):
        view = QListView(widget)
        view.setObjectName(f"{widget.objectName()}_list")
        widget.setView(view)
    if isinstance(widget, (QComboBox, QAbstractSlider, QAbstractSpinBox)):
        no_wheel_unless_focused(widget)
    widget.setMinimumSize(max(widget.minimumWidth(), MIN_TARGET),
                          max(widget.minimumHeight(), MIN_TARGET))
    return widget


def slider(object_name: str, parent: QWidget, low: int, high: int, value: int,
           step: int) -> QSlider:
    """A big horizontal slider; arrow keys move it by 1, Page Up/Down by ``step``."""
    s = QSlider(Qt.Orientation.Horizontal, parent)
    s.setObjectName(object_name)
    big_enough(s)
    s.setRange(low, high)
    s.setPageStep(step)
    s.setValue(value)
    return s


def label_button(b: QAbstractButton, text: str, description: str, shortcut: str = "") -> None:
    b.setText(text)
    describe(b, text.replace("&", ""), description, shortcut)
