"""factory_boy factories: one per model, each producing a valid row with its related rows.

Publishable records (Source, Party, Prisoner, ReleaseEvent) are published by default, so
tests opt into the other states explicitly: ``ReleaseEventFactory(publication_status="draft")``.
"""
import datetime

import factory
from factory.django import DjangoModelFactory

from releases import models as m


class PublishableFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    publication_status = m.PublicationStatus.PUBLISHED


class SourceFactory(PublishableFactory):
    class Meta:
        model = m.Source

    outlet = "Radio Free Europe/Radio Liberty"
    title = factory.Sequence(lambda n: f"Report {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    url = factory.Sequence(lambda n: f"https://example.org/reports/{n}")
    published_on = datetime.date(2025, 2, 12)
    kind = m.SourceKind.NEWS


class PartyFactory(PublishableFactory):
    class Meta:
        model = m.Party

    name = factory.Sequence(lambda n: f"Party {n}")
    slug = factory.Sequence(lambda n: f"party-{n}")
    kind = m.PartyKind.GOVERNMENT
    country = "US"


class PartyNameFactory(DjangoModelFactory):
    class Meta:
        model = m.PartyName

    party = factory.SubFactory(PartyFactory)
    text = factory.Sequence(lambda n: f"Party name {n}")


class PrisonerFactory(PublishableFactory):
    class Meta:
        model = m.Prisoner

    preferred_name = factory.Sequence(lambda n: f"Prisoner {n}")
    slug = factory.Sequence(lambda n: f"prisoner-{n}")


class PrisonerNameFactory(DjangoModelFactory):
    class Meta:
        model = m.PrisonerName

    prisoner = factory.SubFactory(PrisonerFactory)
    text = factory.Sequence(lambda n: f"Prisoner name {n}")


class CitizenshipFactory(DjangoModelFactory):
    class Meta:
        model = m.Citizenship

    prisoner = factory.SubFactory(PrisonerFactory)
    country = "BY"


class DetentionFactory(DjangoModelFactory):
    class Meta:
        model = m.Detention

    prisoner = factory.SubFactory(PrisonerFactory)
    detained_on = datetime.date(2021, 7, 14)


class StatusRecordFactory(DjangoModelFactory):
    class Meta:
        model = m.StatusRecord

    prisoner = factory.SubFactory(PrisonerFactory)
    status = m.PrisonerStatus.DETAINED
    as_of = datetime.date(2021, 7, 14)


class RecognitionFactory(DjangoModelFactory):
    class Meta:
        model = m.Recognition

    prisoner = factory.SubFactory(PrisonerFactory)
    recognized_by = factory.SubFactory(PartyFactory, kind=m.PartyKind.ORGANISATION, country="")
    wording = "political prisoner"


class ReleaseEventFactory(PublishableFactory):
    class Meta:
        model = m.ReleaseEvent

    title = factory.Sequence(lambda n: f"Release {n}")
    slug = factory.Sequence(lambda n: f"release-{n}")
    kind = m.ReleaseKind.PARDON
    date_from = datetime.date(2025, 2, 12)
    date_to = factory.SelfAttribute("date_from")


class ReleasedPersonFactory(DjangoModelFactory):
    class Meta:
        model = m.ReleasedPerson

    release = factory.SubFactory(ReleaseEventFactory)
    prisoner = factory.SubFactory(PrisonerFactory)


class PartyRoleFactory(DjangoModelFactory):
    class Meta:
        model = m.PartyRole

    release = factory.SubFactory(ReleaseEventFactory)
    party = factory.SubFactory(PartyFactory)
    role = m.PartyRoleKind.RELEASING_AUTHORITY


class EventLinkFactory(DjangoModelFactory):
    class Meta:
        model = m.EventLink

    from_event = factory.SubFactory(ReleaseEventFactory)
    to_event = factory.SubFactory(ReleaseEventFactory)
    kind = m.EventLinkKind.RELATED


class ConcessionFactory(DjangoModelFactory):
    class Meta:
        model = m.Concession

    release = factory.SubFactory(ReleaseEventFactory)
    description = "Sanctions relief on the national airline"


class CitationFactory(DjangoModelFactory):
    """Cites a release by default; pass ``release=None, prisoner=...`` to cite a person."""

    class Meta:
        model = m.Citation

    source = factory.SubFactory(SourceFactory)
    release = factory.SubFactory(ReleaseEventFactory)
    claim = m.ClaimKind.GENERAL


class PageFactory(PublishableFactory):
    class Meta:
        model = m.Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "A paragraph.\n\nAnother paragraph."


class CollectionFactory(PublishableFactory):
    class Meta:
        model = m.Collection

    title = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")
    introduction = "Why these belong together."


class CollectionItemFactory(DjangoModelFactory):
    """Points at a release by default; pass ``release=None, prisoner=...`` for a person."""

    class Meta:
        model = m.CollectionItem

    collection = factory.SubFactory(CollectionFactory)
    release = factory.SubFactory(ReleaseEventFactory)


class NameKeyFactory(DjangoModelFactory):
    class Meta:
        model = m.NameKey

    prisoner = factory.SubFactory(PrisonerFactory)
    key = factory.Sequence(lambda n: f"testkey{n}")


class SearchTermFactory(DjangoModelFactory):
    class Meta:
        model = m.SearchTerm

    key = factory.Sequence(lambda n: f"testterm{n}")


class PrisonerRedirectFactory(DjangoModelFactory):
    class Meta:
        model = m.PrisonerRedirect

    old_id = factory.Sequence(lambda n: 900000 + n)
    prisoner = factory.SubFactory(PrisonerFactory)
    old_name = "Merged Record"
