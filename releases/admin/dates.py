"""The admin's date fields: the formats of tracker/formats/en_GB/formats.py, and a message that
says how to write a date instead of "Enter a valid date."."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

SLASHED = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{2,4})\s*")
HOW = "Write the date as 2025-06-21, or with the day first and dots: 21.06.2025."


class EditorDateField(forms.DateField):
    default_error_messages = {"invalid": f"Enter a valid date. {HOW}"}

    def to_python(self, value):
        match = SLASHED.fullmatch(value) if isinstance(value, str) else None
        if match:
            raise ValidationError(
                f"“{value.strip()}” is read day first in some countries and month first in others. {HOW}",
                code="ambiguous")
        return super().to_python(value)


# For formfield_overrides: every date field of an admin form or inline.
DATE_FIELDS = {models.DateField: {"form_class": EditorDateField}}
