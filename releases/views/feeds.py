"""Atom feed of newly published releases, honouring the timeline's filters."""
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from releases.filters import ReleaseFilter, errors_text
from releases.models import ReleaseEvent

FEED_SIZE = 50


class ReleaseFeed(Feed):
    feed_type = Atom1Feed
    title = "Release Tracker: newly published releases"
    subtitle = "Political-prisoner releases as they are published, every fact cited."

    def __call__(self, request, *args, **kwargs):
        # A typo in a subscription must read as an error, not as "no news".
        filterset = ReleaseFilter(request.GET, queryset=ReleaseEvent.objects.published())
        if not filterset.is_valid():
            return HttpResponseBadRequest(
                f"Invalid filter: {errors_text(filterset)}", content_type="text/plain; charset=utf-8"
            )
        request.release_filterset = filterset
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request

    def link(self, request):
        query = request.GET.urlencode()
        return reverse("releases:timeline") + (f"?{query}" if query else "")

    def feed_url(self, request):
        return request.get_full_path()  # rel=self: this feed, with its filter

    def items(self, request):
        return request.release_filterset.qs.order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} ({item.date_display})"

    def item_description(self, item):
        # Atom's summary is type="html": the plain-text summary must be escaped as HTML first.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
