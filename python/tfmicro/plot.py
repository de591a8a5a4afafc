"""Draws the arena timeline of ``tfmicro analyze --plot`` as SVG or HTML.

Each planned tensor is a bar: horizontally from the operator that first
needs it to the last one, vertically at its offset in the arena's planned
region, as tall as its bytes. The column of the operator with the most
live bytes is shaded, so the tensors that set the peak stand out. Hovering
a bar shows the tensor (an SVG <title>). Written by hand: no plotting
library is needed.
"""

from __future__ import annotations

import html
from pathlib import Path

from tfmicro.analyze import Analysis, short_name
from tfmicro.report import CommandError

FORMATS = (".svg", ".html")
_WIDTH, _HEIGHT = 960, 540
_LEFT, _RIGHT, _TOP, _BOTTOM = 90, 20, 50, 110
_GOLDEN = 0.618033988749895


def write_plot(analysis: Analysis, path: str) -> str:
    """Writes the plot; the format follows the file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        hint = (" (PNG would need a plotting library tfmicro does not "
                "depend on; any browser opens .svg and .html)"
                if suffix == ".png" else "")
        raise CommandError(f"--plot {path}: unsupported format "
                           f"{suffix or '(no suffix)'}; use "
                           f"{' or '.join(FORMATS)}{hint}")
    if analysis.arena is None:
        raise CommandError(f"--plot: no memory plan to draw "
                           f"({analysis.error})")
    text = svg(analysis) if suffix == ".svg" else page(analysis)
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as e:
        raise CommandError(f"cannot write {path}: {e.strerror}") from e
    return path


def _color(index: int) -> str:
    hue = (index * _GOLDEN) % 1.0
    return f"hsl({hue * 360:.0f}, 60%, 62%)"


def svg(analysis: Analysis) -> str:
    """The timeline as a standalone SVG document."""
    ops = len(analysis.operators)
    region = max(analysis.arena["planned_bytes"], 1)
    plot_w = _WIDTH - _LEFT - _RIGHT
    plot_h = _HEIGHT - _TOP - _BOTTOM
    column = plot_w / max(ops, 1)

    def x(op: float) -> float:
        return _LEFT + op * column

    def y(offset: float) -> float:
        return _TOP + plot_h - offset / region * plot_h

    out = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" '
         f'height="{_HEIGHT}" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
         'font-family="sans-serif" font-size="11">'),
        f'<rect width="{_WIDTH}" height="{_HEIGHT}" fill="white"/>',
    ]
    peak = analysis.peak
    title = (f"Arena timeline of {Path(analysis.path).name}: planned region "
             f"{analysis.arena['planned_bytes']:,} bytes of "
             f"{analysis.arena['total_bytes']:,}")
    out.append(f'<text x="{_LEFT}" y="22" font-size="15" '
               f'font-weight="bold">{html.escape(title)}</text>')
    if peak is not None:
        out.append(
            f'<rect x="{x(peak["op_index"]):.1f}" y="{_TOP}" '
            f'width="{column:.1f}" height="{plot_h}" fill="#fde8e8"/>')
        out.append(
            f'<text x="{_LEFT}" y="40" fill="#b00">peak: '
            f'{peak["live_bytes"]:,} bytes live at operator '
            f'{peak["op_index"]} {html.escape(peak["op"])} (shaded)</text>')
    for t in analysis.arena_tensors:
        first = max(t["first_op"], 0)
        last = min(max(t["last_op"], first), ops - 1)
        left, right = x(first), x(last + 1)
        top, bottom = y(t["offset"] + t["bytes"]), y(t["offset"])
        tip = (f"tensor {t['index']} {t['name']}: {t['dtype']}{t['shape']}, "
               f"{t['bytes']:,} bytes at offset {t['offset']:,}, live at "
               f"operators {t['first_op']}..{t['last_op']}")
        out.append(
            f'<rect x="{left:.1f}" y="{top:.1f}" '
            f'width="{max(right - left, 1):.1f}" '
            f'height="{max(bottom - top, 0.5):.1f}" '
            f'fill="{_color(t["index"])}" stroke="#333" stroke-width="0.5">'
            f'<title>{html.escape(tip)}</title></rect>')
        if bottom - top >= 12 and right - left >= 28:
            out.append(
                f'<text x="{(left + right) / 2:.1f}" '
                f'y="{(top + bottom) / 2 + 4:.1f}" text-anchor="middle" '
                f'pointer-events="none">t{t["index"]}</text>')
    # Axes.
    out.append(f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{x(ops):.1f}" '
               f'y2="{_TOP + plot_h}" stroke="black"/>')
    out.append(f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" '
               f'y2="{_TOP + plot_h}" stroke="black"/>')
    for k in range(5):
        value = region * k / 4
        out.append(f'<text x="{_LEFT - 6}" y="{y(value) + 4:.1f}" '
                   f'text-anchor="end">{value:,.0f}</text>')
        out.append(f'<line x1="{_LEFT - 3}" y1="{y(value):.1f}" '
                   f'x2="{_LEFT}" y2="{y(value):.1f}" stroke="black"/>')
    out.append(f'<text transform="translate(16 {_TOP + plot_h / 2}) '
               f'rotate(-90)" text-anchor="middle">arena offset '
               f'(bytes)</text>')
    step = max(1, -(-ops // 40))
    for op in analysis.operators[::step]:
        center = x(op["index"] + 0.5)
        label = f'{op["index"]} {short_name(op["op"], 18)}'
        out.append(f'<text transform="translate({center:.1f} '
                   f'{_TOP + plot_h + 10}) rotate(60)">'
                   f'{html.escape(label)}</text>')
    out.append(f'<text x="{_LEFT + plot_w / 2}" y="{_HEIGHT - 6}" '
               'text-anchor="middle">operator (execution order)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def page(analysis: Analysis) -> str:
    """An HTML page: the SVG, the arena split and the planned tensors."""
    arena = analysis.arena
    split = [("planned tensors", arena["tensor_bytes"]),
             ("scratch buffers", arena["scratch_bytes"]),
             ("persistent", arena["persistent_bytes"]),
             ("planning temporaries", arena["temporary_bytes"]),
             ("interpreter object", arena["interpreter_bytes"]),
             ("total", arena["total_bytes"])]
    split_rows = "\n".join(
        f"<tr><td>{name}</td><td>{value:,}</td></tr>" for name, value in split)
    tensor_rows = "\n".join(
        f"<tr><td>{t['index']}</td><td>{html.escape(t['name'])}</td>"
        f"<td>{t['dtype']}{t['shape']}</td><td>{t['bytes']:,}</td>"
        f"<td>{t['offset']:,}</td><td>{t['first_op']}..{t['last_op']}</td>"
        f"</tr>"
        for t in sorted(analysis.arena_tensors, key=lambda t: -t["bytes"]))
    name = html.escape(Path(analysis.path).name)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tfmicro arena: {name}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #ccc; padding: 2px 8px; text-align: right; }}
td:first-child, .tensors td:nth-child(2) {{ text-align: left; }}
</style>
</head>
<body>
<h1>Arena of {name}</h1>
<p>{analysis.arena['total_bytes']:,} bytes, exactly what tfmicro uses after
one invoke. Hover a bar to see its tensor.</p>
{svg(analysis)}
<h2>Arena split</h2>
<table>
<tr><th>part</th><th>bytes</th></tr>
{split_rows}
</table>
<h2>Planned tensors (largest first)</h2>
<table class="tensors">
<tr><th>tensor</th><th>name</th><th>type</th><th>bytes</th><th>offset</th>
<th>live operators</th></tr>
{tensor_rows}
</table>
</body>
</html>
"""
