import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from northern_connections.core.tables import RowsTable
from northern_connections.directory.tables import verified_badge

from .choices import CHALLENGE_LANGUAGES, ChallengeStatus
from .models import Application, Challenge


class ChallengeTable(RowsTable):
    """The board's table: django-tables2 for headers and sorting, rows in one pass (core/tables.py).

    Per-cell rendering cost 40–100 ms for a page of 100 challenges (bench/bench_challenges.py).
    """

    title = tables.Column(verbose_name=_("Challenge"), accessor="title_en", order_by="title_en")
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__name", order_by="owner__name")
    country = tables.Column(verbose_name=_("Country"))
    language = tables.Column(verbose_name=_("Language"))
    value_chains = tables.ManyToManyColumn(verbose_name=_("Value chains"), orderable=False)
    budget_max_eur = tables.Column(verbose_name=_("Budget up to (EUR)"), attrs={"td": {"class": "num"}})
    application_deadline = tables.Column(verbose_name=_("Deadline"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Challenge
        fields = ["title", "owner", "country", "language", "value_chains", "budget_max_eur", "application_deadline",
                  "status"]
        # No default order here: the board's order (open first, soonest deadline first) is the
        # filterset's (selectors.board_order); a column header still sorts by that column.
        empty_text = _("No challenge matches these filters.")

    row_format = (
        '<tr><td><a href="{}">{}</a></td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td>'
        "<td>{}</td><td>{}</td></tr>"
    )

    def rows_html(self):
        # get_FOO_display() rebuilds the choices dict and translates on every call (0.25 ms): once per page here.
        self._languages = {code: str(label) for code, label in CHALLENGE_LANGUAGES}
        self._statuses = {code: str(label) for code, label in ChallengeStatus.choices}
        return super().rows_html()

    def row_cells(self, record) -> tuple:
        budget = f"{record.budget_max_eur:,}".replace(",", "\u202f") if record.budget_max_eur is not None else "—"
        deadline = (date_format(timezone.localtime(record.application_deadline), "SHORT_DATETIME_FORMAT")
                    if record.application_deadline else "—")
        return (
            record.get_absolute_url(), record.display_title, record.owner.name, verified_badge(record.owner),
            record.country,
            self._languages.get(record.language, record.language),
            ", ".join(str(vc) for vc in record.value_chains.all()) or "—",
            budget, deadline, self._statuses.get(record.status, record.status),
        )


class ApplicationTable(tables.Table):
    title = tables.Column(verbose_name=_("Application"), linkify=True, accessor="pk", orderable=False)
    challenge = tables.Column(verbose_name=_("Challenge"), accessor="challenge__title_en", orderable=False)
    applicant = tables.Column(verbose_name=_("Lead applicant"), accessor="applicant__name", orderable=False)
    status = tables.Column(verbose_name=_("Status"), orderable=False)
    updated = tables.DateTimeColumn(verbose_name=_("Last change"), format="SHORT_DATETIME_FORMAT", orderable=False)

    class Meta:
        model = Application
        fields = ["title", "challenge", "applicant", "status", "updated"]
        empty_text = _("Your organisations have not applied to any challenge yet.")

    def render_title(self, record):
        return str(record)
