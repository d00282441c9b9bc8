"""Atom feed of newly published releases, honouring the timeline's filters."""
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from releases.filters import ReleaseFilter
from releases.models import ReleaseEvent

FEED_SIZE = 50


class ReleaseFeed(Feed):
    feed_type = Atom1Feed
    title = "Release Tracker: newly published releases"
    subtitle = "Political-prisoner releases as they are published, every fact cited."

    def get_object(self, request, *args, **kwargs):
        return request

    def link(self, request):
        query = request.GET.urlencode()
        return reverse("releases:timeline") + (f"?{query}" if query else "")

    def items(self, request):
        filterset = ReleaseFilter(request.GET, queryset=ReleaseEvent.objects.published())
        releases = filterset.qs if filterset.is_valid() else ReleaseEvent.objects.none()
        return releases.order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} ({item.date_display})"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
