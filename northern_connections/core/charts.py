"""Charts as accessible inline SVG, drawn on the server with matplotlib; no JavaScript, no CDN.

A plain module (no Django): each `*_svg` function takes plain data (labels, series, a matrix,
nodes and edges) and returns an SVG string; each `*_table` function returns the same numbers as
a `DataTable`, the twin that screen-reader users and anyone who wants exact figures read; each
`*_chart` function returns both as a `Chart`, which `templates/components/chart.html` renders.

The rules every chart keeps, so that pages stay readable printed in grey and for people who
cannot tell colours apart (WCAG 1.4.1, 1.4.11):
- only greys are used for fills and lines; series differ by hatching (bars) or by line style
  and marker (radar), never by colour alone, and values are written next to bars and in cells;
- text is black on light and white on dark fills, picked by luminance so the contrast is at
  least 4.5:1 whatever the shade;
- the SVG has `role="img"`, a `<title>` referenced by `aria-labelledby`, and ids prefixed with
  the chart's id, so two charts on one page never share an id;
- the output is deterministic: fixed font (DejaVu Sans metrics, text kept as text), fixed hash
  salt, no date or creator metadata, so tests can compare strings.

Callers pass translated strings: this module never translates.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

Number = float | int | None
Cell = Number | str

# Fills from light to dark: each series keeps a distinct grey *and* a distinct hatch.
GREYS = ("#ffffff", "#bdbdbd", "#eeeeee", "#7a7a7a", "#d9d9d9", "#9e9e9e", "#f7f7f7", "#5c5c5c")
HATCHES = ("", "///", "\\\\\\", "xxx", "---", "|||", "+++", "//--")  # line hatches: dots make huge SVGs
LINE_STYLES = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "D", "v", "P")
INK = "#1a1a1a"
WIDTH_INCHES = 7.0

_RC = {
    "svg.fonttype": "none",  # text stays text: searchable, translatable, small
    "svg.hashsalt": "northern-connections",  # clip-path and hatch ids do not change between runs
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10,
    "text.parse_math": False,  # a "$" in a label is a dollar sign, not mathtext
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "hatch.color": INK,
    "hatch.linewidth": 0.8,
}


@dataclass(frozen=True)
class Series:
    """One named row of values, one per label (None = no value)."""

    name: str
    values: Sequence[Number]


@dataclass(frozen=True)
class DataTable:
    """The chart's numbers as a table: `corner` heads the row-header column."""

    caption: str
    corner: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]

    @property
    def numeric(self) -> tuple[bool, ...]:
        """Per column: are all its cells numbers (right-aligned in the page)?"""
        return tuple(all(not isinstance(cells[i], str) for _, cells in self.rows) for i in range(len(self.columns)))

    @property
    def head(self) -> list[tuple[str, bool]]:
        """Column headers with their `numeric` flag."""
        return list(zip(self.columns, self.numeric, strict=True))

    @property
    def body(self) -> list[tuple[str, list[tuple[Cell, bool]]]]:
        """Rows with each cell paired with its column's `numeric` flag, for templates that cannot zip."""
        numeric = self.numeric
        return [(label, list(zip(cells, numeric, strict=True))) for label, cells in self.rows]


@dataclass(frozen=True)
class Chart:
    """What the page shows: the SVG and its table twin under one id."""

    chart_id: str
    title: str
    svg: str
    table: DataTable


# --- shared plumbing ------------------------------------------------------------------------


def chart_id_for(title: str, kind: str) -> str:
    """A stable id from the title, so the same chart always gets the same id."""
    return "chart-" + hashlib.sha256(f"{kind}\0{title}".encode()).hexdigest()[:10]


def format_number(value: Number) -> str:
    """Integers without decimals, other numbers with one; None as a dash."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.1f}"


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill` (always at least 4.5:1 on a grey)."""
    return "#000000" if contrast_ratio(fill, "#000000") >= contrast_ratio(fill, "#ffffff") else "#ffffff"


def grey(level: float) -> str:
    """A grey from white (0) to near black (1)."""
    channel = round(255 - 225 * min(1.0, max(0.0, level)))
    return f"#{channel:02x}{channel:02x}{channel:02x}"


def _figure(height_inches: float, polar: bool = False):
    from matplotlib.figure import Figure  # imported here: pages without charts do not pay for it

    figure = Figure(figsize=(WIDTH_INCHES, max(2.0, height_inches)), facecolor="#ffffff", layout="constrained")
    axes = figure.add_subplot(projection="polar" if polar else None)
    return figure, axes


def _draw(draw: Callable, height_inches: float, polar: bool = False) -> str:
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    with matplotlib.rc_context(_RC):
        figure, axes = _figure(height_inches, polar)
        draw(figure, axes)
        buffer = io.StringIO()
        FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None})
    return buffer.getvalue()


_ID = re.compile(r'\bid="([^"]+)"')


def _accessible(raw: str, *, chart_id: str, title: str, description: str = "") -> str:
    """Strip prolog and metadata, prefix every id, add role, title and description."""
    svg = raw[raw.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    for old in sorted(set(_ID.findall(svg)), key=len, reverse=True):
        new = f"{chart_id}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    labelled = f"{chart_id}-title"
    extra = f"<title id={quoteattr(labelled)}>{escape(title)}</title>"
    if description:
        extra += f"<desc id={quoteattr(chart_id + '-desc')}>{escape(description)}</desc>"
    described = f' aria-describedby="{chart_id}-desc"' if description else ""
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                 rf'<svg \1class="chart-svg" role="img" aria-labelledby="{labelled}"{described}', svg, count=1)
    head_end = svg.index(">") + 1
    return svg[:head_end] + extra + svg[head_end:]


def _finish(figure, axes, title: str) -> None:
    figure.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")


def _legend(figure, count: int) -> None:
    if count > 1:
        figure.legend(loc="outside lower center", ncols=min(count, 4), frameon=False)


def _series_values(series: Sequence[Series], size: int) -> list[list[float]]:
    rows = []
    for item in series:
        if len(item.values) != size:
            raise ValueError(f"series {item.name!r} has {len(item.values)} values for {size} labels")
        rows.append([float(v or 0) for v in item.values])
    return rows


# --- bar and stacked bar --------------------------------------------------------------------


def bar_svg(*, title: str, labels: Sequence[str], series: Sequence[Series], value_label: str = "",
            stacked: bool = False, chart_id: str | None = None, description: str = "") -> str:
    """Horizontal bars (long category names stay readable), grouped or stacked, values written on."""
    values = _series_values(series, len(labels))
    chart_id = chart_id or chart_id_for(title, "stacked" if stacked else "bar")
    per_label = 1 if stacked else max(1, len(series))
    height = 1.3 + 0.28 * len(labels) * (1 + 0.7 * (per_label - 1)) + (0.35 if len(series) > 1 else 0)

    def draw(figure, axes):
        _draw_bars(axes, labels, series, values, stacked)
        axes.set_xlabel(value_label)
        axes.invert_yaxis()  # first label on top, as in the table
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        _legend(figure, len(series))
        _finish(figure, axes, title)

    return _accessible(_draw(draw, height), chart_id=chart_id, title=title, description=description)


def _draw_bars(axes, labels, series, values, stacked: bool) -> None:
    positions = list(range(len(labels)))
    thickness = 0.7 if stacked else 0.8 / max(1, len(series))
    left = [0.0] * len(labels)
    maximum = max((sum(col) for col in zip(*values, strict=True)) if stacked else
                  (v for row in values for v in row), default=0) or 1
    for index, (item, row) in enumerate(zip(series, values, strict=True)):
        if stacked:
            y = positions
        else:
            y = [p - 0.4 + thickness * (index + 0.5) for p in positions]
        fill = GREYS[index % len(GREYS)]
        bars = axes.barh(y, row, height=thickness, left=left if stacked else None, label=item.name,
                         color=fill, edgecolor=INK, linewidth=0.8, hatch=HATCHES[index % len(HATCHES)])
        texts = [format_number(v) if v is not None else "" for v in item.values]
        if stacked:
            # a segment label sits inside on a white box, so hatching never hides it
            shown = [t if width >= maximum * 0.06 else "" for t, width in zip(texts, row, strict=True)]
            axes.bar_label(bars, labels=shown, label_type="center", fontsize=8,
                           bbox={"boxstyle": "square,pad=0.15", "facecolor": "#ffffff", "edgecolor": "none"})
            left = [a + b for a, b in zip(left, row, strict=True)]
        else:
            axes.bar_label(bars, labels=texts, padding=3, fontsize=8)
    if stacked and len(series) > 1:
        totals = [format_number(t) for t in left]
        for position, total, text in zip(positions, left, totals, strict=True):
            axes.annotate(text, (total, position), xytext=(3, 0), textcoords="offset points",
                          va="center", fontsize=8, fontweight="bold")
    axes.set_yticks(positions, labels=list(labels))
    axes.set_xlim(0, maximum * 1.15)
    if all(float(v).is_integer() for row in values for v in row):
        from matplotlib.ticker import MaxNLocator

        axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.2, 0.4 ticks


def bar_table(*, title: str, labels: Sequence[str], series: Sequence[Series], category_label: str,
              total_label: str = "", **_ignored) -> DataTable:
    """One row per label, one column per series (and a total column when `total_label` is given)."""
    columns = tuple(s.name for s in series) + ((total_label,) if total_label else ())
    rows = []
    for index, label in enumerate(labels):
        cells = tuple(s.values[index] for s in series)
        if total_label:
            cells += (sum(v or 0 for v in cells),)
        rows.append((label, cells))
    return DataTable(caption=title, corner=category_label, columns=columns, rows=tuple(rows))


def bar_chart(*, title: str, labels: Sequence[str], series: Sequence[Series], category_label: str,
              value_label: str = "", chart_id: str | None = None, description: str = "") -> Chart:
    """Grouped horizontal bars with their table twin."""
    chart_id = chart_id or chart_id_for(title, "bar")
    svg = bar_svg(title=title, labels=labels, series=series, value_label=value_label, chart_id=chart_id,
                  description=description)
    return Chart(chart_id, title, svg, bar_table(title=title, labels=labels, series=series,
                                                 category_label=category_label))


def stacked_bar_chart(*, title: str, labels: Sequence[str], series: Sequence[Series], category_label: str,
                      total_label: str, value_label: str = "", chart_id: str | None = None,
                      description: str = "") -> Chart:
    """Stacked horizontal bars (parts of a whole per label) with a table twin that has the totals."""
    chart_id = chart_id or chart_id_for(title, "stacked")
    svg = bar_svg(title=title, labels=labels, series=series, value_label=value_label, stacked=True,
                  chart_id=chart_id, description=description)
    return Chart(chart_id, title, svg, bar_table(title=title, labels=labels, series=series,
                                                 category_label=category_label, total_label=total_label))


# --- heatmap --------------------------------------------------------------------------------


def heatmap_svg(*, title: str, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[Number]],
                row_label: str = "", column_label: str = "", chart_id: str | None = None,
                description: str = "") -> str:
    """A grid of grey cells, darker for more, each with its number written in; None is hatched."""
    if len(values) != len(rows) or any(len(row) != len(columns) for row in values):
        raise ValueError("values must have one row per row label and one cell per column label")
    chart_id = chart_id or chart_id_for(title, "heatmap")
    known = [v for row in values for v in row if v is not None]
    low, high = min(known, default=0), max(known, default=0)

    def level(value: float) -> float:
        return 0.0 if high == low else (value - low) / (high - low)

    def draw(figure, axes):
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import Rectangle

        cells, fills, missing = [], [], []
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                fill = "#ffffff" if value is None else grey(0.05 + 0.9 * level(value))
                cells.append(Rectangle((c, r), 1, 1))
                fills.append(fill)
                if value is None:
                    missing.append(Rectangle((c, r), 1, 1))
                box = {"boxstyle": "square,pad=0.2", "facecolor": fill, "edgecolor": "none"} if value is None else None
                # cell texts sit inside the axes: leaving them out of the layout halves the drawing time
                axes.text(c + 0.5, r + 0.5, format_number(value), ha="center", va="center", fontsize=9,
                          color=text_colour_on(fill), bbox=box, in_layout=False)
        axes.add_collection(PatchCollection(cells, facecolors=fills, edgecolors="#ffffff", linewidths=1.5))
        axes.add_collection(PatchCollection(missing, facecolors="none", edgecolors="#ffffff", linewidths=1.5,
                                            hatch="xx", zorder=1.5))
        axes.set_xlim(0, len(columns))
        axes.set_ylim(len(rows), 0)
        axes.set_xticks([c + 0.5 for c in range(len(columns))], labels=list(columns))
        axes.set_yticks([r + 0.5 for r in range(len(rows))], labels=list(rows))
        axes.tick_params(length=0)
        axes.xaxis.set_ticks_position("top")
        axes.set_xlabel(column_label)
        axes.xaxis.set_label_position("top")
        axes.set_ylabel(row_label)
        for spine in axes.spines.values():
            spine.set_visible(False)
        _finish(figure, axes, title)

    height = 1.4 + 0.42 * len(rows)
    return _accessible(_draw(draw, height), chart_id=chart_id, title=title, description=description)


def heatmap_table(*, title: str, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[Number]],
                  row_label: str = "", **_ignored) -> DataTable:
    """The matrix as it is: one table row per heatmap row."""
    return DataTable(caption=title, corner=row_label, columns=tuple(columns),
                     rows=tuple((label, tuple(row)) for label, row in zip(rows, values, strict=True)))


def heatmap_chart(*, title: str, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[Number]],
                  row_label: str, column_label: str = "", chart_id: str | None = None,
                  description: str = "") -> Chart:
    """A heatmap (e.g. value-chain step x TRL) with its table twin."""
    chart_id = chart_id or chart_id_for(title, "heatmap")
    svg = heatmap_svg(title=title, rows=rows, columns=columns, values=values, row_label=row_label,
                      column_label=column_label, chart_id=chart_id, description=description)
    return Chart(chart_id, title, svg, heatmap_table(title=title, rows=rows, columns=columns, values=values,
                                                     row_label=row_label))


# --- radar ----------------------------------------------------------------------------------


def radar_svg(*, title: str, axes_labels: Sequence[str], series: Sequence[Series], maximum: float | None = None,
              chart_id: str | None = None, description: str = "") -> str:
    """Scores on spokes (e.g. a self-assessment); series differ by line style and marker."""
    if len(axes_labels) < 3:
        raise ValueError("a radar chart needs at least three axes")
    values = _series_values(series, len(axes_labels))
    chart_id = chart_id or chart_id_for(title, "radar")
    top = maximum or max((v for row in values for v in row), default=1) or 1
    angles = [2 * math.pi * i / len(axes_labels) for i in range(len(axes_labels))]

    def draw(figure, axes):
        for index, (item, row) in enumerate(zip(series, values, strict=True)):
            axes.plot(angles + angles[:1], row + row[:1], color=INK, linewidth=1.6,
                      linestyle=LINE_STYLES[index % len(LINE_STYLES)], marker=MARKERS[index % len(MARKERS)],
                      markerfacecolor=GREYS[index % len(GREYS)], label=item.name)
        if values:  # a light shade under the first series helps the eye find the shape
            axes.fill(angles, values[0], color="#000000", alpha=0.06)
        axes.set_theta_offset(math.pi / 2)  # first axis at the top, then clockwise
        axes.set_theta_direction(-1)
        axes.set_xticks(angles, labels=list(axes_labels))
        axes.set_ylim(0, top)
        axes.set_rlabel_position(180 / len(axes_labels))
        axes.grid(color="#9e9e9e", linewidth=0.6)
        _legend(figure, len(series))
        _finish(figure, axes, title)

    return _accessible(_draw(draw, 5.2, polar=True), chart_id=chart_id, title=title, description=description)


def radar_table(*, title: str, axes_labels: Sequence[str], series: Sequence[Series], axis_label: str,
                **_ignored) -> DataTable:
    """One row per axis, one column per series (what a reader compares)."""
    rows = tuple((label, tuple(s.values[i] for s in series)) for i, label in enumerate(axes_labels))
    return DataTable(caption=title, corner=axis_label, columns=tuple(s.name for s in series), rows=rows)


def radar_chart(*, title: str, axes_labels: Sequence[str], series: Sequence[Series], axis_label: str,
                maximum: float | None = None, chart_id: str | None = None, description: str = "") -> Chart:
    """A radar chart with its table twin."""
    chart_id = chart_id or chart_id_for(title, "radar")
    svg = radar_svg(title=title, axes_labels=axes_labels, series=series, maximum=maximum, chart_id=chart_id,
                    description=description)
    return Chart(chart_id, title, svg, radar_table(title=title, axes_labels=axes_labels, series=series,
                                                   axis_label=axis_label))


# --- network --------------------------------------------------------------------------------


def circle_layout(count: int) -> list[tuple[float, float]]:
    """Nodes evenly on a circle, the first at the top, clockwise: deterministic and label-friendly."""
    return [(math.cos(math.pi / 2 - 2 * math.pi * i / count), math.sin(math.pi / 2 - 2 * math.pi * i / count))
            for i in range(count)]


def network_svg(*, title: str, nodes: Sequence[str], edges: Sequence[tuple[str, str, float]],
                chart_id: str | None = None, description: str = "") -> str:
    """Nodes on a circle, links as lines whose width grows with their weight, labels outside."""
    index = {name: i for i, name in enumerate(nodes)}
    unknown = [name for a, b, _ in edges for name in (a, b) if name not in index]
    if unknown:
        raise ValueError(f"edges name unknown nodes: {sorted(set(unknown))}")
    chart_id = chart_id or chart_id_for(title, "network")
    points = circle_layout(len(nodes)) if nodes else []
    heaviest = max((w for _, _, w in edges), default=1) or 1

    def draw(figure, axes):
        for a, b, weight in edges:
            (x1, y1), (x2, y2) = points[index[a]], points[index[b]]
            axes.plot([x1, x2], [y1, y2], color="#5c5c5c", linewidth=0.6 + 3.4 * weight / heaviest,
                      solid_capstyle="round", zorder=1)
        if points:
            axes.scatter([x for x, _ in points], [y for _, y in points], s=70, color="#ffffff",
                         edgecolors=INK, linewidths=1.2, zorder=2)
        for name, (x, y) in zip(nodes, points, strict=True):
            angle = math.degrees(math.atan2(y, x))
            flip = abs(angle) > 90
            axes.text(x * 1.08, y * 1.08, name, ha="right" if flip else "left", va="center", fontsize=8,
                      rotation=angle + 180 if flip else angle, rotation_mode="anchor")
        axes.set_xlim(-1.6, 1.6)
        axes.set_ylim(-1.45, 1.45)
        axes.set_aspect("equal")
        axes.axis("off")
        _finish(figure, axes, title)

    return _accessible(_draw(draw, 5.6), chart_id=chart_id, title=title, description=description)


def network_table(*, title: str, edges: Sequence[tuple[str, str, float]], source_label: str, target_label: str,
                  weight_label: str, **_ignored) -> DataTable:
    """One row per link: from, to and weight."""
    rows = tuple((a, (b, w)) for a, b, w in edges)
    return DataTable(caption=title, corner=source_label, columns=(target_label, weight_label), rows=rows)


def network_chart(*, title: str, nodes: Sequence[str], edges: Sequence[tuple[str, str, float]], source_label: str,
                  target_label: str, weight_label: str, chart_id: str | None = None,
                  description: str = "") -> Chart:
    """A network (e.g. regions linked by synergies) with its table of links."""
    chart_id = chart_id or chart_id_for(title, "network")
    svg = network_svg(title=title, nodes=nodes, edges=edges, chart_id=chart_id, description=description)
    return Chart(chart_id, title, svg, network_table(title=title, edges=edges, source_label=source_label,
                                                     target_label=target_label, weight_label=weight_label))
