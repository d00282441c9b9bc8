"""The tables an import writes, counted before and after: a refused import changes none."""
from releases.models import (
    Citation, Citizenship, Party, PartyName, PartyRole, Prisoner, PrisonerName, ReleasedPerson, ReleaseEvent,
    Source,
)

MODELS = [Source, Party, PartyName, Prisoner, PrisonerName, Citizenship, ReleaseEvent, ReleasedPerson, PartyRole, Citation]


def snapshot():
    """Row counts and history counts of every table an import writes."""
    return ([m.objects.count() for m in MODELS], [m.history.count() for m in MODELS])
