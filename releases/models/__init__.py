"""The tracker's data model, one module per concern."""
from .curated import Collection, CollectionItem, Page
from .dates import DatePrecision
from .events import (
    Concession, ConcessionStatus, EventLink, EventLinkKind, PartyRole, PartyRoleKind,
    ReleasedPerson, ReleaseEvent, ReleaseKind,
)
from .identity import NameKey, PrisonerRedirect, SearchTerm
from .names import NameLanguage, Romanization, Script
from .parties import Party, PartyKind, PartyName
from .people import (
    Citizenship, Detention, Prisoner, PrisonerName, PrisonerStatus, Recognition, StatusRecord,
)
from .publication import Publishable, PublicationStatus
from .sources import Citation, ClaimKind, Source, SourceKind

__all__ = [
    "Citation", "Citizenship", "ClaimKind", "Collection", "CollectionItem", "Concession", "ConcessionStatus", "DatePrecision",
    "Detention", "EventLink", "EventLinkKind", "NameKey", "NameLanguage", "Page", "Party", "PartyKind", "PartyName",
    "PartyRole", "PartyRoleKind", "Prisoner", "PrisonerName", "PrisonerRedirect", "PrisonerStatus", "Publishable",
    "PublicationStatus", "Recognition", "ReleaseEvent", "ReleaseKind", "ReleasedPerson", "SearchTerm",
    "Romanization", "Script", "Source", "SourceKind", "StatusRecord",
]
