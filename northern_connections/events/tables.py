import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Event


class EventTable(tables.Table):
    title = tables.Column(verbose_name=_("Event"), linkify=True)
    kind = tables.Column(verbose_name=_("Kind"))
    organisers = tables.ManyToManyColumn(verbose_name=_("Organisers"), orderable=False)
    place = tables.Column(verbose_name=_("Place"), accessor="city", order_by=("country", "city"))
    starts_at = tables.DateTimeColumn(verbose_name=_("Starts"), format="SHORT_DATETIME_FORMAT")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Event
        fields = ["title", "kind", "organisers", "place", "starts_at", "status"]
        order_by = "starts_at"
        empty_text = _("No event matches these filters.")

    def render_place(self, record):
        if record.is_online:
            return _("Online")
        return ", ".join(filter(None, [record.city, record.country])) or record.venue
