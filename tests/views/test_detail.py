"""Public detail pages: published only, disagreements side by side, bounded queries, escaping."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from releases.models import ClaimKind
from releases.models.sources import accounts_by_claim

from tests.support.factories import (
    CitationFactory, PartyFactory, PartyRoleFactory, PrisonerFactory, PrisonerNameFactory,
    ReleasedPersonFactory, ReleaseEventFactory, SourceFactory,
)


def test_disagreeing_accounts_are_shown_side_by_side_with_a_mark(client, db):
    release = ReleaseEventFactory()
    CitationFactory(release=release, claim="handover_place", account="Minsk",
                    source=SourceFactory(outlet="Outlet A"))
    CitationFactory(release=release, claim="handover_place", account="Vilnius",
                    source=SourceFactory(outlet="Outlet B"))
    page = client.get(release.get_absolute_url()).content.decode()
    assert "accounts differ" in page
    assert page.index("Minsk") < page.index("Vilnius")
    assert "Outlet A" in page and "Outlet B" in page


def test_different_wording_of_a_list_is_not_flagged_as_a_dispute(db):
    release = ReleaseEventFactory()
    a = CitationFactory(release=release, claim=ClaimKind.PARTICIPANTS, account="Three people")
    b = CitationFactory(release=release, claim=ClaimKind.PARTICIPANTS, account="A, B and C")
    c = CitationFactory(release=release, claim=ClaimKind.DATE, account="12 February")
    d = CitationFactory(release=release, claim=ClaimKind.DATE, account="12 February ")
    groups = accounts_by_claim([a, b, c, d])
    assert [(label, disputed) for label, _, disputed in groups] == [
        ("Date", False), ("Who was released", False)
    ]


def test_draft_records_have_no_page(client, db):
    for record in (ReleaseEventFactory(publication_status="draft"), PrisonerFactory(publication_status="review"),
                   PartyFactory(publication_status="draft"), SourceFactory(publication_status="draft")):
        assert client.get(record.get_absolute_url()).status_code == 404


def test_a_published_release_never_shows_a_draft_person_party_or_source(client, db):
    release = ReleaseEventFactory()
    ReleasedPersonFactory(release=release, prisoner=PrisonerFactory(preferred_name="DRAFT-PERSON-MARK", publication_status="draft"))
    PartyRoleFactory(release=release, party=PartyFactory(name="DRAFT-PARTY-MARK", publication_status="draft"))
    CitationFactory(release=release, source=SourceFactory(outlet="DRAFT-SOURCE-MARK", publication_status="draft"))
    release.internal_notes = "PRIVATE-NOTE-MARK"
    release.save()
    page = client.get(release.get_absolute_url()).content.decode()
    for marker in ("DRAFT-PERSON-MARK", "DRAFT-PARTY-MARK", "DRAFT-SOURCE-MARK", "PRIVATE-NOTE-MARK"):
        assert marker not in page


def test_markup_in_names_and_quotes_is_shown_as_text(client, db):
    person = PrisonerFactory(preferred_name="<script>alert(1)</script>")
    release = ReleaseEventFactory(title="<b>bold</b>")
    ReleasedPersonFactory(release=release, prisoner=person)
    CitationFactory(release=release, quote="<img src=x onerror=alert(2)>")
    page = client.get(release.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page and "<b>bold</b>" not in page


@pytest.mark.parametrize("people", [1, 12])
def test_release_page_queries_do_not_grow_with_its_people(client, db, people, django_assert_num_queries):
    release = ReleaseEventFactory()
    for _ in range(people):
        ReleasedPersonFactory(release=release)
        PartyRoleFactory(release=release)
        CitationFactory(release=release)
    with django_assert_num_queries(10):  # 8 for the release + 2 for the site navigation
        assert client.get(release.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("releases", [1, 8])
def test_person_page_queries_do_not_grow_with_their_releases(client, db, releases):
    person = PrisonerFactory()
    PrisonerNameFactory(prisoner=person)
    for _ in range(releases):
        ReleasedPersonFactory(prisoner=person)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(person.get_absolute_url())
    assert page.status_code == 200
    assert len(queries) == 10  # 8 for the person + 2 for the site navigation


def test_person_page_shows_every_name_with_its_language(client, db):
    person = PrisonerFactory(preferred_name="Alena Maushuk")
    PrisonerNameFactory(prisoner=person, text="Маўшук", language="be", script="Cyrl", romanization="native")
    page = client.get(person.get_absolute_url()).content.decode()
    assert 'lang="be"' in page and "Маўшук" in page
