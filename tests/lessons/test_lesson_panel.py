"""The lesson panel, picker and journey: named, big, keyboard-reachable, and they talk."""

from __future__ import annotations

from lesson_drawing import ellipse, project
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kadr.i18n import set_language
from kadr.lessons.library import load_lessons, shipped_lessons_dir
from kadr.lessons.model import load_lesson
from kadr.lessons.progress import Progress
from kadr.ui.journey import JourneyView, LessonPicker
from kadr.ui.lesson_panel import LessonPanel


def make_panel(qtbot, lesson, p=None, **kwargs):
    panel = LessonPanel(**kwargs)
    qtbot.addWidget(panel)
    said, heard, guides = [], [], []
    panel.announced.connect(heard.append)
    panel.speak_requested.connect(said.append)
    panel.read_aloud.connect(said.append)  # Say it again
    panel.guides_changed.connect(guides.append)
    panel.start(lesson, p or project(1))
    return panel, said, heard, guides


def buttons(panel):
    return [panel.say_button, panel.hint_button, panel.back_button, panel.next_button]


def test_buttons_are_named_big_and_described(qtbot, tiny_lesson):
    """Every button has an objectName, a name with its visible text, a shortcut, 44x44 px."""
    panel, *_ = make_panel(qtbot, tiny_lesson)
    panel.show()
    for b in buttons(panel):
        assert b.objectName().startswith("lesson")
        assert b.text() and b.text() in b.accessibleName()
        assert "Keys: " in b.accessibleDescription()  # the shortcut, in words
        assert "(" in b.toolTip()  # and as keys for the eyes
        assert b.width() >= 44 and b.height() >= 44
        assert b.minimumSize().width() >= 44 and b.minimumSize().height() >= 44
        assert b.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert panel.dots.accessibleName() == "Step 1 of 3"


def test_buttons_are_reachable_with_tab(qtbot, tiny_lesson):
    """Tab moves through Say it again, Hint, Back and Next (Back is off on step 1)."""
    panel, *_ = make_panel(qtbot, tiny_lesson)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.say_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.say_button)
    seen = [QApplication.focusWidget()]
    for _ in range(3):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[:3] == [panel.say_button, panel.hint_button, panel.next_button]
    panel.skip()
    panel.back_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.back_button)


def test_new_step_is_announced_and_spoken(qtbot, tiny_lesson):
    """Starting and each met goal are announced (politely) and sent to speech."""
    p = project(1)
    panel, said, heard, guides = make_panel(qtbot, tiny_lesson, p)
    assert heard == ["Step 1 of 3. Draw a ball."] and said == ["Draw a ball."]
    assert [g.id for g in guides[-1]] == ["ring"]
    ellipse(p, 0, 320, 240, 40)
    for _ in range(3):
        panel.check_now()  # debounced: one check
    qtbot.waitUntil(lambda: panel.run.current_step.id == "add", timeout=2000)
    assert heard[-1] == "A ball! You got a star! Step 2 of 3. Press Add picture."
    assert said[-1] == "A ball! You got a star! Press the Add picture button."
    assert panel.feedback.text().startswith("\u2605 A ball!")
    assert guides[-1] == []


def test_skip_disabled_when_teacher_locked(qtbot, tiny_lesson):
    """With skipping locked, Next is disabled and says why; clicking it does nothing."""
    panel, *_ = make_panel(qtbot, tiny_lesson, allow_skip=False)
    assert not panel.next_button.isEnabled()
    assert "teacher" in panel.next_button.accessibleDescription()
    panel.skip()
    assert panel.run.current_step.id == "draw"
    panel.set_allow_skip(True)
    assert panel.next_button.isEnabled()
    QTest.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.run.current_step.id == "add"


def test_hint_and_say_again(qtbot, tiny_lesson):
    """Hint shows and says the hint; Say it again repeats the step."""
    panel, said, heard, _ = make_panel(qtbot, tiny_lesson)
    QTest.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert panel.hint_label.text() == "Draw a circle." and said[-1] == "Draw a circle."
    QTest.mouseClick(panel.say_button, Qt.MouseButton.LeftButton)
    assert said[-1] == "Draw a ball."


def test_hint_after_a_while(qtbot, tiny_lesson):
    """A teacher can ask for the hint to appear by itself after some seconds."""
    panel, *_ = make_panel(qtbot, tiny_lesson, hint_after_seconds=1)
    assert not panel.hint_label.text()
    qtbot.waitUntil(lambda: panel.hint_label.text() == "Draw a circle.", timeout=3000)


def test_finishing_the_lesson(qtbot, tiny_lesson, tmp_path):
    """Events from the studio finish the lesson; progress records it."""
    p = project(1)
    progress = Progress(tmp_path)
    panel, said, _, _ = make_panel(qtbot, tiny_lesson, p, progress=progress)
    finished = []
    panel.lesson_finished.connect(finished.append)
    ellipse(p, 0, 320, 240, 40)
    p.add_frame(0)
    panel.check_now()  # both goals are met: the panel praises one, then the next
    qtbot.waitUntil(lambda: panel.run.current_step.id == "play", timeout=3000)
    assert panel.run.stars == 2
    panel.notice("played")
    assert finished == ["tiny"] and progress.is_done("tiny")
    assert "You finished the lesson!" in said[-1]
    assert not panel.next_button.isEnabled() and panel.back_button.isEnabled()


def test_language_change_retranslates(qtbot):
    """A LanguageChange event switches the panel's words; Japanese speech uses kana."""
    lesson = load_lesson(shipped_lessons_dir() / "blink")
    panel, said, *_ = make_panel(qtbot, lesson)
    set_language("ru")
    QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.back_button.text() == "Назад"
    assert panel.instruction.text() == "Нарисуй большое лицо."
    assert panel.dots.accessibleName() == "Шаг 1 из 7"
    set_language("ja")
    QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    panel.say_again()
    assert said[-1] == "おおきな かおを かいてね。"


def test_picker_lists_lessons_and_chooses(qtbot, tmp_path):
    """The picker lists every lesson with done/stars and tells which one was chosen."""
    lessons, _ = load_lessons()
    progress = Progress(tmp_path)
    progress.step_met("blink", "face")
    progress.finish("blink")
    picker = LessonPicker()
    qtbot.addWidget(picker)
    picker.set_lessons(lessons, progress)
    assert picker.list.count() == len(lessons) >= 12
    first = picker.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert first == "A face that blinks. Done. Stars: 1. age 5+, 10 minutes, level 1"
    chosen = []
    picker.lesson_chosen.connect(chosen.append)
    picker.list.setCurrentRow(3)
    QTest.mouseClick(picker.start_button, Qt.MouseButton.LeftButton)
    assert chosen == [lessons[3].id]
    assert picker.start_button.minimumSize().height() >= 44


def test_journey_shows_finished_lessons(qtbot, tmp_path):
    """My journey shows finished lessons with a picture and their stars."""
    lessons, _ = load_lessons()
    progress = Progress(tmp_path)
    journey = JourneyView()
    qtbot.addWidget(journey)
    journey.set_lessons(lessons, progress)
    assert journey.list.count() == 0 and not journey.empty.isHidden()
    progress.finish("roll")
    journey.refresh()
    assert journey.list.count() == 1 and journey.empty.isHidden()
    assert not journey.list.item(0).icon().isNull()
