"""The teacher's PIN: set on first use, kept only as a salted hash, wrong PINs slowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kadr.classroom.classroom_file import load_classroom
from kadr.classroom.learners import LearnerStore
from kadr.classroom.pin import FREE_TRIES, Answer, PinError, TeacherPin, hash_pin, matches
from kadr.classroom.teacher import enter_teacher_mode


def test_pin_is_set_on_first_use_and_never_stored_in_clear(tmp_path: Path) -> None:
    """The PIN's digits appear in no file; a fresh TeacherPin on the folder accepts it."""
    pin = TeacherPin(tmp_path)
    assert not pin.is_set()
    assert pin.check("4821").answer is Answer.NOT_SET
    pin.set_first("482193")
    for file in tmp_path.rglob("*"):
        if file.is_file():
            assert b"482193" not in file.read_bytes()
    assert TeacherPin(tmp_path).check("482193")
    assert TeacherPin(tmp_path).check("482194").answer is Answer.WRONG
    with pytest.raises(PinError):
        pin.set_first("1111")  # only on first use


def test_same_pin_twice_gives_different_hashes() -> None:
    """Each hash has its own salt, and a hash only matches its PIN."""
    a, b = hash_pin("1234"), hash_pin("1234")
    assert a != b and a.startswith("scrypt$")
    assert matches("1234", a) and matches("1234", b) and not matches("1235", a)
    assert not matches("1234", "scrypt$broken")


def test_a_pin_is_4_to_8_digits(tmp_path: Path) -> None:
    for bad in ("123", "123456789", "12a4", "", "١٢٣٤"):
        with pytest.raises(PinError):
            TeacherPin(tmp_path).set_first(bad)


def test_repeated_wrong_pins_wait_longer_each_time(tmp_path: Path) -> None:
    """The first tries are free; then each wrong PIN asks for a longer wait, during which
    even the right PIN is not looked at; the right PIN afterwards resets it all."""
    pin = TeacherPin(tmp_path)
    pin.set_first("2468")
    now = 1000.0
    for _ in range(FREE_TRIES - 1):
        result = pin.check("0000", now)
        assert result.answer is Answer.WRONG and result.wait == 0
    first = pin.check("0000", now)
    assert first.answer is Answer.WRONG and first.wait > 0
    assert pin.check("2468", now + first.wait / 2).answer is Answer.WAIT
    second = pin.check("0000", now + first.wait)
    assert second.wait > first.wait
    later = now + first.wait + second.wait
    assert pin.check("2468", later)
    assert pin.check("0000", later).wait == 0  # counting starts again


def test_change_needs_the_old_pin(tmp_path: Path) -> None:
    pin = TeacherPin(tmp_path)
    pin.set_first("1357")
    assert not pin.change("9999", "2468")
    assert pin.change("1357", "2468")
    assert TeacherPin(tmp_path).check("2468") and not TeacherPin(tmp_path).check("1357")


def test_deleting_the_pin_file_is_the_reset_for_it(tmp_path: Path) -> None:
    """Forgotten PIN: IT deletes teacher-pin.json and the next teacher sets a new one."""
    pin = TeacherPin(tmp_path)
    pin.set_first("1357")
    pin.path.unlink()
    fresh = TeacherPin(tmp_path)
    assert not fresh.is_set()
    fresh.set_first("8642")
    assert fresh.check("8642")


def test_classroom_file_pin_wins(tmp_path: Path) -> None:
    """A PIN hash in the classroom file opens teacher mode; the local one does not."""
    local = tmp_path / "learners"
    TeacherPin(local).set_first("1111")
    file = tmp_path / "kadr-classroom.toml"
    file.write_text(f'[teacher]\npin = "{hash_pin("7777")}"\n', encoding="utf-8")
    classroom = load_classroom([file])
    assert classroom.problems == []
    pin = TeacherPin(local, classroom.pin_hash)
    assert pin.from_classroom_file()
    assert pin.check("7777") and not pin.check("1111")
    with pytest.raises(PinError):
        pin.change("7777", "1234")
    assert "7777" not in str(classroom.what_was_set())


def test_teacher_mode_only_with_the_right_pin(tmp_path: Path) -> None:
    store = LearnerStore(tmp_path / "learners")
    pin = TeacherPin(store.root)
    pin.set_first("5555")
    classroom = load_classroom([])
    result, mode = enter_teacher_mode(pin, "5550", store, classroom)
    assert mode is None and result.answer is Answer.WRONG
    result, mode = enter_teacher_mode(pin, "5555", store, classroom)
    assert mode is not None and result
