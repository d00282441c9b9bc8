# A release's derived columns (releases/derived.py): how many published people it names and
# their citizenships, filled here for existing rows; signals keep them in step afterwards.

from django.db import migrations, models


def fill(apps, schema_editor):
    ReleaseEvent = apps.get_model("releases", "ReleaseEvent")
    ReleasedPerson = apps.get_model("releases", "ReleasedPerson")
    people, codes = {}, {}
    rows = (ReleasedPerson.objects.filter(prisoner__publication_status="published")
            .values_list("release_id", "prisoner_id", "prisoner__citizenships__country"))
    for release_id, prisoner_id, country in rows.iterator():
        people.setdefault(release_id, set()).add(prisoner_id)
        if country:
            codes.setdefault(release_id, set()).add(country)
    # One UPDATE per distinct value (a few thousand), not one per release (a million).
    by_value = {}
    for release_id, named in people.items():
        found = sorted(codes.get(release_id, ()))
        by_value.setdefault((len(named), f"|{'|'.join(found)}|" if found else ""), []).append(release_id)
    for (count, text), ids in by_value.items():
        for start in range(0, len(ids), 2000):
            ReleaseEvent.objects.filter(pk__in=ids[start:start + 2000]).update(
                people_named=count, released_citizenships=text)


class Migration(migrations.Migration):

    dependencies = [
        ('releases', '0006_updated_at_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='releaseevent',
            name='people_named',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='releaseevent',
            name='released_citizenships',
            field=models.CharField(blank=True, default='', editable=False, max_length=1000),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
