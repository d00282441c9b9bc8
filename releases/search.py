"""Finding people and parties by any of their names (deepened by the name-matching work)."""
from django.db.models import Q

from releases.models import Party, Prisoner

MAX_QUERY_LENGTH = 200


def matching_prisoners(text):
    """Published people any of whose names contains ``text`` (case-insensitive)."""
    return Prisoner.objects.published().filter(
        Q(preferred_name__icontains=text) | Q(names__text__icontains=text)
    ).distinct()


def matching_parties(text):
    """Published parties any of whose names contains ``text``."""
    return Party.objects.published().filter(
        Q(name__icontains=text) | Q(names__text__icontains=text) | Q(position__icontains=text)
    ).distinct()
