"""One FilterSet per resource, used by the API and the public pages alike.

Every filter that looks through a relation looks only at published records: filtering by a
draft person's citizenship or name must not reveal that the draft exists.
"""
import datetime
import re

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django_countries import countries
from django_filters.fields import IsoDateTimeField

from releases.derived import release_columns as derived
from releases.search import search
from releases.models import (
    Citation, ClaimKind, Party, PartyKind, PartyRole, Prisoner, PrisonerStatus, ReleasedPerson, ReleaseEvent,
    ReleaseKind, Source,
)


def errors_text(filterset):
    """A bound, invalid FilterSet's errors as one line naming each parameter."""
    return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())


def country_choices():
    return [(code, name) for code, name in countries]


UNENCODED_OFFSET = re.compile(r" (\d{2}(:?\d{2})?)$")


def restore_offset_plus(value):
    """'2025-02-12T10:00:00 00:00' -> '...+00:00': an unencoded '+' in a query string
    arrives as a space."""
    return UNENCODED_OFFSET.sub(r"+\1", value.strip()) if isinstance(value, str) else value


def as_utc(moment):
    """An aware datetime in UTC, clamped to the representable range. ISO offsets go to ±23:59
    but PostgreSQL stores at most ±15:59 (a DataError, a 500, otherwise); near year 1 or 9999
    the conversion itself would overflow."""
    try:
        return moment.astimezone(datetime.timezone.utc)
    except OverflowError:
        limit = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
        return limit.replace(tzinfo=datetime.timezone.utc)


class LenientIsoDateTimeField(IsoDateTimeField):
    def to_python(self, value):
        moment = super().to_python(restore_offset_plus(value))
        return as_utc(moment) if moment is not None else None


class SinceFilter(filters.IsoDateTimeFilter):
    """An ISO datetime lower bound on ``updated_at``; also accepts an unencoded '+' offset."""

    field_class = LenientIsoDateTimeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("help_text", "ISO datetime: changed at or after it.")
        super().__init__(*args, **kwargs)


class StableOrderingFilter(filters.OrderingFilter):
    """Ordering with the id as tie-breaker, so pages never skip or repeat rows."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "-id" if value[0].startswith("-") else "id")
        return qs


class SearchFilter(filters.CharFilter):
    """Free text, bounded so a huge query is a 400, not a slow request."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", search.MAX_QUERY_LENGTH)
        kwargs.setdefault("help_text", "Text search, at most 200 characters.")
        super().__init__(*args, **kwargs)


class ReleaseFilter(filters.FilterSet):
    date_after = filters.DateFilter(
        field_name="date_to", lookup_expr="gte", label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="A release counts if any day of its period (it may be known only to the month "
        "or year) is on or after this date.",
    )
    date_before = filters.DateFilter(
        field_name="date_from", lookup_expr="lte", label="Until",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="A release counts if any day of its period is on or before this date.",
    )
    country = filters.ChoiceFilter(
        field_name="releasing_country", choices=country_choices, label="Releasing country",
        empty_label="Any country",
        help_text="The state that released them (ISO 3166-1 alpha-2 code in URLs, e.g. BY).",
    )
    kind = filters.ChoiceFilter(choices=ReleaseKind.choices, label="Kind", empty_label="Any kind")
    citizenship = filters.ChoiceFilter(
        choices=country_choices, method="filter_citizenship", label="Citizenship of the released",
        empty_label="Any citizenship",
        help_text="Of anyone released (ISO 3166-1 alpha-2 code in URLs).",
    )
    prisoner = filters.ModelChoiceFilter(
        queryset=Prisoner.objects.published(), method="filter_prisoner",
        help_text="Id of a person released.",
    )
    party = filters.ModelChoiceFilter(
        queryset=Party.objects.published(), method="filter_party", label="Party involved",
        empty_label="Any party",
        help_text="Involved in any role (its id in URLs).",
    )
    q = SearchFilter(
        method="filter_q",
        help_text="Text in the title or summary, or any name of the people and parties involved.",
    )
    updated_since = SinceFilter(
        method="filter_updated_since",
        help_text="ISO datetime: the release, or a person, party or source shown in it, changed "
        "at or after it.",
    )
    ordering = StableOrderingFilter(
        fields=(("date_from", "date"),), help_text="date (oldest first) or -date (newest first)."
    )

    class Meta:
        model = ReleaseEvent
        fields = []

    def filter_citizenship(self, queryset, name, value: str):
        # The release's derived column of its published people's citizenships: one column
        # read instead of joining people, citizenships and publication (releases/derived/release_columns.py).
        return queryset.filter(released_citizenships__contains=derived.contains(value))

    def filter_prisoner(self, queryset, name, value: int):
        return queryset.filter(Exists(ReleasedPerson.objects.filter(release=OuterRef("pk"), prisoner=value)))

    def filter_party(self, queryset, name, value: int):
        return queryset.filter(Exists(PartyRole.objects.filter(release=OuterRef("pk"), party=value)))

    def filter_updated_since(self, queryset, name, value):
        # A release's JSON nests its people, parties and sources: a change to any of them
        # changes the release as a sync script sees it.
        # One id list from four index searches (a release, person, party or source changed
        # since then), not an OR of conditions, which would read every release.
        # Only people, parties and sources the release shows (published ones): a change to a
        # draft must not make a public release match, or the count would reveal the draft.
        # A record withdrawn from view is listed by /api/v1/withdrawals/ instead.
        changed = ReleaseEvent.objects.filter(updated_at__gte=value).order_by().values("pk").union(
            ReleasedPerson.objects.published().filter(prisoner__updated_at__gte=value)
            .order_by().values("release_id"),
            PartyRole.objects.published().filter(party__updated_at__gte=value).order_by().values("release_id"),
            Citation.objects.published().filter(release__isnull=False, source__updated_at__gte=value)
            .order_by().values("release_id"),
        )
        return queryset.filter(pk__in=changed)

    def filter_q(self, queryset, name, value):
        found = [hit.prisoner_id for hit in search.search_prisoners(value)]
        people = ReleasedPerson.objects.filter(release=OuterRef("pk"), prisoner__in=found)
        parties = PartyRole.objects.filter(release=OuterRef("pk"), party__in=search.matching_parties(value))
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Exists(people) | Exists(parties)
        )


class PrisonerFilter(filters.FilterSet):
    q = SearchFilter(
        method="filter_q",
        help_text="A name in any script or spelling (Maushuk, Movshuk, Маўшук, Yelena Movshuk), "
        "surname first or last, or its beginning; best matches first, at most 200.",
    )
    citizenship = filters.ChoiceFilter(
        field_name="citizenships__country", choices=country_choices,
        help_text="ISO 3166-1 alpha-2.",
    )
    status = filters.ChoiceFilter(
        field_name="current_status", choices=PrisonerStatus.choices,
        help_text="Current status: the most recent status reported.",
    )
    updated_since = SinceFilter()

    class Meta:
        model = Prisoner
        fields = []

    def filter_q(self, queryset, name, value):
        return search.by_rank(queryset, search.search_prisoners(value))


class PartyFilter(filters.FilterSet):
    q = SearchFilter(method="filter_q", help_text="Any of the party's names, or its position.")
    country = filters.ChoiceFilter(choices=country_choices, help_text="ISO 3166-1 alpha-2.")
    kind = filters.ChoiceFilter(choices=PartyKind.choices)
    updated_since = SinceFilter()

    class Meta:
        model = Party
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(pk__in=search.matching_parties(value).values("pk"))


class SourceFilter(filters.FilterSet):
    q = SearchFilter(method="filter_q", help_text="Outlet, title or author.")
    outlet = filters.CharFilter(lookup_expr="iexact", max_length=200, help_text="Exact outlet name.")
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_on", lookup_expr="lte")
    updated_since = SinceFilter()

    class Meta:
        model = Source
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(outlet__icontains=value) | Q(title__icontains=value) | Q(author__icontains=value)
        )


class CitationFilter(filters.FilterSet):
    release = filters.ModelChoiceFilter(queryset=ReleaseEvent.objects.published())
    prisoner = filters.ModelChoiceFilter(queryset=Prisoner.objects.published())
    party = filters.ModelChoiceFilter(queryset=Party.objects.published())
    source = filters.ModelChoiceFilter(queryset=Source.objects.published())
    claim = filters.ChoiceFilter(choices=ClaimKind.choices)

    class Meta:
        model = Citation
        fields = []
