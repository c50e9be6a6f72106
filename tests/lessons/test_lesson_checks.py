"""Every goal check passes on a project that shows the goal and fails on one that does not."""

from __future__ import annotations

import pytest
from lesson_drawing import check, ellipse, lines, project, rounded

from kadr.lessons.checks import REGISTRY
from kadr.lessons.guide import Guide

FLOOR = 408  # 0.85 of 480
USED = set()


def used(name):
    USED.add(name)
    return name


def balls(xs, ys, r=30, frames=None):
    p = project(frames or len(xs))
    for i, (x, y) in enumerate(zip(xs, ys)):
        ellipse(p, i, x, y, r)
    return p


def test_frame_count_at_least():
    """frame_count_at_least counts pictures."""
    p = project(1)
    assert not check(used("frame_count_at_least"), p, count=2)
    p.add_frame(0)
    assert check("frame_count_at_least", p, count=2)


def test_frames_have_drawing():
    """frames_have_drawing needs ink in every picture of the range (misses if allowed)."""
    p = project(3)
    assert not check(used("frames_have_drawing"), p, first=1)
    ellipse(p, 0, 100, 100, 30)
    ellipse(p, 2, 300, 100, 30)
    assert check("frames_have_drawing", p, first=1)
    assert not check("frames_have_drawing", p, first=1, last=3)
    assert check("frames_have_drawing", p, first=1, last=3, allow_misses=1)
    assert not check("frames_have_drawing", p, first=4)  # no such picture yet


def test_tiny_specks_are_not_a_drawing():
    """A few stray pixels do not count as a drawing."""
    p = project(1)
    lines(p, 0, [(100, 100), (101, 100)], width=2)
    assert not check("frames_have_drawing", p, first=1)


def test_ink_size():
    """ink_size compares the drawing's height, width and aspect with the canvas."""
    p = balls([320], [240], r=50)
    assert check(used("ink_size"), p, frame=1, min_height=0.2)
    assert not check("ink_size", p, frame=1, min_height=0.3)
    assert check("ink_size", p, frame=1, min_aspect=0.8, max_aspect=1.25)
    assert not check("ink_size", p, frame=1, max_width=0.1)


def test_ink_position_centre_and_tip():
    """ink_position reads the centre, edges or the tip farthest from a pivot."""
    p = balls([100], [100])
    assert check(used("ink_position"), p, frame=1, max_x=0.35, max_y=0.3)
    assert not check("ink_position", p, frame=1, min_x=0.5)
    arm = project(1)
    lines(arm, 0, [(320, 240), (200, 120)])
    assert check("ink_position", arm, frame=1, point="tip", pivot=[0.5, 0.5], max_x=0.35)
    assert not check("ink_position", arm, frame=1, point="tip", pivot=[0.3, 0.25], max_x=0.35)


def test_on_and_off_floor():
    """on_floor wants the bottom on the floor line; off_floor wants a gap under it."""
    p = balls([100, 300], [FLOOR - 33, 200])
    assert check(used("on_floor"), p, first=1, floor=0.85)
    assert not check("on_floor", p, first=2, floor=0.85)
    assert check(used("off_floor"), p, frame=2, floor=0.85, min_gap=0.15)
    assert not check("off_floor", p, frame=1, floor=0.85)


def test_inside_and_traces_guide():
    """inside_guide wants the ink in the shape; traces_guide wants it along the line."""
    ring = Guide("ring", "circle", ((0.5, 0.5),), radius=0.3)
    guides = {"ring": ring}
    inside = balls([320], [240], r=40)
    outside = balls([60], [60], r=40)
    assert check(used("inside_guide"), inside, guides=guides, guide="ring")
    assert not check("inside_guide", outside, guides=guides, guide="ring")
    traced = project(1)
    ellipse(traced, 0, 320, 240, 144, filled=False)
    assert check(used("traces_guide"), traced, guides=guides, guide="ring")
    assert not check("traces_guide", inside, guides=guides, guide="ring")


def test_feet_spread():
    """feet_spread measures the bottom quarter's width against the drawing's height."""
    wide, narrow = project(1), project(1)
    lines(wide, 0, [(320, 100), (320, 290), (260, 400)])
    lines(wide, 0, [(320, 290), (380, 400)])
    lines(narrow, 0, [(320, 100), (320, 400)])
    assert check(used("feet_spread"), wide, frame=1, min=0.35)
    assert not check("feet_spread", narrow, frame=1, min=0.35)
    assert check("feet_spread", narrow, frame=1, max=0.25)


def test_colour_side():
    """colour_side finds which side of the figure the red or blue part is on."""
    p = project(1)
    lines(p, 0, [(320, 100), (320, 290)])
    lines(p, 0, [(320, 290), (380, 400)], colour="#e6194b")
    lines(p, 0, [(320, 290), (260, 400)], colour="#4363d8")
    assert check(used("colour_side"), p, frame=1, colour="#e6194b", side="right")
    assert not check("colour_side", p, frame=1, colour="#e6194b", side="left")
    assert check("colour_side", p, frame=1, colour="#4363d8", side="left")
    assert not check("colour_side", p, frame=1, colour="#3cb44b", side="left")  # no green


def test_trails_behind():
    """trails_behind wants the flag on the side the arm came from."""
    tips = [(220, 110), (320, 80), (420, 110), (320, 80)]
    for trailing, expected in ((True, True), (False, False)):
        p = project(4)
        for i, (x, y) in enumerate(tips):
            lines(p, i, [(320, 216), (x, y)], layer="drawing")
            prev = tips[i - 1]
            side = -1 if x > prev[0] else 1  # against the movement
            if not trailing:
                side = -side
            ellipse(p, i, x + side * 40, y, 15, layer="front")
        assert check(used("trails_behind"), p, pivot=[0.5, 0.45]) is expected


def test_drawing_moved():
    """drawing_moved wants steps of the right size, the right way."""
    right = balls([100, 160, 220, 280], [300] * 4)
    assert check(used("drawing_moved"), right, direction="right", min_total=0.2)
    assert not check("drawing_moved", right, direction="left")
    assert check("drawing_moved", right, direction="horizontal")
    still = balls([100, 100, 100], [300] * 3)
    assert not check("drawing_moved", still)
    jump = balls([50, 600], [300, 300])
    assert not check("drawing_moved", jump, max_step=0.25)
    assert check("drawing_moved", right, frames=[1, 4], min_dx=0.2, max_dy=0.01, max_step=2.0)


def test_stays_in_place_and_same_size():
    """stays_in_place limits how far the centre wanders; same_size compares sizes."""
    still = balls([320, 322, 318], [240] * 3)
    moved = balls([100, 320, 540], [240] * 3)
    assert check(used("stays_in_place"), still)
    assert not check("stays_in_place", moved)
    assert check(used("same_size"), still)
    p = project(2)
    ellipse(p, 0, 320, 240, 30)
    ellipse(p, 1, 320, 240, 80)
    assert not check("same_size", p)


def test_size_changes():
    """size_changes wants growth (or shrinking) from first to last picture."""
    p = project(3)
    for i, h in enumerate((40, 80, 140)):
        lines(p, i, [(320, 400), (320, 400 - h)], colour="#3cb44b")
    assert check(used("size_changes"), p, measure="height", min_ratio=1.5, min_step_ratio=0.95)
    assert not check("size_changes", p, measure="height", mode="shrinks")
    assert check("size_changes", p, frames=[3, 1], measure="height", mode="shrinks")
    assert not check("size_changes", p, measure="height", min_ratio=10)


def test_shape_aspect():
    """shape_aspect spots squashed and stretched balls that keep about the same amount."""
    p = project(4)
    ellipse(p, 0, 320, 100, 30)
    ellipse(p, 1, 320, 380, 45, 20)  # squashed
    ellipse(p, 2, 320, 240, 20, 45)  # stretched
    ellipse(p, 3, 320, 240, 120, 50)  # far too much ball
    assert check(used("shape_aspect"), p, frame=2, ref=1, mode="squashed")
    assert not check("shape_aspect", p, frame=3, ref=1, mode="squashed")
    assert check("shape_aspect", p, frame=3, ref=1, mode="stretched")
    assert not check("shape_aspect", p, frame=1, ref=1, mode="stretched")
    assert not check("shape_aspect", p, frame=4, ref=1, mode="squashed")  # volume


def test_similarity_and_neighbours():
    """similarity and neighbours_similar measure overlap between pictures."""
    same = balls([320, 320], [240, 240])
    near = balls([320, 345, 370], [240, 240, 240], r=50)
    assert not check(used("similarity"), same, frame=2, to=1, max=0.97)
    assert check("similarity", same, frame=2, to=1, min=0.9)
    assert check(used("neighbours_similar"), near, min=0.3, max=0.9)
    assert not check("neighbours_similar", same, min=0.3, max=0.9)


def test_spacing_patterns():
    """spacing recognises speeding up, slowing down, easing at both ends and even steps."""
    ys_fall = [90, 108, 163, 252, 380]
    fall = balls([320] * 5, ys_fall, r=20)
    even = balls([60, 130, 200, 270, 340], [300] * 5, r=20)
    ease = balls([100, 145, 250, 355, 400], [300] * 5, r=20)
    assert check(used("spacing"), fall, pattern="speeds_up")
    assert not check("spacing", fall, pattern="slows_down")
    assert check("spacing", balls([320] * 5, ys_fall[::-1], r=20), pattern="slows_down")
    assert check("spacing", even, pattern="even")
    assert not check("spacing", fall, pattern="even")
    assert check("spacing", ease, pattern="slow_in_out", axis="x")
    assert not check("spacing", even, pattern="slow_in_out")
    stops = balls([320] * 5, [90, 150, 150, 250, 380], r=20)  # stops in the air on the way
    assert not check("spacing", stops, pattern="speeds_up")
    crawl = balls([100, 110, 120, 390, 400], [300] * 5, r=20)  # crawls, then one jump
    assert not check("spacing", crawl, pattern="slow_in_out", axis="x")


def test_loop_closes():
    """loop_closes accepts a loop that joins up, not a repeated or far-away last picture."""
    heights = (1.0, 0.94, 0.75, 0.44, 0.0, 0.44, 0.75, 0.94)
    ys = [380 - h * 290 for h in heights]
    assert check(used("loop_closes"), balls([320] * 8, ys, r=28))
    assert not check("loop_closes", balls([320] * 9, ys + [ys[0]], r=28))  # last = first
    assert not check("loop_closes", balls([320] * 8, ys[:7] + [380], r=28))  # big jump


def test_in_between():
    """in_between wants a picture that looks partly like each key picture."""
    p = project(4)
    rounded(p, 0, 100)  # circle
    rounded(p, 1, 50)  # in between
    rounded(p, 2, 0)  # square
    rounded(p, 3, 100, centre=(120, 120))  # elsewhere
    assert check(used("in_between"), p, frame=2, a=1, b=3)
    assert not check("in_between", p, frame=4, a=1, b=3)
    assert not check("in_between", p, frame=1, a=2, b=3)


def test_main_shape_ignores_ground_lines_and_stray_marks():
    """A line along the floor or a small far-off dash does not move the drawing's centre."""
    from kadr.lessons.features import clear_cache, ink

    clean, marked = balls([100], [FLOOR - 33]), balls([100], [FLOOR - 33])
    lines(marked, 0, [(20, FLOOR + 2), (620, FLOOR + 4)], width=6)  # the ground, touching
    lines(marked, 0, [(560, 60), (575, 62)], width=6)  # a stray dash
    clear_cache()
    a, b = ink(clean, 0), ink(marked, 0)
    assert abs(a.cx - b.cx) < 3 and abs(a.cy - b.cy) < 4
    assert abs(a.box[3] - b.box[3]) <= 6
    only_ground = project(1)
    lines(only_ground, 0, [(20, FLOOR), (620, FLOOR)], width=6)
    assert not check("frames_have_drawing", only_ground, first=1)


def test_has_details():
    """has_details wants parts inside a face, not only its outline or a coloured disc."""
    face = project(1)
    ellipse(face, 0, 320, 216, 120, filled=False)
    assert not check(used("has_details"), face, frame=1)
    disc = balls([320], [216], r=120)
    assert not check("has_details", disc, frame=1)
    for x in (280, 360):
        ellipse(face, 0, x, 180, 12, colour="#4363d8")
    lines(face, 0, [(270, 270), (320, 285), (370, 270)], width=7)
    assert check("has_details", face, frame=1)


def test_redrawn_inside():
    """redrawn_inside wants both eyes rubbed out and drawn again, inside the guide."""
    eyes = Guide("eyes", "ellipse", ((0.5, 0.375),), size=(0.25, 0.1))
    guides = {"eyes": eyes}

    def film(closed: int, rub: int) -> object:
        p = project(2)
        for i in range(2):
            ellipse(p, i, 320, 216, 120, filled=False)
            for n, x in enumerate((280, 360)):
                if i == 0 or n >= rub:
                    ellipse(p, i, x, 180, 12, colour="#4363d8")
                if i == 1 and n < closed:
                    lines(p, i, [(x - 20, 180), (x + 20, 182)], width=6)
        return p

    assert check(used("redrawn_inside"), film(2, 2), guides=guides, frame=2, to=1, guide="eyes")
    assert not check("redrawn_inside", film(0, 1), guides=guides, frame=2, to=1, guide="eyes")
    assert not check("redrawn_inside", film(1, 1), guides=guides, frame=2, to=1, guide="eyes")
    assert not check("redrawn_inside", film(0, 0), guides=guides, frame=2, to=1, guide="eyes")


def test_added_ink():
    """added_ink wants something new drawn on top of the old drawing, touching it."""
    p = project(3)
    for i in range(3):
        lines(p, i, [(320, FLOOR), (320, 250)], colour="#3cb44b")
    ellipse(p, 1, 320, 235, 25)  # a flower on top
    ellipse(p, 2, 500, FLOOR - 20, 25)  # something on the ground, elsewhere
    assert check(used("added_ink"), p, frame=2, to=1, where="top")
    assert not check("added_ink", p, frame=3, to=1, where="top")
    assert not check("added_ink", p, frame=1, to=1)


def test_shape_is():
    """shape_is tells a circle from a square, and a triangle or a long box from both."""
    p = project(4)
    rounded(p, 0, 100)
    rounded(p, 1, 0)
    lines(p, 2, [(320, 100), (420, 300), (220, 300), (320, 100)])
    lines(p, 3, [(100, 200), (540, 200), (540, 280), (100, 280), (100, 200)])
    assert check(used("shape_is"), p, frame=1, shape="circle")
    assert not check("shape_is", p, frame=1, shape="square")
    assert check("shape_is", p, frame=2, shape="square")
    assert not check("shape_is", p, frame=2, shape="circle")
    for frame in (3, 4):
        for shape in ("circle", "square"):
            assert not check("shape_is", p, frame=frame, shape=shape)


def _star(p, i, turn, r=100, centre=(320, 240)):
    import math
    pts = []
    for k in range(11):
        radius = r if k % 2 == 0 else 0.45 * r
        a = math.radians(-90 + turn) + k * math.pi / 5
        pts.append((centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a)))
    lines(p, i, pts, width=7)


def test_turns():
    """turns measures the turn itself: a star that only grows, slides or stays fails."""
    spin, pulse, slide, same = project(6), project(6), project(6), project(6)
    for i in range(6):
        _star(spin, i, 12 * i)
        _star(pulse, i, 0, r=90 + 20 * (i % 2))
        _star(slide, i, 0, centre=(200 + 40 * i, 240))
        _star(same, i, 0)
    assert check(used("turns"), spin)
    assert check("turns", spin, loop=True, allow_misses=0)
    assert not check("turns", pulse)
    assert not check("turns", slide)
    assert not check("turns", same)
    back = project(3)
    for i, t in enumerate((0, 12, 0)):
        _star(back, i, t)
    assert not check("turns", back)


def test_document_and_event_checks():
    """hold, fps, see-through, play and export checks read the document and the events."""
    p = project(2)
    assert not check(used("hold_at_least"), p, frames=[1], count=3)
    p.set_hold(0, 3)
    assert check("hold_at_least", p, frames=[1], count=3)
    assert not check("hold_at_least", p, frames="all", count=2)
    assert not check(used("fps_between"), p, min=12)
    p.set_fps(12)
    assert check("fps_between", p, min=12, max=30)
    assert not check(used("onion_on"), p)
    assert check("onion_on", p, events=[("onion_on", {})])
    p.set_onion(p.settings.onion.with_(enabled=True))
    assert check("onion_on", p)
    assert not check(used("played"), p)
    assert check("played", p, events=[("played", {})])
    assert not check("played", p, events=[("played", {})], times=2)
    assert not check(used("exported"), p, events=[("played", {})])
    assert check("exported", p, events=[("exported", {"format": "gif"})])


def test_arc_path():
    """arc_path: across one way, up to a top inside the film and down on a curve, slow near
    the top; a level or pointed path, a step back, a jump or even steps are no arc, and
    the reason names the picture to look at."""
    import math

    from kadr.lessons.checks_path import arc_path
    from kadr.lessons.registry import resolve_params

    def why(p, **params):
        return arc_path(p, [], resolve_params("arc_path", params)[0])

    xs = [77 + 61 * k for k in range(9)]
    curve = [377 - 281 * (1 - ((k - 4) / 4) ** 2) for k in range(9)]
    assert check(used("arc_path"), balls(xs, curve))
    assert check("arc_path", balls(xs[::-1], curve))  # either way across
    assert not check("arc_path", balls(xs[::-1], curve), direction="right")
    assert check("arc_path", balls(xs[:5], curve[:5]), part="rise", min_travel=0.15)
    assert check("arc_path", balls(xs[4:], curve[4:]), part="fall", min_travel=0.15)
    assert not check("arc_path", balls(xs[4:], curve[4:]), part="rise", min_travel=0.15)
    assert why(balls(xs, [300] * 9)).words == "Make the drawing higher in the middle pictures."
    pointed = why(balls(xs, [377 - 281 * (1 - abs(k - 4) / 4) for k in range(9)]))
    assert (pointed.words, pointed.picture) == (
        "Make the path round at picture {picture}, not pointed.", 3)
    back = why(balls(xs[:6] + [xs[4] - 20] + xs[7:], curve))
    assert (back.words, back.picture) == ("Move the drawing on, not back, in picture {picture}.", 7)
    stop = why(balls(xs[:1] * 4 + xs[4:], [377, 370, 365, 360] + curve[4:]))
    assert (stop.words, stop.picture) == ("Move the drawing on a little in picture {picture}.", 2)
    jump = why(balls([77, 97, 117, 137] + xs[4:], [377, 340, 310, 290] + curve[4:]))
    assert (jump.words, jump.picture) == ("Make a smaller step in picture {picture}.", 5)
    even = why(balls(*zip(*[(320 - 240 * math.cos(math.pi * k / 8),
                             377 - 281 * math.sin(math.pi * k / 8)) for k in range(9)])))
    assert even.words == "Make the steps smaller near the top."
    assert check("arc_path", balls(*zip(*[(320 - 240 * math.cos(math.pi * k / 8),
                                           377 - 281 * math.sin(math.pi * k / 8))
                                          for k in range(9)])), slow_top=0)
    half = project(9)
    for i in range(8):
        ellipse(half, i, xs[i], curve[i], 30)
    assert why(half).picture == 9  # nothing drawn there yet


def test_every_registered_check_is_used():
    """No check in the registry goes untested (runs last in this file)."""
    assert USED == set(REGISTRY)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_check_has_summary(name):
    """Each check explains itself for teachers (shown in lessons/README.md)."""
    assert len(REGISTRY[name].summary) > 20
