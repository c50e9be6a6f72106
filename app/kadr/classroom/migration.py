"""An install from before learners existed becomes the first learner, losing nothing.

Before, one computer account had one settings file (``<config>/settings.json``), one
lesson progress (``<config>/learner/``) and one library (``<data>/library`` or the folder
the settings named). ``migrate_single_user`` makes a learner of them once:

* the films stay exactly where they are: the learner's films folder *is* the old library;
* progress and the teacher's lesson file are copied into the learner's folder (the old
  files stay, so an older Kadr still finds them);
* the settings the child had changed (those that differ from Kadr's defaults) become the
  learner's own settings; the rest follow the classroom file's defaults from now on.

A marker file in the learners folder says it was done, so it happens once even if that
learner is later removed.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import fields
from pathlib import Path

from kadr import settings as app_settings
from kadr.classroom.avatars import DEFAULT
from kadr.classroom.jsonfile import write_json
from kadr.classroom.learners import Learner, LearnerStore
from kadr.i18n import tr
from kadr.lessons.progress import PROGRESS_FILE, TEACHER_FILE

MARKER = "migrated.json"
OLD_LEARNER = "learner"  # the one progress folder of old installs, in the config folder


def _has_films(library: Path) -> bool:
    try:
        return any(p.suffix == ".kadr" for p in library.iterdir())
    except OSError:
        return False


def _copy(src: Path, dest: Path) -> None:
    """Copy a small file under a temporary name, then rename (never half a file)."""
    tmp = dest.with_name("." + dest.name + ".part")
    shutil.copy2(src, tmp)
    os.replace(tmp, dest)


def migrate_single_user(store: LearnerStore, config: Path, library: Path,
                        name: str = "", avatar: str = DEFAULT,
                        now: float | None = None) -> Learner | None:
    """Make the first learner of what ``config`` and ``library`` held, once. Returns the
    learner, or None when there was nothing to bring (a new install) or it was done."""
    marker = store.root / MARKER
    if marker.exists():
        return None
    config, library = Path(config), Path(library)
    old_settings = config / "settings.json"
    old_progress = config / OLD_LEARNER
    used = old_settings.is_file() or (old_progress / PROGRESS_FILE).is_file() \
        or _has_films(library)
    learner = None
    if used and not store.learners():
        learner = store.add(name or tr("First learner"), avatar, now)
        if library.is_dir():
            learner = store.keep_films_at(learner, library)
        for file in (PROGRESS_FILE, TEACHER_FILE):
            if (old_progress / file).is_file():
                _copy(old_progress / file, learner.folder / file)
        if old_settings.is_file():
            old = app_settings.load_settings(old_settings)  # every value checked
            usual = app_settings.Settings()
            changed = {f.name: getattr(old, f.name) for f in fields(old)
                       if f.name != "library" and getattr(old, f.name) != getattr(usual, f.name)}
            write_json(learner.settings_path, changed)
    write_json(marker, {"version": 1, "when": time.time() if now is None else now,
                        "learner": learner.id if learner else None,
                        "config": str(config), "library": str(library)})
    return learner


def migrate_this_account(store: LearnerStore) -> Learner | None:
    """``migrate_single_user`` for this computer account's usual places."""
    from kadr.core.library import default_root

    settings = app_settings.load_settings()
    library = Path(settings.library) if settings.library else default_root()
    return migrate_single_user(store, app_settings.config_dir(), library)
