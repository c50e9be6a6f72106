"""The a11y bus harness: Kadr on a virtual screen, read over the real AT-SPI bus.

What a screen reader (Orca) sees is what Qt sends over AT-SPI on the xcb platform; the
offscreen platform exposes nothing. So the session fixture starts, all private to the
test run and all torn down at the end:

1. a D-Bus session bus (``dbus-daemon --session --nofork``), whose address is given to
   everything below through DBUS_SESSION_BUS_ADDRESS;
2. an Xvfb screen of 1366x768x24 on a free display (``-displayfd`` lets Xvfb pick one, so
   parallel runs never collide);
3. ``at-spi-bus-launcher --launch-immediately`` (nothing else starts the accessibility
   bus), waited for until ``org.a11y.Bus`` answers GetAddress and the AT-SPI registry
   answers the client;
4. the studio itself: ``python -m kadr FILM.kadr --no-speech`` on the xcb platform with
   QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, a private KADR_CONFIG (language chosen, so no
   first-start dialog) and KADR_LIBRARY, on a two-picture film made by the core.

The tests then run ``/usr/bin/python3 tests/a11y/atspi_client.py COMMAND`` (the system
Python, for Debian's python3-pyatspi), which prints JSON. Everything is a subprocess
with a timeout: the pytest process never waits on Qt.

When a piece is missing the tests skip with the reason, except under CI (CI=true),
where they fail: a missing package must never pass silently.

Environment knobs: KADR_A11Y_PYTHON (the client's Python, default /usr/bin/python3),
KADR_A11Y_START_TIMEOUT (seconds for the studio to appear, default 90), KADR_A11Y_KEEP=1
(keep the work folder with kadr.log, xvfb.log, dbus.log after the run).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CLIENT = HERE / "atspi_client.py"
APP_NAME = "kadr"  # QApplication.applicationName()
SCREEN = "1366x768x24"
SYSTEM_PYTHON = os.environ.get("KADR_A11Y_PYTHON", "/usr/bin/python3")
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher",
                 "/usr/lib/at-spi2/at-spi-bus-launcher")
APP_START_TIMEOUT = float(os.environ.get("KADR_A11Y_START_TIMEOUT", "90"))


class BusUnavailable(RuntimeError):
    """A tool or package the bus tests need is missing (skip locally, fail in CI)."""


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def bus_launcher() -> str | None:
    return next((p for p in BUS_LAUNCHERS if os.access(p, os.X_OK)), None)


def missing_prerequisites() -> list[str]:
    """Every missing piece, in words (Debian package names in brackets)."""
    missing = []
    for exe, package in (("Xvfb", "xvfb"), ("dbus-daemon", "dbus"), ("dbus-send", "dbus"),
                         ("xdotool", "xdotool")):
        if shutil.which(exe) is None:
            missing.append(f"{exe} ({package})")
    if bus_launcher() is None:
        missing.append("at-spi-bus-launcher (at-spi2-core)")
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        missing.append(f"{SYSTEM_PYTHON} (python3)")
    else:
        try:
            r = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True,
                               text=True, timeout=30)
            if r.returncode != 0:
                last = (r.stderr.strip().splitlines() or ["import failed"])[-1]
                missing.append(f"pyatspi for {SYSTEM_PYTHON} (python3-pyatspi): {last}")
        except (OSError, subprocess.TimeoutExpired) as exc:
            missing.append(f"pyatspi for {SYSTEM_PYTHON} (python3-pyatspi): {exc}")
    return missing


# -- processes ------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def descendants(pid: int) -> list[int]:
    """pid's children, grandchildren... (a bus daemon's activated services, say)."""
    kids, out, todo = _children(), [], [pid]
    while todo:
        for child in kids.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def stop_process(proc: subprocess.Popen | None, grace: float = 5.0) -> None:
    """End a process we started, its process group and every descendant of it."""
    if proc is None:
        return
    family = descendants(proc.pid)
    groups = {proc.pid}  # started with start_new_session: its own process group
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pgid in groups:
            try:
                os.killpg(pgid, sig)
            except (ProcessLookupError, PermissionError):
                pass
        for pid in family:
            try:
                os.kill(pid, sig)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            proc.wait(timeout=grace)
            break
        except subprocess.TimeoutExpired:
            continue
    for stream in (proc.stdout, proc.stderr, proc.stdin):
        if stream is not None:
            stream.close()


def _read_line(fd: int, timeout: float, what: str) -> str:
    """One line from a pipe, waiting at most ``timeout`` seconds."""
    data = b""
    end = time.monotonic() + timeout
    while b"\n" not in data:
        left = end - time.monotonic()
        if left <= 0:
            raise BusUnavailable(f"{what} did not answer within {timeout:.0f} s")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                raise BusUnavailable(f"{what} exited before it was ready")
            data += chunk
    return data.split(b"\n", 1)[0].decode().strip()


def _clean_env() -> dict[str, str]:
    """The caller's environment without anything pointing at another desktop session."""
    env = dict(os.environ)
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS",
                "QT_QPA_PLATFORM", "XAUTHORITY", "SESSION_MANAGER", "QT_ACCESSIBILITY",
                "QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "NO_AT_BRIDGE"):
        env.pop(key, None)
    return env


class A11yBus:
    """A private D-Bus session, an Xvfb screen and the AT-SPI bus on them."""

    def __init__(self, workdir: Path, window_manager: bool = False) -> None:
        self.workdir = workdir
        self.window_manager = window_manager  # openbox: dialogs get focus as on a desktop
        self.dbus: subprocess.Popen | None = None
        self.xvfb: subprocess.Popen | None = None
        self.launcher: subprocess.Popen | None = None
        self.wm: subprocess.Popen | None = None
        self.address = ""
        self.display = ""
        self._logs: list = []

    def _log(self, name: str):
        f = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(f)
        return f

    @property
    def env(self) -> dict[str, str]:
        env = _clean_env()
        env.update(DISPLAY=self.display, DBUS_SESSION_BUS_ADDRESS=self.address,
                   XDG_RUNTIME_DIR=str(self.workdir / "runtime"))
        return env

    def start(self) -> None:
        (self.workdir / "runtime").mkdir(mode=0o700, exist_ok=True)
        # 1. the session bus
        self.dbus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=self._log("dbus"), start_new_session=True,
            env=_clean_env())
        self.address = _read_line(self.dbus.stdout.fileno(), 20, "dbus-daemon")
        if not self.address:
            raise BusUnavailable("dbus-daemon printed no address")
        # 2. the screen: Xvfb writes the display number it chose to our pipe
        read_fd, write_fd = os.pipe()
        try:
            self.xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp",
                 "-noreset"],
                pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=self._log("xvfb"),
                start_new_session=True, env=_clean_env())
            os.close(write_fd)
            write_fd = -1
            number = _read_line(read_fd, 30, "Xvfb")
        finally:
            if write_fd >= 0:
                os.close(write_fd)
            os.close(read_fd)
        self.display = f":{number}"
        if self.window_manager:
            if shutil.which("openbox") is None:
                raise BusUnavailable("openbox is not installed (Debian: openbox)")
            self.wm = subprocess.Popen(["openbox", "--sm-disable"], stdout=self._log("openbox"),
                                       stderr=subprocess.STDOUT, start_new_session=True,
                                       env=self.env)
        # 3. the accessibility bus
        self.launcher = subprocess.Popen(
            [bus_launcher() or "at-spi-bus-launcher", "--launch-immediately"],
            stdout=self._log("at-spi-bus-launcher"), stderr=subprocess.STDOUT,
            start_new_session=True, env=self.env)
        self._wait_for_a11y_bus(30)
        probe = self.client("probe", timeout=60)
        if not probe.get("ok"):
            raise BusUnavailable(f"the AT-SPI registry does not answer: {probe}")

    def _dbus_send(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["dbus-send", "--session", "--print-reply", *args],
                              capture_output=True, text=True, timeout=10, env=self.env)

    def _wait_for_a11y_bus(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        last = ""
        while time.monotonic() < end:
            if self.launcher is not None and self.launcher.poll() is not None:
                raise BusUnavailable(f"at-spi-bus-launcher exited ({self.launcher.returncode})")
            # ask whether our launcher owns the name first: GetAddress alone would make
            # the bus daemon activate a second launcher
            owner = self._dbus_send("--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                                    "org.freedesktop.DBus.NameHasOwner", "string:org.a11y.Bus")
            if "boolean true" in owner.stdout:
                r = self._dbus_send("--dest=org.a11y.Bus", "/org/a11y/bus",
                                    "org.a11y.Bus.GetAddress")
                if r.returncode == 0 and "unix:" in r.stdout:
                    return
                last = r.stderr.strip()
            time.sleep(0.1)
        raise BusUnavailable(f"org.a11y.Bus did not answer in {timeout:.0f} s: {last}")

    def client(self, command: str, *args: str, timeout: float = 60.0,
               watch: subprocess.Popen | None = None) -> dict:
        """Run the AT-SPI client; its JSON answer. ``watch``: give up if that process dies."""
        cmd = [SYSTEM_PYTHON, str(CLIENT), command, *args]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env, start_new_session=True)
        end = time.monotonic() + timeout
        try:
            while proc.poll() is None:
                if watch is not None and watch.poll() is not None:
                    raise AssertionError(f"the app exited ({watch.returncode}) while "
                                         f"{command!r} ran")
                if time.monotonic() > end:
                    raise AssertionError(
                        f"atspi_client {command} did not finish in {timeout:.0f} s")
                time.sleep(0.1)
            out, err = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                stop_process(proc, grace=2)
        lines = [line for line in out.splitlines() if line.strip().startswith("{")]
        if not lines:
            raise AssertionError(f"atspi_client {command} answered no JSON "
                                 f"(exit {proc.returncode}):\n{out}\n{err[-3000:]}")
        result = json.loads(lines[-1])
        result["_stderr"] = err[-6000:]
        return result

    def stop(self) -> None:
        for proc in (self.launcher, self.wm, self.xvfb, self.dbus):
            stop_process(proc)
        self.launcher = self.wm = self.xvfb = self.dbus = None
        for f in self._logs:
            f.close()
        self._logs.clear()


class KadrApp:
    """The studio on the bus, opened on a two-picture film."""

    def __init__(self, bus: A11yBus, workdir: Path, language: str = "en",
                 settings: dict | None = None, env: dict[str, str] | None = None,
                 earlier_work: str = "") -> None:
        self.bus = bus
        self.earlier_work = earlier_work  # Python run on the film's FilmSession ``s`` first
        self.workdir = workdir
        self.language = language
        self.settings = {"language": language, "theme": "standard", **(settings or {})}
        self.extra_env = dict(env or {})
        self.proc: subprocess.Popen | None = None
        self.film = workdir / "Test film.kadr"
        self.config = workdir / "config"
        self.library = workdir / "library"
        self.log_path = workdir / "kadr.log"
        self._log = None

    def env(self) -> dict[str, str]:
        env = self.bus.env
        path = [str(ROOT / "app")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        env.update(QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                   PYTHONPATH=os.pathsep.join(path), KADR_CONFIG=str(self.config),
                   KADR_LIBRARY=str(self.library), PYTHONUNBUFFERED="1",
                   PYTHONFAULTHANDLER="1")
        env.update(self.extra_env)
        return env

    def make_film(self) -> None:
        """A blank 640x480 film with two pictures, written by the core (offscreen Qt)."""
        self.config.mkdir(parents=True, exist_ok=True)
        self.library.mkdir(parents=True, exist_ok=True)
        (self.config / "settings.json").write_text(
            json.dumps(self.settings), encoding="utf-8")
        script = (
            "import sys\n"
            "from pathlib import Path\n"
            "from PySide6.QtGui import QGuiApplication\n"
            "app = QGuiApplication([])\n"
            "from kadr.core.project import blank_project\n"
            "from kadr.core.store import save_copy\n"
            "p = blank_project(640, 480, 'Test film')\n"
            "p.add_frame(0)\n"
            "assert len(p.frames) == 2, len(p.frames)\n"
            "save_copy(p, Path(sys.argv[1]))\n"
        )
        if self.earlier_work:  # as if the child had worked on it in an earlier session
            script += ("from kadr.core.session import FilmSession\n"
                       "s = FilmSession.open(Path(sys.argv[1]))\n"
                       f"{self.earlier_work}\n"
                       "assert s.close().kept\n")
        env = self.env()
        env["QT_QPA_PLATFORM"] = "offscreen"
        r = subprocess.run([sys.executable, "-c", script, str(self.film)], capture_output=True,
                           text=True, timeout=120, env=env, cwd=ROOT)
        if r.returncode != 0 or not self.film.exists():
            raise AssertionError(f"could not make the test film:\n{r.stdout}\n{r.stderr}")

    def start(self) -> dict:
        self.make_film()
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kadr", str(self.film), "--no-speech",
             "--library", str(self.library)],
            cwd=ROOT, env=self.env(), stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            ready = self.bus.client("wait-app", "--app", APP_NAME, "--pid", str(self.proc.pid),
                                    "--timeout", str(APP_START_TIMEOUT),
                                    timeout=APP_START_TIMEOUT + 30, watch=self.proc)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- kadr log ---\n{self.log_tail()}") from None
        if not ready.get("ok"):
            raise AssertionError(f"the studio never appeared on the bus: {ready}\n"
                                 f"--- kadr log ---\n{self.log_tail()}")
        return ready

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def client(self, command: str, *args: str, timeout: float = 90.0) -> dict:
        """The AT-SPI client on this app; fails with the app's log when the app died."""
        assert self.proc is not None
        try:
            return self.bus.client(command, "--app", APP_NAME, "--pid", str(self.proc.pid),
                                   *args, timeout=timeout, watch=self.proc)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- kadr log ---\n{self.log_tail()}") from None

    def stop(self) -> None:
        stop_process(self.proc)
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None


def home_env(home: Path) -> dict[str, str]:
    """A private HOME and XDG folders (made now)."""
    env = {"HOME": str(home)}
    for key, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                     ("XDG_DATA_HOME", ".local/share")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[key] = str(home / sub)
    return env


def unavailable(reason: str) -> None:
    """Skip with the reason, or fail under CI."""
    if under_ci():
        pytest.fail(f"a11y bus tests cannot run under CI: {reason}. Install the Debian "
                    "packages listed in docs/accessibility.md.", pytrace=False)
    pytest.skip(f"a11y bus not available: {reason}")


@contextlib.contextmanager
def studio_on_bus(prefix: str = "kadr-a11y-", *, window_manager: bool = False,
                  language: str = "en", settings: dict | None = None,
                  env: dict[str, str] | None = None,
                  private_home: bool = False, earlier_work: str = "") -> Iterator[KadrApp]:
    """A private bus and screen with the studio running on them, all stopped after
    (skipped, or failed under CI, when a piece is missing). ``settings``: more of the
    studio's settings.json; ``env``: more of its environment (a locale); ``private_home``:
    HOME and the XDG folders inside the work folder (what a film shares lands there, in
    its Pictures folder, never in the real one); ``earlier_work``: Python run on the film's
    FilmSession ``s`` before the studio opens it (an earlier session's work)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("AT-SPI is the Linux accessibility bus")
    missing = missing_prerequisites()
    if missing:
        unavailable("missing " + ", ".join(missing))
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    bus = A11yBus(workdir, window_manager=window_manager)
    app = None
    try:
        try:
            bus.start()
        except BusUnavailable as exc:
            unavailable(str(exc))
        env = dict(env or {})
        if private_home:
            env.update(home_env(workdir / "home"))
        app = KadrApp(bus, workdir, language=language, settings=settings, env=env,
                      earlier_work=earlier_work)
        app.start()
        yield app
    finally:
        if app is not None:
            app.stop()
        bus.stop()
        if not os.environ.get("KADR_A11Y_KEEP"):
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def a11y_session():
    """The running studio on a private accessibility bus: a KadrApp (see module doc)."""
    with studio_on_bus() as app:
        yield app
