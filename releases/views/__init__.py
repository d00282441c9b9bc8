"""Public pages, one module per page family."""
