"""The editors' admin, one module per resource."""
from . import curated, events, parties, people, sources  # noqa: F401  (registers the ModelAdmins)
