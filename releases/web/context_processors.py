"""Template context shared by every public page."""
from releases.models import Collection, Page


def navigation(request):
    """Published pages and collections for the site navigation (two small queries, lazily)."""
    return {
        "nav_pages": Page.objects.published().only("title", "slug"),
        "nav_collections": Collection.objects.published().only("title", "slug"),
    }
