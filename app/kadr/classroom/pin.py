"""The teacher's PIN: set on first use, kept only as a salted scrypt hash.

The PIN keeps children out of teacher mode; it is not a password against an adult with
the computer in hand (a 4-8 digit PIN and its hash can be tried out offline). So:

* the PIN is never written anywhere in clear, only ``scrypt$n$r$p$salt$hash`` with a salt
  made for this install (``secrets``), compared in constant time;
* after ``FREE_TRIES`` wrong PINs in a row, the next try waits a little, doubling each
  time up to ``MAX_WAIT`` seconds (``check`` never sleeps: it says how long to wait, and
  the teacher sees a countdown);
* a PIN in the classroom file (``[teacher] pin = "scrypt$..."``, made with
  ``python -m kadr.classroom pin-hash``) wins over the one set in Kadr, so IT can give
  every computer the same PIN.

Forgotten PIN (for IT): delete ``teacher-pin.json`` in the learners folder (the next start
asks for a new PIN), or put a new ``[teacher] pin`` in the classroom file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kadr.classroom.jsonfile import read_json, write_json
from kadr.i18n import tr

PIN_FILE = "teacher-pin.json"
N, R, P = 2**14, 8, 1  # about 16 MB and a few tens of milliseconds per check
FREE_TRIES = 3
MAX_WAIT = 60.0
_PIN = re.compile(r"^[0-9]{4,8}$")


class PinError(Exception):
    """A PIN that cannot be used; ``str(error)`` says why, for the teacher."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` for ``pin`` (a new random salt unless one is given)."""
    check_new_pin(pin)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def matches(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the PIN behind ``stored`` (constant-time comparison)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt" or not (2 <= int(n) <= 2**20 and 1 <= int(r) <= 32
                                    and 1 <= int(p) <= 16):
            return False
        expected = base64.b64decode(digest, validate=True)
        got = hashlib.scrypt(pin.encode("utf-8"), salt=base64.b64decode(salt, validate=True),
                             n=int(n), r=int(r), p=int(p), dklen=len(expected),
                             maxmem=256 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def check_new_pin(pin: str) -> None:
    """Raise PinError unless ``pin`` is 4 to 8 digits."""
    if not _PIN.match(pin):
        raise PinError(tr("A PIN is 4 to 8 digits."))


class Answer(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    WAIT = "wait"  # too many wrong tries: try again after ``PinCheck.wait`` seconds
    NOT_SET = "not set"


@dataclass(frozen=True)
class PinCheck:
    answer: Answer
    wait: float = 0.0  # seconds before the next try is looked at

    def __bool__(self) -> bool:
        return self.answer is Answer.RIGHT


class TeacherPin:
    """The PIN of one learners folder (``folder/teacher-pin.json``), or of the classroom
    file when that sets one (``classroom_hash``)."""

    def __init__(self, folder: Path, classroom_hash: str | None = None) -> None:
        self.path = Path(folder) / PIN_FILE
        self.classroom_hash = classroom_hash
        self._wrong = 0
        self._not_before = 0.0

    def _stored(self) -> str | None:
        if self.classroom_hash:
            return self.classroom_hash
        data = read_json(self.path) or {}
        value = data.get("hash")
        return value if isinstance(value, str) and value.startswith("scrypt$") else None

    def is_set(self) -> bool:
        """False on first use: teacher mode then asks for a new PIN."""
        return self._stored() is not None

    def from_classroom_file(self) -> bool:
        """The PIN comes from the classroom file: it cannot be changed in Kadr."""
        return bool(self.classroom_hash)

    def set_first(self, pin: str) -> None:
        """Set the PIN on first use; refused when one is set (use ``change``)."""
        if self.is_set():
            raise PinError(tr("A PIN is set already."))
        self._write(pin)

    def change(self, old: str, new: str, now: float | None = None) -> PinCheck:
        """Change the PIN when ``old`` is right; the answer says how ``old`` was taken."""
        if self.from_classroom_file():
            raise PinError(tr("The PIN is set in the classroom file. Change it there."))
        check_new_pin(new)
        result = self.check(old, now)
        if result:
            self._write(new)
        return result

    def _write(self, pin: str) -> None:
        try:
            write_json(self.path, {"version": 1, "hash": hash_pin(pin)})
        except OSError as error:
            raise PinError(tr("Kadr could not keep the PIN. Ask the person who looks after "
                              "the computers.")) from error

    def check(self, pin: str, now: float | None = None) -> PinCheck:
        """Whether ``pin`` opens teacher mode. Never sleeps: after repeated wrong tries the
        answer is WAIT with the seconds left, and the PIN is not even looked at."""
        now = time.monotonic() if now is None else now
        stored = self._stored()
        if stored is None:
            return PinCheck(Answer.NOT_SET)
        if now < self._not_before:
            return PinCheck(Answer.WAIT, self._not_before - now)
        if matches(pin, stored):
            self._wrong, self._not_before = 0, 0.0
            return PinCheck(Answer.RIGHT)
        self._wrong += 1
        wait = 0.0
        if self._wrong >= FREE_TRIES:
            wait = min(MAX_WAIT, 2.0 ** (self._wrong - FREE_TRIES + 1))
            self._not_before = now + wait
        return PinCheck(Answer.WRONG, wait)
