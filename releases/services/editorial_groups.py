"""The editorial groups and exactly the permissions each needs.

Editors write: they add and change every editorial record, remove rows inside a record
(a wrong spelling, a misattributed citation) and move work to review, but cannot publish
or delete whole records. Publishers are editors who may also publish, unpublish and delete.
(Who may publish is asked in one place: releases/services/publication.py.)
"""
from django.apps import apps as global_apps

EDITORS = "Editors"
PUBLISHERS = "Publishers"

# Whole records: a published page may depend on them, so only publishers delete them.
TOP_LEVEL_MODELS = {"prisoner", "releaseevent", "party", "source", "page", "collection"}


def editorial_permissions(app_config):
    """(editors, publishers) permission codenames for the app's models."""
    editors, publishers = set(), set()
    for model in app_config.get_models():
        name = model._meta.model_name
        if name.startswith("historical"):
            continue
        base = {f"view_{name}", f"add_{name}", f"change_{name}"}
        editors |= base if name in TOP_LEVEL_MODELS else base | {f"delete_{name}"}
        publishers |= base | {f"delete_{name}"}
        if name in TOP_LEVEL_MODELS:
            publishers.add(f"publish_{name}")
    return editors, publishers


def sync_editorial_groups(sender=None, apps=global_apps, using="default", **kwargs):
    """Create or update the Editors and Publishers groups (run after every migrate)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_config = global_apps.get_app_config("releases")
    editors, publishers = editorial_permissions(app_config)
    for group_name, codenames in ((EDITORS, editors), (PUBLISHERS, publishers)):
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        perms = Permission.objects.using(using).filter(
            content_type__app_label="releases", codename__in=codenames
        )
        group.permissions.set(perms)
