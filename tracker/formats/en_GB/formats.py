"""Dates as editors type them (FORMAT_MODULE_PATH; the rest of en_GB is Django's own).

Accepted: ISO (2025-06-21), day first with dots (21.06.2025), and the month in words
(21 June 2025, 21 Jun 2025). Not accepted: slashes, which Britain reads day first and the US
month first, so that "02/12/2025" copied from a report is never silently read the wrong way;
the admin's date field says how to write it instead (releases/admin/dates.py). ISO comes first,
so the admin's calendar writes ISO and a stored date is shown as ISO.
"""
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d %B %Y", "%d %b %Y"]
