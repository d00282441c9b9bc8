"""Given names that are one name in several languages (Alena = Elena = Olena), read from the
table ``data/given_names.csv`` (see ``data/README.md``).

Every form in the table, Cyrillic or Latin, is keyed with ``keys.token_keys``, so a spelling
the table never lists still finds its group when it shares a key with a listed form.
"""
import csv
from functools import lru_cache
from pathlib import Path

from .keys import token_keys, tokens

TABLE = Path(__file__).with_name("data") / "given_names.csv"


@lru_cache(maxsize=1)
def groups_by_key() -> dict[str, frozenset[str]]:
    """Each key of a listed form -> the groups (usually one) it belongs to."""
    found: dict[str, set[str]] = {}
    with TABLE.open(encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table):
            for token in tokens(row["name"]):
                for key in token_keys(token):
                    found.setdefault(key, set()).add(row["group"])
    return {key: frozenset(groups) for key, groups in found.items()}


def groups(token: str) -> frozenset[str]:
    """The given-name groups of one romanized token; empty if it is not a listed given name."""
    table = groups_by_key()
    return frozenset().union(*(table.get(key, frozenset()) for key in token_keys(token)))
