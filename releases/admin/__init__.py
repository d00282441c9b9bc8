"""The editors' admin, one module per resource; accounts.py guards Django's own admins too."""
from . import accounts, curated, events, parties, people, sources  # noqa: F401  (registers the ModelAdmins)
