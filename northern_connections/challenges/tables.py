import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Application, Challenge


class ChallengeTable(tables.Table):
    title = tables.Column(verbose_name=_("Challenge"), accessor="title_en", linkify=True, order_by="title_en")
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__name", order_by="owner__name")
    country = tables.Column(verbose_name=_("Country"))
    language = tables.Column(verbose_name=_("Language"))
    value_chains = tables.ManyToManyColumn(verbose_name=_("Value chains"), orderable=False)
    budget_max_eur = tables.Column(verbose_name=_("Budget up to (EUR)"), attrs={"td": {"class": "num"}})
    application_deadline = tables.DateTimeColumn(verbose_name=_("Deadline"), format="SHORT_DATETIME_FORMAT")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Challenge
        fields = ["title", "owner", "country", "language", "value_chains", "budget_max_eur", "application_deadline",
                  "status"]
        order_by = "application_deadline"
        empty_text = _("No challenge matches these filters.")

    def render_title(self, record):
        return record.display_title

    def render_budget_max_eur(self, value):
        return f"{value:,}".replace(",", "\u202f")


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
