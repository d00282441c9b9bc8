"""The release CSV is built from plain values, not from the API's nested objects: it must say
exactly what the JSON says about every release, in the same order, with drafts left out, in a
number of queries that depends on the chunks and not on the rows."""
import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from releases.api import csv_stream
from releases.models import Prisoner, PublicationStatus, ReleaseEvent
from bench import synthetic as bench_synthetic

API = "/api/v1/releases/"


@pytest.fixture
def synthetic(db):
    # Drafts, people in review, several people, parties and citations per release.
    bench_synthetic.generate(bench_synthetic.Plan(releases=260, prisoners=300, seed=4))


def csv_rows(client, query=""):
    response = client.get(f"{API}?format=csv{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def json_rows(client, query=""):
    results, url = [], f"{API}?page_size=500{query}"
    while url:
        data = client.get(url).json()
        results += data["results"]
        url = data["next"]
    return results


def joined(values):
    return "; ".join(str(v) for v in values if v not in (None, ""))


def test_every_csv_row_says_what_the_json_says(client, synthetic):
    from_csv, from_json = csv_rows(client), json_rows(client)
    assert [int(r["id"]) for r in from_csv] == [r["id"] for r in from_json]  # same rows, same order
    assert len(from_csv) == ReleaseEvent.objects.published().count()
    for row, item in zip(from_csv, from_json):
        people = [p["prisoner"] for p in item["released_people"]]
        assert row["url"] == item["url"] and row["title"] == item["title"]
        assert row["date_display"] == item["date_display"] and row["kind"] == item["kind"]
        assert row["date_from"] == item["date_from"] and row["date_to"] == item["date_to"]
        assert row["releasing_country"] == (item["releasing_country"] or "")
        assert row["announced_total"] == str(item["announced_total"] or "")
        assert row["people"] == joined(p["preferred_name"] for p in people)
        assert row["people_ids"] == joined(p["id"] for p in people)
        assert row["citizenships"] == joined(sorted({c for p in people for c in p["citizenships"]}))
        assert row["parties"] == joined(f"{r['party']['name']} ({r['role']})" for r in item["parties"])
        assert row["citation_count"] == str(len(item["citations"]))
        assert row["sources"] == joined(sorted({c["source"]["outlet"] for c in item["citations"]}))


def test_no_draft_appears_in_any_column(client, synthetic):
    text = b"".join(client.get(f"{API}?format=csv").streaming_content).decode()
    hidden = Prisoner.objects.exclude(publication_status=PublicationStatus.PUBLISHED).filter(
        released_in__release__publication_status=PublicationStatus.PUBLISHED)
    assert hidden.exists(), "the data must name unpublished people in published releases"
    for person in hidden:
        assert person.preferred_name not in text
    ids = {int(r["id"]) for r in csv.DictReader(io.StringIO(text))}
    assert ids and not ids & set(ReleaseEvent.objects.exclude(
        publication_status=PublicationStatus.PUBLISHED).values_list("pk", flat=True))


def test_queries_depend_on_chunks_not_rows(client, synthetic, monkeypatch):
    def queries(chunk):
        monkeypatch.setattr(csv_stream, "CHUNK_SIZE", chunk)
        with CaptureQueriesContext(connection) as captured:
            assert len(csv_rows(client)) > 200
        return len(captured)

    chunks = -(-ReleaseEvent.objects.published().count() // 50)
    assert chunks > 1
    # Each further chunk: its people, their citizenships, parties, citations (4 queries; the
    # releases themselves come from one streamed query).
    assert queries(50) - queries(500) == 4 * (chunks - 1)
