"""The real screen reader in the a11y tests: Orca, its speech server, and a locale.

- ``Orca`` runs Debian's Orca on the private accessibility bus (bus.py) with its debug log
  written line by line (orca_linebuffered.py); ``said()`` is every ``SPEECH OUTPUT`` line,
  in order: what a blind child hears.
- ``SpeechServer`` is a private speech-dispatcher whose one output module ("heard", the
  generic module) writes each utterance with its language to a file instead of a sound
  card (ALSA's null device): proof of the language Orca asked the synthesiser for.
- ``build_locale`` makes a locale (ru_RU.UTF-8, kk_KZ, ko_KR, ja_JP) with ``localedef``
  when the machine has none: Orca speaks in the language of its locale (its role words, and the language it
  gives speech-dispatcher) unless its settings name a voice language.

Missing pieces skip the test, or fail it under CI (bus.unavailable).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from bus import HERE, A11yBus, stop_process, unavailable

SYSTEM_PYTHON = os.environ.get("KADR_A11Y_PYTHON", "/usr/bin/python3")
# 01:58:09.964208 - SPEECH OUTPUT: 'Drawing paper canvas.'{'established': False}
SPOKEN = re.compile(r"SPEECH OUTPUT: '(.*?)'(?:\{[^{}]*\})?\s*$")
MODULES = ("/usr/lib/speech-dispatcher-modules", "/usr/lib/x86_64-linux-gnu/speech-dispatcher-modules",
           "/usr/lib/aarch64-linux-gnu/speech-dispatcher-modules")


def require_orca() -> None:
    for exe, package in (("orca", "orca"), ("speech-dispatcher", "speech-dispatcher"),
                         ("openbox", "openbox")):
        if shutil.which(exe) is None:
            unavailable(f"{exe} is not installed (Debian: {package})")


def build_locale(name: str, into: Path) -> Path:
    """``into`` holding the locale ``name`` ("ru_RU.UTF-8"), for LOCPATH."""
    language, _, charset = name.partition(".")
    target = into / name
    if not target.exists():
        into.mkdir(parents=True, exist_ok=True)
        r = subprocess.run(["localedef", "-i", language, "-f", charset or "UTF-8", str(target)],
                           capture_output=True, text=True, timeout=120)
        if not target.exists():
            unavailable(f"localedef could not make {name}: {r.stderr.strip()[-300:]} "
                        "(Debian: locales or libc-bin with /usr/share/i18n)")
    return into


class SpeechServer:
    """A private speech-dispatcher that writes what it is asked to say to ``heard.txt``."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.dir = workdir / "speechd"
        self.heard_file = self.dir / "heard.txt"
        self.socket = self.dir / "speechd.sock"
        self.env = dict(env)
        self.proc: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"unix_socket:{self.socket}"

    def start(self) -> None:
        modules = next((m for m in MODULES if os.path.exists(os.path.join(m, "sd_generic"))), None)
        if modules is None:
            unavailable("speech-dispatcher's generic module (sd_generic) is missing")
        conf = self.dir / "conf"
        (conf / "modules").mkdir(parents=True, exist_ok=True)
        (conf / "speechd.conf").write_text(
            f'LogLevel 3\nLogDir "{self.dir}"\nAudioOutputMethod "alsa"\n'
            'AudioALSADevice "null"\nAddModule "heard" "sd_generic" "heard.conf"\n'
            'DefaultModule heard\n', encoding="utf-8")
        # the generic module runs this for every utterance ($DATA is the text, quoted)
        languages = "".join(f'GenericLanguage "{c}" "{c}" "utf-8"\nAddVoice "{c}" "MALE1" "{c}"\n'
                            for c in ("en", "ru", "kk", "ko", "ja"))
        (conf / "modules" / "heard.conf").write_text(
            f"GenericExecuteSynth \"echo \\'$LANGUAGE|$DATA\\' >> {self.heard_file}\"\n"
            + languages, encoding="utf-8")
        self.proc = subprocess.Popen(
            ["speech-dispatcher", "--run-single", "--timeout", "0", "--config-dir", str(conf),
             "--module-dir", modules, "--communication-method", "unix_socket",
             "--socket-path", str(self.socket)],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        end = time.monotonic() + 20
        while not self.socket.exists():
            if self.proc.poll() is not None or time.monotonic() > end:
                log = self.dir / "speech-dispatcher.log"
                tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
                unavailable(f"speech-dispatcher did not start: {tail}")
            time.sleep(0.1)

    def heard(self) -> list[tuple[str, str]]:
        """(language, text) of everything the synthesiser was given."""
        try:
            lines = self.heard_file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []
        return [tuple(line.split("|", 1)) for line in lines if "|" in line]  # type: ignore[misc]

    def stop(self) -> None:
        stop_process(self.proc)
        self.proc = None


class Orca:
    """Debian's Orca on the private bus, its speech written to ``orca-debug.txt``."""

    def __init__(self, bus: A11yBus, workdir: Path, env: dict[str, str] | None = None,
                 speech: SpeechServer | None = None) -> None:
        self.bus, self.log = bus, workdir / "orca-debug.txt"
        self.prefs = workdir / "orca-prefs"
        self.env = {**bus.env, **(env or {})}
        if speech is not None:
            self.env["SPEECHD_ADDRESS"] = speech.address
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.prefs.mkdir(exist_ok=True)
        args = ["--debug", f"--debug-file={self.log}", "-u", str(self.prefs)]
        cmd = [SYSTEM_PYTHON, str(HERE / "orca_linebuffered.py"), *args]
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        # ready once it has said so
        if not self.wait_for(r"Screen reader on|Чтение с экрана включено", 0, 60):
            raise AssertionError(f"Orca did not start: {self.said()[:5]}")

    def said(self) -> list[str]:
        """Everything spoken so far, in order."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        return [m.group(1) for m in map(SPOKEN.search, text.splitlines()) if m]

    def wait_for(self, pattern: str, since: int, timeout: float) -> bool:
        """Wait until a line said after the first ``since`` ones matches ``pattern``."""
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(rx.search(line) for line in self.said()[since:]):
                return True
            if self.proc is not None and self.proc.poll() is not None:
                return False
            time.sleep(0.2)
        return False

    def wait_quiet(self, quiet: float = 1.2, most: float = 6.0) -> None:
        """Wait until Orca has said nothing new for ``quiet`` seconds (at most ``most``)."""
        end = time.monotonic() + most
        count, since = len(self.said()), time.monotonic()
        while time.monotonic() < end:
            time.sleep(0.2)
            now = len(self.said())
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def stop(self) -> None:
        stop_process(self.proc)
        self.proc = None


def press(env: dict[str, str], *keys: str, delay_ms: int = 90) -> None:
    """Real key presses (XTest) to whatever window has the X focus, as a child's keyboard."""
    subprocess.run(["xdotool", "key", "--clearmodifiers", "--delay", str(delay_ms), *keys],
                   env=env, check=True, timeout=60 + len(keys))

