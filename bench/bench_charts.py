"""Time to draw the charts the next apps need, with `core.charts` (matplotlib, SVG backend).

Draws a 9 x 5 heatmap (value-chain steps x TRL 5-9, the support map's coverage matrix), a 9 x 7
heatmap, a 40-node network (regions linked by synergies), a 12-label grouped bar chart and a
6-axis radar, each `--repeat` times after one warm-up (the first call imports matplotlib and
loads its font metrics: printed apart). Prints median wall and CPU time, worst wall time and the
SVG size per chart (CPU time is the steadier figure on a shared machine).

    python bench/bench_charts.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from northern_connections.core import charts  # noqa: E402  (plain module: no Django setup needed)
from northern_connections.core.charts import Series  # noqa: E402

STEPS = ["Development and planning", "Research and design", "Manufacturing and components",
         "Installation and construction", "Operation and maintenance", "Decommissioning and recycling",
         "Cross-cutting services", "Storage", "Grids"]


def _cases() -> dict:
    nodes = [f"Region {i:02d}" for i in range(40)]
    edges = [(nodes[i], nodes[(i * 7 + 3) % 40], i % 5 + 1) for i in range(40)]
    edges += [(nodes[i], nodes[(i + 1) % 40], 1) for i in range(0, 40, 3)]
    return {
        "heatmap 9x5": lambda: charts.heatmap_svg(
            title="Coverage", rows=STEPS, columns=[f"TRL {t}" for t in range(5, 10)],
            values=[[(r * c) % 7 or None for c in range(5)] for r in range(9)]),
        "heatmap 9x7": lambda: charts.heatmap_svg(
            title="Coverage", rows=STEPS, columns=[f"TRL {t}" for t in range(3, 10)],
            values=[[(r * c) % 7 or None for c in range(7)] for r in range(9)]),
        "network 40 nodes, 53 links": lambda: charts.network_svg(title="Synergies", nodes=nodes, edges=edges),
        "bar 12 labels x 2 series": lambda: charts.bar_svg(
            title="Applications", labels=[f"Country {i}" for i in range(12)],
            series=[Series("Lead", list(range(12))), Series("Partners", list(range(12, 0, -1)))]),
        "radar 6 axes x 2 series": lambda: charts.radar_svg(
            title="Self-assessment", axes_labels=["a", "b", "c", "d", "e", "f"],
            series=[Series("One", [1, 2, 3, 4, 5, 4]), Series("Two", [2, 2, 2, 3, 3, 3])], maximum=5),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    cases = _cases()
    start = time.perf_counter()
    next(iter(cases.values()))()
    print(f"first chart (imports matplotlib): {1000 * (time.perf_counter() - start):.0f} ms")
    for name, draw in cases.items():
        times, cpu = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            svg = draw()
            times.append(1000 * (time.perf_counter() - start))
            cpu.append(1000 * (time.process_time() - start_cpu))
        print(f"{name:28s} median {statistics.median(times):6.1f} ms (CPU {statistics.median(cpu):6.1f} ms)  "
              f"worst {max(times):6.1f} ms  {len(svg) / 1024:5.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
