"""Names saved before the script followed the letters (releases/models/names.py): a name written
only in Cyrillic letters but stored as Latin is marked Cyrillic (and native, where its
romanization was left at the default "press"). Nothing else changes; names that mix the two
alphabets are left as they are for an editor to see (the form refuses them from now on)."""
import unicodedata

from django.db import migrations


def scripts_of(text):
    return {unicodedata.name(ch, "").split(" ", 1)[0] for ch in text if ch.isalpha()}


def mark_cyrillic(apps, schema_editor):
    for model_name in ("PrisonerName", "PartyName"):
        model = apps.get_model("releases", model_name)
        for name in model.objects.filter(script="Latn").iterator():
            if scripts_of(name.text) == {"CYRILLIC"}:
                romanization = "native" if name.romanization == "press" else name.romanization
                model.objects.filter(pk=name.pk).update(script="Cyrl", romanization=romanization)


class Migration(migrations.Migration):
    dependencies = [("releases", "0009_history_reasons_as_text")]
    operations = [migrations.RunPython(mark_cyrillic, migrations.RunPython.noop)]
