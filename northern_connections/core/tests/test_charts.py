"""Charts: valid, accessible, deterministic SVG in greys, and a table twin with the same numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from northern_connections.core import charts
from northern_connections.core.charts import Series

SVG = "{http://www.w3.org/2000/svg}"
COUNTRIES = ["Norway", "Denmark", "Sweden"]
STEPS = ["Development and planning", "Research and design", "Manufacturing and components",
         "Installation and construction", "Operation and maintenance", "Decommissioning and recycling",
         "Cross-cutting services", "Storage", "Grids"]
TRLS = [f"TRL {level}" for level in range(5, 10)]


def _bar():
    return charts.bar_chart(title="Applications by country", labels=COUNTRIES, category_label="Country",
                            series=[Series("Lead", [3, 0, 2]), Series("Partners", [1, 4, 2.5])])


def _stacked():
    return charts.stacked_bar_chart(title="Measures by kind", labels=COUNTRIES, category_label="Country",
                                    total_label="Total",
                                    series=[Series("Grant", [3, 5, 2]), Series("Voucher", [1, 2, 4])])


def _heatmap():
    values = [[(r * 3 + c) % 6 if (r + c) % 4 else None for c in range(len(TRLS))] for r in range(len(STEPS))]
    return charts.heatmap_chart(title="Support coverage", rows=STEPS, columns=TRLS, values=values,
                                row_label="Step", column_label="TRL")


def _radar():
    return charts.radar_chart(title="Self-assessment", axes_labels=["Strategy", "Skills", "Market dialogue", "Risk"],
                              axis_label="Theme", maximum=5,
                              series=[Series("Aberdeen", [3, 4, 2, 5]), Series("Average", [2.5, 3, 3, 1])])


def _network():
    nodes = [f"Region {i:02d}" for i in range(40)]
    edges = [(nodes[i], nodes[(i * 7 + 3) % 40], i % 5 + 1) for i in range(40)]
    return charts.network_chart(title="Synergies", nodes=nodes, edges=edges, source_label="From",
                                target_label="To", weight_label="Shared priorities")


ALL_KINDS = [_bar, _stacked, _heatmap, _radar, _network]


def _texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("build", ALL_KINDS, ids=lambda build: build.__name__.strip("_"))
def test_every_kind_is_valid_svg_with_role_title_and_its_labels(build):
    chart = build()
    root = ET.fromstring(chart.svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == chart.title
    assert root.get("aria-labelledby") == title.get("id") == f"{chart.chart_id}-title"
    texts = _texts(root)
    for label, _cells in chart.table.rows:
        assert label in texts
    assert "width" not in root.attrib  # scales with the page, the viewBox keeps its shape


@pytest.mark.parametrize("build", ALL_KINDS, ids=lambda build: build.__name__.strip("_"))
def test_rendering_is_deterministic(build):
    assert build().svg == build().svg


@pytest.mark.parametrize("build", ALL_KINDS, ids=lambda build: build.__name__.strip("_"))
def test_only_greys_are_used(build):
    """Readable printed in grey: no colour carries meaning, because there is no colour."""
    colours = set(re.findall(r"#([0-9a-fA-F]{6})\b", build().svg))
    assert colours
    assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours


def test_bar_values_are_written_on_and_match_the_table_twin():
    chart = _bar()
    texts = _texts(ET.fromstring(chart.svg))
    assert chart.table.columns == ("Lead", "Partners")
    assert chart.table.rows == (("Norway", (3, 1)), ("Denmark", (0, 4)), ("Sweden", (2, 2.5)))
    for _label, cells in chart.table.rows:
        for value in cells:
            assert charts.format_number(value) in texts


def test_series_differ_by_hatching_not_only_by_grey():
    series = [Series(f"Kind {i}", [i + 1, 2, 3]) for i in range(5)]
    svg = charts.bar_svg(title="Kinds", labels=COUNTRIES, series=series, stacked=True)
    # the first series is plain, every further one gets its own hatch pattern
    assert len(list(ET.fromstring(svg).iter(f"{SVG}pattern"))) == len(series) - 1
    assert len(set(charts.HATCHES)) == len(charts.HATCHES) and len(set(charts.GREYS)) == len(charts.GREYS)


def test_stacked_table_has_totals_written_on_the_bars():
    chart = _stacked()
    assert chart.table.columns == ("Grant", "Voucher", "Total")
    assert [cells[-1] for _label, cells in chart.table.rows] == [4, 7, 6]
    texts = _texts(ET.fromstring(chart.svg))
    assert {"4", "7", "6"} <= set(texts)


def test_heatmap_cells_carry_their_numbers_and_the_table_is_the_matrix():
    chart = _heatmap()
    assert len(chart.table.rows) == 9 and chart.table.columns == tuple(TRLS)
    texts = _texts(ET.fromstring(chart.svg))
    cells = [value for _label, row in chart.table.rows for value in row]
    assert texts.count("—") == cells.count(None) > 0  # missing cells are marked, not left blank
    for value in set(cells) - {None}:
        assert texts.count(charts.format_number(value)) >= cells.count(value)


@pytest.mark.parametrize("level", [i / 20 for i in range(21)])
def test_cell_text_contrast_is_at_least_4_5_on_every_grey(level):
    fill = charts.grey(level)
    assert charts.contrast_ratio(fill, charts.text_colour_on(fill)) >= 4.5


def test_radar_and_network_tables_match_their_input():
    radar = _radar()
    assert radar.table.rows[0] == ("Strategy", (3, 2.5)) and radar.table.columns == ("Aberdeen", "Average")
    network = _network()
    assert len(network.table.rows) == 40 and network.table.rows[0] == ("Region 00", ("Region 03", 1))
    assert network.table.numeric == (False, True)


def test_ids_are_prefixed_so_two_charts_can_share_a_page():
    first, second = _bar(), charts.bar_chart(title="Other", labels=COUNTRIES, category_label="Country",
                                             series=[Series("Lead", [1, 2, 3])])
    ids = [set(re.findall(r'id="([^"]+)"', chart.svg)) for chart in (first, second)]
    assert not ids[0] & ids[1]
    assert all(i.startswith(first.chart_id) for i in ids[0])
    for reference in re.findall(r"url\(#([^)]+)\)", first.svg):
        assert reference in ids[0]


def test_labels_are_escaped_and_dollars_are_not_mathtext():
    chart = charts.bar_chart(title="Costs <&> more", labels=["A & B", "$5 <offer>"], category_label="Item",
                             series=[Series("Cost", [1, 2])])
    root = ET.fromstring(chart.svg)
    assert root.find(f"{SVG}title").text == "Costs <&> more"
    assert {"A & B", "$5 <offer>"} <= set(_texts(root))


def test_mismatched_data_is_refused():
    with pytest.raises(ValueError):
        charts.bar_svg(title="x", labels=["a", "b"], series=[Series("s", [1])])
    with pytest.raises(ValueError):
        charts.heatmap_svg(title="x", rows=["a"], columns=["b", "c"], values=[[1]])
    with pytest.raises(ValueError):
        charts.network_svg(title="x", nodes=["a"], edges=[("a", "b", 1)])
    with pytest.raises(ValueError):
        charts.radar_svg(title="x", axes_labels=["a", "b"], series=[Series("s", [1, 2])])


def test_the_include_renders_the_chart_and_its_table_twin():
    chart = _bar()
    html = render_to_string("components/chart.html", {"chart": chart})
    assert 'role="img"' in html and f'id="{chart.chart_id}-table"' in html
    assert '<th scope="row">Denmark</th><td class="num">0</td><td class="num">4</td>' in html
    assert '<th scope="col" class="num">Partners</th>' in html
