"""Find every translatable string in the source and keep the catalogues in step with it.

    python -m kadr.i18n_extract            list the strings (with where they are used)
    python -m kadr.i18n_extract --update   add new strings to every catalogue (empty value),
                                           drop strings the code no longer uses
    python -m kadr.i18n_extract --check    exit 1 if a language lacks a translation, a
                                           placeholder differs, or a Japanese kanji string
                                           has no kana reading in ja.speech.json

A translatable string is the first argument of a call to ``tr()`` or ``tr_speech()``
(imported from ``kadr.i18n``, or called as ``i18n.tr()``).
Only a literal string can be found: anything else (a variable, an f-string) is reported
as a warning, because its words never reach the translators.

The catalogues are ``kadr/locale/<code>.json``: English -> translation. Keys starting with
"@" are notes for translators and are ignored by ``kadr.i18n.load_catalogue``:
``"@comment"`` (how to translate) and ``"@notes"`` (English -> a note about one string).
Japanese also has ``ja.speech.json``: Japanese source string (English key) -> kana reading,
for each string whose Japanese translation has kanji. See docs/translations.md.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGS = ("ru", "kk", "ko", "ja")  # English is the source text itself

# Module -> the functions in it whose first argument is a translatable string.
TR_FUNCTIONS: dict[str, frozenset[str]] = {
    "kadr.i18n": frozenset({"tr", "tr_speech"}),
    "kadr.lessons.why": frozenset({"Why"}),  # a lesson check's reason, shown later with tr()
}
# Files that define the mechanism itself (their tr(text) calls forward a parameter).
SKIP_FILES = {"i18n.py", "i18n_extract.py"}
WRAPPER_BODIES: dict[str, set[str]] = {"kadr.lessons.why": {"why_words"},
                                       "kadr.core.undo_memory": {"step_words"}}

COMMENT = (
    "Catalogue for {lang}: English source text -> translation. Keep every {{placeholder}} "
    "exactly as it is (you may move it). Easy Read: short sentences, one action, verb "
    "first, words a child knows. House terms and review status: docs/translations.md. "
    "Keys starting with @ are notes, not translations. After changing the code run "
    "'python -m kadr.i18n_extract --update', translate every empty value, then '--check'."
)
SPEECH_COMMENT = (
    "Kana readings for speech: English source text -> the Japanese translation written in "
    "hiragana/katakana only (espeak-ng reads each kanji as 'Chinese letter'). Needed for "
    "every Japanese translation that contains kanji. Keep every {placeholder}."
)

KANJI_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]")  # 々 too


@dataclass
class Found:
    """One translatable string and the places that use it."""

    text: str
    places: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    strings: dict[str, Found] = field(default_factory=dict)  # in order of first use
    warnings: list[str] = field(default_factory=list)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string (empty set if it does not parse)."""
    try:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError:
        return {"<invalid format string>"}


def has_kanji(text: str) -> bool:
    return bool(KANJI_RE.search(text))


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str | None, level: int, here: str, is_package: bool) -> str:
    """The absolute module name of ``from <level dots><module> import ...`` in ``here``."""
    if not level:
        return module or ""
    base = here.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


class _Visitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, shown: str, out: Extraction) -> None:
        self.module = module
        self.is_package = is_package
        self.shown = shown
        self.out = out
        self.names: dict[str, str] = {}  # local name -> "module.function"
        self.modules: dict[str, str] = {}  # local name -> module with tr functions
        self.function_stack: list[str] = []

    # -- what is a tr function here -------------------------------------------------
    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        source = _resolve(node.module, node.level, self.module, self.is_package)
        for alias in node.names:
            local = alias.asname or alias.name
            if alias.name in TR_FUNCTIONS.get(source, ()):
                self.names[local] = f"{source}.{alias.name}"
            full = f"{source}.{alias.name}" if source else alias.name
            if full in TR_FUNCTIONS:
                self.modules[local] = full
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name in TR_FUNCTIONS:
                self.modules[alias.asname or alias.name] = alias.name
        self.generic_visit(node)

    def _target(self, func: ast.expr) -> str | None:
        if isinstance(func, ast.Name):
            return self.names.get(func.id)
        if isinstance(func, ast.Attribute):
            dotted = _dotted(func.value)
            if dotted is None:
                return None
            module = self.modules.get(dotted)
            if module is None and dotted in TR_FUNCTIONS:  # import kadr.i18n; kadr.i18n.tr()
                module = dotted
            if module and func.attr in TR_FUNCTIONS[module]:
                return f"{module}.{func.attr}"
        return None

    # -- collecting -----------------------------------------------------------------
    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.function_stack.append(node.name)
        self.generic_visit(node)
        self.function_stack.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.function_stack.append("<lambda>")
        self.generic_visit(node)
        self.function_stack.pop()

    def visit_Call(self, node: ast.Call) -> None:
        target = self._target(node.func)
        if target is not None:
            where = f"{self.shown}:{node.lineno}"
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found = self.out.strings.setdefault(first.value, Found(first.value))
                found.places.append(where)
                if not self.function_stack:
                    self.out.warnings.append(
                        f"{where}: tr() runs at import time, so this text will not follow "
                        "a language switch; call it inside a function")
            elif not self._in_wrapper():
                what = "no argument" if first is None else ast.unparse(first)
                name = target.rsplit(".", 1)[1]
                self.out.warnings.append(
                    f"{where}: {name}() needs a literal string, got {what}")
        self.generic_visit(node)

    def _in_wrapper(self) -> bool:
        wrappers = WRAPPER_BODIES.get(self.module, set())
        return bool(self.function_stack) and self.function_stack[0] in wrappers


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def python_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(p for p in package_dir.rglob("*.py")
                  if p.name not in SKIP_FILES or p.parent != package_dir)


def extract(package_dir: Path = PACKAGE_DIR, files: Iterable[Path] | None = None) -> Extraction:
    """Every literal string given to a tr function in the package, in order of first use."""
    out = Extraction()
    for path in (python_files(package_dir) if files is None else files):
        shown = path.relative_to(package_dir.parent).as_posix()
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, UnicodeDecodeError) as error:
            out.warnings.append(f"{shown}: cannot be read ({error})")
            continue
        module = _module_name(path, package_dir)
        _Visitor(module, path.name == "__init__.py", shown, out).visit(tree)
    return out


# -- catalogues -------------------------------------------------------------------------

def catalogue_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / f"{lang}.json"


def speech_path(locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / "ja.speech.json"


def read_json(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: must be a JSON object")
    return data


def write_json(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def translations(data: dict[str, object]) -> dict[str, str]:
    """The entries of a catalogue that are translations (not "@" notes)."""
    return {k: v for k, v in data.items() if not k.startswith("@") and isinstance(v, str)}


def updated(data: dict[str, object], keys: list[str], comment: str) -> dict[str, object]:
    """``data`` with exactly ``keys`` (new ones empty, gone ones removed), notes kept."""
    old = translations(data)
    out: dict[str, object] = {"@comment": comment}
    notes = data.get("@notes")
    if isinstance(notes, dict):
        kept = {k: v for k, v in notes.items() if k in keys}
        if kept:
            out["@notes"] = kept
    for key, value in data.items():  # any other "@" notes a translator added
        if key.startswith("@") and key not in ("@comment", "@notes"):
            out[key] = value
    for key in keys:
        out[key] = old.get(key, "")
    return out


def update(found: Extraction, locale_dir: Path = LOCALE_DIR,
           langs: Iterable[str] = LANGS) -> dict[str, tuple[int, int]]:
    """Bring each catalogue in step with ``found``; returns lang -> (added, removed)."""
    keys = list(found.strings)
    report: dict[str, tuple[int, int]] = {}
    for lang in langs:
        path = catalogue_path(lang, locale_dir)
        data = read_json(path)
        old = translations(data)
        new = updated(data, keys, COMMENT.format(lang=lang))
        write_json(path, new)
        report[lang] = (len(set(keys) - set(old)), len(set(old) - set(keys)))
    if "ja" in langs:
        ja = translations(read_json(catalogue_path("ja", locale_dir)))
        path = speech_path(locale_dir)
        data = read_json(path)
        old = translations(data)
        wanted = [k for k in keys if has_kanji(ja.get(k, "")) or old.get(k)]
        new = updated(data, wanted, SPEECH_COMMENT)
        write_json(path, new)
        report["ja.speech"] = (len(set(wanted) - set(old)), len(set(old) - set(wanted)))
    return report


def todo(lang: str, found: Extraction, locale_dir: Path = LOCALE_DIR) -> dict[str, str]:
    """What is left to translate in ``lang`` (English -> ""), or for "ja.speech" the
    Japanese strings with kanji but no reading (English -> the Japanese, to rewrite in kana)."""
    if lang == "ja.speech":
        ja = translations(read_json(catalogue_path("ja", locale_dir)))
        speech = translations(read_json(speech_path(locale_dir)))
        return {k: ja[k] for k in found.strings
                if has_kanji(ja.get(k, "")) and not speech.get(k)}
    cat = translations(read_json(catalogue_path(lang, locale_dir)))
    return {k: "" for k in found.strings if not cat.get(k)}


def merge(lang: str, source: Path, found: Extraction, locale_dir: Path = LOCALE_DIR) -> int:
    """Copy the non-empty translations in ``source`` (a --todo file) into ``lang``'s
    catalogue; ``lang`` may be "ja.speech" for kana readings. Unknown keys are refused."""
    path = speech_path(locale_dir) if lang == "ja.speech" else catalogue_path(lang, locale_dir)
    if lang != "ja.speech" and lang not in LANGS:
        raise SystemExit(f"unknown language {lang!r}")
    incoming = translations(read_json(source))
    unknown = [k for k in incoming if k not in found.strings]
    if unknown:
        raise SystemExit("not in the code (run --update first?): " + "; ".join(map(repr, unknown)))
    data = read_json(path)
    count = 0
    for key, value in incoming.items():
        if value:
            data[key] = value
            count += 1
    write_json(path, data)
    return count


def problems(found: Extraction, locale_dir: Path = LOCALE_DIR,
             langs: Iterable[str] = LANGS) -> list[str]:
    """Everything --check complains about, one line each."""
    out: list[str] = []
    keys = list(found.strings)
    for key in keys:
        if placeholders(key) == {"<invalid format string>"}:
            out.append(f"en: {key!r}: not a valid format string")
    for lang in langs:
        path = catalogue_path(lang, locale_dir)
        if not path.exists():
            out.append(f"{lang}: {path.name} is missing (run --update)")
            continue
        cat = translations(read_json(path))
        for key in keys:
            value = cat.get(key)
            if key not in cat:
                out.append(f"{lang}: missing {key!r} (run --update, then translate)")
            elif not value:
                out.append(f"{lang}: untranslated {key!r}")
            elif placeholders(value) != placeholders(key):
                out.append(f"{lang}: placeholders differ in {key!r}: "
                           f"{sorted(placeholders(key))} vs {sorted(placeholders(value))}")
        for key in cat:
            if key not in found.strings:
                out.append(f"{lang}: {key!r} is no longer in the code (run --update)")
    if "ja" in langs and catalogue_path("ja", locale_dir).exists():
        ja = translations(read_json(catalogue_path("ja", locale_dir)))
        speech = translations(read_json(speech_path(locale_dir)))
        for key in keys:
            text = ja.get(key, "")
            reading = speech.get(key, "")
            if has_kanji(text) and not reading:
                out.append(f"ja.speech: no kana reading for {key!r} ({text})")
            if reading and has_kanji(reading):
                out.append(f"ja.speech: the reading of {key!r} still has kanji: {reading}")
            if reading and placeholders(reading) != placeholders(key):
                out.append(f"ja.speech: placeholders differ in {key!r}")
        for key in speech:
            if key not in found.strings:
                out.append(f"ja.speech: {key!r} is no longer in the code (run --update)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kadr.i18n_extract",
        description="List the translatable strings; update or check the catalogues.")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--update", action="store_true",
                        help="add new strings (empty) to every catalogue, drop unused ones")
    action.add_argument("--check", action="store_true",
                        help="exit 1 if any translation is missing or its placeholders differ")
    action.add_argument("--todo", metavar="LANG", choices=(*LANGS, "ja.speech"),
                        help="print one language's untranslated strings as JSON to fill in "
                             "(ja.speech: Japanese strings with kanji that lack a reading)")
    action.add_argument("--merge", nargs=2, metavar=("LANG", "FILE"),
                        help="copy the filled-in translations of a --todo JSON file into "
                             "LANG's catalogue (ja.speech for Japanese readings)")
    parser.add_argument("--lang", action="append", choices=LANGS,
                        help="only this language (repeatable; default: all)")
    parser.add_argument("--json", action="store_true", help="list as JSON")
    args = parser.parse_args(argv)
    langs = tuple(args.lang or LANGS)

    found = extract()
    for warning in found.warnings:
        print(f"warning: {warning}", file=sys.stderr)

    if args.update:
        for lang, (added, removed) in update(found, langs=langs).items():
            print(f"{lang}: {added} added, {removed} removed")
        return 0
    if args.check:
        bad = problems(found, langs=langs)
        for line in bad:
            print(line)
        print(f"{len(found.strings)} strings, {len(bad)} problems", file=sys.stderr)
        return 1 if bad else 0
    if args.todo:
        print(json.dumps(todo(args.todo, found), ensure_ascii=False, indent=2))
        return 0
    if args.merge:
        lang, source = args.merge
        count = merge(lang, Path(source), found)
        print(f"{lang}: {count} translations merged")
        return 0
    if args.json:
        print(json.dumps({k: f.places for k, f in found.strings.items()},
                         ensure_ascii=False, indent=2))
        return 0
    for text, where in found.strings.items():
        print(f"{text!r}\n    {', '.join(where.places)}")
    print(f"{len(found.strings)} strings, {len(found.warnings)} warnings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
