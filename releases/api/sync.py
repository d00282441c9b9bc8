"""Sync for nightly scripts: what was withdrawn from publication or deleted since a time.

Changed records come from each resource's ``updated_since`` filter; this lists the ones a
script must drop. Only records that were once public appear (their first publication time
is kept through unpublishing, deletion and history reverts), so drafts never show here.
"""
import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from releases.filters import as_utc, restore_offset_plus
from releases.models import Party, Prisoner, ReleaseEvent, Source
from releases.models.publication import is_public, published_q

from .conditional import conditional_response
from .negotiation import MethodBeforeFormat
from .pagination import Pagination

RESOURCES = {"releases": ReleaseEvent, "prisoners": Prisoner, "parties": Party, "sources": Source}


class WithdrawalSerializer(serializers.Serializer):
    resource = serializers.ChoiceField(choices=sorted(RESOURCES))
    id = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=["unpublished", "deleted"])
    at = serializers.DateTimeField(help_text="When it was withdrawn or deleted.")


def withdrawals(since=None):
    """Records once public that are no longer, with when and why, oldest first.

    ``at`` is the moment the record stopped being public (unpublished or deleted after its
    last published version); later edits of the draft do not move it."""
    found = []
    for resource, model in RESOURCES.items():
        history = model.history.model.objects.filter(published_at__isnull=False)
        changed = history.filter(Q(history_type="-") | ~published_q())
        if since is not None:
            changed = changed.filter(history_date__gte=since)
        candidates = set(changed.values_list("id", flat=True))
        if not candidates:
            continue
        candidates -= set(model.objects.published().filter(pk__in=candidates).values_list("pk", flat=True))
        existing = set(model.objects.filter(pk__in=candidates).values_list("pk", flat=True))
        rows = history.filter(id__in=candidates).order_by("id", "history_date", "history_id").values_list(
            "id", "history_date", "history_type", "publication_status")
        withdrawn_at = {}
        for pk, at, kind, status in rows:
            if kind != "-" and is_public(status):
                withdrawn_at.pop(pk, None)  # public again: a later change is a new withdrawal
            else:
                withdrawn_at.setdefault(pk, at)
        found += [
            {"resource": resource, "id": pk, "at": at,
             "reason": "unpublished" if pk in existing else "deleted"}
            for pk, at in withdrawn_at.items() if pk in candidates and (since is None or at >= since)
        ]
    return sorted(found, key=lambda item: (item["at"], item["resource"], item["id"]))


def parse_since(raw):
    """An ISO datetime (naive means UTC), or None if absent or empty (as ``updated_since``, and
    as a filter form sends it); anything else is a 400."""
    if raw is None or raw.strip() == "":
        return None
    try:
        since = parse_datetime(restore_offset_plus(raw))
    except ValueError:
        since = None
    if since is None:
        raise ValidationError({"since": ["Enter an ISO datetime, e.g. 2025-02-12T00:00:00Z."]})
    return as_utc(since) if timezone.is_aware(since) else timezone.make_aware(since, datetime.timezone.utc)


class WithdrawalViewSet(MethodBeforeFormat, viewsets.GenericViewSet):
    """Records withdrawn from publication or deleted: drop them from your copy."""

    serializer_class = WithdrawalSerializer
    permission_classes = [AllowAny]
    pagination_class = Pagination
    filter_backends = []

    def get_queryset(self):
        # Only the browsable API asks (for its filter form); withdrawals are no queryset.
        return ReleaseEvent.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter(
            "since", datetime.datetime, description="ISO datetime: only withdrawals at or after it (e.g. your last run).",
        )],
        responses=WithdrawalSerializer(many=True),
    )
    def list(self, request, *args, **kwargs):  # the router's format-suffix routes pass format=
        unknown = sorted(set(request.query_params) - {"since", "page", "page_size", "format"})
        if unknown:
            raise ValidationError({name: ["Unknown parameter. Allowed: since, page, page_size."] for name in unknown})
        since = parse_since(request.query_params.get("since"))
        items = withdrawals(since)

        def build():
            page = self.paginate_queryset(items)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)

        return conditional_response(request, build)
