"""Editors' pages and topic collections."""
from django.shortcuts import get_object_or_404, render

from releases.models import Collection, Page


def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "releases/page_detail.html", {"page": page})


def collection_detail(request, slug):
    collection = get_object_or_404(Collection.objects.published().with_related(), slug=slug)
    return render(request, "releases/collection_detail.html", {"collection": collection})
