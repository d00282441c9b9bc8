"""The API's resources: published records for everyone, writes for editors."""
from django.http import HttpResponsePermanentRedirect
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse

from releases import filters
from releases.models import Citation, Party, Prisoner, PrisonerRedirect, ReleaseEvent, Source
from releases.models.identity import is_record_id

from . import csv_stream, serializers, writers
from .conditional import conditional_response
from .negotiation import MethodBeforeFormat

FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv"],
    description="csv: every matching row (not one page), one flat row per item, streamed.",
)
LIST_ONLY_PARAMETERS = {"page", "page_size"}


@extend_schema_view(
    list=extend_schema(parameters=[FORMAT_PARAMETER]),
    retrieve=extend_schema(parameters=[FORMAT_PARAMETER]),
)
class ResourceViewSet(MethodBeforeFormat, viewsets.ModelViewSet):
    """Reads show published records only, in the resource's public shape; writes (editors,
    with their model permissions) go through the resource's write serializer, which
    validates with the model's own rules. Updates honour the record's ``version`` (If-Match
    or the body): a save made meanwhile by someone else is never overwritten (writers.py)."""

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, csv_stream.CSVRenderer]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    read_serializer_class = None
    write_serializer_class = None
    csv_columns = None

    def get_queryset(self):
        model = self.queryset.model
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return model.objects.published().with_related()
        return model.objects.all()

    def get_renderers(self):
        # A write answers the saved record in JSON: CSV is for reading lists and records
        # (?format=csv on a write rendered an empty 200 without a Content-Type).
        if self.request is not None and self.request.method not in ("GET", "HEAD", "OPTIONS"):
            return [JSONRenderer(), BrowsableAPIRenderer()]
        return super().get_renderers()

    def get_serializer_class(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return self.read_serializer_class
        return self.write_serializer_class

    def check_query_parameters(self, request, allowed):
        """A misspelt parameter is a 400, never a silently ignored filter."""
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError({
                name: [f"Unknown parameter. Allowed: {', '.join(sorted(allowed))}."] for name in unknown
            })

    def csv_rows(self, queryset):
        """The objects a CSV's columns read, one per row, fetched in chunks."""
        return queryset.iterator(chunk_size=csv_stream.CHUNK_SIZE)

    def wants_csv(self, request):
        return getattr(request.accepted_renderer, "format", None) == "csv"

    def list(self, request, *args, **kwargs):
        allowed = {*self.filterset_class.base_filters, *LIST_ONLY_PARAMETERS, "format"}
        self.check_query_parameters(request, allowed)
        queryset = self.filter_queryset(self.get_queryset())  # a bad filter is a 400 here
        if self.wants_csv(request):
            self.paginator.check_syntax(request)
            return conditional_response(request, lambda: csv_stream.stream_csv(
                request, self.csv_rows(queryset), self.csv_columns, self.basename))
        self.paginator.validate(queryset, request)  # a bad page is a 400/404, never a 304

        def build():
            page = self.paginate_queryset(queryset)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)

        return conditional_response(request, build, cacheable=True)

    def retrieve(self, request, *args, **kwargs):
        self.check_query_parameters(request, {"format"})
        # 404 for drafts and unknown ids, before any 304; one cheap query, so that a 304
        # costs two queries and not the whole nested record.
        pk = str(self.kwargs[self.lookup_field])
        if not is_record_id(pk) or not self.queryset.model.objects.published().filter(pk=pk).exists():
            raise NotFound()

        def build():
            instance = self.get_object()
            if self.wants_csv(request):
                return csv_stream.stream_csv(request, self.csv_rows(self.get_queryset().filter(pk=instance.pk)),
                                          self.csv_columns, f"{self.basename}-{instance.pk}")
            return Response(self.get_serializer(instance).data)

        return conditional_response(request, build, cacheable=True)

    def get_object(self):
        # An id that cannot be a row's ('²', 5,000 digits) is not found, not a crash in int().
        if not is_record_id(self.kwargs[self.lookup_field]):
            raise NotFound()
        return super().get_object()

    def filter_queryset(self, queryset):
        # The FilterSet only applies to lists; details ignore it.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


class ReleaseViewSet(ResourceViewSet):
    """Release events: who was released, when, how, through whom, to where."""

    queryset = ReleaseEvent.objects.all()
    read_serializer_class = serializers.ReleaseSerializer
    write_serializer_class = writers.ReleaseWriteSerializer
    filterset_class = filters.ReleaseFilter
    csv_columns = csv_stream.RELEASE_COLUMNS

    def csv_rows(self, queryset):
        return csv_stream.release_rows(queryset)


class PrisonerViewSet(ResourceViewSet):
    """People, with every spelling of their names, citizenships, status and releases."""

    queryset = Prisoner.objects.all()
    read_serializer_class = serializers.PrisonerSerializer
    write_serializer_class = writers.PrisonerWriteSerializer
    filterset_class = filters.PrisonerFilter
    csv_columns = csv_stream.PRISONER_COLUMNS

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except NotFound:
            # A record merged into another: its id leads to the survivor, for good.
            survivor = PrisonerRedirect.objects.published_target(self.kwargs[self.lookup_field])
            if survivor is None:
                raise
            url = request.build_absolute_uri(reverse("api:prisoner-detail", args=[survivor]))
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


class PartyViewSet(ResourceViewSet):
    """Governments, agencies, officials and mediators involved in releases."""

    queryset = Party.objects.all()
    read_serializer_class = serializers.PartySerializer
    write_serializer_class = writers.PartyWriteSerializer
    filterset_class = filters.PartyFilter
    csv_columns = csv_stream.PARTY_COLUMNS


class SourceViewSet(ResourceViewSet):
    """The reports, statements and interviews the facts are cited to."""

    queryset = Source.objects.all()
    read_serializer_class = serializers.SourceSerializer
    write_serializer_class = writers.SourceWriteSerializer
    filterset_class = filters.SourceFilter
    csv_columns = csv_stream.SOURCE_COLUMNS



class CitationViewSet(ResourceViewSet):
    """A source supporting one fact about a release, a person or a party, with its words."""

    queryset = Citation.objects.all()
    read_serializer_class = serializers.CitationSerializer
    write_serializer_class = writers.CitationWriteSerializer
    filterset_class = filters.CitationFilter
    csv_columns = csv_stream.CITATION_COLUMNS
