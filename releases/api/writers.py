"""Write serializers for editors' scripts: the admin's rules, applied through the models.

Validation lives on the models (``full_clean()``: field rules, ``clean()``, constraints) and
in ``ReleaseEvent.check_named_people``; these serializers only translate JSON to model
values and back, refusing unknown or server-owned fields and publication by non-publishers.

Two editors on one record (``ModelRulesSerializer.check_unchanged``): a record's JSON carries
its ``version``, which every save changes. A PUT or PATCH that sends the version it started
from, as ``If-Match: "<version>"`` or as ``"version"`` in the body, is refused if the record
was saved since: 412 (header) or 409 (body), nothing written, and the answer says who changed
it and when. Decision: a write that sends no version is still accepted (scripts written before
versions existed keep working; the last save wins for them), but it is checked against the
version it read at the start of the request, so a PATCH never writes back fields that changed
while it was being handled. Citations have no version (no ``updated_at``): If-Match on one is
a 400, never silently ignored.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.utils.http import parse_etags
from django_countries.serializer_fields import CountryField
from rest_framework import exceptions, serializers

from .errors import EditConflict, django_errors_to_drf

from releases.derived.signals import one_write
from releases.search.duplicates import likely_duplicates
from releases.models import (
    Citation, Party, PartyName, PartyRole, Prisoner, PrisonerName, Publishable,
    ReleasedPerson, ReleaseEvent, Source,
)
from releases.models.identity import is_record_id
from releases.services.publication import PublicationRefused, check_publication_change

SERVER_OWNED = {"id", "published_at", "created_at", "updated_at", "history", "history_id"}


class StrictStringMixin:
    """Text fields take JSON strings only: a number where text belongs is a mistake to report,
    not something to coerce silently. The length limit is the schema's ``maxLength``, so it
    applies to the string as sent: DRF measured it after trimming, and accepted 201 characters
    starting with a space (Schemathesis)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        limit = getattr(self, "max_length", None)
        if limit is not None and len(data) > limit:
            self.fail("max_length", max_length=limit)
        return super().to_internal_value(data)


class StrictCharField(StrictStringMixin, serializers.CharField):
    pass


class StrictSlugField(StrictStringMixin, serializers.SlugField):
    pass


class StrictCountryField(StrictStringMixin, CountryField):
    """An ISO code as a JSON string: ``{}`` or ``0`` is an error, not "no country"."""

    default_error_messages = {"invalid": "Expected an ISO 3166-1 alpha-2 code as a string, e.g. \"BY\"."}


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only: DRF would also take 0, 1, "yes" or "off"."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer only: DRF would also take "12", 12.0 or true."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


def refuse_unknown_fields(serializer, data):
    """400 for any key that is not a writable field of ``serializer`` (or is server-owned)."""
    if not isinstance(data, dict):
        raise serializers.ValidationError({"non_field_errors": ["Expected a JSON object."]})
    writable = {name for name, field in serializer.fields.items() if not field.read_only}
    errors = {}
    for name in data:
        if name in SERVER_OWNED:
            errors[name] = ["Set by the server; it cannot be written."]
        elif name not in writable:
            errors[name] = [f"Unknown field. Writable fields: {', '.join(sorted(writable))}."]
    if errors:
        raise serializers.ValidationError(errors)


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A record named by its id as a JSON integer: "3" or 3.0 is an error, like any other
    value of the wrong type."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictModelSerializer(serializers.ModelSerializer):
    """Refuses unknown fields (nested rows included) and values of the wrong JSON type."""

    serializer_related_field = StrictPrimaryKeyRelatedField

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.BooleanField: StrictBooleanField,
        models.IntegerField: StrictIntegerField,
        models.PositiveIntegerField: StrictIntegerField,
        models.PositiveSmallIntegerField: StrictIntegerField,
        models.SmallIntegerField: StrictIntegerField,
    }

    def to_internal_value(self, data):
        refuse_unknown_fields(self, data)
        return super().to_internal_value(data)


def if_match(request):
    """The tag in the request's If-Match: None if absent, "*", or one tag without its quotes
    (a weak W/ tag is kept whole: it can never match, If-Match compares strongly)."""
    value = request.headers.get("If-Match")
    if value is None:
        return None
    if is_record_id(value.strip()):  # a bare number, unquoted: take it ('²' is no number)
        return value.strip()
    tags = parse_etags(value)
    if len(tags) != 1:
        raise serializers.ValidationError({"If-Match": [
            'Send one version, quoted: If-Match: "<version>" (the record\'s "version" field).'
        ]})
    return tags[0] if tags[0] == "*" or tags[0].startswith("W/") else tags[0].strip('"')


class ModelRulesSerializer(StrictModelSerializer):
    """Checks the publish right and validates the resulting instance with the model's own
    ``full_clean()``; errors are keyed by the names the client sent."""

    id = serializers.IntegerField(read_only=True)
    # Listed in Meta.fields by the serializers of versioned (Publishable) records only.
    version = StrictIntegerField(
        required=False, min_value=0,
        help_text="Changed by every save. On update, send back the version you read (here or "
        "as If-Match: \"<version>\"): if the record was saved since, nothing is written and "
        "the answer is 409 (412 for If-Match) saying who changed it and when. Without it the "
        "last save wins.",
    )
    nested_fields = ()
    # Nested lists whose rows must not repeat a value: {field: (key within a row, message)}.
    unique_rows = {}

    def model_errors(self, error):
        renamed = {f.source: name for name, f in self.fields.items() if f.source not in (name, "*")}
        return django_errors_to_drf(error, renamed)

    def validate_publication_status(self, value):
        stored = self.instance.publication_status if self.instance else None
        try:
            check_publication_change(self.context["request"].user, self.Meta.model, stored, value)
        except PublicationRefused as refusal:
            raise serializers.ValidationError(refusal.message) from None
        return value

    def validate(self, attrs):
        self.sent_version = attrs.pop("version", None)  # checked on save, see check_unchanged
        flat = {k: v for k, v in attrs.items() if k not in self.nested_fields}
        instance = self.instance or self.Meta.model()
        for name, value in flat.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()  # normalizes too (e.g. a month-precision date)
        except DjangoValidationError as error:
            raise self.model_errors(error) from None
        for field, (key, message) in self.unique_rows.items():
            values = [getattr(row[key], "pk", row[key]) for row in attrs.get(field) or []]
            if len(values) != len(set(values)):
                raise serializers.ValidationError({field: [message]})
        self.validate_nested(instance, attrs)
        self._validated_instance = instance
        return attrs

    def validate_nested(self, instance, attrs):
        """Rules that span the record and its rows; override per resource."""

    @transaction.atomic
    def create(self, validated_data):
        return self.save_all(validated_data)

    @transaction.atomic
    def update(self, instance, validated_data):
        self.check_unchanged(instance)
        return self.save_all(validated_data)

    def check_unchanged(self, instance):
        """Lock the record for this transaction, or raise EditConflict if it was saved after
        the version the client sent (If-Match, else the body's ``version``, else the version
        this request loaded). See the module docstring for the decisions."""
        tag = if_match(self.context["request"])
        if not isinstance(instance, Publishable):
            if tag not in (None, "*"):
                raise serializers.ValidationError({"If-Match": [
                    "This resource has no version: send the request without If-Match."
                ]})
            return
        header = None if tag == "*" else tag
        body = getattr(self, "sent_version", None)
        if header is not None and body is not None and header != str(body):
            raise serializers.ValidationError({"If-Match": [
                "If-Match and the body's version differ: send one version."
            ]})
        field, sent = ("If-Match", header) if header is not None else \
            ("version", body) if body is not None else (None, instance.version)
        if not (is_record_id(sent) and instance.lock_if_unchanged(int(sent))):
            raise EditConflict(instance, sent, field)

    def save_all(self, validated_data):
        instance = self._validated_instance
        try:
            with one_write():  # the record and its rows; derived data refreshed once, at the end
                instance.save()
                self.save_nested(instance, validated_data)
        except IntegrityError:
            # A race with another writer (validation passed, the database refused): say so.
            raise serializers.ValidationError({"non_field_errors": [
                "This conflicts with a record saved meanwhile (a duplicate slug, name or row)."
            ]}) from None
        return instance

    def save_nested(self, instance, validated_data):
        """Make the nested rows given in the request the record's (``sync_rows``); override
        per resource."""


def sync_rows(manager, rows, key, fields):
    """Make ``manager`` hold exactly ``rows`` (dicts of ``fields``, in the order sent), writing
    only what differs, each row saved or deleted on its own so the history sees it.

    A row is matched to a stored one by ``key``, its natural key within the record (the
    person, the party, the spelling, the country). A matched row whose ``fields`` differ from
    those sent (a field left out counts as its default, as on create) is updated; one that is
    the same is left alone, with no history row; stored rows not sent are deleted, and new
    ones created. Rows are listed in the order they were added (by id), so a stored row sent
    after a new or moved one is deleted and created again after it: the order sent is kept."""
    model = manager.model
    compared = [model._meta.get_field(name) for name in fields]
    key = model._meta.get_field(key)

    def value(row, field):
        return field.get_prep_value(getattr(row, field.attname))

    existing = list(manager.all())
    stored = {value(row, key): row for row in existing}
    kept, created, last_id = [], [], 0
    for data in rows:
        sent = model(**data)
        match = stored.get(value(sent, key))
        if match is not None and not created and match.pk > last_id:
            kept.append((match, sent))
            last_id = match.pk
        else:
            created.append(data)
    kept_ids = {row.pk for row, _ in kept}
    for row in existing:
        if row.pk not in kept_ids:
            row.delete()
    for row, sent in kept:
        if any(value(row, field) != value(sent, field) for field in compared):
            for field in compared:
                setattr(row, field.attname, getattr(sent, field.attname))
            row.save()
    for data in created:
        manager.create(**data)


class ReleasedPersonWriteSerializer(StrictModelSerializer):
    citizenship_at_release = serializers.ListField(child=StrictCountryField(), required=False)

    class Meta:
        model = ReleasedPerson
        fields = ["prisoner", "citizenship_at_release", "destination", "conditions"]
        extra_kwargs = {"prisoner": {"queryset": Prisoner.objects.all()}}


class PartyRoleWriteSerializer(StrictModelSerializer):
    class Meta:
        model = PartyRole
        fields = ["party", "role", "note"]


class ReleaseWriteSerializer(ModelRulesSerializer):
    releasing_country = StrictCountryField(required=False, allow_blank=True)
    destination_country = StrictCountryField(required=False, allow_blank=True)
    released_people = ReleasedPersonWriteSerializer(many=True, required=False)
    party_roles = PartyRoleWriteSerializer(many=True, required=False)
    nested_fields = ("released_people", "party_roles")
    unique_rows = {
        "released_people": ("prisoner", "A person is listed twice."),
        "party_roles": ("party", "A party can hold one role per event."),
    }

    class Meta:
        model = ReleaseEvent
        fields = [
            "id", "slug", "title", "summary", "kind", "date_from", "date_to", "date_precision",
            "releasing_country", "handover_place", "destination", "destination_country",
            "announced_total", "announced_total_is_minimum", "publication_status",
            "released_people", "party_roles", "version",
        ]
        extra_kwargs = {"date_to": {"required": False}}

    def validate_nested(self, instance, attrs):
        people = attrs.get("released_people")
        count = instance.released_people.count() if people is None and instance.pk else len(people or [])
        try:
            instance.check_named_people(count)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"released_people": error.messages}) from None

    def save_nested(self, instance, validated_data):
        if "released_people" in validated_data:
            sync_rows(instance.released_people, validated_data["released_people"], "prisoner",
                      ReleasedPersonWriteSerializer.Meta.fields)
        if "party_roles" in validated_data:
            sync_rows(instance.party_roles, validated_data["party_roles"], "party",
                      PartyRoleWriteSerializer.Meta.fields)


class NameWriteSerializer(StrictModelSerializer):
    class Meta:
        model = PrisonerName
        fields = ["text", "language", "script", "romanization"]


class LikelyDuplicate(exceptions.APIException):
    status_code = 409
    default_code = "likely_duplicate"

    def __init__(self, candidates):
        super().__init__()
        self.detail = {
            "detail": "This person may already be in the tracker. Check the candidates; if this "
            "is someone else, send the request again with \"confirm_distinct\": true.",
            "candidates": [
                {"id": c.prisoner.pk, "preferred_name": c.prisoner.preferred_name,
                 "publication_status": c.prisoner.publication_status, "matched_name": c.matched_name,
                 "score": c.score, "reasons": c.reasons}
                for c in candidates
            ],
        }


class PrisonerWriteSerializer(ModelRulesSerializer):
    names = NameWriteSerializer(many=True, required=False)
    citizenships = serializers.ListField(child=StrictCountryField(), required=False, write_only=True)
    confirm_distinct = StrictBooleanField(
        required=False, default=False, write_only=True,
        help_text="On create: the editor checked the likely duplicates a 409 listed and this is "
        "someone else.",
    )
    nested_fields = ("names", "citizenships", "confirm_distinct")
    unique_rows = {"names": ("text", "A spelling is listed twice.")}

    class Meta:
        model = Prisoner
        fields = [
            "id", "slug", "preferred_name", "names", "citizenships", "birth_year", "reported_age",
            "age_reported_on", "occupation", "summary", "publication_status", "confirm_distinct",
            "version",
        ]

    def validate_nested(self, instance, attrs):
        countries = attrs.get("citizenships") or []
        if len(countries) != len(set(countries)):
            raise serializers.ValidationError({"citizenships": ["A country is listed twice."]})
        if self.instance is None and not attrs.get("confirm_distinct"):
            names = [instance.preferred_name, *(row["text"] for row in attrs.get("names") or [])]
            if candidates := likely_duplicates(names):
                raise LikelyDuplicate(candidates)

    def save_nested(self, instance, validated_data):
        if "names" in validated_data:
            sync_rows(instance.names, validated_data["names"], "text", NameWriteSerializer.Meta.fields)
        if "citizenships" in validated_data:
            sync_rows(instance.citizenships, [{"country": c} for c in validated_data["citizenships"]],
                      "country", ["country"])

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["citizenships"] = [c.country.code for c in instance.citizenships.all()]
        return data


class PartyNameWriteSerializer(NameWriteSerializer):
    class Meta(NameWriteSerializer.Meta):
        model = PartyName


class PartyWriteSerializer(ModelRulesSerializer):
    country = StrictCountryField(required=False, allow_blank=True)
    names = PartyNameWriteSerializer(many=True, required=False)
    nested_fields = ("names",)
    unique_rows = {"names": ("text", "A spelling is listed twice.")}

    class Meta:
        model = Party
        fields = [
            "id", "slug", "name", "names", "kind", "country", "parent", "position", "description",
            "publication_status", "version",
        ]

    def save_nested(self, instance, validated_data):
        if "names" in validated_data:
            sync_rows(instance.names, validated_data["names"], "text", PartyNameWriteSerializer.Meta.fields)


class SourceWriteSerializer(ModelRulesSerializer):
    link = StrictCharField(source="url", required=False, allow_blank=True, max_length=1000)

    class Meta:
        model = Source
        fields = [
            "id", "slug", "outlet", "title", "link", "author", "language", "published_on", "kind",
            "cited_via", "publication_status", "version",
        ]


class CitationWriteSerializer(ModelRulesSerializer):
    class Meta:
        model = Citation
        fields = ["id", "source", "release", "prisoner", "party", "claim", "account", "quote", "locator"]
