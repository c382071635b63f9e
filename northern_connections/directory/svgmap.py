"""Choropleth of regions as inline SVG, from GeoJSON boundaries; no tile server, no JavaScript.

A plain module (no Django): `render_paths` turns (code, name, geometry) rows into projected SVG
path data. The projection is equirectangular, stretched by 1/cos of the map's middle latitude,
which keeps Scandinavia's shape recognisable at North Sea latitudes without a GIS library.
Scotland's regions come as ITL codes (TLM5–TLM9, imported from NUTS 2016) like any other region.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

# Remote territories that would shrink the partnership area to a dot.
EXCLUDED_REGIONS = {"NO0B"}


@dataclass
class MapRegion:
    code: str
    name: str
    path: str
    count: int
    shade: int


def _rings(geometry: dict) -> Iterable[list[list[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def _bounds(geometries: list[dict]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for geometry in geometries:
        for ring in _rings(geometry):
            for lon, lat in ring:
                xs.append(lon)
                ys.append(lat)
    return min(xs), min(ys), max(xs), max(ys)


def shade(count: int, maximum: int, classes: int = 5) -> int:
    """Class 0 for no organisation, else 1..classes on a logarithmic scale (counts are skewed)."""
    if count <= 0 or maximum <= 0:
        return 0
    return 1 + min(classes - 1, int(classes * math.log1p(count) / math.log1p(maximum + 1)))


def render_paths(rows: Iterable[tuple[str, str, dict]], counts: dict[str, int], width: int = 800):
    """Projected regions and the SVG height; `rows` are (code, name, GeoJSON geometry)."""
    rows = [row for row in rows if row[0] not in EXCLUDED_REGIONS and row[2]]
    if not rows:
        return [], 0
    min_x, min_y, max_x, max_y = _bounds([geometry for _, _, geometry in rows])
    stretch = 1 / math.cos(math.radians((min_y + max_y) / 2))
    scale = width / (max_x - min_x)
    height = int((max_y - min_y) * stretch * scale) + 1
    maximum = max(counts.values(), default=0)
    regions = []
    for code, name, geometry in rows:
        parts = []
        for ring in _rings(geometry):
            points = [
                f"{(lon - min_x) * scale:.1f},{(max_y - lat) * stretch * scale:.1f}" for lon, lat in ring
            ]
            parts.append("M" + "L".join(points) + "Z")
        count = counts.get(code, 0)
        regions.append(MapRegion(code, name, "".join(parts), count, shade(count, maximum)))
    return regions, height
