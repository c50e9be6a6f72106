"""Self-contained HTML pages for parents and teachers: no scripts, no outside files."""

from __future__ import annotations

import base64
from html import escape

STYLE = """
body { font-family: system-ui, "Segoe UI", "Noto Sans", sans-serif; font-size: 1.1rem;
       line-height: 1.5; margin: 0; color: #1a1a1a; background: #ffffff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; margin-top: 2.5rem; }
.films { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1.5rem; }
.film { border: 2px solid #767676; border-radius: 0.5rem; padding: 1rem; }
.film img, .film video { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #767676; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
a { color: #0b57d0; } a:focus, video:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.plot { overflow-x: auto; }
@media (prefers-color-scheme: dark) {
  body { color: #f2f2f2; background: #121212; } th { background: #2a2a2a; } a { color: #8ab4f8; }
  a:focus, video:focus { outline-color: #f2f2f2; } .plot svg { background: #ffffff; }
}
"""


def e(text: object) -> str:
    """Text made safe for HTML (also inside attribute values)."""
    return escape(str(text), quote=True)


def page(lang: str, title: str, body: str) -> str:
    """A whole page in ``lang`` with ``body`` (HTML) in its <main>."""
    return (f'<!DOCTYPE html>\n<html lang="{e(lang or "en")}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{e(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def data_uri(data: bytes, mime: str) -> str:
    """Bytes inside the page itself (a thumbnail, an avatar), so the page needs nothing else."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
