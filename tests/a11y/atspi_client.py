#!/usr/bin/python3
"""An AT-SPI client for the a11y bus tests: reads the app as a screen reader does.

Runs with the SYSTEM Python (``/usr/bin/python3``): Debian's python3-pyatspi is built
for it and is not on PyPI. The pytest process (the project's venv) starts it as a
subprocess with DISPLAY and DBUS_SESSION_BUS_ADDRESS pointing at the private session
made by tests/a11y/bus.py; it never imports Qt.

    atspi_client.py probe
    atspi_client.py wait-app  --app kadr [--timeout S] [--pid PID]
    atspi_client.py tree      --app kadr
    atspi_client.py tab-walk  --app kadr [--max-tabs N] [--pid PID]
    atspi_client.py focus     --app kadr --id ACCESSIBLE_ID [--max-tabs N] [--pid PID]
    atspi_client.py events    --app kadr --key KEY --expect TEXT [--id ID] [--pid PID]
    atspi_client.py popup     --app kadr --id ACCESSIBLE_ID [--key alt+Down] [--pid PID]

Every command prints ONE line of JSON on stdout (the last line); diagnostics go to
stderr. The exit status is 0 when the command could do its work (the tests judge the
result), 2 when the app is not on the bus, 3 when pyatspi is missing.

Keys are real X key events (XTest, through ``xdotool``), sent to the app's window after
giving it the X input focus (Xvfb has no window manager to do that).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

try:
    import pyatspi
    from gi.repository import GLib
except Exception as exc:  # noqa: BLE001 - report any import problem the same way
    print(json.dumps({"ok": False, "error": f"pyatspi is not available: {exc!r}"}))
    sys.exit(3)

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON: "push button",
    pyatspi.ROLE_TOGGLE_BUTTON: "toggle button",
    pyatspi.ROLE_CHECK_BOX: "check box",
    pyatspi.ROLE_RADIO_BUTTON: "radio button",
    pyatspi.ROLE_COMBO_BOX: "combo box",
    pyatspi.ROLE_SLIDER: "slider",
    pyatspi.ROLE_SPIN_BUTTON: "spin button",
    pyatspi.ROLE_LIST_ITEM: "list item",
    pyatspi.ROLE_CANVAS: "canvas",
    pyatspi.ROLE_PAGE_TAB: "page tab",
    pyatspi.ROLE_TEXT: "text",
    pyatspi.ROLE_ENTRY: "entry",
    pyatspi.ROLE_PASSWORD_TEXT: "password text",
    pyatspi.ROLE_MENU_ITEM: "menu item",
    pyatspi.ROLE_LINK: "link",
    pyatspi.ROLE_TABLE_CELL: "table cell",
}
# What Tab should reach: the controls themselves (a list takes focus as a whole; Qt
# then reports its current item as focused).
TAB_STOPS = set(INTERACTIVE) - {pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL,
                                pyatspi.ROLE_MENU_ITEM} | {pyatspi.ROLE_LIST}
FOCUS_EVENTS = ("object:state-changed:focused", "focus:")
CHANGE_EVENTS = (
    "object:announcement",
    "object:property-change:accessible-description",
    "object:property-change:accessible-name",
)


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def emit(result: dict) -> None:
    print(json.dumps(result, ensure_ascii=False), flush=True)


# -- the main loop: AT-SPI events arrive through GLib's default context --------------------
def pump(seconds: float, until=None) -> bool:
    """Dispatch events for ``seconds`` or until ``until()`` is true (then True)."""
    ctx = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while ctx.pending():
            ctx.iteration(False)
        if until is not None and until():
            return True
        time.sleep(0.02)
    while ctx.pending():
        ctx.iteration(False)
    return bool(until and until())


# -- reading the tree --------------------------------------------------------------
def find_app(name: str, timeout: float):
    end = time.monotonic() + timeout
    while True:
        try:
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop.getChildAtIndex(i)
                try:
                    if app is not None and (app.name or "").lower() == name.lower():
                        return app
                except Exception:  # noqa: BLE001 - an app leaving the bus
                    pass
        except Exception as exc:  # noqa: BLE001 - registry not up yet
            log("desktop not readable yet:", exc)
        if time.monotonic() > end:
            return None
        time.sleep(0.3)


def states_of(acc) -> list[str]:
    try:
        return sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())
    except Exception:  # noqa: BLE001
        return []


def accessible_id(acc) -> str:
    try:
        return acc.get_accessible_id() or ""
    except Exception:  # noqa: BLE001
        return ""


def path_of(acc) -> str:
    parts, node = [], acc
    for _ in range(64):
        if node is None:
            break
        try:
            if node.getRole() == pyatspi.ROLE_APPLICATION:
                break
            parts.append(str(node.getIndexInParent()))
            node = node.parent
        except Exception:  # noqa: BLE001
            break
    return "/".join(reversed(parts))


def extents_of(acc):
    try:
        e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return [e.x, e.y, e.width, e.height]
    except Exception:  # noqa: BLE001 - no Component interface
        return None


def describe(acc, on_screen: bool, index: int) -> dict:
    role = acc.getRole()
    node = {
        "path": path_of(acc),
        "index": index,
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "id": accessible_id(acc),
        "states": states_of(acc),
        "extents": extents_of(acc),
        "interactive": role in INTERACTIVE,
        "tab_stop": role in TAB_STOPS,
        "on_screen": on_screen,
    }
    try:
        v = acc.queryValue()
        node["value"] = [v.minimumValue, v.currentValue, v.maximumValue]
    except Exception:  # noqa: BLE001
        pass
    return node


def walk(app) -> list[dict]:
    """Every node, depth first. on_screen: it and all its ancestors are showing (a closed
    combo box's popup list reports its items as showing inside a hidden list)."""
    out: list[dict] = []

    def visit(acc, parent_on_screen: bool, depth: int) -> None:
        if depth > 60:
            return
        st = states_of(acc)
        on = parent_on_screen and "showing" in st and "visible" in st
        node = describe(acc, on, len(out))
        node["depth"] = depth
        out.append(node)
        for i in range(acc.childCount):
            try:
                child = acc.getChildAtIndex(i)
            except Exception:  # noqa: BLE001
                child = None
            if child is not None:
                visit(child, on, depth + 1)

    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None:
            visit(child, True, 0)
    return out


def find_by_id(app, wanted: str):
    stack = [app]
    while stack:
        acc = stack.pop()
        if accessible_id(acc) == wanted or accessible_id(acc).endswith("." + wanted):
            return acc
        for i in range(acc.childCount):
            child = acc.getChildAtIndex(i)
            if child is not None:
                stack.append(child)
    return None


def ident(acc) -> str:
    """A stable name for a control: role#accessible-id (list items add their index)."""
    try:
        role = acc.getRoleName()
        aid = accessible_id(acc)
        if acc.getRole() in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL):
            return f"{role}#{aid}[{acc.getIndexInParent()}]"
        return f"{role}#{aid}" if aid else f"{role}@{path_of(acc)}"
    except Exception as exc:  # noqa: BLE001 - the object went away
        return f"<gone {exc.__class__.__name__}>"


def visible_part(acc, screen: tuple[int, int]) -> dict:
    """The control's rectangle, clipped by every ancestor (a scroll area's viewport, the
    window) and by the screen: how much of it a sighted keyboard user can see."""
    rect = extents_of(acc)
    if not rect or rect[2] <= 0 or rect[3] <= 0:
        return {"extents": rect, "visible": None, "fraction": 0.0}
    x1, y1, x2, y2 = rect[0], rect[1], rect[0] + rect[2], rect[1] + rect[3]
    clip = [0, 0, screen[0], screen[1]]
    node = acc.parent
    for _ in range(64):
        if node is None or node.getRole() == pyatspi.ROLE_APPLICATION:
            break
        e = extents_of(node)
        if e and e[2] > 0 and e[3] > 0:
            clip = [max(clip[0], e[0]), max(clip[1], e[1]),
                    min(clip[2], e[0] + e[2]), min(clip[3], e[1] + e[3])]
        node = node.parent
    vx1, vy1 = max(x1, clip[0]), max(y1, clip[1])
    vx2, vy2 = min(x2, clip[2]), min(y2, clip[3])
    w, h = max(0, vx2 - vx1), max(0, vy2 - vy1)
    return {"extents": rect, "visible": [vx1, vy1, w, h],
            "fraction": round(w * h / (rect[2] * rect[3]), 3)}


def screen_size() -> tuple[int, int]:
    try:
        r = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, text=True,
                           timeout=10)
        w, h = r.stdout.split()
        return int(w), int(h)
    except Exception:  # noqa: BLE001
        return 100000, 100000


def tab_stop_of(acc):
    """The control Tab moved to: a focused list item stands for its list."""
    try:
        if acc.getRole() in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL):
            parent = acc.parent
            if parent is not None:
                return parent
    except Exception:  # noqa: BLE001
        pass
    return acc


# -- keys -------------------------------------------------------------------------------
def app_windows(pid: int | None) -> list[str]:
    if pid is None:
        return []
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                       capture_output=True, text=True, timeout=10)
    return r.stdout.split()


def give_keyboard_to_app(pid: int | None) -> None:
    """No window manager on Xvfb: put the X input focus on the app's window ourselves."""
    for wid in app_windows(pid)[:1]:
        subprocess.run(["xdotool", "windowfocus", "--sync", wid],
                       capture_output=True, text=True, timeout=10)


def press(key: str) -> None:
    subprocess.run(["xdotool", "key", "--clearmodifiers", key], check=True,
                   capture_output=True, text=True, timeout=10)


class Recorder:
    """Collects events of the app (by pid when known, else by application name)."""

    def __init__(self, app_name: str, types: tuple[str, ...]) -> None:
        self.app_name = app_name.lower()
        self.types = types
        self.events: list[dict] = []
        self.focus: list = []  # sources that gained focus, in order

    def __call__(self, ev) -> None:
        try:
            host = ev.host_application
            if host is not None and (host.name or "").lower() != self.app_name:
                return
        except Exception:  # noqa: BLE001
            pass
        src = ev.source
        rec = {"t": round(time.monotonic(), 3), "type": ev.type, "detail1": ev.detail1,
               "any_data": ev.any_data if isinstance(ev.any_data, (str, int, float))
               else str(ev.any_data)}
        try:
            rec["source"] = ident(src)
            rec["source_role"] = src.getRoleName()
            rec["source_name"] = src.name or ""
        except Exception as exc:  # noqa: BLE001 - the source vanished
            rec["source"] = f"<gone {exc.__class__.__name__}>"
        self.events.append(rec)
        if (ev.type.startswith("object:state-changed:focused") and ev.detail1 == 1) or \
                ev.type.startswith("focus"):
            self.focus.append(src)

    def start(self) -> None:
        pyatspi.Registry.registerEventListener(self, *self.types)
        # Qt only sends an event type once it has seen a listener registered for it:
        # give that news time to reach the app before anything changes.
        pump(1.5)

    def stop(self) -> None:
        try:
            pyatspi.Registry.deregisterEventListener(self, *self.types)
        except Exception:  # noqa: BLE001
            pass


def focused_now(app):
    """The focused control by state (fallback when no focus event came): the deepest
    focused node that is not a list item of an unfocused list (Qt marks a list's current
    item focused even when the list does not have the focus)."""
    best = None
    for acc in iter_nodes(app):
        st = acc.getState()
        if not st.contains(pyatspi.STATE_FOCUSED):
            continue
        if acc.getRole() in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL):
            parent = acc.parent
            if parent is None or not parent.getState().contains(pyatspi.STATE_FOCUSED):
                continue
        best = acc
    return best


def iter_nodes(acc, depth: int = 0):
    yield acc
    if depth > 60:
        return
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is not None:
            yield from iter_nodes(child, depth + 1)


def current_focus(app, rec: Recorder, seen_before: int):
    if len(rec.focus) > seen_before:
        return rec.focus[-1]
    return focused_now(app)


# -- commands ---------------------------------------------------------------------------
def cmd_probe(_args) -> int:
    desktop = pyatspi.Registry.getDesktop(0)
    names = []
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        names.append(a.name if a is not None else None)
    emit({"ok": True, "apps": names})
    return 0


def cmd_wait_app(args) -> int:
    """Wait until the app is on the bus and its studio shows a canvas."""
    end = time.monotonic() + args.timeout
    app = find_app(args.app, args.timeout)
    while app is not None and time.monotonic() < end:
        try:
            for acc in iter_nodes(app):
                if acc.getRole() == pyatspi.ROLE_CANVAS and \
                        acc.getState().contains(pyatspi.STATE_SHOWING):
                    give_keyboard_to_app(args.pid)
                    emit({"ok": True, "canvas": ident(acc), "name": acc.name,
                          "windows": app_windows(args.pid)})
                    return 0
        except Exception as exc:  # noqa: BLE001 - the tree is still being built
            log("tree not ready:", exc)
        time.sleep(0.5)
    emit({"ok": False, "error": f"{args.app!r} did not show a canvas in {args.timeout}s",
          "on_bus": app is not None})
    return 2


def cmd_tree(args) -> int:
    app = find_app(args.app, args.timeout)
    if app is None:
        emit({"ok": False, "error": f"{args.app!r} is not on the accessibility bus"})
        return 2
    emit({"ok": True, "nodes": walk(app)})
    return 0


def cmd_tab_walk(args) -> int:
    """Press Tab until focus comes back to where it started (or max-tabs)."""
    app = find_app(args.app, args.timeout)
    if app is None:
        emit({"ok": False, "error": f"{args.app!r} is not on the accessibility bus"})
        return 2
    nodes = walk(app)
    focusable = [
        {"ident": f"{n['role']}#{n['id']}" if n["id"] else f"{n['role']}@{n['path']}",
         "role": n["role"], "name": n["name"], "parent": n["path"].rpartition("/")[0],
         "states": n["states"]}
        for n in nodes
        if n["tab_stop"] and n["on_screen"] and "focusable" in n["states"]
        and "enabled" in n["states"]]
    want = sorted({f["ident"] for f in focusable})
    rec = Recorder(args.app, FOCUS_EVENTS)
    rec.start()
    give_keyboard_to_app(args.pid)
    pump(0.3)
    start = focused_now(app)
    order = [ident(tab_stop_of(start)) if start is not None else None]
    names = [start.name if start is not None else None]
    cycled = False
    screen = screen_size()
    shown = [visible_part(start, screen) if start is not None else None]
    for _ in range(args.max_tabs):
        before = len(rec.focus)
        press("Tab")
        pump(args.settle, until=lambda b=before: len(rec.focus) > b)
        pump(0.1)  # a list sends the list's and then its item's focus
        now = current_focus(app, rec, before)
        stop = tab_stop_of(now) if now is not None else None
        order.append(ident(stop) if stop is not None else None)
        names.append(stop.name if stop is not None else None)
        shown.append(visible_part(now, screen) if now is not None else None)
        log("Tab ->", order[-1], repr(names[-1]))
        if order[0] is not None and len(order) > 2 and order[-1] == order[0]:
            cycled = True
            break
        if order[0] is None and order[-1] is not None and order.count(order[-1]) > 1:
            cycled = True  # started with no focus: the ring closed on its first stop
            break
    rec.stop()
    reached = {o for o in order if o}
    emit({"ok": True, "order": order, "names": names, "shown": shown, "screen": screen,
          "cycled": cycled,
          "focusable": focusable, "missing": sorted(set(want) - reached),
          "focus_events": len(rec.focus)})
    return 0


def cmd_focus(args) -> int:
    """Tab (real keys) until the control with accessible id ``--id`` has the focus."""
    app = find_app(args.app, args.timeout)
    if app is None:
        emit({"ok": False, "error": f"{args.app!r} is not on the accessibility bus"})
        return 2
    rec = Recorder(args.app, FOCUS_EVENTS)
    rec.start()
    give_keyboard_to_app(args.pid)
    if args.first_key:  # e.g. a shortcut that opens the window the control is in
        press(args.first_key)
        pump(args.settle * 2, until=lambda: bool(rec.focus))
    seen = []
    for _ in range(args.max_tabs + 1):
        now = focused_now(app) if not rec.focus else rec.focus[-1]
        if now is not None and accessible_id(now).endswith(args.id) and \
                now.getState().contains(pyatspi.STATE_FOCUSED):
            rec.stop()
            emit({"ok": True, "focused": ident(now), "tabs": len(seen)})
            return 0
        before = len(rec.focus)
        press("Tab")
        pump(args.settle, until=lambda b=before: len(rec.focus) > b)
        seen.append(ident(rec.focus[-1]) if len(rec.focus) > before else None)
    rec.stop()
    emit({"ok": False, "error": f"Tab never reached {args.id!r}", "seen": seen})
    return 0


def cmd_events(args) -> int:
    """Listen first, then press ``--key``; report what the app announced and changed."""
    app = find_app(args.app, args.timeout)
    if app is None:
        emit({"ok": False, "error": f"{args.app!r} is not on the accessibility bus"})
        return 2
    target = find_by_id(app, args.id)
    if target is None:
        emit({"ok": False, "error": f"no object with accessible id {args.id!r}"})
        return 0
    before = {"name": target.name, "description": target.description,
              "focused": target.getState().contains(pyatspi.STATE_FOCUSED)}
    rec = Recorder(args.app, CHANGE_EVENTS + FOCUS_EVENTS)
    rec.start()
    give_keyboard_to_app(args.pid)
    pump(0.2)
    t0 = time.monotonic()
    rec.events.clear()
    press(args.key)
    target_id = ident(target)

    def done() -> bool:  # told: in the target's description (Linux) or announced
        return any((e["type"].startswith("object:announcement")
                    or (e["type"].endswith("accessible-description")
                        and e.get("source") == target_id))
                   and args.expect in str(e["any_data"]) for e in rec.events)

    pump(args.wait, until=done)
    pump(0.5)  # late stragglers, for the report
    after = {"name": target.name, "description": target.description,
             "focused": target.getState().contains(pyatspi.STATE_FOCUSED)}
    rec.stop()
    emit({"ok": True, "key": args.key, "target": target_id, "before": before,
          "after": after, "events": rec.events, "pressed_at": round(t0, 3)})
    return 0


def cmd_popup(args) -> int:
    """Open the popup of the focused control ``--id`` with ``--key`` (a combo box's list),
    read the items that show, then close it with Escape."""
    app = find_app(args.app, args.timeout)
    if app is None:
        emit({"ok": False, "error": f"{args.app!r} is not on the accessibility bus"})
        return 2
    target = find_by_id(app, args.id)
    if target is None:
        emit({"ok": False, "error": f"no object with accessible id {args.id!r}"})
        return 0
    if not target.getState().contains(pyatspi.STATE_FOCUSED):
        emit({"ok": False, "error": f"{args.id!r} does not have the focus"})
        return 0
    # the control has the focus already (perhaps in a dialog): moving the X input focus to
    # the app's first window would take it away
    press(args.key)
    items: list[dict] = []

    def shown() -> bool:
        items[:] = [n for n in walk(app) if n["on_screen"] and n["role"] == "list item"
                    and args.id in n["id"].split(".")]
        return bool(items)

    opened = pump(args.wait, until=shown)
    seen = list(items)
    press("Escape")
    closed = pump(args.wait, until=lambda: not shown())
    emit({"ok": True, "opened": opened, "closed": closed, "items": seen,
          "focused_after": target.getState().contains(pyatspi.STATE_FOCUSED)})
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--app", default="kadr")
        p.add_argument("--timeout", type=float, default=30.0)
        p.add_argument("--pid", type=int)
        p.add_argument("--settle", type=float, default=1.0,
                       help="seconds to wait for the focus event after each key")
        return p

    sub.add_parser("probe").set_defaults(fn=cmd_probe)
    common(sub.add_parser("wait-app")).set_defaults(fn=cmd_wait_app)
    common(sub.add_parser("tree")).set_defaults(fn=cmd_tree)
    p = common(sub.add_parser("tab-walk"))
    p.add_argument("--max-tabs", type=int, default=100)
    p.set_defaults(fn=cmd_tab_walk)
    p = common(sub.add_parser("focus"))
    p.add_argument("--id", required=True)
    p.add_argument("--max-tabs", type=int, default=100)
    p.add_argument("--first-key", default="", help="a key to press before tabbing")
    p.set_defaults(fn=cmd_focus)
    p = common(sub.add_parser("events"))
    p.add_argument("--id", default="canvas")
    p.add_argument("--key", required=True)
    p.add_argument("--expect", required=True)
    p.add_argument("--wait", type=float, default=10.0)
    p.set_defaults(fn=cmd_events)
    p = common(sub.add_parser("popup"))
    p.add_argument("--id", required=True)
    p.add_argument("--key", default="alt+Down")
    p.add_argument("--wait", type=float, default=5.0)
    p.set_defaults(fn=cmd_popup)
    args = ap.parse_args()
    try:
        return args.fn(args)
    except Exception as exc:  # noqa: BLE001 - always answer with JSON
        import traceback

        traceback.print_exc()
        emit({"ok": False, "error": f"{exc.__class__.__name__}: {exc}"})
        return 1


if __name__ == "__main__":
    sys.exit(main())
