from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Release tracker"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from releases.derived import signals
        from releases.search import search
        from releases.services.editorial_groups import sync_editorial_groups

        signals.connect()  # every receiver of a write, listed in releases/derived/signals.py
        connection_created.connect(search.set_trigram_threshold, dispatch_uid="trigram-threshold")

        # Permissions only exist after post_migrate; syncing the groups there keeps them
        # exact on every migrate, including for models added later.
        post_migrate.connect(sync_editorial_groups, sender=self)
