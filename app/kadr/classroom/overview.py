"""The class at a glance: every learner's lessons, stars, last activity and newest film,
as one self-contained HTML page (thumbnails, avatars and journey plots inside it) and a
CSV file for a spreadsheet."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kadr.classroom.avatars import avatar_svg
from kadr.classroom.html_page import data_uri, e, page
from kadr.classroom.journey_plot import JourneyStep, journey, journey_svg, when
from kadr.classroom.learners import Learner, LearnerStore
from kadr.i18n import tr
from kadr.lessons.progress import PROGRESS_FILE, Progress


@dataclass(frozen=True)
class LearnerSummary:
    learner: Learner
    films: int
    lessons_done: int
    stars: int
    last_activity: float  # seconds since the epoch; 0: never
    thumbnail: bytes | None  # PNG of the newest film's first picture
    newest_film: str  # its title
    steps: list[JourneyStep]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def summarise(learner: Learner, titles: Mapping[str, str] | None = None) -> LearnerSummary:
    """What the overview says about one learner (reads only)."""
    from kadr.core.library import Library, LibraryError

    entries = []
    if learner.films.is_dir():
        try:
            entries = [x for x in Library(learner.films).projects() if not x.broken]
        except LibraryError:
            entries = []
    progress = Progress(learner.progress_folder)
    steps = journey(progress.data, titles)
    last = max([learner.last_active, _mtime(learner.folder / PROGRESS_FILE)]
               + [s.started for s in steps] + [x.modified for x in entries[:1]])
    newest = entries[0] if entries else None
    thumbnail = newest.thumbnail if newest else None
    if newest is not None and thumbnail is None:  # a film never opened has none yet
        thumbnail = _draw_thumbnail(newest.path)
    return LearnerSummary(learner, len(entries), len(progress.done_lessons()),
                          progress.total_stars(), last, thumbnail,
                          newest.title if newest else "", steps)


def _draw_thumbnail(film: Path) -> bytes | None:
    """The film's first picture drawn now (with Qt: the UI thread)."""
    from kadr.core.library import thumbnail_png
    from kadr.core.store import ProjectFileError, load

    try:
        return thumbnail_png(load(film), 0, 128)
    except (ProjectFileError, OSError):
        return None


def class_summaries(store: LearnerStore, titles: Mapping[str, str] | None = None
                    ) -> list[LearnerSummary]:
    return [summarise(learner, titles) for learner in store.learners()]


def overview_csv(summaries: list[LearnerSummary]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["learner", "films", "lessons_done", "stars", "last_activity",
                     "newest_film", "minutes_in_lessons"])
    for s in summaries:
        writer.writerow([s.learner.name, s.films, s.lessons_done, s.stars,
                         when(s.last_activity), s.newest_film,
                         round(sum(step.seconds for step in s.steps) / 60, 1)])
    return out.getvalue()


def overview_html(summaries: list[LearnerSummary], language: str = "") -> str:
    title = tr("Our class in Kadr")
    head = [tr("Learner"), tr("Newest film"), tr("Films"), tr("Lessons finished"),
            tr("Stars"), tr("Last active")]
    rows = []
    for n, s in enumerate(summaries):
        avatar = data_uri(avatar_svg(s.learner.avatar).encode("utf-8"), "image/svg+xml")
        thumb = (f'<img src="{data_uri(s.thumbnail, "image/png")}" width="128" '
                 f'alt="{e(tr("First picture of {title}", title=s.newest_film))}">'
                 if s.thumbnail else e(tr("No films yet.")))
        rows.append(
            f'<tr><th scope="row"><img src="{avatar}" width="48" height="48" alt=""> '
            f'<a href="#learner-{n}">{e(s.learner.name)}</a></th>'
            f"<td>{thumb}</td><td>{s.films}</td><td>{s.lessons_done}</td><td>{s.stars}</td>"
            f"<td>{e(when(s.last_activity) or tr('never'))}</td></tr>")
    table = ("<table>\n<caption>" + e(tr("Every learner, in name order")) + "</caption>\n"
             "<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in head)
             + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")
    journeys = [f'<section id="learner-{n}"><h3>{e(s.learner.name)}</h3>'
                f'<div class="plot">{journey_svg(s.learner.name, s.steps, f"journey-{n}")}'
                f"</div></section>" for n, s in enumerate(summaries)]
    body = "\n".join([f"<h1>{e(title)}</h1>",
                      f"<p>{e(tr('{count} learners.', count=len(summaries)))}</p>",
                      table, f"<h2>{e(tr('Lesson journeys'))}</h2>", *journeys])
    return page(language, title, body)


def write_overview(store: LearnerStore, folder: Path, titles: Mapping[str, str] | None = None,
                   language: str = "") -> tuple[Path, Path]:
    """Write ``class-overview.html`` and ``class-overview.csv`` into ``folder``."""
    summaries = class_summaries(store, titles)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text, encoding in (("class-overview.html", overview_html(summaries, language),
                                  "utf-8"),
                                 ("class-overview.csv", overview_csv(summaries), "utf-8-sig")):
        path = folder / name
        tmp = path.with_name(f".{name}.{os.getpid()}.part")
        tmp.write_text(text, encoding=encoding, newline="")
        os.replace(tmp, path)
        written.append(path)
    return written[0], written[1]
