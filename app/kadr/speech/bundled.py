"""eSpeak NG as Kadr carries it: the library and voice data of the `espeakng-loader` wheel,
called through ctypes. Only the speech worker process loads it (never the studio), and only
for languages the system's own voices cannot speak: Kazakh on Windows, where no voice
exists, or every language when the system engine is missing.

eSpeak NG is GPL-3.0-or-later: packaging/THIRD-PARTY-NOTICES.md carries its notice and the
offer of its source. Only eSpeak NG's own files are used: the wheel's Python glue is never
imported (it declares no licence), its folder is found without running it.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import sys
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

# speak_lib.h
AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_Synth returns when all the sound went to the callback
INITIALIZE_DONT_EXIT = 0x8000  # missing voice data: an error, not exit(1) of the worker
POS_CHARACTER = 1
CHARS_UTF8 = 1
RATE, VOLUME = 1, 2  # espeak_PARAMETER
MIN_RATE, MAX_RATE = 80, 450  # words per minute eSpeak NG accepts
EE_OK = 0

PACKAGE = "espeakng_loader"  # the wheel's folder; a frozen Kadr keeps it beside its modules
LIBRARY = {"win32": "espeak-ng.dll", "darwin": "libespeak-ng.dylib"}.get(sys.platform,
                                                                         "libespeak-ng.so")
DATA = "espeak-ng-data"
ENGINE = "bundled"  # how the worker names this engine (the system's: its pyttsx3 driver)
SWITCH = "KADR_SPEECH_BUNDLED"  # "off": behave as if Kadr carried no eSpeak NG (tests, IT)

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _Voice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),  # (priority byte, name, NUL) ... then a NUL
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


def switched_off() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() in ("0", "off", "no", "false")


def folder() -> Path | None:
    """The espeakng-loader folder: in the bundle (PyInstaller's _MEIPASS), else installed."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / PACKAGE if (Path(frozen) / PACKAGE).is_dir() else None
    spec = importlib.util.find_spec(PACKAGE)  # finds it without running it
    places = list(spec.submodule_search_locations or []) if spec else []
    return Path(places[0]) if places else None


def installed() -> bool:
    """Whether this install carries eSpeak NG (without loading anything)."""
    return not switched_off() and find() is not None


def find() -> tuple[str, str] | None:
    """(library, voice data folder) of the bundled eSpeak NG, or None when Kadr has none."""
    place = None if switched_off() else folder()
    if place is None or not (place / LIBRARY).is_file() or not (place / DATA).is_dir():
        return None
    return str(place / LIBRARY), str(place / DATA)


def _allow_msvc_runtime() -> None:
    """espeak-ng.dll needs msvcp140.dll, which python.org's Python lacks and many PCs have only
    through another program. Qt's bindings carry it (shiboken6, PySide6), and a bundle keeps
    it in its own folder, which Windows does not search for a DLL's dependencies."""
    places = [getattr(sys, "_MEIPASS", "")]
    for package in ("shiboken6", "PySide6"):
        spec = importlib.util.find_spec(package)
        places += list(spec.submodule_search_locations or []) if spec else []
    for place in places:
        if place and os.path.isfile(os.path.join(place, "msvcp140.dll")):
            with contextlib.suppress(OSError):
                os.add_dll_directory(place)  # type: ignore[attr-defined,unused-ignore]


def _languages(pointer: int | None) -> list[str]:
    found: list[str] = []
    while pointer and ctypes.string_at(pointer, 1) != b"\x00":
        name = ctypes.string_at(pointer + 1)  # after the priority byte
        found.append(name.decode("ascii", "replace"))
        pointer += 2 + len(name)
    return found


class BundledEspeak:
    """One initialised eSpeak NG library; renders text to 16-bit mono WAV files."""

    def __init__(self, library: str, data: str) -> None:
        if sys.platform == "win32":
            _allow_msvc_runtime()
        lib = ctypes.CDLL(library)  # OSError when it cannot load
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        lib.espeak_ListVoices.argtypes = [ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        self._lib = lib
        self.sample_rate = lib.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, 0, os.fsencode(data), INITIALIZE_DONT_EXIT
        )
        if self.sample_rate <= 0:
            raise RuntimeError(f"eSpeak NG could not read its voice data in {data}")
        self.version = (lib.espeak_Info(None) or b"").decode("ascii", "replace")
        self._chunks: list[bytes] = []
        self._should_stop: Callable[[], bool] = lambda: False
        self._callback = _SynthCallback(self._on_sound)  # kept: the library holds a pointer
        lib.espeak_SetSynthCallback(self._callback)

    def _on_sound(self, wav: Any, samples: int, _events: Any) -> int:
        if wav and samples > 0:
            self._chunks.append(ctypes.string_at(wav, samples * 2))
        return 1 if self._should_stop() else 0  # 1 asks eSpeak NG to stop

    def voices(self) -> list[dict[str, Any]]:
        """Every voice the data holds, as the worker lists voices (id, name, languages)."""
        listed = self._lib.espeak_ListVoices(None)
        found = []
        for i in range(100_000):
            if not listed[i]:
                break
            voice = listed[i].contents
            found.append({
                "id": (voice.identifier or b"").decode("ascii", "replace"),
                "name": (voice.name or b"").decode("utf-8", "replace"),
                "languages": _languages(voice.languages),
            })
        return found

    def render(
        self,
        text: str,
        path: str,
        voice: str,
        rate: int,
        volume: float,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> bool:
        """Speak ``text`` with ``voice`` (an id from voices()) into a WAV at ``path``."""
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
        if self._lib.espeak_SetVoiceByName(voice.encode("ascii", "replace")) != EE_OK:
            return False
        self._lib.espeak_SetParameter(RATE, max(MIN_RATE, min(MAX_RATE, int(rate))), 0)
        self._lib.espeak_SetParameter(VOLUME, round(max(0.0, min(1.0, float(volume))) * 100), 0)
        self._chunks, self._should_stop = [], should_stop
        data = text.encode("utf-8") + b"\x00"
        try:
            result = self._lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, CHARS_UTF8,
                                            None, None)
        finally:
            self._should_stop = lambda: False
        sound, self._chunks = b"".join(self._chunks), []
        if result != EE_OK or not sound or should_stop():
            return False
        if sys.byteorder == "big":  # WAV samples are little-endian
            import array

            samples = array.array("h", sound)
            samples.byteswap()
            sound = samples.tobytes()
        with wave.open(path, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.sample_rate)
            out.writeframes(sound)
        return True
