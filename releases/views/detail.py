"""Detail pages: published records only, loaded with with_related() in a fixed number of queries."""
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView

from releases.models import Citation, Party, PartyRole, Prisoner, PrisonerRedirect, ReleaseEvent, Source
from releases.models.publication import published_row
from releases.models.sources import accounts_by_claim


class PublishedDetailView(DetailView):
    """A published record's page; drafts and unknown ids are 404."""

    def get_queryset(self):
        return self.model.objects.published().with_related()


class WithAccounts:
    """A page that shows its record's citations as accounts, grouped by the claim they support."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(accounts=accounts_by_claim(self.object.public_citations), **kwargs)


class ReleaseDetailView(WithAccounts, PublishedDetailView):
    model = ReleaseEvent
    template_name = "releases/release_detail.html"
    context_object_name = "release"


class PrisonerDetailView(WithAccounts, PublishedDetailView):
    model = Prisoner
    template_name = "releases/prisoner_detail.html"
    context_object_name = "person"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A record merged into another: its old address leads to the survivor, for good.
            survivor = PrisonerRedirect.objects.published_target(kwargs["pk"])
            if survivor is None:
                raise
            return redirect("releases:prisoner-detail", pk=survivor, permanent=True)


class PartyDetailView(PublishedDetailView):
    model = Party
    template_name = "releases/party_detail.html"
    context_object_name = "party"

    def get_context_data(self, **kwargs):
        roles = (PartyRole.objects.filter(published_row(ReleaseEvent, "release_id"), party=self.object)
                 .select_related("release").order_by("role", "-release__date_from"))
        return super().get_context_data(roles=roles, **kwargs)


class SourceDetailView(PublishedDetailView):
    model = Source
    template_name = "releases/source_detail.html"
    context_object_name = "source"

    def get_context_data(self, **kwargs):
        citations = Citation.objects.published().with_related().filter(source=self.object)
        return super().get_context_data(citations=citations, **kwargs)
