"""Read serializers: explicit public fields only, nested rows from ``with_related()``.

No serializer here lists a private field (internal notes) or reaches an unpublished record:
nested rows come from the ``public_*`` prefetches, and links to single records (a party's
parent, a concession's parties, a source's citing source) go through ``public_*`` properties.
"""
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from releases.web.links import absolute, path_to
from releases.models import (
    Citation, Concession, Detention, Party, PartyName, PartyRole, Prisoner,
    PrisonerName, PrisonerStatus, Recognition, ReleasedPerson, ReleaseEvent, Source, StatusRecord,
)


@extend_schema_field({"anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}],
                     "description": "The source itself (http/https), or \"\" if not known."})
class BlankableURLField(serializers.URLField):
    """A URL, or the empty string when the record has none (the model field is blank=True)."""


class PublicURLField(serializers.Field):
    """The absolute URL of the record's public page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return absolute(self.context["request"], obj.get_absolute_url())


class APIURLField(serializers.Field):
    """The absolute URL of the record in the API (what HyperlinkedIdentityField gives, built
    from a template: a nested page holds a thousand of these)."""

    def __init__(self, view_name, **kwargs):
        self.view_name = view_name
        super().__init__(source="pk", read_only=True, **kwargs)

    def to_representation(self, pk):
        return absolute(self.context["request"], path_to(self.view_name, pk))


extend_schema_field({"type": "string", "format": "uri"})(PublicURLField)
extend_schema_field({"type": "string", "format": "uri"})(APIURLField)


def api_url(view_name):
    return APIURLField(view_name=f"api:{view_name}-detail")


class CountryList(serializers.ListField):
    child = CountryField()


# -- small references used inside other items -------------------------------------------------

class SourceRefSerializer(serializers.ModelSerializer):
    api_url = api_url("source")
    url = PublicURLField()
    link = BlankableURLField(source="url", help_text="The source itself (http/https), if known.")

    class Meta:
        model = Source
        fields = ["id", "api_url", "url", "outlet", "title", "published_on", "kind", "link"]


class PartyRefSerializer(serializers.ModelSerializer):
    api_url = api_url("party")
    url = PublicURLField()
    country = CountryField(allow_blank=True)

    class Meta:
        model = Party
        fields = ["id", "api_url", "url", "name", "kind", "country"]


class ReleaseRefSerializer(serializers.ModelSerializer):
    api_url = api_url("release")
    url = PublicURLField()
    date_display = serializers.CharField()

    class Meta:
        model = ReleaseEvent
        fields = [
            "id", "api_url", "url", "title", "kind", "date_from", "date_to", "date_precision", "date_display",
        ]


class CitationSerializer(serializers.ModelSerializer):
    api_url = api_url("citation")
    url = PublicURLField()
    source = SourceRefSerializer()

    class Meta:
        model = Citation
        fields = [
            "id", "api_url", "url", "source", "claim", "account", "quote", "locator",
            "release", "prisoner", "party",
        ]


class NameSerializer(serializers.ModelSerializer):
    class Meta:
        model = PrisonerName
        fields = ["text", "language", "script", "romanization"]


class PartyNameSerializer(NameSerializer):
    class Meta(NameSerializer.Meta):
        model = PartyName


# -- releases ---------------------------------------------------------------------------------

class ReleasedPrisonerSerializer(serializers.ModelSerializer):
    api_url = api_url("prisoner")
    url = PublicURLField()
    citizenships = serializers.SerializerMethodField()

    class Meta:
        model = Prisoner
        fields = ["id", "api_url", "url", "preferred_name", "citizenships"]

    def get_citizenships(self, obj) -> list[str]:
        return [c.country.code for c in obj.citizenships.all()]


class ReleasedPersonSerializer(serializers.ModelSerializer):
    prisoner = ReleasedPrisonerSerializer()
    citizenship_at_release = CountryList()

    class Meta:
        model = ReleasedPerson
        fields = ["prisoner", "citizenship_at_release", "destination", "conditions"]


class PartyRoleSerializer(serializers.ModelSerializer):
    party = PartyRefSerializer()

    class Meta:
        model = PartyRole
        fields = ["party", "role", "note"]


class RelatedEventSerializer(serializers.Serializer):
    event = ReleaseRefSerializer()
    relation = serializers.CharField(help_text="The link's kind, read from this event's side.")
    direction = serializers.ChoiceField(choices=["outgoing", "incoming"])
    note = serializers.CharField()


class ConcessionSerializer(serializers.ModelSerializer):
    offered_by = PartyRefSerializer(source="public_offered_by", allow_null=True)
    offered_to = PartyRefSerializer(source="public_offered_to", allow_null=True)
    sources = SourceRefSerializer(source="public_sources", many=True)

    class Meta:
        model = Concession
        fields = ["description", "status", "offered_by", "offered_to", "sources", "note"]


def record_version():
    return serializers.IntegerField(
        read_only=True,
        help_text="Changed by every save of this record. Editors send it back when they update "
        "it (If-Match: \"<version>\" or \"version\" in the body) so that a save made meanwhile "
        "by someone else is never overwritten.",
    )


class ReleaseSerializer(serializers.ModelSerializer):
    version = record_version()
    api_url = api_url("release")
    url = PublicURLField()
    date_display = serializers.CharField(help_text="The date as precisely as it is known.")
    releasing_country = CountryField(allow_blank=True)
    destination_country = CountryField(allow_blank=True)
    released_people = ReleasedPersonSerializer(source="public_people", many=True)
    parties = PartyRoleSerializer(source="public_roles", many=True)
    citations = CitationSerializer(source="public_citations", many=True)
    related_events = serializers.SerializerMethodField()
    concessions = ConcessionSerializer(source="public_concessions", many=True)

    class Meta:
        model = ReleaseEvent
        fields = [
            "id", "api_url", "url", "slug", "title", "summary", "kind",
            "date_from", "date_to", "date_precision", "date_display",
            "releasing_country", "handover_place", "destination", "destination_country",
            "announced_total", "announced_total_is_minimum",
            "released_people", "parties", "citations", "related_events", "concessions",
            "published_at", "updated_at", "version",
        ]

    @extend_schema_field(RelatedEventSerializer(many=True))
    def get_related_events(self, obj):
        links = [
            {"event": link.to_event, "relation": link.kind, "direction": "outgoing", "note": link.note}
            for link in obj.public_links_out
        ] + [
            {"event": link.from_event, "relation": link.kind, "direction": "incoming", "note": link.note}
            for link in obj.public_links_in
        ]
        return RelatedEventSerializer(links, many=True, context=self.context).data


# -- prisoners --------------------------------------------------------------------------------

class DetentionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Detention
        fields = ["detained_on", "detained_on_precision", "detained_on_display", "charges", "sentence", "place"]


class StatusRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusRecord
        fields = ["status", "as_of", "as_of_precision", "as_of_display", "note"]


class RecognitionSerializer(serializers.ModelSerializer):
    recognized_by = PartyRefSerializer()

    class Meta:
        model = Recognition
        fields = ["recognized_by", "wording", "recognized_on"]


class PersonReleaseSerializer(serializers.ModelSerializer):
    release = ReleaseRefSerializer()
    citizenship_at_release = CountryList()

    class Meta:
        model = ReleasedPerson
        fields = ["release", "citizenship_at_release", "destination", "conditions"]


class PrisonerSerializer(serializers.ModelSerializer):
    version = record_version()
    api_url = api_url("prisoner")
    url = PublicURLField()
    names = NameSerializer(many=True)
    citizenships = serializers.SerializerMethodField()
    status = serializers.ChoiceField(
        source="current_status", choices=PrisonerStatus.choices, allow_null=True,
        help_text="Current status: the most recent status reported (null if none).",
    )
    status_history = StatusRecordSerializer(source="status_records", many=True)
    detentions = DetentionSerializer(many=True)
    recognitions = RecognitionSerializer(source="public_recognitions", many=True)
    releases = PersonReleaseSerializer(source="public_releases", many=True)
    citations = CitationSerializer(source="public_citations", many=True)

    class Meta:
        model = Prisoner
        fields = [
            "id", "api_url", "url", "slug", "preferred_name", "names", "citizenships",
            "birth_year", "reported_age", "age_reported_on", "occupation", "summary",
            "status", "status_history", "detentions", "recognitions", "releases", "citations",
            "published_at", "updated_at", "version",
        ]

    def get_citizenships(self, obj) -> list[str]:
        return [c.country.code for c in obj.citizenships.all()]


# -- parties and sources ----------------------------------------------------------------------

class PartySerializer(serializers.ModelSerializer):
    version = record_version()
    api_url = api_url("party")
    url = PublicURLField()
    country = CountryField(allow_blank=True)
    parent = PartyRefSerializer(source="public_parent", allow_null=True)
    names = PartyNameSerializer(many=True)

    class Meta:
        model = Party
        fields = [
            "id", "api_url", "url", "slug", "name", "names", "kind", "country", "parent",
            "position", "description", "published_at", "updated_at", "version",
        ]


class SourceSerializer(serializers.ModelSerializer):
    version = record_version()
    api_url = api_url("source")
    url = PublicURLField()
    link = BlankableURLField(source="url", help_text="The source itself (http/https), if known.")
    cited_via = SourceRefSerializer(source="public_cited_via", allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id", "api_url", "url", "slug", "outlet", "title", "link", "author", "language",
            "published_on", "kind", "cited_via", "published_at", "updated_at", "version",
        ]

