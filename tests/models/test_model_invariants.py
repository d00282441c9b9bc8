"""The data model's invariants, held twice: by the database and by full_clean().

Every named constraint in the models has a case below. Each case builds a row that is
valid except for that one rule; the database must refuse to store it (IntegrityError naming
the constraint) and full_clean() must report it on the right field with a readable message.
"""
import datetime
from dataclasses import dataclass
from typing import Callable

import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import UniqueConstraint
from django.utils import timezone

from releases import models as m
from tests.support import factories as f

D = datetime.date
NOT_A_CHOICE = "is not a valid choice"
BLANK = "This field cannot be blank."
ALREADY_EXISTS = "already exists"


def changed(obj, **attrs):
    """``obj`` with ``attrs`` set in memory, not saved."""
    for name, value in attrs.items():
        setattr(obj, name, value)
    return obj


def party_own_parent():
    party = f.PartyFactory()
    return changed(party, parent=party)


def eventlink_to_itself():
    link = f.EventLinkFactory()
    return changed(link, to_event=link.from_event)


def duplicate(factory, *same):
    """An unsaved copy of a fresh row sharing the fields ``same`` (and nothing unique else)."""
    existing = factory()
    return factory.build(**{name: getattr(existing, name) for name in same})


@dataclass
class Case:
    constraint: str  # its name in Meta.constraints
    build: Callable  # a row breaking only that rule (unsaved, or saved and changed in memory)
    field: str  # where full_clean() reports it
    message: str  # a fragment of the message an editor sees

    def __str__(self):
        return self.constraint


CASES = [
    # Publishable: the publication status is one of the three workflow states.
    *[
        Case(f"releases_{factory._meta.model._meta.model_name}_publication_status_valid",
             lambda factory=factory: factory.build(publication_status="public"),
             "publication_status", NOT_A_CHOICE)
        for factory in (f.PrisonerFactory, f.PartyFactory, f.SourceFactory, f.ReleaseEventFactory,
                        f.PageFactory, f.CollectionFactory)
    ],
    # A collection item points at exactly one release, person or source.
    Case("collectionitem_exactly_one_target",
         lambda: f.CollectionItemFactory.build(collection=f.CollectionFactory(), release=f.ReleaseEventFactory(),
                                               prisoner=f.PrisonerFactory()),
         NON_FIELD_ERRORS, "exactly one"),
    # Names: known language, script and romanization; never empty.
    *[
        Case(f"releases_{factory._meta.model._meta.model_name}_{rule}",
             lambda factory=factory, attrs=attrs: changed(factory(), **attrs), field, message)
        for factory in (f.PrisonerNameFactory, f.PartyNameFactory)
        for rule, attrs, field, message in [
            ("language_valid", {"language": "xx"}, "language", NOT_A_CHOICE),
            ("script_valid", {"script": "Grek"}, "script", NOT_A_CHOICE),
            ("romanization_valid", {"romanization": "pinyin"}, "romanization", NOT_A_CHOICE),
            ("text_not_empty", {"text": ""}, "text", BLANK),
        ]
    ],
    Case("prisonername_unique_text", lambda: duplicate(f.PrisonerNameFactory, "prisoner", "text"),
         NON_FIELD_ERRORS, ALREADY_EXISTS),
    Case("partyname_unique_text", lambda: duplicate(f.PartyNameFactory, "party", "text"),
         NON_FIELD_ERRORS, ALREADY_EXISTS),
    # People.
    Case("prisoner_birth_year_plausible", lambda: f.PrisonerFactory.build(birth_year=1899),
         "birth_year", "greater than or equal to 1900"),
    Case("prisoner_reported_age_plausible",
         lambda: f.PrisonerFactory.build(reported_age=131, age_reported_on=D(2025, 2, 12)),
         "reported_age", "less than or equal to 130"),
    Case("prisoner_reported_age_has_date", lambda: f.PrisonerFactory.build(reported_age=56),
         "age_reported_on", "Give the date of the report the age comes from"),
    Case("citizenship_unique_country", lambda: duplicate(f.CitizenshipFactory, "prisoner", "country"),
         NON_FIELD_ERRORS, ALREADY_EXISTS),
    Case("citizenship_country_set", lambda: changed(f.CitizenshipFactory(), country=""),
         "country", BLANK),
    Case("detention_precision_valid",
         lambda: changed(f.DetentionFactory(), detained_on_precision="week"),
         "detained_on_precision", NOT_A_CHOICE),
    Case("statusrecord_status_valid", lambda: changed(f.StatusRecordFactory(), status="free"),
         "status", NOT_A_CHOICE),
    Case("statusrecord_precision_valid",
         lambda: changed(f.StatusRecordFactory(), as_of_precision="week"),
         "as_of_precision", NOT_A_CHOICE),
    Case("recognition_unique_recognizer",
         lambda: duplicate(f.RecognitionFactory, "prisoner", "recognized_by"),
         NON_FIELD_ERRORS, ALREADY_EXISTS),
    # Parties.
    Case("party_kind_valid", lambda: f.PartyFactory.build(kind="church"), "kind", NOT_A_CHOICE),
    Case("party_not_own_parent", party_own_parent, "parent", "cannot belong to itself"),
    # Sources and citations.
    Case("source_kind_valid", lambda: f.SourceFactory.build(kind="blog"), "kind", NOT_A_CHOICE),
    Case("source_url_http_only", lambda: f.SourceFactory.build(url="javascript:alert(1)"),
         "url", "Enter a valid URL."),
    Case("source_outlet_set", lambda: f.SourceFactory.build(outlet=""), "outlet", BLANK),
    Case("citation_claim_valid", lambda: changed(f.CitationFactory(), claim="rumour"),
         "claim", NOT_A_CHOICE),
    Case("citation_has_subject", lambda: changed(f.CitationFactory(), release=None),
         NON_FIELD_ERRORS, "must support a fact about a release, a person or a party"),
    # Release events.
    Case("releaseevent_kind_valid", lambda: f.ReleaseEventFactory.build(kind="amnesty"),
         "kind", NOT_A_CHOICE),
    Case("releaseevent_precision_valid",
         lambda: f.ReleaseEventFactory.build(date_precision="week"), "date_precision", NOT_A_CHOICE),
    Case("releaseevent_date_order",
         lambda: f.ReleaseEventFactory.build(date_from=D(2025, 3, 10), date_to=D(2025, 3, 1)),
         "date_to", "The end of a wave cannot be before its start."),
    Case("releaseevent_minimum_needs_total",
         lambda: f.ReleaseEventFactory.build(announced_total_is_minimum=True, announced_total=None),
         "announced_total", "Give the number the report said 'more than' of."),
    Case("releasedperson_unique", lambda: duplicate(f.ReleasedPersonFactory, "release", "prisoner"),
         NON_FIELD_ERRORS, ALREADY_EXISTS),
    Case("partyrole_one_role_per_party",  # even in another role: one row per party per event
         lambda: changed(duplicate(f.PartyRoleFactory, "release", "party"),
                         role=m.PartyRoleKind.NEGOTIATOR),
         NON_FIELD_ERRORS, ALREADY_EXISTS),
    Case("partyrole_role_valid", lambda: changed(f.PartyRoleFactory(), role="hostage_taker"),
         "role", NOT_A_CHOICE),
    Case("eventlink_unique",
         lambda: duplicate(f.EventLinkFactory, "from_event", "to_event", "kind"),
         NON_FIELD_ERRORS, ALREADY_EXISTS),
    Case("eventlink_not_self", eventlink_to_itself, "to_event", "cannot be linked to itself"),
    Case("eventlink_kind_valid", lambda: changed(f.EventLinkFactory(), kind="caused"),
         "kind", NOT_A_CHOICE),
    Case("concession_status_valid", lambda: changed(f.ConcessionFactory(), status="rumoured"),
         "status", NOT_A_CHOICE),
    # Search keys and merge redirects.
    Case("namekey_unique_key", lambda: duplicate(f.NameKeyFactory, "key", "prisoner"),
         "__all__", "already exists"),
    Case("namekey_key_not_empty", lambda: changed(f.NameKeyFactory(), key=""), "key", "cannot be blank"),
    Case("searchterm_key_not_empty", lambda: changed(f.SearchTermFactory(), key=""), "key", "cannot be blank"),
    Case("prisonerredirect_not_to_itself",
         lambda: (lambda r: changed(r, old_id=r.prisoner_id))(f.PrisonerRedirectFactory()),
         "old_id", "cannot redirect to itself"),
]


def assert_refused_by(error, obj, name):
    """The IntegrityError comes from the constraint ``name``, not from some other rule."""
    message = str(error)
    constraint = next(c for c in obj._meta.constraints if c.name == name)
    if connection.vendor == "sqlite" and isinstance(constraint, UniqueConstraint):
        # SQLite names the columns of a failed UNIQUE, not the constraint.
        table = obj._meta.db_table
        columns = ", ".join(f"{table}.{obj._meta.get_field(n).column}" for n in constraint.fields)
        assert message == f"UNIQUE constraint failed: {columns}"
    else:
        assert name in message


def assert_saving_refused_by(obj, name):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        obj.save()
    assert_refused_by(excinfo.value, obj, name)


def assert_full_clean_refuses(obj, field, message):
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    errors = excinfo.value.message_dict
    assert list(errors) == [field], errors  # that one problem, reported where it belongs
    assert any(message in text for text in errors[field]), errors


def test_every_named_constraint_has_a_case():
    defined = {
        constraint.name
        for model in apps.get_app_config("releases").get_models()
        for constraint in model._meta.constraints
    }
    assert {case.constraint for case in CASES} == defined


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_database_refuses_row_breaking(case):
    assert_saving_refused_by(case.build(), case.constraint)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_full_clean_refuses_row_breaking(case):
    assert_full_clean_refuses(case.build(), case.field, case.message)


FACTORIES = [
    f.SourceFactory, f.PartyFactory, f.PartyNameFactory, f.PrisonerFactory, f.PrisonerNameFactory,
    f.CitizenshipFactory, f.DetentionFactory, f.StatusRecordFactory, f.RecognitionFactory,
    f.ReleaseEventFactory, f.ReleasedPersonFactory, f.PartyRoleFactory, f.EventLinkFactory,
    f.ConcessionFactory, f.CitationFactory, f.PageFactory, f.CollectionFactory, f.CollectionItemFactory,
    f.NameKeyFactory, f.SearchTermFactory, f.PrisonerRedirectFactory,
]


def test_there_is_a_factory_for_every_model():
    models = {model for model in apps.get_app_config("releases").get_models()
              if not model.__name__.startswith("Historical")}
    assert {factory._meta.model for factory in FACTORIES} == models


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_factory_default_row_is_valid(factory):
    # The control for the cases above: they differ from these rows in one rule only.
    obj = factory()
    obj.full_clean()
    if isinstance(obj, m.Publishable):
        assert obj.is_published


# --- Source URLs: a reader must be able to open them safely -----------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/report.pdf",
                                 "data:text/html,<script>alert(1)</script>"])
def test_source_url_other_than_http_is_refused(url):
    assert_full_clean_refuses(f.SourceFactory.build(url=url), "url", "Enter a valid URL.")
    assert_saving_refused_by(f.SourceFactory.build(url=url), "source_url_http_only")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["", "http://example.org/", "https://example.org/a?b=1",
                                 "HTTPS://EXAMPLE.ORG/A"])
def test_source_url_http_https_or_empty_is_accepted(url):
    source = f.SourceFactory.build(url=url)
    source.full_clean()
    source.save()
    assert m.Source.objects.get(pk=source.pk).url == url


# --- Prisoners ----------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize(("year", "message"), [(1899, "greater than or equal to 1900"),
                                               (2101, "less than or equal to 2100")])
def test_birth_year_outside_1900_2100_is_refused(year, message):
    assert_full_clean_refuses(f.PrisonerFactory.build(birth_year=year), "birth_year", message)
    assert_saving_refused_by(f.PrisonerFactory.build(birth_year=year), "prisoner_birth_year_plausible")


@pytest.mark.django_db
@pytest.mark.parametrize("year", [1900, 2100, None])
def test_birth_year_at_the_bounds_or_unknown_is_accepted(year):
    prisoner = f.PrisonerFactory.build(birth_year=year)
    prisoner.full_clean()
    prisoner.save()


@pytest.mark.django_db
def test_reported_age_with_the_date_of_the_report_is_accepted():
    prisoner = f.PrisonerFactory.build(reported_age=130, age_reported_on=D(2025, 2, 12))
    prisoner.full_clean()
    prisoner.save()


# --- Parties ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_party_cannot_belong_to_itself_through_another_party():
    a = f.PartyFactory()
    b = f.PartyFactory(parent=a)
    a.parent = m.Party.objects.get(pk=b.pk)  # A → B → A, B as a form would load it
    assert_full_clean_refuses(a, "parent", "A party cannot belong to itself, even indirectly.")


@pytest.mark.django_db
def test_party_cannot_belong_to_itself_through_a_longer_chain():
    a = f.PartyFactory()
    c = f.PartyFactory(parent=f.PartyFactory(parent=a))
    a.parent = m.Party.objects.get(pk=c.pk)  # A → C → B → A
    assert_full_clean_refuses(a, "parent", "cannot belong to itself")


@pytest.mark.django_db
def test_party_chain_without_a_cycle_is_accepted():
    government = f.PartyFactory(kind=m.PartyKind.GOVERNMENT)
    agency = f.PartyFactory(kind=m.PartyKind.AGENCY, parent=government)
    official = f.PartyFactory.build(kind=m.PartyKind.OFFICIAL, parent=agency)
    official.full_clean()


# --- Citations and event links ------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("subject", ["release", "prisoner", "party"])
def test_citation_with_any_one_subject_is_accepted(subject):
    factories = {"release": f.ReleaseEventFactory, "prisoner": f.PrisonerFactory,
                 "party": f.PartyFactory}
    subjects = {"release": None, subject: factories[subject]()}
    citation = f.CitationFactory.build(source=f.SourceFactory(), **subjects)
    citation.full_clean()
    citation.save()


@pytest.mark.django_db
def test_event_link_in_both_directions_is_accepted():
    link = f.EventLinkFactory(kind=m.EventLinkKind.EXCHANGE_COUNTERPART)
    back = f.EventLinkFactory.build(from_event=link.to_event, to_event=link.from_event,
                                    kind=m.EventLinkKind.EXCHANGE_COUNTERPART)
    back.full_clean()
    back.save()


# --- ReleaseEvent.clean(): dates normalized to the period the precision implies -----------------

def cleaned_event(**fields):
    event = f.ReleaseEventFactory.build(**fields)
    event.full_clean()
    return event


@pytest.mark.django_db
def test_month_precision_date_becomes_the_whole_month():
    event = cleaned_event(date_from=D(2025, 2, 12), date_to=None, date_precision="month")
    assert (event.date_from, event.date_to) == (D(2025, 2, 1), D(2025, 2, 28))
    assert event.date_display == "February 2025"


@pytest.mark.django_db
def test_month_precision_in_a_leap_year_ends_on_29_february():
    event = cleaned_event(date_from=D(2024, 2, 12), date_to=None, date_precision="month")
    assert (event.date_from, event.date_to) == (D(2024, 2, 1), D(2024, 2, 29))


@pytest.mark.django_db
def test_year_precision_date_becomes_the_whole_year():
    event = cleaned_event(date_from=D(2024, 6, 15), date_to=None, date_precision="year")
    assert (event.date_from, event.date_to) == (D(2024, 1, 1), D(2024, 12, 31))
    assert event.date_display == "2024"


@pytest.mark.django_db
def test_day_precision_without_end_is_a_single_day():
    event = cleaned_event(date_from=D(2025, 2, 12), date_to=None, date_precision="day")
    assert (event.date_from, event.date_to) == (D(2025, 2, 12), D(2025, 2, 12))
    assert event.date_display == "12 February 2025"


@pytest.mark.django_db
def test_wave_by_month_keeps_its_end_normalized_to_the_end_of_its_month():
    event = cleaned_event(date_from=D(2024, 6, 10), date_to=D(2024, 8, 5), date_precision="month")
    assert (event.date_from, event.date_to) == (D(2024, 6, 1), D(2024, 8, 31))
    assert event.date_display == "June 2024 – August 2024"
    event.save()
    event.refresh_from_db()
    assert (event.date_from, event.date_to) == (D(2024, 6, 1), D(2024, 8, 31))


@pytest.mark.django_db
def test_wave_by_day_keeps_its_explicit_end():
    event = cleaned_event(date_from=D(2024, 6, 10), date_to=D(2024, 6, 12), date_precision="day")
    assert (event.date_from, event.date_to) == (D(2024, 6, 10), D(2024, 6, 12))


@pytest.mark.django_db
def test_wave_ending_in_an_earlier_month_is_refused_after_normalization():
    event = f.ReleaseEventFactory.build(date_from=D(2025, 3, 1), date_to=D(2025, 2, 28),
                                        date_precision="month")
    assert_full_clean_refuses(event, "date_to", "cannot be before its start")


@pytest.mark.django_db
def test_minimum_total_with_a_number_is_accepted():
    event = cleaned_event(announced_total=50, announced_total_is_minimum=True)
    event.save()


# --- ReleaseEvent.check_named_people() ----------------------------------------------------------

def test_check_named_people_accepts_up_to_the_announced_total():
    event = m.ReleaseEvent(announced_total=3)
    event.check_named_people(0)
    event.check_named_people(3)


def test_check_named_people_refuses_more_than_the_announced_total():
    event = m.ReleaseEvent(announced_total=3)
    with pytest.raises(ValidationError) as excinfo:
        event.check_named_people(4)
    assert excinfo.value.messages == [
        "4 people are named but the announced total is 3. Raise the total or remove a person."
    ]


def test_check_named_people_accepts_more_names_than_a_minimum_total():
    # "More than 50" is consistent with 52 named people.
    m.ReleaseEvent(announced_total=50, announced_total_is_minimum=True).check_named_people(52)


def test_check_named_people_accepts_any_number_without_a_total():
    m.ReleaseEvent(announced_total=None).check_named_people(500)


# --- Current status -----------------------------------------------------------------------------

@pytest.mark.django_db
def test_current_status_is_that_of_the_most_recent_record_not_the_last_entered():
    released_then_rearrested = f.PrisonerFactory()
    # Entered out of order: the newest record by date is not the newest row.
    f.StatusRecordFactory(prisoner=released_then_rearrested, status="detained", as_of=D(2024, 3, 1))
    f.StatusRecordFactory(prisoner=released_then_rearrested, status="released", as_of=D(2020, 9, 1))
    freed = f.PrisonerFactory()
    f.StatusRecordFactory(prisoner=freed, status="released", as_of=D(2025, 2, 12))
    f.StatusRecordFactory(prisoner=freed, status="detained", as_of=D(2021, 7, 14))
    never_recorded = f.PrisonerFactory()

    statuses = dict(m.Prisoner.objects.with_current_status().values_list("pk", "current_status"))

    assert statuses == {
        released_then_rearrested.pk: "detained", freed.pk: "released", never_recorded.pk: None,
    }
    assert list(m.Prisoner.objects.still_held()) == [released_then_rearrested]


@pytest.mark.django_db
def test_current_status_on_the_same_day_is_the_record_entered_last():
    prisoner = f.PrisonerFactory()
    f.StatusRecordFactory(prisoner=prisoner, status="detained", as_of=D(2025, 2, 12))
    f.StatusRecordFactory(prisoner=prisoner, status="exiled", as_of=D(2025, 2, 12))
    assert m.Prisoner.objects.with_current_status().get().current_status == "exiled"
    assert not m.Prisoner.objects.still_held().exists()


# --- What the public may see --------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory", [f.PrisonerFactory, f.PartyFactory, f.SourceFactory, f.ReleaseEventFactory],
    ids=lambda factory: factory._meta.model.__name__,
)
def test_published_leaves_out_drafts_and_records_in_review(factory):
    published = factory()
    factory(publication_status="draft")
    factory(publication_status="review")
    assert list(factory._meta.model.objects.published()) == [published]


@pytest.mark.django_db
def test_released_people_published_leaves_out_draft_people():
    event = f.ReleaseEventFactory()
    shown = f.ReleasedPersonFactory(release=event)
    f.ReleasedPersonFactory(release=event, prisoner=f.PrisonerFactory(publication_status="draft"))
    f.ReleasedPersonFactory(release=event, prisoner=f.PrisonerFactory(publication_status="review"))
    assert list(m.ReleasedPerson.objects.published()) == [shown]


@pytest.mark.django_db
def test_party_roles_published_leaves_out_draft_parties():
    event = f.ReleaseEventFactory()
    shown = f.PartyRoleFactory(release=event)
    f.PartyRoleFactory(release=event, party=f.PartyFactory(publication_status="draft"))
    assert list(m.PartyRole.objects.published()) == [shown]


@pytest.mark.django_db
def test_citations_published_leaves_out_draft_sources():
    event = f.ReleaseEventFactory()
    shown = f.CitationFactory(release=event)
    f.CitationFactory(release=event, source=f.SourceFactory(publication_status="draft"))
    assert list(m.Citation.objects.published()) == [shown]


@pytest.mark.django_db
def test_timeline_prefetch_leaves_out_draft_people_parties_and_sources():
    event = f.ReleaseEventFactory()
    person = f.ReleasedPersonFactory(release=event)
    f.ReleasedPersonFactory(release=event, prisoner=f.PrisonerFactory(publication_status="draft"))
    role = f.PartyRoleFactory(release=event)
    f.PartyRoleFactory(release=event, party=f.PartyFactory(publication_status="draft"))
    citation = f.CitationFactory(release=event)
    f.CitationFactory(release=event, source=f.SourceFactory(publication_status="draft"))

    loaded = m.ReleaseEvent.objects.with_related().get()

    assert loaded.public_people == [person]
    assert loaded.public_roles == [role]
    assert loaded.public_citations == [citation]


# --- Publishable.save(): the first publication time ---------------------------------------------

@pytest.mark.django_db
def test_published_at_is_set_on_first_publication_and_kept_afterwards():
    event = f.ReleaseEventFactory(publication_status="draft")
    assert event.published_at is None
    event.publication_status = m.PublicationStatus.REVIEW
    event.save()
    assert event.published_at is None

    before = timezone.now()
    event.publication_status = m.PublicationStatus.PUBLISHED
    event.save()
    first_published = event.published_at
    assert first_published is not None and before <= first_published <= timezone.now()

    event.title = "Corrected title"
    event.save()
    event.publication_status = m.PublicationStatus.DRAFT
    event.save()
    event.publication_status = m.PublicationStatus.PUBLISHED
    event.save()
    event.refresh_from_db()
    assert event.published_at == first_published


@pytest.mark.django_db
def test_published_at_is_set_when_created_published():
    assert f.SourceFactory().published_at is not None
    assert f.SourceFactory(publication_status="draft").published_at is None


# --- History (django-simple-history) ------------------------------------------------------------

@pytest.mark.django_db
def test_history_records_a_change_with_its_author(editor):
    prisoner = f.PrisonerFactory(preferred_name="Ales Bialiatski")
    prisoner.preferred_name = "Ales Bialiatsky"
    prisoner._history_user = editor
    prisoner.save()

    created, changed_record = prisoner.history.order_by("history_id")
    assert (created.history_type, created.preferred_name) == ("+", "Ales Bialiatski")
    assert (changed_record.history_type, changed_record.history_user) == ("~", editor)
    assert changed_record.preferred_name == "Ales Bialiatsky"
    assert [c.field for c in changed_record.diff_against(created).changes] == ["preferred_name"]


@pytest.mark.django_db
def test_reverting_to_an_earlier_history_record_restores_its_values():
    event = f.ReleaseEventFactory(title="Pardon of 14", announced_total=14)
    event.title, event.announced_total = "Pardon of 16", 16
    event.save()

    original = event.history.earliest("history_date")
    original.instance.save()

    event.refresh_from_db()
    assert (event.title, event.announced_total) == ("Pardon of 14", 14)
    assert event.history.count() == 3  # the revert is itself a recorded change
    assert event.history.latest("history_date").history_type == "~"


# --- First publication time: kept through update_fields saves and history reverts ------------

@pytest.mark.django_db
def test_publishing_with_update_fields_records_published_at():
    event = f.ReleaseEventFactory(publication_status="draft")
    event.publication_status = m.PublicationStatus.PUBLISHED
    event.save(update_fields=["publication_status"])
    event.refresh_from_db()
    assert event.published_at is not None


@pytest.mark.django_db
def test_reverting_to_a_draft_record_keeps_the_first_publication_time():
    event = f.ReleaseEventFactory(publication_status="draft")
    event.publication_status = m.PublicationStatus.PUBLISHED
    event.save()
    first_published = event.published_at

    event.history.earliest("history_date").instance.save()

    event.refresh_from_db()
    assert event.publication_status == m.PublicationStatus.DRAFT  # the revert unpublishes...
    assert event.published_at == first_published  # ...but the record was first published then
