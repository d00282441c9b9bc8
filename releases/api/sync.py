"""Sync for nightly scripts: what was withdrawn from publication or deleted since a time.

Changed records come from each resource's ``updated_since`` filter; this lists the ones a
script must drop. Only records that were once public appear (their first publication time
is kept through unpublishing, deletion and history reverts), so drafts never show here.
"""
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from releases.models import Party, Prisoner, PublicationStatus, ReleaseEvent, Source

from .conditional import conditional_response
from .pagination import Pagination

RESOURCES = {"releases": ReleaseEvent, "prisoners": Prisoner, "parties": Party, "sources": Source}


class WithdrawalSerializer(serializers.Serializer):
    resource = serializers.ChoiceField(choices=sorted(RESOURCES))
    id = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=["unpublished", "deleted"])
    at = serializers.DateTimeField(help_text="When it was withdrawn or deleted.")


def withdrawals(since=None):
    """Records once public that are no longer, with when and why, oldest first."""
    found = []
    for resource, model in RESOURCES.items():
        history = model.history.model.objects.filter(published_at__isnull=False).filter(
            Q(history_type="-") | ~Q(publication_status=PublicationStatus.PUBLISHED)
        )
        if since is not None:
            history = history.filter(history_date__gte=since)
        latest = dict(history.values_list("id").annotate(at=Max("history_date")))
        if not latest:
            continue
        public = set(model.objects.published().filter(pk__in=latest).values_list("pk", flat=True))
        existing = set(model.objects.filter(pk__in=latest).values_list("pk", flat=True))
        found += [
            {"resource": resource, "id": pk, "at": at,
             "reason": "unpublished" if pk in existing else "deleted"}
            for pk, at in latest.items() if pk not in public
        ]
    return sorted(found, key=lambda item: (item["at"], item["resource"], item["id"]))


def parse_since(raw):
    """An ISO datetime (naive means UTC), or None if absent; anything else is a 400."""
    if raw is None:
        return None
    try:
        # A '+' in a query string arrives as a space.
        since = parse_datetime(raw.strip().replace(" ", "+"))
    except ValueError:
        since = None
    if since is None:
        raise ValidationError({"since": ["Enter an ISO datetime, e.g. 2025-02-12T00:00:00Z."]})
    return since if timezone.is_aware(since) else timezone.make_aware(since, timezone.utc)


class WithdrawalViewSet(viewsets.GenericViewSet):
    """Records withdrawn from publication or deleted: drop them from your copy."""

    serializer_class = WithdrawalSerializer
    permission_classes = [AllowAny]
    pagination_class = Pagination
    filter_backends = []

    @extend_schema(
        parameters=[OpenApiParameter(
            "since", str, description="ISO datetime: only withdrawals at or after it (e.g. your last run).",
        )],
        responses=WithdrawalSerializer(many=True),
    )
    def list(self, request):
        unknown = sorted(set(request.query_params) - {"since", "page", "page_size", "format"})
        if unknown:
            raise ValidationError({name: ["Unknown parameter. Allowed: since, page, page_size."] for name in unknown})
        since = parse_since(request.query_params.get("since"))
        items = withdrawals(since)

        def build():
            page = self.paginate_queryset(items)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)

        return conditional_response(request, build)
