"""The demo data (manage.py load_demo_data), loaded for real once per test process, then restored
from a snapshot of the rows it wrote.

The loader computes every search key and derived column of about a hundred records: about 1 s
on SQLite and 2 s on PostgreSQL, for each test that wants the demo data. Re-inserting the rows
it wrote (bulk_create, one transaction) costs a few hundredths. The loader writes only to the
releases app's tables; the real load checks that, so a loader that starts writing elsewhere
fails here instead of being half-restored. The tests of the loader itself (a second load, the
history it writes) still call it: what they load onto is what it loaded.
"""
import os

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


def models(app_label):
    return [
        model for model in apps.get_app_config(app_label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def other_counts():
    return {
        model._meta.label: model._base_manager.count()
        for config in apps.get_app_configs() if config.label != "releases"
        for model in models(config.label)
    }


class DemoData:
    def __init__(self):
        self.snapshot = None

    def load(self):
        """The demo data in the (empty) releases tables, as load_demo_data leaves it."""
        tables = models("releases")
        assert not any(model._base_manager.exists() for model in tables), (
            "the demo data is restored into empty releases tables only")
        if self.snapshot is None:
            before = other_counts()
            with open(os.devnull, "w") as devnull:
                call_command("load_demo_data", stdout=devnull)
            assert other_counts() == before, "load_demo_data wrote outside the releases app"
            self.snapshot = [(model, list(model._base_manager.order_by("pk"))) for model in tables]
            return
        with transaction.atomic():  # foreign keys are checked at commit
            for model, rows in self.snapshot:
                model._base_manager.bulk_create(rows)
            # Rows inserted with their ids leave PostgreSQL's sequences behind: move them on,
            # so that a row the test creates next gets a fresh id, as after a real load.
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), tables):
                    cursor.execute(statement)


demo_data = DemoData()
