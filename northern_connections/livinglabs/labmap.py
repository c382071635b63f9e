"""Selected Living Labs as points on the regions' map (inline SVG; plain Python, no Django).

The regions are drawn by ``directory.svgmap.render_paths``; this module projects latitude and
longitude with the same equirectangular projection (bounds of the drawn regions, stretched by
1/cos of the middle latitude) so that a lab's dot lands in its region.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from northern_connections.directory.svgmap import EXCLUDED_REGIONS, render_paths


@dataclass
class MapPoint:
    """A lab's dot; x and y are SVG coordinates as text (a template would localise a float: "57,3")."""

    name: str
    url: str
    x: str
    y: str


def _points_of(geometry: dict) -> Iterable[tuple[float, float]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        for ring in polygon:
            yield from ((lon, lat) for lon, lat in ring)


def lab_map(rows: list[tuple[str, str, dict]], labs: Iterable[tuple[str, str, float, float]], counts: dict[str, int],
            width: int = 800):
    """(regions, points, height): regions shaded by ``counts``, a point per (name, url, lat, lon) inside the map."""
    rows = [row for row in rows if row[0] not in EXCLUDED_REGIONS and row[2]]
    regions, height = render_paths(rows, counts, width)
    if not rows:
        return regions, [], height
    coordinates = [point for _, _, geometry in rows for point in _points_of(geometry)]
    min_x, max_x = min(p[0] for p in coordinates), max(p[0] for p in coordinates)
    min_y, max_y = min(p[1] for p in coordinates), max(p[1] for p in coordinates)
    stretch = 1 / math.cos(math.radians((min_y + max_y) / 2))
    scale = width / (max_x - min_x)
    points = []
    for name, url, lat, lon in labs:
        if min_x <= lon <= max_x and min_y <= lat <= max_y:
            x, y = (lon - min_x) * scale, (max_y - lat) * stretch * scale
            points.append(MapPoint(name, url, f"{x:.1f}", f"{y:.1f}"))
    return regions, points, height
