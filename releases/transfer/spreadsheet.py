"""Cells that stay text in a spreadsheet: the guard every CSV the tracker writes (the public CSV
and the editors' import files) puts on a cell, and the import takes off again."""

# Cells starting with these are formulas to a spreadsheet: prefix them so they stay text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """``value`` as CSV text, with a leading ``'`` where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unguarded(text):
    """A CSV cell without the ``'`` that ``cell()`` put before a formula-like text."""
    stripped = text.strip()
    if stripped[:1] == "'" and stripped[1:2] and stripped[1] in FORMULA_PREFIXES:
        return stripped[1:]
    return text
