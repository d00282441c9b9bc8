"""The timeline (home): published releases under the shared filters, grouped by year."""
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render

from releases.filters import ReleaseFilter
from releases.models import ReleaseEvent
from releases.models.dates import YearOf
from releases.web.freshness import cache_page_until_change, cached_until_change, request_changed_at

PAGE_SIZE = 50
# The filters shown as form controls, in order (q has its own search box; prisoner,
# updated_since and ordering work in the URL, as in the API).
FORM_FIELDS = ["date_after", "date_before", "country", "kind", "citizenship", "party"]
# Parameters that belong to the page, not to the filter (kept out of year/pagination links).
PAGE_PARAMETERS = {"page"}


def filtered_releases(request):
    """The FilterSet (bound to the URL's query) and the published releases it selects.

    An invalid filter selects nothing rather than everything: the form shows the error."""
    params = request.GET.copy()
    for name in PAGE_PARAMETERS:
        params.pop(name, None)
    filterset = ReleaseFilter(params, queryset=ReleaseEvent.objects.published())
    if not filterset.is_valid():
        # Errors of parameters the form does not show (ordering, prisoner, updated_since) are
        # shown above it, so a 400 page always says what was wrong.
        shown = {*FORM_FIELDS, "q"}
        for name, errors in list(filterset.form.errors.items()):
            if name not in shown and name != "__all__":
                filterset.form.add_error(None, f"{name}: {' '.join(errors)}")
        return filterset, ReleaseEvent.objects.none()
    return filterset, filterset.qs


def form_fields(filterset):
    return [filterset.form[name] for name in FORM_FIELDS]


def query_without(request, *names):
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@cache_page_until_change
def timeline(request):
    """Published releases, newest first, grouped by year and month, 50 a page."""
    filterset, releases = filtered_releases(request)
    if "ordering" not in request.GET:
        releases = releases.order_by("-date_from", "-id")
    # The counts are the costly part at scale and the same for every visitor: they are kept
    # until the data changes.
    version, parameters = request_changed_at(request), query_without(request, "page")
    paginator = Paginator(releases.with_related(), PAGE_SIZE)
    paginator.count = cached_until_change(version, "timeline-count", parameters, releases.count)
    page = paginator.get_page(request.GET.get("page"))
    years = cached_until_change(version, "timeline-years", parameters, lambda: year_counts(releases))
    status = 400 if filterset.errors else 200
    return render(request, "releases/timeline.html", {
        "filterset": filterset,
        "filter_fields": form_fields(filterset),
        "page": page,
        "years": years,
        "is_filtered": any(v for k, v in request.GET.items() if k not in PAGE_PARAMETERS),
        "query": query_without(request, "page"),
        "year_query": query_without(request, "page", "date_after", "date_before"),
    }, status=status)


def year_counts(releases):
    """[{"year", "count"}], newest first: releases touching each year, as the year's link
    (date_after=Jan 1, date_before=Dec 31) selects them, so a wave counts in every year it
    reaches. One grouped query, expanded here."""
    spans = (
        releases.order_by().annotate(first=YearOf("date_from"), last=YearOf("date_to"))
        .values("first", "last").annotate(n=Count("pk"))
    )
    counts = {}
    for span in spans:
        for year in range(span["first"], span["last"] + 1):
            counts[year] = counts.get(year, 0) + span["n"]
    return [{"year": year, "count": counts[year]} for year in sorted(counts, reverse=True)]
