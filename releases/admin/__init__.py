"""The editors' admin, one module per resource."""
from . import events, parties, people, sources  # noqa: F401  (registers the ModelAdmins)
