"""The canary sweep's world (tests/sweeps/test_canary_sweep.py): every private field, and every field
of every unpublished record, holds a unique marker ("CANARY-<MODEL>-<FIELD>-<NNN>"), and the
unpublished records are tied to the published ones in every way the models allow.

Which fields are private is worked out, not listed: a text field no read serializer exposes
(and no page shows, PAGE_ONLY_FIELDS), or whose help text says "Private", is private. A field added later is filled
automatically, and ``uncovered()`` fails the sweep if some private field or hidden row has
no marker.
"""
import datetime
import re
from collections import defaultdict

from django.apps import apps
from django.db import models
from django_countries.fields import CountryField
from rest_framework import serializers as drf

from releases import models as m
from releases.api import serializers as read_serializers
from releases.services.merging import merge_prisoners
from tests.support import factories as f

PUBLISHED = str(m.PublicationStatus.PUBLISHED)
UNPUBLISHED = [str(m.PublicationStatus.DRAFT), str(m.PublicationStatus.REVIEW)]
# A marker as it may appear in any body or header: JSON, HTML and URL encoding leave
# [A-Z0-9-] alone; search keys are lowercase, hence case-insensitive.
MARKER = re.compile(rb"(?i)canary-[a-z0-9]+-[a-z0-9]+-[0-9]{3}")

# Shown on the public pages although no serializer lists them (curated pages have no API).
PAGE_ONLY_FIELDS = {
    m.Page: {"title", "slug", "body"},
    m.Collection: {"title", "slug", "introduction"},
    m.CollectionItem: {"note"},
    m.EventLink: {"note"},  # RelatedEventSerializer, a plain Serializer
}
# The search index: lowercase keys derived from names, never shown; covered by the q searches.
DERIVED_MODELS = {m.NameKey, m.SearchTerm}
# References that are nulled out, not hidden: the row itself stays public.
NULLED_REFERENCES = {(m.Concession, "offered_by"), (m.Concession, "offered_to"),
                     (m.Party, "parent"), (m.Source, "cited_via")}
PUBLISHABLE = [m.ReleaseEvent, m.Prisoner, m.Party, m.Source, m.Page, m.Collection]
# Countries only unpublished records use: filtering by them must find nothing.
HIDDEN_COUNTRIES = {"draft": ("TV", "NR", "KI"), "review": ("PW", "MH", "FM"), "withdrawn": ("TO", "WS", "WS")}
PUBLIC_COUNTRIES = ["BY", "RU", "US", "LT"]
# Published records were last changed before SINCE_HIDDEN_ONLY, unpublished ones after it.
LAST_PUBLIC_CHANGE = datetime.datetime(2025, 3, 1, tzinfo=datetime.timezone.utc)
LAST_HIDDEN_CHANGE = datetime.datetime(2025, 6, 1, tzinfo=datetime.timezone.utc)
SINCE_HIDDEN_ONLY = "2025-05-01T00:00:00Z"


def tracker_models():
    return [model for model in apps.get_app_config("releases").get_models()
            if not model.__name__.startswith("Historical") and model not in DERIVED_MODELS]


def text_fields(model):
    """Fields that can hold a marker: editable free text (not choices, not countries)."""
    return [fl for fl in model._meta.concrete_fields
            if isinstance(fl, (models.CharField, models.TextField)) and not isinstance(fl, CountryField)
            and not fl.choices and fl.editable]


def exposed_fields():
    """Model -> the fields some read serializer shows (by source) or some page shows."""
    exposed = defaultdict(set, {model: set(names) for model, names in PAGE_ONLY_FIELDS.items()})
    for serializer in vars(read_serializers).values():
        if isinstance(serializer, type) and issubclass(serializer, drf.ModelSerializer) \
                and serializer is not drf.ModelSerializer:
            for name, field in serializer().fields.items():
                exposed[serializer.Meta.model].add(name if field.source == "*" else field.source.split(".")[0])
    return exposed


def private_fields(model):
    """Text no serializer or page shows, and whatever its help text calls private (so that a
    serializer listing internal_notes by mistake does not make them public here too)."""
    exposed = exposed_fields()[model]
    return [fl for fl in text_fields(model)
            if fl.name not in exposed or str(fl.help_text).startswith("Private")]


class World:
    """The records of the sweep, with their markers."""

    def __init__(self):
        self.markers = {}                     # marker -> "Model.field"
        self.unpublished = defaultdict(list)  # model -> records not (or no longer) published
        self.withdrawn = defaultdict(set)     # API resource -> ids once public, now unpublished
        self.redirects = {}                   # merged-away id -> survivor id, None if a draft

    def marker(self, model, field_name):
        token = f"CANARY-{model.__name__.upper()}-{field_name.upper().replace('_', '')}-{len(self.markers) + 1:03d}"
        self.markers[token] = f"{model.__name__}.{field_name}"
        return token

    def value(self, model, fl):
        token = self.marker(model, fl.name)
        return f"https://example.org/{token}" if isinstance(fl, models.URLField) else token

    def private(self, factory, **kwargs):
        """A row whose public fields are ordinary text and whose private fields hold markers."""
        model = factory._meta.model
        values = {fl.name: self.value(model, fl) for fl in private_fields(model) if fl.name not in kwargs}
        return factory(**values, **kwargs)

    def hidden(self, factory, **kwargs):
        """A row the public must never see: every text field holds a marker."""
        model = factory._meta.model
        values = {fl.name: self.value(model, fl) for fl in text_fields(model) if fl.name not in kwargs}
        record = factory(**values, **kwargs)
        if getattr(record, "publication_status", PUBLISHED) != PUBLISHED:
            self.unpublished[model].append(record)
        return record

    def search_markers(self):
        """One marker per model and field: search reads fields, so one value of each will do."""
        seen = {}
        for token, where in self.markers.items():
            seen.setdefault(where, token)
        return sorted(seen.values())

    def ids(self, model):
        """Published, unpublished and unknown ids of ``model`` (unknown: never used)."""
        published = list(public(model).values_list("pk", flat=True))
        hidden = list(model._default_manager.exclude(pk__in=public(model)).values_list("pk", flat=True))
        return sorted(published), sorted(hidden), [999_999]


def public(model):
    return model._default_manager.published()


def build_world():
    w = World()
    day = datetime.date

    # -- published records: public text, private fields holding markers --------------------
    outlet = w.private(f.SourceFactory, outlet="Public Outlet", title="Public report", author="Public Author")
    gov = w.private(f.PartyFactory, name="Public Government", country="BY")
    envoy = w.private(f.PartyFactory, name="Public Envoy", kind="official", country="US", parent=gov,
                      position="Envoy")
    f.PartyNameFactory(party=envoy, text="Public Envoy Alias")
    person = w.private(f.PrisonerFactory, preferred_name="Alena Maushuk", occupation="Journalist")
    f.PrisonerNameFactory(prisoner=person, text="Movshuk")
    w.private(f.CitizenshipFactory, prisoner=person, country="BY")
    w.private(f.DetentionFactory, prisoner=person, charges="Public charges")
    f.StatusRecordFactory(prisoner=person, status="released", as_of=day(2025, 2, 12), note="Public status note")
    f.RecognitionFactory(prisoner=person, recognized_by=gov)
    release = w.private(f.ReleaseEventFactory, title="Public release", summary="Public summary",
                        releasing_country="BY", destination_country="LT", announced_total=5)
    other = w.private(f.ReleaseEventFactory, title="Other public release", releasing_country="RU",
                      date_from=day(2025, 1, 5))
    w.private(f.ReleasedPersonFactory, release=release, prisoner=person, conditions="Left the country")
    f.PartyRoleFactory(release=release, party=gov)
    f.PartyRoleFactory(release=release, party=envoy, role="envoy")
    f.EventLinkFactory(from_event=release, to_event=other, note="Public link")
    f.CitationFactory(source=outlet, release=release, account="Public account")
    f.CitationFactory(source=outlet, release=None, prisoner=person, account="Public person account")
    f.CitationFactory(source=outlet, release=None, party=envoy, account="Public party account")
    f.ConcessionFactory(release=release, offered_by=envoy, offered_to=gov).sources.add(outlet)
    w.private(f.PageFactory, title="About", slug="about")
    collection = w.private(f.CollectionFactory, title="Public topic", slug="public-topic")
    f.CollectionItemFactory(collection=collection, release=release, note="Public item note")

    # -- unpublished records, tied to the published ones in every way -----------------------
    for status in UNPUBLISHED:
        citizenship, party_country, release_country = HIDDEN_COUNTRIES[status]
        hidden = {"publication_status": status}
        source = w.hidden(f.SourceFactory, **hidden)
        party = w.hidden(f.PartyFactory, **hidden, country=party_country)
        w.hidden(f.PartyNameFactory, party=party).sources.add(source)
        draft_person = w.hidden(f.PrisonerFactory, **hidden)
        w.hidden(f.PrisonerNameFactory, prisoner=draft_person).sources.add(source)
        w.hidden(f.CitizenshipFactory, prisoner=draft_person, country=citizenship)
        w.hidden(f.DetentionFactory, prisoner=draft_person)
        w.hidden(f.StatusRecordFactory, prisoner=draft_person)
        w.hidden(f.RecognitionFactory, prisoner=draft_person, recognized_by=gov)
        w.hidden(f.RecognitionFactory, prisoner=person, recognized_by=party)
        event = w.hidden(f.ReleaseEventFactory, **hidden, releasing_country=release_country,
                         destination_country=release_country, date_from=day(2025, 3, 3))
        w.hidden(f.ReleasedPersonFactory, release=release, prisoner=draft_person)
        w.hidden(f.ReleasedPersonFactory, release=event, prisoner=person)
        w.hidden(f.PartyRoleFactory, release=release, party=party, role="mediator")
        w.hidden(f.PartyRoleFactory, release=event, party=gov)
        w.hidden(f.EventLinkFactory, from_event=release, to_event=event)
        w.hidden(f.EventLinkFactory, from_event=event, to_event=release)
        w.hidden(f.CitationFactory, source=source, release=release)
        w.hidden(f.CitationFactory, source=outlet, release=release, prisoner=draft_person)
        w.hidden(f.CitationFactory, source=outlet, release=None, party=party)
        w.hidden(f.CitationFactory, source=outlet, release=event)
        w.hidden(f.ConcessionFactory, release=event).sources.add(outlet)
        # Public rows that point at unpublished ones: the reference is left out, the row shown.
        f.ConcessionFactory(release=release, offered_by=party, offered_to=party,
                            description=f"Public concession ({status} context)").sources.add(source, outlet)
        w.private(f.PartyFactory, name=f"Public agency ({status} parent)", kind="agency", parent=party)
        w.private(f.SourceFactory, outlet=f"Public outlet ({status} via)", cited_via=source)
        w.hidden(f.PageFactory, **hidden)
        draft_collection = w.hidden(f.CollectionFactory, **hidden)
        w.hidden(f.CollectionItemFactory, collection=draft_collection, release=release)
        for target in ({"release": event}, {"release": None, "prisoner": draft_person},
                       {"release": None, "source": source}):
            w.hidden(f.CollectionItemFactory, collection=collection, **target)
        if status == m.PublicationStatus.DRAFT:
            # Merged into a draft: the old id must not reveal the draft (404, not 301).
            absorbed = w.hidden(f.PrisonerFactory)
            w.redirects[absorbed.pk] = None
            merge_prisoners(keep=draft_person, absorb=absorbed,
                            by=w.marker(m.PrisonerRedirect, "merged_by"))

    # Merged into a published record: the old id answers 301 to it.
    twin = w.private(f.PrisonerFactory, preferred_name="Alena Mauschuk")
    w.redirects[twin.pk] = person.pk
    merge_prisoners(keep=person, absorb=twin, by="editor")

    # -- once public, now withdrawn: unpublished with markers everywhere ---------------------
    citizenship, _, release_country = HIDDEN_COUNTRIES["withdrawn"]
    gone = {
        "releases": w.hidden(f.ReleaseEventFactory, releasing_country=release_country, date_from=day(2024, 12, 1)),
        "prisoners": w.hidden(f.PrisonerFactory),
        "parties": w.hidden(f.PartyFactory, country=release_country),
        "sources": w.hidden(f.SourceFactory),
    }
    w.hidden(f.CitizenshipFactory, prisoner=gone["prisoners"], country=citizenship)
    w.hidden(f.ReleasedPersonFactory, release=release, prisoner=gone["prisoners"])
    w.hidden(f.PartyRoleFactory, release=release, party=gone["parties"], role="negotiator")
    w.hidden(f.CitationFactory, source=gone["sources"], release=release)
    for resource, record in gone.items():
        record.publication_status = m.PublicationStatus.DRAFT
        record.save()
        w.unpublished[type(record)].append(record)
        w.withdrawn[resource].add(record.pk)

    for model in PUBLISHABLE:
        model.objects.filter(publication_status=PUBLISHED).update(updated_at=LAST_PUBLIC_CHANGE)
        model.objects.exclude(publication_status=PUBLISHED).update(updated_at=LAST_HIDDEN_CHANGE)
    return w


def hidden_rows(model):
    """Rows of ``model`` the public must never see: unpublished records, and rows that belong
    to one (a name, a citation, a person's place in a release...)."""
    hidden = models.Q(pk__in=[])
    if model in PUBLISHABLE:
        hidden |= ~models.Q(publication_status=PUBLISHED)
    for fl in model._meta.concrete_fields:
        if fl.is_relation and fl.related_model in PUBLISHABLE and (model, fl.name) not in NULLED_REFERENCES:
            hidden |= models.Q(**{f"{fl.name}__publication_status__in": UNPUBLISHED})
    return model._default_manager.filter(hidden)


def uncovered():
    """What the world leaves without a marker: private fields, unpublished records of each
    status, text fields of hidden rows. Empty when the sweep can see every kind of leak."""
    gaps = []
    for model in tracker_models():
        for fl in private_fields(model):
            if not model._default_manager.filter(**{f"{fl.name}__contains": "CANARY-"}).exists():
                gaps.append(f"private field {model.__name__}.{fl.name} holds no marker")
        if model in PUBLISHABLE:
            for status in UNPUBLISHED:
                if not model._default_manager.filter(publication_status=status).exists():
                    gaps.append(f"no {model.__name__} in status {status}")
        for row in hidden_rows(model):
            for fl in text_fields(model):
                if "CANARY-" not in getattr(row, fl.name):
                    gaps.append(f"hidden {model.__name__} #{row.pk}: {fl.name} holds no marker")
    return gaps


def delete_unpublished():
    """Delete every unpublished record, with the rows that belong to them; public rows that
    pointed at one are changed with update() so that their updated_at stays as it was."""
    hidden = {model: model.objects.exclude(publication_status=PUBLISHED) for model in PUBLISHABLE}
    m.Party.objects.filter(parent__in=hidden[m.Party]).update(parent=None)
    m.Source.objects.filter(cited_via__in=hidden[m.Source]).update(cited_via=None)
    m.Concession.objects.filter(offered_by__in=hidden[m.Party]).update(offered_by=None)
    m.Concession.objects.filter(offered_to__in=hidden[m.Party]).update(offered_to=None)
    m.Citation.objects.filter(source__in=hidden[m.Source]).delete()
    m.PartyRole.objects.filter(party__in=hidden[m.Party]).delete()
    m.Recognition.objects.filter(recognized_by__in=hidden[m.Party]).delete()
    m.ReleasedPerson.objects.filter(prisoner__in=hidden[m.Prisoner]).delete()
    for model in PUBLISHABLE:
        for record in hidden[model]:
            record.delete()
