"""Write serializers for editors' scripts: the admin's rules, applied through the models.

Validation lives on the models (``full_clean()``: field rules, ``clean()``, constraints) and
in ``ReleaseEvent.check_named_people``; these serializers only translate JSON to model
values and back, refusing unknown or server-owned fields and publication by non-publishers.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from releases.admin.publishing import publish_permission
from releases.models import (
    Citation, Citizenship, Party, PartyName, PartyRole, Prisoner, PrisonerName, PublicationStatus,
    ReleasedPerson, ReleaseEvent, Source,
)

SERVER_OWNED = {"id", "published_at", "created_at", "updated_at", "history", "history_id"}


def as_drf_error(error):
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError({"non_field_errors": error.messages})


class ModelRulesSerializer(serializers.ModelSerializer):
    """Refuses unknown and server-owned fields, checks the publish right, and validates the
    resulting instance with the model's own ``full_clean()``."""

    id = serializers.IntegerField(read_only=True)
    nested_fields = ()

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Expected a JSON object."]})
        writable = {name for name, field in self.fields.items() if not field.read_only}
        errors = {}
        for name in data:
            if name in SERVER_OWNED:
                errors[name] = ["Set by the server; it cannot be written."]
            elif name not in writable:
                errors[name] = [f"Unknown field. Writable fields: {', '.join(sorted(writable))}."]
        if errors:
            raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def validate_publication_status(self, value):
        user = self.context["request"].user
        was_published = bool(self.instance and self.instance.is_published)
        if (value == PublicationStatus.PUBLISHED) != was_published and not user.has_perm(
            publish_permission(self.Meta.model)
        ):
            raise serializers.ValidationError("Only publishers can publish or unpublish.")
        return value

    def validate(self, attrs):
        flat = {k: v for k, v in attrs.items() if k not in self.nested_fields}
        instance = self.instance or self.Meta.model()
        for name, value in flat.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()  # normalizes too (e.g. a month-precision date)
        except DjangoValidationError as error:
            raise as_drf_error(error) from None
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
        return self.save_all(validated_data)

    def save_all(self, validated_data):
        instance = self._validated_instance
        instance.save()
        self.save_nested(instance, validated_data)
        return instance

    def save_nested(self, instance, validated_data):
        """Replace nested rows given in the request; override per resource."""


def replace_rows(manager, rows):
    """Make ``manager`` hold exactly ``rows`` (dicts), one saved row each, so history sees it."""
    for old in manager.all():
        old.delete()
    for row in rows:
        manager.create(**row)


class ReleasedPersonWriteSerializer(serializers.ModelSerializer):
    citizenship_at_release = serializers.ListField(child=CountryField(), required=False)

    class Meta:
        model = ReleasedPerson
        fields = ["prisoner", "citizenship_at_release", "destination", "conditions"]
        extra_kwargs = {"prisoner": {"queryset": Prisoner.objects.all()}}


class PartyRoleWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartyRole
        fields = ["party", "role", "note"]


class ReleaseWriteSerializer(ModelRulesSerializer):
    releasing_country = CountryField(required=False, allow_blank=True)
    destination_country = CountryField(required=False, allow_blank=True)
    released_people = ReleasedPersonWriteSerializer(many=True, required=False)
    party_roles = PartyRoleWriteSerializer(many=True, required=False)
    nested_fields = ("released_people", "party_roles")

    class Meta:
        model = ReleaseEvent
        fields = [
            "id", "slug", "title", "summary", "kind", "date_from", "date_to", "date_precision",
            "releasing_country", "handover_place", "destination", "destination_country",
            "announced_total", "announced_total_is_minimum", "publication_status",
            "released_people", "party_roles",
        ]
        extra_kwargs = {"date_to": {"required": False}}

    def validate_nested(self, instance, attrs):
        people = attrs.get("released_people")
        if people is None and instance.pk:
            count = instance.released_people.count()
        else:
            count = len(people or [])
            ids = [row["prisoner"].pk for row in people or []]
            if len(ids) != len(set(ids)):
                raise serializers.ValidationError({"released_people": ["A person is listed twice."]})
        try:
            instance.check_named_people(count)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"released_people": error.messages}) from None
        parties = [row["party"].pk for row in attrs.get("party_roles") or []]
        if len(parties) != len(set(parties)):
            raise serializers.ValidationError({"party_roles": ["A party can hold one role per event."]})

    def save_nested(self, instance, validated_data):
        if "released_people" in validated_data:
            replace_rows(instance.released_people, validated_data["released_people"])
        if "party_roles" in validated_data:
            replace_rows(instance.party_roles, validated_data["party_roles"])


class NameWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = PrisonerName
        fields = ["text", "language", "script", "romanization"]


class PrisonerWriteSerializer(ModelRulesSerializer):
    names = NameWriteSerializer(many=True, required=False)
    citizenships = serializers.ListField(child=CountryField(), required=False)
    nested_fields = ("names", "citizenships")

    class Meta:
        model = Prisoner
        fields = [
            "id", "slug", "preferred_name", "names", "citizenships", "birth_year", "reported_age",
            "age_reported_on", "occupation", "summary", "publication_status",
        ]

    def validate_nested(self, instance, attrs):
        texts = [n["text"] for n in attrs.get("names") or []]
        if len(texts) != len(set(texts)):
            raise serializers.ValidationError({"names": ["A spelling is listed twice."]})
        countries = attrs.get("citizenships") or []
        if len(countries) != len(set(countries)):
            raise serializers.ValidationError({"citizenships": ["A country is listed twice."]})

    def save_nested(self, instance, validated_data):
        if "names" in validated_data:
            replace_rows(instance.names, validated_data["names"])
        if "citizenships" in validated_data:
            replace_rows(instance.citizenships, [{"country": c} for c in validated_data["citizenships"]])

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["citizenships"] = [c.country.code for c in Citizenship.objects.filter(prisoner=instance)]
        return data


class PartyNameWriteSerializer(NameWriteSerializer):
    class Meta(NameWriteSerializer.Meta):
        model = PartyName


class PartyWriteSerializer(ModelRulesSerializer):
    country = CountryField(required=False, allow_blank=True)
    names = PartyNameWriteSerializer(many=True, required=False)
    nested_fields = ("names",)

    class Meta:
        model = Party
        fields = [
            "id", "slug", "name", "names", "kind", "country", "parent", "position", "description",
            "publication_status",
        ]

    def save_nested(self, instance, validated_data):
        if "names" in validated_data:
            replace_rows(instance.names, validated_data["names"])


class SourceWriteSerializer(ModelRulesSerializer):
    link = serializers.CharField(source="url", required=False, allow_blank=True, max_length=1000)

    class Meta:
        model = Source
        fields = [
            "id", "slug", "outlet", "title", "link", "author", "language", "published_on", "kind",
            "cited_via", "publication_status",
        ]


class CitationWriteSerializer(ModelRulesSerializer):
    class Meta:
        model = Citation
        fields = ["id", "source", "release", "prisoner", "party", "claim", "account", "quote", "locator"]
