from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Release tracker"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from releases import derived, recovery
        from releases.matching import index, search
        from releases.permissions import sync_editorial_groups

        index.connect()
        derived.connect()
        recovery.connect()
        connection_created.connect(search.set_trigram_threshold, dispatch_uid="trigram-threshold")

        # Permissions only exist after post_migrate; syncing the groups there keeps them
        # exact on every migrate, including for models added later.
        post_migrate.connect(sync_editorial_groups, sender=self)
