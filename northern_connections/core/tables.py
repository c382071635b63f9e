"""Base for large list tables.

django-tables2 renders each cell through its generic machinery (accessor resolution, signature
inspection, attributes, a template per value): 0.3–1 ms per cell, so 40–100 ms for a page of
100 rows. A `RowsTable` keeps django-tables2 for headers, sorting and pagination, and builds
its rows in one pass with `format_html` in `rows_html()`; `components/table.html` uses it.
"""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class RowsTable(tables.Table):
    renders_rows = True
    #: '<tr>…</tr>' with one {} per cell, in column order
    row_format: str = ""

    def row_cells(self, record) -> tuple:
        raise NotImplementedError

    def rows_html(self) -> SafeString:
        rows = [format_html(self.row_format, *self.row_cells(row.record)) for row in self.paginated_rows]
        return mark_safe("\n".join(rows))  # every value was escaped by format_html
