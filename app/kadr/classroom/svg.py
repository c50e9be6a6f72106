"""A very small SVG writer: shapes and text, escaped, with an accessible title and desc."""

from __future__ import annotations

from html import escape


def _attrs(values: dict[str, object]) -> str:
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")  # class_ -> class, font_size -> font-size
        if isinstance(value, float):
            value = f"{value:.1f}".rstrip("0").rstrip(".")
        parts.append(f' {name}="{escape(str(value), quote=True)}"')
    return "".join(parts)


class Svg:
    """Build a picture element by element; ``str()`` gives the SVG text.

    It is an image with a name for screen readers: ``role="img"`` and
    ``aria-labelledby`` pointing at its <title> and <desc>."""

    def __init__(self, width: float, height: float, title: str, desc: str,
                 ident: str = "plot") -> None:
        self.width, self.height, self.ident = width, height, ident
        self.title, self.desc = title, desc
        self.items: list[str] = []

    def add(self, tag: str, *content: str, **attrs: object) -> None:
        text = content[0] if content else None
        if text is None:
            self.items.append(f"<{tag}{_attrs(attrs)}/>")
        else:
            self.items.append(f"<{tag}{_attrs(attrs)}>{escape(text, quote=False)}</{tag}>")

    def rect(self, x: float, y: float, w: float, h: float, **attrs: object) -> None:
        self.add("rect", x=x, y=y, width=w, height=h, **attrs)

    def line(self, x1: float, y1: float, x2: float, y2: float, **attrs: object) -> None:
        self.add("line", x1=x1, y1=y1, x2=x2, y2=y2, **attrs)

    def path(self, d: str, **attrs: object) -> None:
        self.add("path", d=d, **attrs)

    def text(self, x: float, y: float, words: str, **attrs: object) -> None:
        self.add("text", words, x=x, y=y, **attrs)

    def __str__(self) -> str:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width:.0f}" '
                f'height="{self.height:.0f}" viewBox="0 0 {self.width:.0f} {self.height:.0f}" '
                f'role="img" aria-labelledby="{self.ident}-title {self.ident}-desc">')
        return "\n".join([
            head,
            f'<title id="{self.ident}-title">{escape(self.title, quote=False)}</title>',
            f'<desc id="{self.ident}-desc">{escape(self.desc, quote=False)}</desc>',
            *self.items, "</svg>"])


def star_path(cx: float, cy: float, r: float) -> str:
    """A five-pointed star centred on (cx, cy)."""
    import math

    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + k * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f} {cy + radius * math.sin(angle):.1f}")
    return "M" + " L".join(points) + " Z"
