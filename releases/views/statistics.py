"""The statistics page: charts and tables of the published releases under the timeline's filters."""
import csv

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from releases.filters import errors_text
from releases.web import charts, statistics
from releases.web.freshness import cache_page_until_change, cached_until_change, request_changed_at

from .timeline import PAGE_PARAMETERS, filtered_releases, form_fields, query_without


@cache_page_until_change
def statistics_page(request):
    """Charts and tables for the current filter; ``?table=<name>&format=csv`` downloads one."""
    filterset, releases = filtered_releases(request)
    table = request.GET.get("table")
    if request.GET.get("format") == "csv" and table in statistics.TABLES:
        if filterset.errors:
            return HttpResponseBadRequest(
                f"Invalid filter: {errors_text(filterset)}", content_type="text/plain; charset=utf-8"
            )
        return statistics_csv(releases, table)
    version, parameters = request_changed_at(request), query_without(request, "table", "format")
    monthly = cached_until_change(version, "monthly", parameters, lambda: statistics.monthly(releases))
    countries = cached_until_change(version, "countries", parameters, lambda: statistics.by_country(releases))
    citizenships = cached_until_change(version, "citizenships", parameters,
                                     lambda: statistics.by_citizenship(releases))
    return render(request, "releases/statistics.html", {
        "filterset": filterset,
        "filter_fields": form_fields(filterset),
        "is_filtered": any(v for k, v in request.GET.items() if k not in PAGE_PARAMETERS),
        "monthly": monthly,
        "releases_chart": charts.column_chart(monthly, "releases", month_label),
        "people_chart": charts.column_chart(monthly, "people", month_label),
        "cumulative_chart": charts.line_chart(monthly, "cumulative_people", month_label),
        "countries": charts.bar_list(countries, "people"),
        "citizenships": charts.bar_list(citizenships, "people"),
        "query": query_without(request, "table", "format"),
    }, status=400 if filterset.errors else 200)


def month_label(row):
    return row["month"].strftime("%b %Y")


def statistics_csv(releases, table):
    compute, columns = statistics.TABLES[table]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistics-{table}.csv"'
    writer = csv.writer(response)
    writer.writerow(columns)
    for row in compute(releases):
        writer.writerow([row[c] for c in columns])
    return response
