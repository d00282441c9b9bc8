"""The read side of publication (releases/models/publication.py): the helpers every nested
row and related record is filtered with."""
from releases.models import Citation, CollectionItem, PartyRole, PrisonerRedirect, Source
from releases.models.publication import is_public, public_or_none, published_q, published_row
from tests.support import factories as f


def test_published_row_is_true_only_for_a_published_target(db):
    public, draft = f.PartyFactory(), f.PartyFactory(publication_status="review")
    release = f.ReleaseEventFactory()
    shown = f.PartyRoleFactory(release=release, party=public)
    f.PartyRoleFactory(release=release, party=draft)
    assert list(PartyRole.objects.filter(published_row("releases.Party", "party_id"))) == [shown]
    assert list(PartyRole.objects.published()) == [shown]


def test_published_row_on_a_null_foreign_key_is_false(db):
    collection = f.CollectionFactory()
    item = f.CollectionItemFactory(collection=collection)
    hidden = f.CollectionItemFactory(collection=collection, release=f.ReleaseEventFactory(publication_status="draft"))
    for row in (item, hidden):  # each item names exactly one record: the other two ids are null
        assert sum(getattr(row, name) is not None for name in ("release_id", "prisoner_id", "source_id")) == 1
    assert [i.pk for i in collection.__class__.objects.with_related().get().public_items] == [item.pk]
    assert CollectionItem.objects.filter(published_row("releases.Source", "source_id")).count() == 0


def test_published_q_follows_a_path_and_reads_history_tables(db):
    source = f.SourceFactory(publication_status="draft")
    source.publication_status = "published"
    source.save()
    history = Source.history.model.objects
    assert history.filter(published_q()).count() == 1 and history.exclude(published_q()).count() == 1
    citation = f.CitationFactory(source=source)
    assert list(Citation.objects.filter(published_q("source__"))) == [citation]


def test_python_side_helpers(db):
    public, draft = f.PartyFactory(), f.PartyFactory(publication_status="draft")
    assert public_or_none(public) is public
    assert public_or_none(draft) is None and public_or_none(None) is None
    assert is_public("published") and not is_public("review") and not is_public(None)
    child = f.PartyFactory(parent=draft)
    assert child.public_parent is None


def test_a_redirect_leads_only_to_a_published_survivor(db):
    survivor = f.PrisonerFactory(publication_status="draft")
    f.PrisonerRedirectFactory(old_id=987, prisoner=survivor)
    assert PrisonerRedirect.objects.published_target(987) is None
    survivor.publication_status = "published"
    survivor.save()
    assert PrisonerRedirect.objects.published_target(987) == survivor.pk
