"""Charts of the knowledge centre, built from selectors' results with core/charts.py (SVG + table twin)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from northern_connections.core import charts


def assessment_radar(assessment, dimensions, benchmark: dict, peers: int) -> charts.Chart:
    """The SME's score per dimension beside the mean of comparable SMEs (0–100) as a radar; a missing value is 0."""
    labels = [d.name for d in dimensions]
    series = [charts.Series(assessment.organisation.name, [assessment.scores.get(d.key) or 0 for d in dimensions])]
    if peers:
        series.append(charts.Series(_("Comparable SMEs (%(n)s)") % {"n": peers},
                                    [benchmark.get(d.key) or 0 for d in dimensions]))
    title = _("Innovation self-assessment by dimension")
    if len(labels) < 3:  # a radar needs three spokes; a short questionnaire gets bars with the same table
        return charts.bar_chart(title=title, labels=labels, series=series, category_label=_("Dimension"))
    return charts.radar_chart(title=title, axes_labels=labels, series=series, axis_label=_("Dimension"), maximum=100)
