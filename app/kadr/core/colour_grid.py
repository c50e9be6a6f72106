"""The big colour grid: each colour family light, medium and dark, then greys and skin
colours. Every colour has a name (spoken and read by screen readers); the medium row and
the greys keep the 16 swatches' values, so a colour has one name wherever it is chosen.
"""

from __future__ import annotations

from kadr.i18n import tr

# rows of the grid; each column of the first three rows is one family
GRID: tuple[tuple[tuple[str, str], ...], ...] = (
    (("#f7a1ab", "Light red"), ("#ffc48a", "Light orange"), ("#fff3a0", "Light yellow"),
     ("#e3f9a6", "Light lime"), ("#9be3a3", "Light green"), ("#b3ecfb", "Light sky blue"),
     ("#a9b8f0", "Light blue"), ("#d7a6ea", "Light purple"), ("#fabed4", "Light pink"),
     ("#d2a679", "Light brown")),
    (("#e6194b", "Red"), ("#f58231", "Orange"), ("#ffe119", "Yellow"), ("#bfef45", "Lime"),
     ("#3cb44b", "Green"), ("#42d4f4", "Sky blue"), ("#4363d8", "Blue"), ("#911eb4", "Purple"),
     ("#f032e6", "Pink"), ("#8b4513", "Brown")),
    (("#8c0f2e", "Dark red"), ("#a84a00", "Dark orange"), ("#9e8700", "Dark yellow"),
     ("#5f7f00", "Dark lime"), ("#1b5e20", "Dark green"), ("#0e6f8a", "Dark sky blue"),
     ("#000075", "Navy"), ("#4b0a5e", "Dark purple"), ("#8e1a85", "Dark pink"),
     ("#4a2309", "Dark brown")),
    (("#ffffff", "White"), ("#d0d0d0", "Light grey"), ("#7f7f7f", "Grey"),
     ("#404040", "Dark grey"), ("#000000", "Black"), ("#ffd8b1", "Peach"),
     ("#f1c27d", "Beige")),
)


def grid_colours() -> list[tuple[str, str]]:
    """Every (value, English name) of the grid, row by row."""
    return [cell for row in GRID for cell in row]


def colour_words() -> dict[str, str]:
    """English name -> the name in the learner's language."""
    return {
        "Light red": tr("Light red"), "Light orange": tr("Light orange"),
        "Light yellow": tr("Light yellow"), "Light lime": tr("Light lime"),
        "Light green": tr("Light green"), "Light sky blue": tr("Light sky blue"),
        "Light blue": tr("Light blue"), "Light purple": tr("Light purple"),
        "Light pink": tr("Light pink"), "Light brown": tr("Light brown"),
        "Red": tr("Red"), "Orange": tr("Orange"), "Yellow": tr("Yellow"), "Lime": tr("Lime"),
        "Green": tr("Green"), "Sky blue": tr("Sky blue"), "Blue": tr("Blue"),
        "Purple": tr("Purple"), "Pink": tr("Pink"), "Brown": tr("Brown"),
        "Dark red": tr("Dark red"), "Dark orange": tr("Dark orange"),
        "Dark yellow": tr("Dark yellow"), "Dark lime": tr("Dark lime"),
        "Dark green": tr("Dark green"), "Dark sky blue": tr("Dark sky blue"),
        "Navy": tr("Navy"), "Dark purple": tr("Dark purple"), "Dark pink": tr("Dark pink"),
        "Dark brown": tr("Dark brown"),
        "White": tr("White"), "Light grey": tr("Light grey"), "Grey": tr("Grey"),
        "Dark grey": tr("Dark grey"), "Black": tr("Black"), "Peach": tr("Peach"),
        "Beige": tr("Beige"),
    }


def grid_name(value: str) -> str | None:
    """The name of grid colour ``value`` in the learner's language (None if not in it)."""
    wanted = value.lower()
    for hex_value, name in grid_colours():
        if hex_value == wanted:
            return colour_words()[name]
    return None

