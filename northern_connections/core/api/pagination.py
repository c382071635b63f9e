"""The API's pages: `page_size` follows the same rule as the HTML lists' `per_page` (core.paging)."""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination

from ..paging import allowed_page_sizes, page_size


class StandardPagination(PageNumberPagination):
    page_size_query_param = "page_size"

    def get_page_size(self, request) -> int:
        return page_size(request.query_params.get(self.page_size_query_param),
                         default=settings.REST_FRAMEWORK["PAGE_SIZE"])

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        sizes = ", ".join(str(size) for size in allowed_page_sizes())
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (f"Rows per page: one of {sizes}; other numbers are rounded down to the "
                                            f"nearest of these (below the smallest, the smallest).")
        return parameters
