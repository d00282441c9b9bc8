"""bench.synthetic: realistic, deterministic, and a working dataset for every face."""
import pytest

from releases.search.search import search_prisoners
from releases.models import (
    Citation, NameKey, PartyRole, Prisoner, PrisonerName, PublicationStatus, ReleasedPerson,
    ReleaseEvent, SearchTerm,
)
from tests.support import factories as f
from bench import synthetic


def generate(releases=300, prisoners=400, seed=7):
    synthetic.generate(synthetic.Plan(releases=releases, prisoners=prisoners, seed=seed))


def test_it_writes_releases_people_and_everything_around_them(db):
    generate()
    assert ReleaseEvent.objects.count() == 300 and Prisoner.objects.count() == 400
    assert PrisonerName.objects.filter(script="Cyrl").count() == 400  # every person in Cyrillic too
    per_release = ReleasedPerson.objects.count() / 300
    assert 1 <= per_release <= 6
    assert 2 <= PartyRole.objects.count() / 300 <= 3
    assert 1 <= Citation.objects.filter(release__isnull=False).count() / 300 <= 4
    cited_people = Citation.objects.filter(prisoner__isnull=False).values("prisoner").distinct().count()
    assert 0.1 <= cited_people / 400 <= 0.3  # people are cited too, not only releases
    statuses = set(ReleaseEvent.objects.values_list("publication_status", flat=True))
    assert statuses == set(PublicationStatus.values)  # drafts and reviews mixed in
    years = ReleaseEvent.objects.dates("date_from", "year")
    recent = ReleaseEvent.objects.filter(date_from__year__gte=2015).count()
    assert len(years) > 5 and recent > 150  # spread over years, most of them recent
    assert NameKey.objects.exists() and SearchTerm.objects.exists()


def test_the_same_seed_gives_the_same_data(db):
    generate(releases=50, prisoners=60, seed=3)
    first = list(Prisoner.objects.order_by("pk").values_list("preferred_name", flat=True))
    first_releases = list(ReleaseEvent.objects.order_by("pk").values_list("title", "date_from", "kind"))
    generate(releases=50, prisoners=60, seed=3)  # appended after the first run
    second = list(Prisoner.objects.order_by("pk").values_list("preferred_name", flat=True))[60:]
    second_releases = list(ReleaseEvent.objects.order_by("pk").values_list("title", "date_from", "kind"))[50:]
    assert second == first and second_releases == first_releases


def test_the_data_serves_the_api_search_and_pages(client, db):
    generate()
    person = Prisoner.objects.published().order_by("pk").first()
    cyrillic = person.names.get(script="Cyrl").text
    assert person.pk in [hit.prisoner_id for hit in search_prisoners(cyrillic)]
    data = client.get("/api/v1/releases/?page_size=50").json()
    assert data["count"] == ReleaseEvent.objects.published().count() and len(data["results"]) == 50
    assert client.get("/").status_code == 200 and client.get("/statistics/").status_code == 200


def test_records_made_afterwards_get_fresh_ids(db):
    generate(releases=20, prisoners=30)
    person = f.PrisonerFactory()  # PostgreSQL: the id sequence was moved past the bulk rows
    assert person.pk > 30
    assert ReleaseEvent.objects.create(
        title="After", slug="after", kind="pardon", date_from="2025-01-01", date_to="2025-01-01").pk > 20


def test_bad_sizes_are_refused(db):
    with pytest.raises(ValueError, match="need people"):
        synthetic.check_sizes(releases=5, prisoners=0)
    with pytest.raises(ValueError, match="0 or more"):
        synthetic.check_sizes(releases=-1, prisoners=5)
    assert not ReleaseEvent.objects.exists() and not Prisoner.objects.exists()
