"""Names as written by a source: the text, its language, script and romanization system."""
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models


class NameLanguage(models.TextChoices):
    BELARUSIAN = "be", "Belarusian"
    RUSSIAN = "ru", "Russian"
    UKRAINIAN = "uk", "Ukrainian"
    ENGLISH = "en", "English"
    GERMAN = "de", "German"
    LITHUANIAN = "lt", "Lithuanian"
    POLISH = "pl", "Polish"
    OTHER = "other", "Other"


class Script(models.TextChoices):
    CYRILLIC = "Cyrl", "Cyrillic"
    LATIN = "Latn", "Latin"


def scripts_of(text):
    """The scripts of the letters in ``text`` (Unicode's names: "CYRILLIC", "LATIN", ...)."""
    return {unicodedata.name(ch, "").split(" ", 1)[0] for ch in text if ch.isalpha()}


class Romanization(models.TextChoices):
    NATIVE = "native", "Native script (not romanized)"
    PRESS = "press", "Press spelling"
    BGN_PCGN = "bgn_pcgn", "BGN/PCGN"
    ISO9 = "iso9", "ISO 9"
    LACINKA = "lacinka", "Belarusian Łacinka"
    NATIONAL = "national", "Official national romanization"
    PASSPORT = "passport", "Passport spelling"
    OTHER = "other", "Other"


class AbstractName(models.Model):
    """One spelling of a person's or party's name; the language is that of the name's form
    (Belarusian 'Alena' vs Russian 'Yelena'), the system how it was put into Latin letters."""

    text = models.CharField(max_length=200)
    language = models.CharField(
        max_length=8, choices=NameLanguage.choices, blank=True,
        help_text="Language of the name form (Alena is Belarusian, Yelena Russian).",
    )
    script = models.CharField(max_length=4, choices=Script.choices, default=Script.LATIN)
    romanization = models.CharField(
        max_length=10, choices=Romanization.choices, default=Romanization.PRESS,
        help_text="How a Latin spelling was produced; 'Native script' for Cyrillic.",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=["", *NameLanguage.values]),
                name="%(app_label)s_%(class)s_language_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(script__in=Script.values),
                name="%(app_label)s_%(class)s_script_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(romanization__in=Romanization.values),
                name="%(app_label)s_%(class)s_romanization_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="%(app_label)s_%(class)s_text_not_empty"
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        """The script follows the letters: a name in Cyrillic letters is stored as Cyrillic (and
        as written natively, when the romanization was left at its default), whatever the form
        said. Cyrillic and Latin letters mixed in one name, usually a look-alike letter typed
        on the wrong keyboard (a Cyrillic "а" in "Maushuk"), are refused, since search would
        never find that name by either spelling."""
        found = scripts_of(self.text or "")
        if {"CYRILLIC", "LATIN"} <= found:
            raise ValidationError({"text": "This name mixes Cyrillic and Latin letters (often a look-alike "
                                           "letter from the other keyboard). Write it in one script."})
        if found == {"CYRILLIC"} and self.script != Script.CYRILLIC:
            self.script = Script.CYRILLIC
            if self.romanization == Romanization.PRESS:
                self.romanization = Romanization.NATIVE
        elif found == {"LATIN"} and self.script == Script.CYRILLIC:
            raise ValidationError({"script": "The name is written in Latin letters, not Cyrillic."})
