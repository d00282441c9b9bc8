from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    """Django's admin with the tracker's own site (tracker/admin_site.py) as ``admin.site``."""

    default_site = "tracker.admin_site.TrackerAdminSite"
