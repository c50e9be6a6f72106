"""Group scanning: region, group, control; Back one level up; one switch (a clock the test
moves) and two switches (step and choose); the thick two-colour scan box; what is said.

Every press here is a real key event (QTest); the clock is a fake one the test moves, so
no test waits for real seconds (switch_helpers.py)."""

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from switch_helpers import Child, FakeClock

from kadr.settings import Settings, load_settings, save_settings
from kadr.ui import theme
from kadr.ui.scan_box import INNER, LINE, OUTER
from kadr.ui.scan_groups import tab_chain
from kadr.ui.scanning import Scanner


@pytest.fixture
def scanning(studio):
    """A one-switch scanner on the studio, with a clock the test moves."""
    made = []

    def make(switches=1, **options):
        clock = FakeClock()
        scanner = Scanner(studio, 1.5, switches=switches, clock=clock, **options)
        scanner.start()
        made.append(scanner)
        return scanner, Child(scanner, clock, switches)

    yield make
    for scanner in made:
        scanner.stop()


def test_the_scan_starts_with_the_studios_regions(studio, scanning):
    scanner, _child = scanning()
    names = [item.name for item in scanner.levels[0].items]
    assert names == ["Tools", "Drawing paper", "Colours", "Play", "Pictures", "Top buttons"]
    assert scanner.current().name == "Tools"


def test_every_simple_control_within_four_scan_steps(studio, scanning):
    """Every control the Simple level shows is reached by real presses of two switches
    with at most 3 choices (region, group, control: the 4th choice uses it) and at most
    10 moves of the box; it took up to 33 moves when scanning went control by control."""
    scanner, child = scanning(switches=2)
    controls = tab_chain(studio)
    assert len(controls) >= 30
    paths = {}

    def walk(items, path):
        for item in items:
            if item.widget is not None and item.widget not in paths:
                paths[item.widget] = path + [item.name]
            if item.children is not None and item.name != "Drawing paper":
                walk(item.children(), path + [item.name])

    walk(scanner.levels[0].items, [])
    worst = 0
    for control in controls:
        assert control in paths, control.objectName()
        scanner.restart()
        child.presses = child.steps = 0
        *groups, last = paths[control]
        child.use(*groups)
        child.reach(last)
        assert scanner.current().widget is control
        assert QApplication.focusWidget() is control  # screen readers follow the box
        assert child.presses + 1 <= 4, paths[control]
        assert child.steps <= 10, paths[control]
        worst = max(worst, child.steps)
    old_worst = len(controls) - 1  # the box went through every control in turn
    assert worst * 3 <= old_worst


def test_one_switch_presses_add_picture(studio, scanning):
    """One switch: the box moves by itself; Space on Pictures, then on Add picture."""
    scanner, child = scanning(switches=1)
    before = len(studio.project.frames)
    child.use("Pictures", "Add picture")
    assert len(studio.project.frames) == before + 1
    assert scanner.current().name == "Add picture"  # pressed again and again: it stays
    child.choose()
    assert len(studio.project.frames) == before + 2


def test_two_switches_press_copy_picture_and_nothing_moves_by_itself(studio, scanning):
    scanner, child = scanning(switches=2)
    child.clock.advance(60)  # a minute: with two switches the box waits for the child
    assert scanner.steps == 0 and scanner.current().name == "Tools"
    before = len(studio.project.frames)
    child.use("Pictures", "Copy picture")
    assert len(studio.project.frames) == before + 1
    child.key(Qt.Key.Key_Tab)  # Tab is a step switch too (a keyboard user's habit)
    assert scanner.current().name == "See other pictures"


def test_a_choice_goes_back_to_the_regions(studio, scanning):
    """A colour is chosen once: after it the box is on Colours again, one level up."""
    scanner, child = scanning(switches=2)
    child.use("Colours", "Yellow to Pink", "Blue")
    assert studio.tools.color == "#4363d8"
    assert len(scanner.levels) == 1 and scanner.current().name == "Colours"
    child.use("Tools", "Eraser")
    assert studio.tools.tool == "eraser" and scanner.current().name == "Tools"


def test_back_goes_up_one_level(studio, scanning):
    scanner, child = scanning(switches=1)
    child.use("Colours", "Black to Orange")
    assert scanner.path()[:2] == ["Colours", "Black to Orange"]
    items = [i.name for i in scanner.levels[-1].items]
    assert items[-1] == "Back" and len(items) == 7  # six colours, then Back
    child.use("Back")
    assert len(scanner.levels) == 2 and scanner.levels[-1].owner.name == "Colours"
    child.use("Back")
    assert len(scanner.levels) == 1 and scanner.current().name == "Colours"


def test_pause_after_a_press_and_held_keys(studio, scanning):
    """A second press within the pause is not taken; a held key's repeats never are."""
    scanner, child = scanning(switches=2, pause=1.0)
    target = QApplication.focusWidget() or studio
    QTest.keyClick(target, Qt.Key.Key_Space)  # a step
    QTest.keyClick(target, Qt.Key.Key_Space)  # a shaky second hit: not taken
    assert scanner.steps == 1
    child.clock.advance(1.0)
    QTest.keyClick(target, Qt.Key.Key_Space)
    assert scanner.steps == 2
    child.clock.advance(1.0)
    held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier,
                     " ", True)  # an auto-repeat
    QApplication.sendEvent(QApplication.focusWidget() or studio, held)
    assert scanner.steps == 2


def test_one_switch_timing_is_a_setting(studio, scanning):
    """The box moves every scan time; after a press it waits the pause first."""
    scanner, child = scanning(switches=1, pause=2.0)
    child.clock.advance(1.49)
    assert scanner.steps == 0
    child.clock.advance(0.02)
    assert scanner.steps == 1 and scanner.current().name == "Drawing paper"
    child.clock.advance(1.5)
    assert scanner.current().name == "Colours"
    QTest.keyClick(QApplication.focusWidget() or studio, Qt.Key.Key_Space)  # into Colours
    assert scanner.path()[0] == "Colours"
    steps = scanner.steps
    child.clock.advance(3.49)  # pause 2 + scan time 1.5
    assert scanner.steps == steps
    child.clock.advance(0.02)
    assert scanner.steps == steps + 1
    s = Settings(scan_seconds=0.5, switches=1, scan_pause=0.0, scan_speak=False)
    scanner.configure(s)
    steps = scanner.steps
    child.clock.advance(1.0)
    assert scanner.steps >= steps + 1


def test_items_are_announced_and_said_when_asked(studio, scanning):
    """Said when the setting says so; a group is announced to screen readers, a control
    gets focus (the screen reader reads it then)."""
    scanner, child = scanning(switches=2, speak=True)
    said = []
    scanner.said.connect(said.append)
    child.next()
    assert said[-1] == "Drawing paper" and QApplication.focusWidget() is studio.canvas
    child.next()
    assert said[-1] == "Colours" and studio.announcement_log[-1] == "Colours"
    scanner.speak = False
    child.next()
    assert said[-1] == "Colours" and studio.announcement_log[-1] == "Play"


def box_colours_at(image, x, y, dx, dy, count):
    """The colours of ``count`` pixels from (x, y) going (dx, dy)."""
    return [image.pixelColor(x + i * dx, y + i * dy).name() for i in range(count)]


@pytest.mark.parametrize("theme_name", list(theme.THEMES))
def test_scan_box_is_thick_and_two_coloured_in_every_theme(qapp, studio, scanning,
                                                           theme_name):
    """Around the highlighted control: 4 px of black outside 4 px of yellow, on every
    side, whatever the theme's colours are; it follows the control when the window
    changes size."""
    theme.apply(qapp, theme_name, 1.0)
    try:
        scanner, child = scanning(switches=2)
        child.use("Pictures")
        child.reach("Add picture")
        for size in ((1280, 800), (1100, 760)):
            studio.resize(*size)
            qapp.processEvents()
            widget = scanner.current().widget
            r = QRect(widget.mapTo(studio, QPoint(0, 0)), widget.size())
            image = studio.grab().toImage()
            ring = [OUTER] * LINE + [INNER] * LINE
            mid_y, mid_x = r.center().y(), r.center().x()
            assert box_colours_at(image, r.left() - 2 * LINE, mid_y, 1, 0, 2 * LINE) == ring
            assert box_colours_at(image, r.right() + 2 * LINE, mid_y, -1, 0, 2 * LINE) == ring
            assert box_colours_at(image, mid_x, r.top() - 2 * LINE, 0, 1, 2 * LINE) == ring
            assert box_colours_at(image, mid_x, r.bottom() + 2 * LINE, 0, -1, 2 * LINE) == ring
        box = scanner.box
        assert box.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        assert box.focusPolicy() == Qt.FocusPolicy.NoFocus
    finally:
        theme.apply(qapp, "standard", 1.0)


def test_back_is_drawn_beside_the_group(studio, scanning, qapp):
    scanner, child = scanning(switches=2)
    child.use("Tools")
    child.reach("Back")
    qapp.processEvents()
    back = scanner.box.back_rect()
    assert not back.isEmpty()
    tools = QRect(studio.tools_panel.mapToGlobal(QPoint(0, 0)), studio.tools_panel.size())
    assert not back.intersects(tools)  # beside the group, not over it
    image = studio.grab().toImage()
    local = QRect(studio.mapFromGlobal(back.topLeft()), back.size())
    assert image.pixelColor(local.left() - LINE - 1, local.center().y()).name() == OUTER
    assert image.pixelColor(local.left() - 1, local.center().y()).name() == INNER
    child.choose()
    assert len(scanner.levels) == 1 and scanner.current().name == "Tools"


def test_a_dialog_is_scanned_and_the_studio_again_after_it(studio, scanning, qapp):
    """More colours opens a dialog: the scan goes into it (its controls, in groups), and
    back to the studio's regions when it closes."""
    from modal_answers import check, when_shown

    from kadr.ui.colour_dialog import ColourDialog

    scanner, child = scanning(switches=2)
    seen = []

    def in_dialog(dialog):
        qapp.processEvents()  # the box goes into the dialog as it opens
        assert scanner.root is dialog
        names = [i.name for i in scanner.levels[0].items]
        assert 1 < len(names) <= 6
        last = scanner.levels[0].items[-1]
        child.reach(last.name)
        while scanner.current().children is not None:
            child.choose()
            child.reach(scanner.levels[-1].items[-2].name)  # the last before Back
        child.choose()  # the dialog's last control: Cancel or Close
        assert not dialog.isVisible()

    when_shown(ColourDialog, in_dialog, seen)
    child.use("Colours", "More colours")
    check()
    assert seen
    qapp.processEvents()
    child.next()
    assert scanner.root is studio and len(scanner.levels) == 1


def test_scan_settings_are_checked_and_kept(tmp_path):
    path = tmp_path / "settings.json"
    chosen = Settings(switch_scan=True, switches=2, scan_seconds=0.5, scan_pause=2.0,
                      scan_speak=False, sweep_seconds=20.0)
    assert save_settings(chosen, path)
    assert load_settings(path) == chosen
    path.write_text('{"switches": 3, "scan_pause": 2.5, "sweep_seconds": 1, "scan_speak": 1}')
    odd = load_settings(path)
    assert (odd.switches, odd.scan_pause, odd.sweep_seconds, odd.scan_speak) == (1, 0.0, 8.0,
                                                                                  True)


def test_settings_dialog_scan_section(qtbot, qapp):
    """Off / one switch / two switches, scan time, pause, speaking, line time: named,
    described, big enough, and applied at once."""
    from kadr.ui.settings_dialog import SettingsDialog

    settings = Settings(language="en")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        names = {"set_scan_mode": "Switch scanning", "set_scan_seconds": "Scanning time",
                 "set_scan_pause": "Pause after a press", "set_scan_speak": "Say each button",
                 "set_sweep_seconds": "Pointing line time"}
        for object_name, word in names.items():
            w = dialog.findChild(QWidget, object_name)
            assert w is not None, object_name
            assert w.accessibleName() == word and w.accessibleDescription()
            assert w.height() >= 44 and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        assert [dialog.scan.itemText(i) for i in range(3)] == ["Off", "One switch",
                                                               "Two switches"]
        dialog.scan.setFocus()
        QTest.keyClick(dialog.scan, Qt.Key.Key_Down)
        QTest.keyClick(dialog.scan, Qt.Key.Key_Down)
        assert settings.switch_scan and settings.switches == 2
        dialog.scan_pause.setFocus()
        QTest.keyClick(dialog.scan_pause, Qt.Key.Key_PageUp)
        assert settings.scan_pause == 0.5
        QTest.keyClick(dialog.scan_speak, Qt.Key.Key_Space)
        assert settings.scan_speak is False
        dialog.sweep.setValue(40)
        assert settings.sweep_seconds == 4.0
    finally:
        dialog.reject()


def test_the_film_closing_under_the_pen_menu(qtbot, qapp, tmp_path):
    """The pen menu is open when the film is closed by the keyboard (Ctrl+W): the scan
    goes on over the gallery, with nothing left of the studio."""
    from helpers import film
    from kadr.core.library import Library
    from kadr.core.store import save_copy
    from kadr.ui.main_window import MainWindow

    library = Library(tmp_path / "library")
    library.root.mkdir(parents=True, exist_ok=True)
    path = library.root / "Dots.kadr"
    save_copy(film(2), path)
    window = MainWindow(Settings(language="en"), library)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert window.open_project(path)
    clock = FakeClock()
    scanner = Scanner(window, 1.5, switches=1, clock=clock)
    scanner.start()
    try:
        child = Child(scanner, clock, 1)
        child.use("Drawing paper", "Choose a point")
        assert scanner.pen is not None and scanner.pen.busy()
        QTest.keyClick(window.studio.canvas, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.studio is None)
        qapp.processEvents()
        clock.advance(5)  # the box moves on over the gallery
        assert scanner.root is window and scanner.levels[0].items
        assert all(i.name != "Drawing paper" for i in scanner.levels[0].items)
        child.choose()
    finally:
        scanner.stop()
        window.close()


def test_settings_turn_scanning_to_two_switches_and_off_by_switch(qtbot, qapp, tmp_path):
    """The main window scans when the settings say so, from its first screen. In
    Settings, chosen by switch: one switch (the box then moves by itself); then Off.
    Scanning follows each at once."""
    from modal_answers import check, when_shown

    from kadr.core.library import Library
    from kadr.ui.main_window import MainWindow
    from kadr.ui.settings_dialog import SettingsDialog

    settings = Settings(language="en", switch_scan=True, switches=2)
    window = MainWindow(settings, Library(tmp_path / "library"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qapp.processEvents()
    scanner = window.scanner
    assert scanner is not None and scanner.running and scanner.switches == 2
    assert scanner.levels[0].items and scanner.box.isVisible()
    child = Child(scanner, FakeClock(), 2)  # two switches: no clock is needed

    def in_settings(dialog):
        qapp.processEvents()
        assert scanner.root is dialog
        child.open_control(dialog.scan)
        child.use("One switch")
        assert settings.switches == 1 and scanner.switches == 1
        assert scanner.beat.is_active()  # now the box moves by itself
        dialog.scan.setCurrentIndex(0)  # a teacher turns it off (keyboard or mouse)
        assert not settings.switch_scan and window.scanner is None
        dialog.reject()

    when_shown(SettingsDialog, in_settings)
    child.press_control(window.gallery.buttons["settings"])
    check()
    assert window.scanner is None
    window.close()
