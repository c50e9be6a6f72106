"""What a screen reader sees of the studio, read over the real AT-SPI bus.

The studio runs in its own process on Xvfb (see bus.py); every look and every key goes
through tests/a11y/atspi_client.py on the system Python. The studio is opened on a film
of two blank pictures, so the canvas starts on "Picture 1 of 2".

The observations are made once, in a fixed order (tree, Tab walk, events, popup), so the
tests can run in any order and each one only judges what was seen.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.a11y_bus

# Roles (as AT-SPI names them) a child can operate: each needs a name and a 44 px target.
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "slider",
    "spin button", "list item", "canvas", "page tab", "text", "entry", "password text",
}
MIN_TARGET = 44  # WCAG 2.5.5 (AAA), in logical pixels at 100 %
CANVAS_ID = "canvas"


def where(n: dict) -> str:
    return f"{n['role']} {n['name']!r} id={n['id']!r} path={n['path']} extents={n['extents']}"


class Observations:
    """Runs each look at the app once, in the order that keeps them independent."""

    def __init__(self, app) -> None:
        self.app = app
        self._cache: dict[str, dict] = {}

    def _once(self, key: str, fn) -> dict:
        if key not in self._cache:
            try:
                self._cache[key] = {"result": fn()}
            except Exception as exc:  # noqa: BLE001 - every test of that stage reports it
                self._cache[key] = {"error": exc}
        entry = self._cache[key]
        if "error" in entry:
            raise entry["error"]
        return entry["result"]

    def tree(self) -> list[dict]:
        """The tree as the studio opens (first, before any key changes it)."""
        def read() -> list[dict]:
            r = self.app.client("tree")
            assert r.get("ok"), r
            return r["nodes"]
        return self._once("tree", read)

    def tab_walk(self) -> dict:
        self._safe_tree()

        def walk() -> dict:
            r = self.app.client("tab-walk", "--max-tabs", "120", timeout=300)
            assert r.get("ok"), r
            print("Tab order (control, name, visible part of it):\n  " + "\n  ".join(
                f"{o}  {n!r}  {v and v['fraction']}"
                for o, n, v in zip(r["order"], r["names"], r["shown"], strict=True)))
            return r
        return self._once("tab", walk)

    def page_turn(self) -> dict:
        """Focus the canvas with Tab, listen, press Right: picture 1 -> picture 2."""
        self._safe_tree()

        def turn() -> dict:
            f = self.app.client("focus", "--id", CANVAS_ID, "--max-tabs", "120", timeout=300)
            assert f.get("ok"), f"could not Tab to the canvas: {f}"
            r = self.app.client("events", "--id", CANVAS_ID, "--key", "Right",
                                "--expect", "Picture 2 of 2", "--wait", "15", timeout=120)
            assert r.get("ok"), r
            print("Events after Right:\n" + json.dumps(r["events"], indent=1))
            return r
        return self._once("turn", turn)

    def popup(self) -> dict:
        self._safe_tree()
        self._safe(self.page_turn)

        def open_it() -> dict:
            # how the film plays is chosen in Settings (Ctrl+,), from the studio
            f = self.app.client("focus", "--id", "set_play_mode", "--max-tabs", "40",
                                "--first-key", "ctrl+comma", timeout=300)
            assert f.get("ok"), f"could not Tab to the play mode box: {f}"
            r = self.app.client("popup", "--id", "set_play_mode", "--key", "alt+Down",
                                timeout=120)
            assert r.get("ok"), r
            return r
        return self._once("popup", open_it)

    def _safe_tree(self) -> None:
        self._safe(self.tree)

    @staticmethod
    def _safe(fn) -> None:
        try:
            fn()
        except Exception:  # noqa: BLE001 - reported by that stage's own tests
            pass


@pytest.fixture(scope="module")
def seen(a11y_session) -> Observations:
    return Observations(a11y_session)


def on_screen_controls(nodes: list[dict]) -> list[dict]:
    return [n for n in nodes if n["role"] in INTERACTIVE and n["on_screen"]]


# -- (1) the tree -------------------------------------------------------------------------
def test_the_studio_is_on_the_bus(seen):
    controls = on_screen_controls(seen.tree())
    assert len(controls) >= 20, f"only {len(controls)} controls: the tree was not read"
    frames = [n for n in seen.tree() if n["role"] == "frame"]
    assert any("Test film" in n["name"] for n in frames), [n["name"] for n in frames]


def test_every_control_has_a_name(seen):
    unnamed = [where(n) for n in on_screen_controls(seen.tree()) if not n["name"].strip()]
    assert not unnamed, "controls a screen reader reads without a name (WCAG 4.1.2):\n" + \
        "\n".join(unnamed)


def test_every_control_is_at_least_44_px(seen):
    small = [where(n) for n in on_screen_controls(seen.tree())
             if n["extents"] and min(n["extents"][2:]) < MIN_TARGET]
    assert not small, f"targets smaller than {MIN_TARGET}x{MIN_TARGET} (WCAG 2.5.5):\n" + \
        "\n".join(small)


def test_the_canvas_is_a_named_described_canvas(seen):
    canvases = [n for n in seen.tree() if n["id"].split(".")[-1] == CANVAS_ID]
    assert len(canvases) == 1, [where(n) for n in canvases]
    canvas = canvases[0]
    assert canvas["role"] == "canvas", where(canvas)
    assert canvas["on_screen"], where(canvas)
    assert "focusable" in canvas["states"], canvas["states"]
    assert canvas["name"].strip(), where(canvas)
    assert "Picture 1 of 2" in canvas["description"], canvas["description"]


# -- (2) the keyboard: Tab with real key events ----------------------------------------------
def test_tab_cycles_back_without_a_trap(seen):
    walk = seen.tab_walk()
    order = walk["order"]
    lost = [i for i, o in enumerate(order) if o is None]
    assert not lost, f"Tab press(es) {lost} left no control with the focus: {order}"
    assert walk["cycled"], "focus never came back to where it started (a trap, WCAG " \
        f"2.1.2) after {len(order) - 1} Tabs:\n" + "\n".join(map(str, order))
    assert len(set(order)) > 10, order


def test_the_focused_control_can_be_seen(seen):
    """WCAG 2.4.11/2.4.12: a control that gets the focus is scrolled into view, not left
    under a scroll area's edge or off the screen (the tools and bars scroll)."""
    walk = seen.tab_walk()
    hidden = []
    for stop, name, part in zip(walk["order"], walk["names"], walk["shown"], strict=True):
        if part is None or part["fraction"] < 1.0:
            hidden.append(f"{stop} {name!r}: extents {part and part['extents']}, visible "
                          f"{part and part['visible']} ({part and part['fraction']:.0%})"
                          if part else f"{stop} {name!r}: no extents")
    assert not hidden, (f"focused controls not fully visible on the {walk['screen']} screen "
                        "(WCAG 2.4.11, 2.4.12):\n" + "\n".join(hidden))


def test_tab_reaches_every_control(seen):
    """Every focusable control is a Tab stop. The one allowed exception is the radio group
    pattern: Tab reaches the group, arrows move inside it, and the members say so by
    being radio buttons."""
    walk = seen.tab_walk()
    reached = {o for o in walk["order"] if o}
    reached_parents = {f["parent"] for f in walk["focusable"] if f["ident"] in reached}
    missing = []
    for f in walk["focusable"]:
        if f["ident"] in reached:
            continue
        if f["role"] == "radio button" and f["parent"] in reached_parents:
            continue
        missing.append(f"{f['role']} {f['name']!r} {f['ident']}")
    assert not missing, (
        f"{len(missing)} focusable control(s) Tab never reaches (WCAG 2.1.1, 2.4.3) in "
        f"{len(walk['order']) - 1} Tabs:\n" + "\n".join(missing))


# -- (3) events: a page turn is told once and the canvas describes the new picture ----------
def test_right_on_the_canvas_tells_the_next_picture(seen):
    """WCAG 4.1.3 on Linux: the message is in front of the focused canvas's description,
    which every Orca reads (docs/decisions/0007)."""
    turn = seen.page_turn()
    told = [e for e in turn["events"] if e.get("source") == turn["target"]
            and e["type"] == "object:property-change:accessible-description"
            and str(e["any_data"]).startswith("Picture 2 of 2")]
    assert told, ("'Picture 2 of 2' never led the canvas's description; all events: "
                  f"{turn['events']}")


def test_the_canvas_description_follows_the_picture(seen):
    turn = seen.page_turn()
    assert "Picture 1 of 2" in (turn["before"]["description"] or ""), turn["before"]
    assert "Picture 2 of 2" in (turn["after"]["description"] or ""), turn["after"]
    changed = [e for e in turn["events"] if e.get("source") == turn["target"]
               and e["type"] in ("object:property-change:accessible-description",
                                 "object:property-change:accessible-name")]
    assert changed, f"the canvas sent no description/name change event: {turn['events']}"
    assert any("Picture 2 of 2" in str(e["any_data"]) for e in changed), changed
    assert turn["after"]["focused"], "the focus left the canvas when the picture changed"


def test_a_page_turn_is_not_also_announced(seen):
    """An announcement event as well would be said twice by newer Orca, which speaks both."""
    turn = seen.page_turn()
    said = [e["any_data"] for e in turn["events"]
            if e["type"].startswith("object:announcement")
            and "Picture 2 of 2" in str(e["any_data"])]
    assert not said, f"'Picture 2 of 2' was also announced: {said}"


# -- a popup's targets: the play-mode list when it is open -------------------------------------
def test_the_open_play_mode_list_has_44_px_items(seen):
    popup = seen.popup()
    assert popup["opened"], f"Alt+Down did not open the play mode list: {popup}"
    assert popup["closed"], "Escape did not close the play mode list"
    small = [where(n) for n in popup["items"] if min(n["extents"][2:]) < MIN_TARGET]
    assert not small, f"items of the open list smaller than {MIN_TARGET} px (WCAG 2.5.5):\n" + \
        "\n".join(small)
    unnamed = [where(n) for n in popup["items"] if not n["name"].strip()]
    assert not unnamed, unnamed
