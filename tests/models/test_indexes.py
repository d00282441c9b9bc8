"""The queries the benchmark measures find their rows through indexes (PostgreSQL's plans,
with sequential scans discouraged so that a small test table behaves like a big one): each
filter's index must appear with a condition in the plan. A filter no index serves shows up
as the control test does."""
import json

import pytest
from django.db import connection

from releases.filters import PrisonerFilter, ReleaseFilter
from releases.models import Prisoner, ReleaseEvent
from releases.web.freshness import _stamp_sql
from bench import synthetic

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def data(db):
    synthetic.generate(synthetic.Plan(releases=2000, prisoners=2000, seed=5))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def indexes_with_conditions(sql, params=()):
    """Names of the indexes the plan searches by a condition (not read end to end)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found, stack = set(), [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        if "Index Name" in node and "Index Cond" in node:
            found.add(node["Index Name"])
        stack.extend(node.get("Plans", []))
    return found


def releases(params):
    queryset = ReleaseFilter(params, queryset=ReleaseEvent.objects.published()).qs
    return queryset.order_by().values("pk").query.sql_with_params()


@pytest.mark.parametrize("params,indexes", [
    # Citizenship reads the release's derived column (releases/derived/release_columns.py), no join.
    ({"country": "BY", "date_after": "2015-01-01", "date_before": "2020-12-31", "citizenship": "BY"},
     {"releaseevent_dates_idx"}),
    ({"date_after": "2010-01-01", "date_before": "2011-12-31"}, {"releaseevent_dates_idx"}),
    ({"updated_since": "2025-01-01T00:00:00Z"}, {"releaseevent_updated_idx"}),
])
def test_filtered_release_lists_use_their_indexes(data, params, indexes):
    assert indexes <= indexes_with_conditions(*releases(params))


def test_the_citizenship_filter_joins_no_people(data):
    sql, params = releases({"citizenship": "RU"})
    assert "released_citizenships" in sql  # the derived column is what filters
    assert "releases_citizenship" not in sql and "releases_releasedperson" not in sql


@pytest.mark.parametrize("params,index", [
    ({"citizenship": "LT"}, "citizenship_country_idx"),
    ({"updated_since": "2025-01-01T00:00:00Z"}, "prisoner_updated_idx"),
])
def test_filtered_people_use_their_indexes(data, params, index):
    people = PrisonerFilter(params, queryset=Prisoner.objects.published()).qs.order_by().values("pk")
    assert index in indexes_with_conditions(*people.query.sql_with_params())


def test_the_data_version_reads_indexes(data):
    found = indexes_with_conditions(_stamp_sql(connection.vendor))
    assert {"releaseevent_updated_idx", "prisoner_updated_idx", "party_updated_idx",
            "source_updated_idx"} <= found


def test_the_check_sees_a_filter_no_index_serves(data):
    assert not any("releaseevent" in name for name in indexes_with_conditions(*releases({"kind": "pardon"})))
