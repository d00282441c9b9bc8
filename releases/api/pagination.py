"""Page-number pagination with a bounded, validated page size."""
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from releases.web.freshness import cached_until_change, request_changed_at

NOT_FILTERS = {"page", "page_size", "format"}
# Past any real page or size; also keeps int() away from Python's 4,300-digit limit.
BEYOND_ANY_PAGE = 10**18


def whole_number(raw):
    """``raw`` as a positive int, or None. ASCII digits only: '²'.isdigit() is true, but
    int('²') fails; a number too long to matter reads as BEYOND_ANY_PAGE."""
    digits = raw.lstrip("0")
    if not (raw.isascii() and raw.isdigit()) or not digits:
        return None
    return int(digits) if len(digits) < 19 else BEYOND_ANY_PAGE


class SharedCountPaginator(Paginator):
    """The count of a filtered list is the same on every page and for every visitor until
    the data changes: at a million releases it is most of the cost of a page."""

    request = None

    @cached_property
    def count(self):
        if self.request is None:
            return super().count
        filters = sorted((k, v) for k, v in self.request.query_params.items() if k not in NOT_FILTERS)
        return cached_until_change(request_changed_at(self.request), f"count:{self.request.path}", filters,
                                 lambda: Paginator.count.func(self))


class Pagination(PageNumberPagination):
    django_paginator_class = SharedCountPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        """A page size above the cap is capped; anything but a positive integer is a 400."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = whole_number(raw)
        if size is None:
            raise ValidationError({"page_size": [f"Must be a whole number from 1 to {self.max_page_size}."]})
        return min(size, self.max_page_size)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param, "1")
        if raw == "last":
            return paginator.num_pages
        return self.requested_page_number(request)

    def requested_page_number(self, request):
        raw = request.query_params.get(self.page_query_param, "1")
        number = whole_number(raw)
        if number is None and raw != "last":
            raise ValidationError({"page": ["Must be a whole number from 1, or 'last'."]})
        return number

    def check_syntax(self, request):
        """A CSV holds every matching row, so it reads neither parameter; a malformed one is
        still the 400 the schema promises (page_size=-5 with format=csv answered 200)."""
        self.get_page_size(request)
        self.requested_page_number(request)

    def validate(self, queryset, request):
        """Raise the 400/404 a page request deserves, before any 304 could hide it.

        Page 1 always exists, so the common request costs no count here."""
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        paginator.request = request
        number = self.get_page_number(request, paginator)
        if number > 1 and number > paginator.num_pages:
            raise NotFound({"page": [f"There is no page {number}: the last page is {paginator.num_pages}."]})
        self._checked = (queryset, paginator, number)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        checked = getattr(self, "_checked", None)
        if checked is None or checked[0] is not queryset:
            self.validate(queryset, request)
        _, paginator, number = self._checked
        self.page = paginator.page(number)
        return list(self.page)
