"""Run by tests/models/test_concurrency.py in a subprocess, on a SQLite file migrated for it: several
editors save one record at the same time, each from the version they opened, each in its own
thread and connection, the way the admin and the API save (read, check the version, write).

Prints {editor: "saved" | "refused" | "<error>"} as JSON."""
import json
import os
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

from django.db import connection, transaction  # noqa: E402

from releases.models import Source  # noqa: E402

EDITORS = int(sys.argv[1])

source = Source.objects.create(slug="one-record", outlet="Outlet")
opened = source.version
start = threading.Barrier(EDITORS)
outcome = {}


def edit(name):
    try:
        start.wait()
        with transaction.atomic():
            record = Source.objects.get(pk=source.pk)  # the form is read before it is saved
            time.sleep(0.1)
            if record.lock_if_unchanged(opened):
                record.author = name
                record.save()
                outcome[name] = "saved"
            else:
                outcome[name] = "refused"
    except Exception as error:  # what an editor would have seen as a 500
        outcome[name] = f"{type(error).__name__}: {error}"
    finally:
        connection.close()


threads = [threading.Thread(target=edit, args=(f"editor-{i}",)) for i in range(EDITORS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
outcome["stored author"] = Source.objects.get(pk=source.pk).author
print(json.dumps(outcome))
