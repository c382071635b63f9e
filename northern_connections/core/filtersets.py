"""Filter-set building blocks shared by every app's list pages and API."""


class RelatedFilterMixin:
    """`method="filter_related"` for a many-to-many filter: keep the rows related to any chosen value.

    A subquery on the through table instead of a join keeps one row per object without DISTINCT
    (DISTINCT over every column made SQLite sort whole tables).
    """

    def filter_related(self, queryset, name, value):
        if not value:
            return queryset
        field = queryset.model._meta.get_field(name)
        through = field.remote_field.through
        ids = through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": value})
        return queryset.filter(pk__in=ids.values(f"{field.m2m_field_name()}_id"))
