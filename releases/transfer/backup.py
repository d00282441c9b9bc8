"""Backup and restore of everything the tracker holds (used by `backup_data` / `restore_data`).

A backup is one gzip-compressed JSON Lines file: a header line (format version and the
migration state of every backed-up app), one line per row, and an end line with the row count
of each model, so that a truncated file is refused rather than half-restored.

What is in it: every concrete model of every installed app — the `releases` records, drafts
included, their Historical* tables, the search keys (NameKey, SearchTerm) and derived columns
as stored, users, groups, tokens, the admin log, and every many-to-many link as its own row —
except sessions (logins do not survive a restore on purpose) and contenttypes and permissions
(`migrate` recreates them; rows pointing at them are written by natural key, since their ids
differ from one database to the next).
"""
import datetime
import gzip
import json
import zlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Max
from django.db.models.fields import AutoFieldMixin

FORMAT = "release-tracker-backup"
VERSION = 1
EXCLUDED_APPS = {"sessions", "contenttypes"}
EXCLUDED_MODELS = {"auth.permission"}
# `migrate` creates these groups (releases.services.editorial_groups.sync_editorial_groups); a restore
# replaces them with the backup's own, so they don't make a database count as non-empty.
RECREATED_BY_MIGRATE = {Group, Group.permissions.through}
BATCH = 2000


class BackupError(Exception):
    """The file or the database is not fit for a restore; the message says why."""


def backed_up_models():
    """Every model whose rows a backup holds, ordered so that natural-key targets come first."""
    by_app = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED_APPS:
            continue
        if meta.label_lower in EXCLUDED_MODELS:
            continue
        by_app.setdefault(apps.get_app_config(meta.app_label), []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def schema_state(using=DEFAULT_DB_ALIAS):
    """The latest applied migration of each backed-up app, e.g. {"releases": "0007_..."}."""
    labels = {model._meta.app_label for model in backed_up_models()}
    applied = MigrationRecorder(connections[using]).applied_migrations()
    state = {}
    for app_label, name in applied:
        if app_label in labels:
            state[app_label] = max(state.get(app_label, name), name)
    return state


class _Serializer(jsonl.Serializer):
    """JSON Lines, with content types and permissions written by natural key and nothing else:
    users, records and history keep their ids (a history row may name a deleted user)."""

    def start_serialization(self):
        super().start_serialization()
        self.natural = {
            ContentType: {ct.pk: ct.natural_key() for ct in ContentType.objects.all()},
            Permission: {
                pk: (codename, app_label, model)
                for pk, codename, app_label, model in Permission.objects.values_list(
                    "pk", "codename", "content_type__app_label", "content_type__model"
                )
            },
        }

    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        # DjangoJSONEncoder (ECMA-262 style) cuts datetimes and times to milliseconds; a
        # backup keeps the microseconds.
        if isinstance(value, (datetime.datetime, datetime.time)):
            return value.isoformat()
        return value

    def handle_fk_field(self, obj, field):
        if field.related_model in self.natural:
            key = getattr(obj, field.attname)
            natural = self.natural[field.related_model]
            self._current[field.name] = None if key is None else natural[key]
        else:
            super().handle_fk_field(obj, field)


def _row_fields(model):
    # Many-to-many links are written as rows of their through models, with their own ids.
    return [field.name for field in model._meta.concrete_fields if not field.primary_key]


def write_backup(path, *, using=DEFAULT_DB_ALIAS, progress=None):
    """Write every backed-up row to `path`; returns {model label: row count}."""
    counts = {}
    header = {"format": FORMAT, "version": VERSION,
              "created": datetime.datetime.now(datetime.timezone.utc).isoformat(),
              "migrations": schema_state(using)}
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using), gzip.open(path, "wt", encoding="utf-8") as out:
        # One transaction, and on PostgreSQL a REPEATABLE READ one: every table is read from
        # the same snapshot while editors keep working (SQLite's read transaction already is).
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        out.write(json.dumps(header) + "\n")
        for model in backed_up_models():
            counter = {"n": 0}

            def rows(queryset, counter=counter):
                for row in queryset.iterator(chunk_size=BATCH):
                    counter["n"] += 1
                    yield row

            queryset = model._base_manager.using(using).order_by("pk")
            _Serializer().serialize(rows(queryset), stream=out, fields=_row_fields(model))
            counts[model._meta.label] = counter["n"]
            if progress:
                progress(model._meta.label, counter["n"])
        out.write(json.dumps({"end": True, "counts": counts}) + "\n")
    return counts


def _check_header(line, using):
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError("This is not a release-tracker backup (no backup header at its start).")
    if header.get("version") != VERSION:
        raise BackupError(f"Backup format version {header.get('version')} is not supported "
                          f"(this code reads version {VERSION}).")
    ours = schema_state(using)
    theirs = header.get("migrations", {})
    if theirs != ours:
        differences = ", ".join(
            f"{app}: backup at {theirs.get(app, 'none')}, database at {ours.get(app, 'none')}"
            for app in sorted(set(ours) | set(theirs)) if ours.get(app) != theirs.get(app)
        )
        raise BackupError(
            "The backup was made with another database schema (" + differences + "). "
            "Restore it with the code version that made it, or migrate this database to the "
            "same migrations first."
        )


def _check_empty(using):
    occupied = [
        model._meta.label for model in backed_up_models()
        if model not in RECREATED_BY_MIGRATE and model._base_manager.using(using).exists()
    ]
    if occupied:
        more = f" and {len(occupied) - 5} more tables" if len(occupied) > 5 else ""
        raise BackupError(
            "Restore needs an empty, migrated database; this one already holds rows in "
            + ", ".join(occupied[:5]) + more + ". Nothing was changed."
        )


def read_backup(path, *, using=DEFAULT_DB_ALIAS, progress=None):
    """Load a backup into an empty migrated database, all or nothing; returns the row counts.
    Raises BackupError (database untouched) if the file or the database is not fit."""
    connection = connections[using]
    try:
        with gzip.open(path, "rt", encoding="utf-8") as source:
            _check_header(source.readline(), using)
            _check_empty(using)
            with transaction.atomic(using=using):
                counts = _load(source, connection, using)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, DatabaseError,
            serializers.base.DeserializationError) as error:
        detail = f"{error.__cause__ or error}".strip() or type(error).__name__
        raise BackupError(f"The backup file is unreadable or damaged ({detail}). "
                          "Nothing was changed.") from error
    if progress:
        for label, count in counts.items():
            progress(label, count)
    return counts


def _load(source, connection, using):
    Group.objects.using(using).all().delete()  # replaced by the backup's groups
    counts, end = {}, {}

    def lines():
        for line in source:
            if line.startswith('{"end":'):
                end.update(json.loads(line))
                return
            yield line

    # Rows refer to rows later in the file (history before its user, a record before the
    # record it links to); constraints are checked once everything is in, as loaddata does.
    with connection.constraint_checks_disabled():
        for item in jsonl.Deserializer(lines(), using=using, ignorenonexistent=False):
            item.save(using=using)
            label = item.object._meta.label
            counts[label] = counts.get(label, 0) + 1
    if not end:
        raise serializers.base.DeserializationError("the file ends before its end line")
    expected = {label: n for label, n in end["counts"].items() if n}
    if expected != counts:
        raise serializers.base.DeserializationError(
            f"row counts differ from the end line: {expected} != {counts}")
    models = backed_up_models()
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    # New records must get ids after the restored ones (SQLite's AUTOINCREMENT already does)...
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    # ...and after deleted ones whose history is kept, or a new record would inherit that history.
    for model in models:
        original = getattr(model, "instance_type", None)  # set on simple-history's models
        if original is None or not isinstance(original._meta.pk, AutoFieldMixin):
            continue
        column = original._meta.pk.column
        largest = model._base_manager.using(using).aggregate(largest=Max(column))["largest"]
        if largest:
            _advance_sequence(connection, original._meta.db_table, column, largest)
    return counts


def _advance_sequence(connection, table, column, value):
    """Make `table`'s next id at least value + 1 (PostgreSQL and SQLite, the engines we run)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), GREATEST(%s, "
                f"(SELECT COALESCE(MAX({connection.ops.quote_name(column)}), 0) "
                f"FROM {connection.ops.quote_name(table)})))",
                [table, column, value],
            )
        elif connection.vendor == "sqlite":
            cursor.execute("UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s",
                           [value, table])
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) SELECT %s, %s WHERE NOT EXISTS "
                           "(SELECT 1 FROM sqlite_sequence WHERE name = %s)", [table, value, table])
