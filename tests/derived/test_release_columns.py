"""A release's derived columns (how many published people it names, and their citizenships)
stay exact on every write path, never count a draft, and answer the citizenship filter and the
statistics as the joins did."""
import pytest
from django.db.models import Count, Exists, OuterRef, Q

from releases.derived import release_columns as derived
from releases.services.merging import merge_prisoners
from releases.models import Citizenship, PublicationStatus, ReleasedPerson, ReleaseEvent
from tests.support import factories as f
from bench import synthetic


def column(release):
    release.refresh_from_db()
    return release.released_citizenships


def count(release):
    release.refresh_from_db()
    return release.people_named


@pytest.fixture
def release(db):
    return f.ReleaseEventFactory()


def named(release, *countries, status=PublicationStatus.PUBLISHED):
    person = f.PrisonerFactory(publication_status=status)
    for country in countries:
        f.CitizenshipFactory(prisoner=person, country=country)
    f.ReleasedPersonFactory(release=release, prisoner=person)
    return person


def test_it_lists_the_published_peoples_citizenships_once_each(release):
    named(release, "BY", "PL")
    named(release, "BY")
    assert column(release) == "|BY|PL|"


def test_a_draft_persons_citizenship_is_not_there(release):
    named(release, "LT", status=PublicationStatus.DRAFT)
    named(release, "BY")
    assert column(release) == "|BY|" and count(release) == 1


def test_it_follows_each_way_a_citizenship_can_change(release):
    person = named(release, "BY")
    added = f.CitizenshipFactory(prisoner=person, country="UA")
    assert column(release) == "|BY|UA|"
    added.country = "RU"
    added.save()
    assert column(release) == "|BY|RU|"
    added.delete()
    assert column(release) == "|BY|"
    person.publication_status = PublicationStatus.DRAFT
    person.save()
    assert column(release) == "" and count(release) == 0
    person.publication_status = PublicationStatus.PUBLISHED
    person.save()
    assert column(release) == "|BY|" and count(release) == 1
    ReleasedPerson.objects.get(release=release, prisoner=person).delete()
    assert column(release) == "" and count(release) == 0


def test_a_merge_moves_the_citizenships_with_the_person(release):
    keep = f.PrisonerFactory(preferred_name="Alena Maushuk")
    absorb = named(release, "BY")
    f.CitizenshipFactory(prisoner=absorb, country="PL")
    merge_prisoners(keep=keep, absorb=absorb)
    assert column(release) == "|BY|PL|" and count(release) == 1


def test_it_writes_no_history_and_leaves_the_release_unchanged(release):
    before = (release.history.count(), release.updated_at)
    named(release, "BY")
    release.refresh_from_db()
    assert (release.history.count(), release.updated_at) == before
    assert {"people_named", "released_citizenships"}.isdisjoint(
        f.name for f in release.history.model._meta.fields)


def joined(code):
    """The filter as it was before the column: EXISTS over people and citizenships."""
    people = ReleasedPerson.objects.published().filter(
        release=OuterRef("pk"), prisoner__citizenships__country=code)
    return set(ReleaseEvent.objects.filter(Exists(people)).values_list("pk", flat=True))


def test_the_generator_and_a_rebuild_agree_with_the_join(db):
    synthetic.generate(synthetic.Plan(releases=400, prisoners=300, seed=11))
    for code in ("BY", "RU", "UA", "CN"):
        with_column = set(ReleaseEvent.objects.filter(
            released_citizenships__contains=derived.contains(code)).values_list("pk", flat=True))
        assert with_column == joined(code), code
    counted = ReleaseEvent.objects.annotate(
        n=Count("released_people", filter=Q(released_people__prisoner__publication_status="published")))
    assert {r.pk: r.n for r in counted} == dict(ReleaseEvent.objects.values_list("pk", "people_named"))
    generated = set(ReleaseEvent.objects.values_list("pk", "people_named", "released_citizenships"))
    ReleaseEvent.objects.update(people_named=0, released_citizenships="")
    derived.rebuild()
    assert set(ReleaseEvent.objects.values_list("pk", "people_named", "released_citizenships")) == generated


def test_the_api_filter_uses_the_column_and_hides_drafts(client, release):
    named(release, "BY")
    named(release, "LT", status=PublicationStatus.DRAFT)
    ids = lambda code: [r["id"] for r in client.get(f"/api/v1/releases/?citizenship={code}").json()["results"]]
    assert ids("BY") == [release.pk] and ids("LT") == []
    Citizenship.objects.filter(country="BY").delete()
    assert ids("BY") == []
