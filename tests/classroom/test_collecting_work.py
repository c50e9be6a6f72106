"""Collecting work: a learner's portfolio zip (real GIF and MP4 through the exporters,
the progress, an offline page listing every film), the class overview and the starter
film copied to everyone."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import imageio.v3 as iio
import numpy as np
from classroom_films import make_film

from kadr.classroom.learners import LearnerStore
from kadr.classroom.overview import write_overview
from kadr.classroom.portfolio import make_portfolio, portfolio_name
from kadr.classroom.starter import copy_starter_to_everyone
from kadr.core.library import Library
from kadr.lessons.progress import Progress


class Page(HTMLParser):
    """What a reader of the page meets: language, headings, images and links."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.headings: list[tuple[str, str]] = []
        self.images: list[dict[str, str]] = []
        self.links: list[str] = []
        self.svgs: list[dict[str, str]] = []
        self.titles: list[str] = []
        self._heading = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag in ("h1", "h2", "h3"):
            self._heading = tag
        elif tag == "img":
            self.images.append(a)
        elif tag == "a":
            self.links.append(a.get("href", ""))
        elif tag == "svg":
            self.svgs.append(a)
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = ""
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._heading and data.strip():
            self.headings.append((self._heading, data.strip()))
        if self._in_title and data.strip():
            self.titles.append(data.strip())


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def test_portfolio_zip_has_every_film_playable_and_a_page_listing_them(tmp_path: Path, qt) -> None:  # type: ignore[no-untyped-def]
    store = LearnerStore(tmp_path / "learners")
    ana = store.add("Ana", "owl")
    make_film(ana.films, "Bouncing ball", 3)
    make_film(ana.films, "Walk <fast> & \"slow\"", 2)
    progress = Progress(ana.progress_folder)
    progress.step_met("bounce", "squash")
    progress.finish("bounce")
    progress.step_reached("walk", "legs")

    zip_path = make_portfolio(ana, tmp_path / portfolio_name(ana),
                              titles={"bounce": "Bouncing ball"}, language="ru")
    assert zip_path.name == "Ana - Kadr.zip"
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        assert names == {"index.html", "progress.json", "progress.csv",
                         "films/Bouncing ball.gif", "films/Bouncing ball.mp4",
                         "films/Walk fast & slow.gif", "films/Walk fast & slow.mp4"}
        gif = archive.read("films/Bouncing ball.gif")
        mp4 = archive.read("films/Bouncing ball.mp4")
        html = archive.read("index.html").decode("utf-8")
        progress_json = json.loads(archive.read("progress.json"))
        rows = list(csv.DictReader(io.StringIO(archive.read("progress.csv").decode("utf-8-sig"))))
    assert gif[:6] == b"GIF89a"
    assert mp4[4:8] == b"ftyp"
    frames = iio.imread(gif, extension=".gif", index=None)
    assert frames.shape[1:3] == (240, 320) and len(frames) >= 2
    assert not np.array_equal(frames[0], frames[-1])  # the dot moves
    (tmp_path / "f.mp4").write_bytes(mp4)
    decoded = list(iio.imiter(tmp_path / "f.mp4", plugin="FFMPEG"))
    assert len(decoded) >= 3 and decoded[0].shape[:2] == (240, 320)

    assert progress_json["lessons"]["bounce"]["done"] is True
    assert [(r["lesson"], r["finished"], r["stars"]) for r in rows] == \
        [("bounce", "yes", "1"), ("walk", "no", "0")]

    page = parse(html)
    assert page.lang == "ru"
    assert page.headings[0] == ("h1", "Films by Ana")
    films = [text for level, text in page.headings if level == "h3"]
    assert films == ["Bouncing ball", 'Walk <fast> & "slow"']
    for image, title, count in zip(page.images, films, (3, 2)):
        assert image["src"].startswith("films/") and image["src"].endswith(".gif")
        assert image["src"][len("films/"):] in {n[len("films/"):] for n in names}
        assert title in image["alt"] and f"{count} pictures" in image["alt"]
    assert {f"films/{Path(i['src']).stem}.mp4" for i in page.images} <= set(page.links)
    assert not any(src.startswith(("http:", "https:", "//")) for src in page.links)
    [svg] = page.svgs
    assert svg["role"] == "img"
    assert "Lesson journey of Ana" in page.titles


def test_class_overview_page_and_csv(tmp_path: Path, qt) -> None:  # type: ignore[no-untyped-def]
    store = LearnerStore(tmp_path / "learners")
    ana, ben = store.add("Ana", "cat"), store.add("Ben", "dog")
    make_film(ana.films, "Frog jump", 2)
    Progress(ana.progress_folder).step_met("bounce", "a")
    Progress(ana.progress_folder).step_met("bounce", "b")
    Progress(ana.progress_folder).finish("bounce")
    store.touch(ben, now=1_767_225_600.0)  # 2026-01-01

    html_path, csv_path = write_overview(store, tmp_path / "out", language="kk")
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert [(r["learner"], r["films"], r["lessons_done"], r["stars"]) for r in rows] == \
        [("Ana", "1", "1", "2"), ("Ben", "0", "0", "0")]
    assert rows[1]["last_activity"].startswith("2026-01-0") or \
        rows[1]["last_activity"].startswith("2025-12-31")
    assert rows[0]["newest_film"] == "Frog jump"

    page = parse(html_path.read_text(encoding="utf-8"))
    assert page.lang == "kk" and page.headings[0][0] == "h1"
    thumbs = [i for i in page.images if i["src"].startswith("data:image/png")]
    assert len(thumbs) == 1 and "Frog jump" in thumbs[0]["alt"]
    avatars = [i for i in page.images if i["src"].startswith("data:image/svg+xml")]
    assert len(avatars) == 2 and all(i["alt"] == "" for i in avatars)  # the name is beside it
    assert len(page.svgs) == 2 and all(s["role"] == "img" for s in page.svgs)
    assert {"Lesson journey of Ana", "Lesson journey of Ben"} <= set(page.titles)


def test_starter_film_is_copied_to_every_learner(tmp_path: Path, qt) -> None:  # type: ignore[no-untyped-def]
    """Each learner gets their own copy (beside a film of the same title, under a free
    name); the starter itself is unchanged."""
    store = LearnerStore(tmp_path / "learners")
    learners = [store.add(name) for name in ("Ana", "Ben", "Cho")]
    make_film(learners[1].films, "Our garden", 1)
    starter = make_film(tmp_path / "teacher", "Our garden", 2)
    before = starter.read_bytes()
    result = copy_starter_to_everyone(store, starter)
    assert result.failed == {}
    assert set(result.copied) == {learner.id for learner in learners}
    for learner in learners:
        titles = [e.title for e in Library(learner.films).projects()]
        assert titles.count("Our garden") == (2 if learner.name == "Ben" else 1)
        assert result.copied[learner.id].parent == learner.films
        assert Library(learner.films).entry(result.copied[learner.id]).frames == 2
    assert starter.read_bytes() == before
