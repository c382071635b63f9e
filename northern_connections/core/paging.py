"""How many rows a list shows, and which page: one rule for the HTML lists and the API.

The pages take `per_page`, the API `page_size`; both are clamped to the sizes in
`settings.PAGE_SIZES`, so no request can ask for every row at once, and no value of either
parameter (negative, huge, not a number, unusual digits) can make a list fail.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator


def allowed_page_sizes() -> list[int]:
    return sorted(settings.PAGE_SIZES)


def page_size(requested: str | int | None, *, default: int) -> int:
    """The page size to use for a requested one: the largest allowed size not above it.

    Below the smallest allowed size (zero and negative numbers too) the smallest is used; a value
    that is no whole number at all gives `default`, itself clamped so a view cannot get around it.
    """
    sizes = allowed_page_sizes()
    try:
        number = int(str(requested).strip()) if requested is not None else None
    except ValueError:  # not a number, or more digits than Python converts
        number = None
    if number is None:
        return default if default in sizes else page_size(default, default=sizes[0])
    fitting = [size for size in sizes if size <= number]
    return fitting[-1] if fitting else sizes[0]


def paginate_table(request, table, *, default_page_size: int) -> None:
    """Sort and paginate a django-tables2 table from the request, whatever its query string says.

    Unknown sort columns are ignored by django-tables2; a page number that is not a number gives
    the first page and one past the end the last (Django's `Paginator.get_page`).
    """
    from django_tables2 import RequestConfig

    RequestConfig(request, paginate=False).configure(table)  # the ordering only: paging is decided here
    size = page_size(request.GET.get(table.prefixed_per_page_field), default=default_page_size)
    table.paginator = Paginator(table.rows, size)
    table.page = table.paginator.get_page(request.GET.get(table.prefixed_page_field))
