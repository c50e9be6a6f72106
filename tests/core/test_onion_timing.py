"""Onion-skin decisions, film timing, playback order and the tinted-ghost cache."""

from helpers import film
from kadr.core.onion import OnionSettings, ghost_plan
from kadr.core.render import Renderer
from kadr.core.timing import exposures, gif_delays_ms, playback


def test_ghosts_before_and_after_fade_with_distance():
    """Counts before/after are honoured and farther ghosts are fainter."""
    s = OnionSettings(enabled=True, before=2, after=3)
    plan = ghost_plan(s, 5, 10)
    assert sorted((g.side, g.index) for g in plan) == [
        ("after", 6), ("after", 7), ("after", 8), ("before", 3), ("before", 4)]
    by = {g.index: g.opacity for g in plan}
    assert by[4] > by[3] and by[6] > by[7] > by[8]
    assert {g.tint for g in plan if g.side == "before"} == {s.before_tint}


def test_onion_off_and_during_playback():
    """No ghosts when off, and none while playing unless asked for."""
    assert ghost_plan(OnionSettings(enabled=False), 1, 5) == []
    on = OnionSettings(enabled=True)
    assert ghost_plan(on, 1, 5, playing=True) == []
    assert ghost_plan(on.with_(during_playback=True), 1, 5, playing=True)


def test_loop_shows_first_under_last():
    """With loop on, the first picture shows under the last one."""
    s = OnionSettings(enabled=True, before=0, after=1, loop=True)
    assert [g.index for g in ghost_plan(s, 4, 5)] == [0]
    assert ghost_plan(s.with_(loop=False), 4, 5) == []


def test_exposures_follow_holds():
    """Holds [1, 3, 2] show pictures 0, 1, 1, 1, 2, 2."""
    assert exposures([1, 3, 2]) == [0, 1, 1, 1, 2, 2]


def test_playback_orders():
    """Loop repeats, once stops, ping-pong bounces without doubling the ends."""
    take = lambda it, n: [next(it) for _ in range(n)]  # noqa: E731
    assert take(playback([1, 2, 1], "loop"), 8) == [0, 1, 1, 2, 0, 1, 1, 2]
    assert list(playback([1, 2, 1], "once")) == [0, 1, 1, 2]
    assert take(playback([1, 1, 1, 1], "pingpong"), 8) == [0, 1, 2, 3, 2, 1, 0, 1]


def test_gif_delays_keep_total_length_exact():
    """24 fps cannot be exact per frame, but the total length stays exact to 10 ms."""
    holds = [1, 2, 1, 3, 1, 1, 5]
    delays = gif_delays_ms(holds, 24)
    assert abs(sum(delays) - sum(holds) * 1000 / 24) <= 10
    assert all(d % 10 == 0 for d in delays)


def test_tinted_ghosts_are_cached(qapp):
    """Turning pages reuses tinted ghosts instead of re-tinting them."""
    p = film(4)
    p.set_onion(OnionSettings(enabled=True, before=1, after=1))
    r = Renderer(p)
    r.compose(1, p.settings.onion)
    first = r.ghost(0, p.settings.onion.before_tint, False)
    r.compose(2, p.settings.onion)
    r.compose(1, p.settings.onion)
    assert r.ghost(0, p.settings.onion.before_tint, False) is first


def test_ghost_is_tinted_and_outline_mode_hollows(qapp):
    """A ghost has the tint colour; outline mode keeps the edge but not the middle."""
    p = film(2)
    r = Renderer(p)
    full = r.ghost(0, "#1f6fd1", False)
    assert full.pixelColor(110, 200).name() == "#1f6fd1"
    outline = r.ghost(0, "#1f6fd1", True)
    assert outline.pixelColor(110, 200).alpha() == 0  # the middle of a 20 px line
    assert any(outline.pixelColor(110, y).alpha() for y in range(185, 195))


def test_onion_shows_neighbour_faintly(qapp):
    """With onion skin on, the previous picture shows tinted under the current one."""
    p = film(2)
    onion = OnionSettings(enabled=True, before=1, after=0)
    image = Renderer(p).compose(1, onion)
    ghost = image.pixelColor(110, 200)  # where picture 1's dot is
    assert ghost.name() not in ("#ffffff", "#000000")
    assert ghost.blue() > ghost.red()  # the blue "before" tint
    assert Renderer(p).compose(1).pixelColor(110, 200).name() == "#ffffff"


def test_thumbnail_matches_the_picture(qapp):
    """A thumbnail shows the same picture as the full render, only smaller."""
    from PySide6.QtCore import Qt

    p = film(2)
    r = Renderer(p)
    thumb = r.thumbnail(1, 160)
    assert thumb.width() == 160 and thumb.height() == 120
    small = r.compose(1).scaled(160, 120, Qt.AspectRatioMode.IgnoreAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)
    diff = max(abs(thumb.pixelColor(x, y).lightness() - small.pixelColor(x, y).lightness())
               for x in range(0, 160, 4) for y in range(0, 120, 4))
    assert diff < 40
    assert thumb.pixelColor(int(190 * 0.25), 50).lightness() < 128  # the dot of picture 2
