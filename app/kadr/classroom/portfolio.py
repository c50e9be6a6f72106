"""A learner's portfolio: one zip a parent or teacher can open anywhere, offline.

Inside ``<name> - Kadr.zip``::

    index.html          the page: every film (the GIF shown, with its description as alt
                        text; the MP4 to play), and the lesson journey drawn as a plot
    films/<film>.gif    each film as an animated GIF ...
    films/<film>.mp4    ... and as an H.264 video (the real exporters: kadr.export)
    progress.json       the lesson progress as Kadr keeps it
    progress.csv        one row per lesson (for a spreadsheet)

Two halves, because drawing a film's paper needs Qt and the UI thread, while encoding takes
the time: ``prepare_portfolio`` (UI thread: reads the films into plain data) and
``write_portfolio`` (any thread: exports and zips; complete or absent, never half a zip).
``make_portfolio`` does both in turn.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import threading
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kadr.classroom.html_page import e, page
from kadr.classroom.journey_plot import JourneyStep, journey, journey_svg, minutes_text, when
from kadr.classroom.learners import Learner, folder_name
from kadr.export.errors import ExportCancelled
from kadr.export.frames import Film
from kadr.i18n import tr
from kadr.lessons.progress import Progress

FORMATS = ("gif", "mp4")


@dataclass(frozen=True)
class PreparedFilm:
    source: Path
    title: str
    pictures: int
    seconds: float  # how long it plays once
    description: str  # the alt text
    film: Film


@dataclass
class PreparedPortfolio:
    learner: Learner
    language: str
    films: list[PreparedFilm]
    progress: dict[str, Any]
    titles: dict[str, str]
    problems: list[str] = field(default_factory=list)  # films left out, in plain words


def film_description(title: str, pictures: int, seconds: float) -> str:
    """Alt text for a film. Kadr films have no description of their own yet, so it is
    made from what is known: the title, the pictures and how long it plays."""
    return tr("{title}: an animation of {count} pictures that plays for {seconds} seconds.",
              title=title, count=pictures, seconds=f"{seconds:.1f}".rstrip("0").rstrip("."))


def prepare_portfolio(learner: Learner, titles: Mapping[str, str] | None = None,
                      language: str = "") -> PreparedPortfolio:
    """Read the learner's films and progress (the UI thread: films are drawn with Qt)."""
    from kadr.core.library import Library, LibraryError
    from kadr.core.store import ProjectFileError, load
    from kadr.export.frames import prepare

    films: list[PreparedFilm] = []
    problems: list[str] = []
    try:
        entries = Library(learner.films).projects() if learner.films.is_dir() else []
    except LibraryError as error:
        entries, problems = [], [str(error)]
    for entry in reversed(entries):  # oldest first: the order they were made
        if entry.broken:
            problems.append(f"{entry.path.name}: {entry.broken}")
            continue
        try:
            project = load(entry.path)
        except ProjectFileError as error:
            problems.append(f"{entry.path.name}: {error}")
            continue
        film = prepare(project)
        count = len(film.holds)
        seconds = sum(film.holds) / max(1, film.fps)
        title = film.title or entry.title
        films.append(PreparedFilm(entry.path, title, count, seconds,
                                  film_description(title, count, seconds), film))
    progress = Progress(learner.progress_folder).data
    return PreparedPortfolio(learner, language, films, progress, dict(titles or {}), problems)


def _unique_names(films: list[PreparedFilm]) -> list[str]:
    used: set[str] = set()
    names = []
    for film in films:
        stem = folder_name(film.title, "").strip() or "film"
        name, n = stem, 1
        while name.casefold() in used:
            n += 1
            name = f"{stem} {n}"
        used.add(name.casefold())
        names.append(name)
    return names


def progress_csv(steps: list[JourneyStep]) -> str:
    """One row per lesson: the same facts as the plot, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["lesson", "title", "finished", "stars", "hints", "started",
                     "finished_at", "minutes"])
    for step in steps:
        writer.writerow([step.lesson, step.title, "yes" if step.done else "no", step.stars,
                         step.hints, when(step.started), when(step.finished),
                         round(step.seconds / 60, 1)])
    return out.getvalue()


def portfolio_html(prepared: PreparedPortfolio, names: list[str],
                   formats: tuple[str, ...]) -> str:
    """The portfolio's index.html."""
    name = prepared.learner.name
    steps = journey(prepared.progress, prepared.titles)
    parts = [f"<h1>{e(tr('Films by {name}', name=name))}</h1>",
             f"<p>{e(tr('Made with Kadr. {count} films.', count=len(prepared.films)))}</p>",
             f"<h2>{e(tr('Films'))}</h2>"]
    if not prepared.films:
        parts.append(f"<p>{e(tr('No films yet.'))}</p>")
    parts.append('<div class="films">')
    for film, stem in zip(prepared.films, names):
        w, h = film.film.width, film.film.height
        block = [f'<article class="film">\n<h3>{e(film.title)}</h3>']
        if "gif" in formats:
            block.append(f'<img src="films/{e(stem)}.gif" alt="{e(film.description)}" '
                         f'width="{w}" height="{h}">')
        else:
            block.append(f"<p>{e(film.description)}</p>")
        if "mp4" in formats:
            block.append(f'<p><a href="films/{e(stem)}.mp4">'
                         f'{e(tr("Watch {title} as a video", title=film.title))}</a></p>')
        block.append("</article>")
        parts.append("\n".join(block))
    parts.append("</div>")
    parts += [f"<h2>{e(tr('Lessons'))}</h2>",
              f'<div class="plot">{journey_svg(name, steps)}</div>',
              f'<p><a href="progress.csv">{e(tr("The lessons as a table (CSV)"))}</a></p>']
    if steps:
        parts.append("<ul>" + "".join(
            f"<li>{e(s.title)}: {e(tr('finished') if s.done else tr('not finished yet'))}, "
            f"{e(minutes_text(s.seconds))}, {e(tr('{count} stars', count=s.stars))}</li>"
            for s in steps) + "</ul>")
    return page(prepared.language, tr("Films by {name}", name=name), "\n".join(parts))


def write_portfolio(prepared: PreparedPortfolio, zip_path: Path,
                    formats: tuple[str, ...] = FORMATS,
                    on_progress: Callable[[int, int], None] | None = None,
                    cancel: threading.Event | None = None,
                    ffmpeg_exe: str | None = None) -> Path:
    """Export every film and write the zip (any thread). Raises ExportError (plain words)
    or ExportCancelled; either way no zip is left behind."""
    from kadr.export.options import ExportOptions
    from kadr.export.runner import run_export

    zip_path = Path(zip_path)
    names = _unique_names(prepared.films)
    total = len(prepared.films) * len(formats) + 1
    done = 0
    part = zip_path.with_name(f".{zip_path.name}.{os.getpid()}.part")
    try:
        with tempfile.TemporaryDirectory(prefix="kadr-portfolio-") as tmp, \
                zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as archive:
            for film, stem in zip(prepared.films, names):
                for fmt in formats:
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled()
                    out = run_export(film.film, Path(tmp) / f"{stem}.{fmt}",
                                     ExportOptions(format=fmt, ffmpeg_exe=ffmpeg_exe))
                    # GIF and MP4 are compressed already
                    archive.write(out, f"films/{stem}.{fmt}", zipfile.ZIP_STORED)
                    out.unlink()
                    done += 1
                    if on_progress is not None:
                        on_progress(done, total)
            steps = journey(prepared.progress, prepared.titles)
            archive.writestr("index.html", portfolio_html(prepared, names, formats))
            archive.writestr("progress.json", json.dumps(prepared.progress, ensure_ascii=False,
                                                         indent=1, sort_keys=True))
            archive.writestr("progress.csv", "\ufeff" + progress_csv(steps))  # Excel: UTF-8
        os.replace(part, zip_path)
    finally:
        part.unlink(missing_ok=True)
    if on_progress is not None:
        on_progress(total, total)
    return zip_path


def make_portfolio(learner: Learner, zip_path: Path, titles: Mapping[str, str] | None = None,
                   language: str = "", formats: tuple[str, ...] = FORMATS) -> Path:
    """``prepare_portfolio`` then ``write_portfolio``, on this (the UI) thread."""
    return write_portfolio(prepare_portfolio(learner, titles, language), zip_path, formats)


def portfolio_name(learner: Learner) -> str:
    """A file name for the learner's portfolio zip."""
    return f"{folder_name(learner.name, '').strip() or learner.id} - Kadr.zip"
