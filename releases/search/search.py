"""Finding people by any spelling of their names, best matches first.

Two steps. The database finds *candidates* (``NameKey``, B-tree): people with a stored key
equal to each query word's key, coarse key or given-name group, or beginning with a partial
word; when nobody has every word, people with some of them and, on PostgreSQL, with a term
trigram-similar to a long word (``SearchTerm``, ``pg_trgm`` GIN index). Python then *scores*
the candidates' names (``scoring``) and keeps those where every query word found its pair.
SQLite finds every variant that shares a key; PostgreSQL also finds misspelt long words.
"""
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from releases.models import NameKey, Party, Prisoner, PrisonerName, SearchTerm

from .scoring import PATRONYMIC, PREFIX_MIN_LETTERS, NameMatch, match_words
from .words import TEXT_PREFIX, Word, words

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
# How many candidates are scored, and how many results a search returns at most: a name
# search is for finding someone, not for listing everyone called Aliaksandr.
CANDIDATES = 400
MAX_RESULTS = 200
TRIGRAM_MIN_LETTERS = 9  # scoring accepts a misspelling only in a long word
DRIVER_LIMIT = 5000
TRIGRAM_THRESHOLD = 0.45


@dataclass(frozen=True)
class Hit:
    prisoner_id: int
    score: float
    match: NameMatch


def prefix_range(prefix: str) -> Q:
    """Keys beginning with ``prefix`` as a range, which a B-tree index serves on any engine
    and in any collation (keys are lowercase ASCII letters)."""
    stem = prefix.rstrip("z")
    if not stem:
        return Q(key__gte=prefix)
    return Q(key__gte=prefix, key__lt=stem[:-1] + chr(ord(stem[-1]) + 1))


def word_condition(word: Word, fuzzy: bool = False) -> Q:
    """Stored keys that may pair with this query word (scoring decides whether they do);
    ``fuzzy`` adds, on PostgreSQL, keys trigram-similar to the word's."""
    condition = Q(key__in=sorted(word.index_keys))
    if len(word.text) >= PREFIX_MIN_LETTERS:
        # A partial word: the beginning of a stored spelling ("Tsik" of "Tsikhanouski"), or of
        # a key in another system ("Movsh" of Maushuk). It may end half-way through a
        # letter's spelling, so the key's last letter is dropped; scoring checks the rest.
        condition |= prefix_range(TEXT_PREFIX + word.text)
        condition |= reduce(or_, (prefix_range(key if len(key) <= 3 else key[:-1])
                                  for key in word.keys if len(key) >= 3), Q(pk__in=[]))
    if fuzzy and connection.vendor == "postgresql" and len(word.text) >= TRIGRAM_MIN_LETTERS:
        similar = reduce(or_, (Q(key__trigram_similar=key) for key in word.keys))
        condition |= Q(key__in=SearchTerm.objects.filter(similar).values("key"))
    return condition


def required_words(query: list[Word]) -> list[Word]:
    """The words every match must pair: all of them, but for a patronymic in a long query."""
    if len(query) < 3:
        return query
    return [word for word in query if not PATRONYMIC.search(word.text)] or query


def candidate_ids(query: list[Word], people) -> list[int]:
    """Ids of people to score: those with a key near every required word, found from the
    word likely to be rarest (not a given name, the longest); if there are none, people near
    some of the words or, on PostgreSQL, with a term trigram-similar to a long word, so that
    scoring can accept a misspelt word (Ihar Loisk, Tsikhanouskaa)."""
    required = sorted(required_words(query), key=lambda word: (bool(word.groups), -len(word.text)))
    driver, *others = required
    # The driver's people first, in a query of their own: given the whole join, the planner
    # may start from a common given name and probe the rest for each of its thousands.
    # No DISTINCT in SQL (ids are deduplicated here): to return distinct ids, SQLite read the
    # whole key table in prisoner order when a word has many readings (8 s at 11M keys).
    rows = NameKey.objects.filter(word_condition(driver)).order_by().values_list("prisoner", flat=True)
    driven = list(dict.fromkeys(rows[:DRIVER_LIMIT * 4]))[:DRIVER_LIMIT]
    if driven:
        rows = people.filter(pk__in=driven).filter(
            *[Exists(NameKey.objects.filter(prisoner=OuterRef("pk")).filter(word_condition(word)))
              for word in others])
        if ids := list(rows.order_by().values_list("pk", flat=True)[:CANDIDATES]):
            return ids
        if len(query) == 1:
            return []
    # Nobody has every word: people with some of them, or (PostgreSQL) with a term
    # trigram-similar to a long word, for scoring to try the misspelt words on.
    conditions = [word_condition(word, fuzzy=True) for word in query]
    rows = NameKey.objects.filter(reduce(or_, conditions)).order_by().values_list("prisoner", flat=True)
    return list(dict.fromkeys(rows[:CANDIDATES * 4]))[:CANDIDATES]  # no DISTINCT: stop early


def names_of(prisoner_ids, people) -> dict[int, list[str]]:
    """Every name of those of these people who are among ``people``, in one query."""
    if not prisoner_ids:
        return {}
    chosen = people.filter(pk__in=prisoner_ids).order_by()
    preferred = chosen.values_list("pk", "preferred_name")
    other = (PrisonerName.objects.filter(prisoner__in=chosen.values("pk")).order_by()
             .values_list("prisoner", "text"))
    names: dict[int, list[str]] = {}
    for pk, text in preferred.union(other, all=True):
        names.setdefault(pk, []).append(text)
    return names


def set_trigram_threshold(sender, connection, **kwargs):
    """Once per PostgreSQL connection: how similar a key must be for ``%`` (the operator the
    GIN index serves) to call it similar."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET pg_trgm.similarity_threshold = %s", [TRIGRAM_THRESHOLD])


def query_words(text: str) -> list[Word]:
    return words(text[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]


def rank(hits) -> list[Hit]:
    return sorted(hits, key=lambda hit: (-hit.score, hit.match.name, hit.prisoner_id))[:MAX_RESULTS]


def search_prisoners(text: str, people=None) -> list[Hit]:
    """People among ``people`` (default: everyone published) matching ``text``, best first.

    Two queries: candidates and their names; one more when no candidate pairs every word
    (and one fewer when nobody is found at all)."""
    query = query_words(text)
    if not query:
        return []
    if people is None:
        people = Prisoner.objects.published()
    hits = []
    for pk, texts in names_of(candidate_ids(query, people), people).items():
        matches = [m for m in (match_words(query, name) for name in texts) if m]
        if matches:
            best = max(matches, key=lambda m: m.score)
            hits.append(Hit(pk, best.score, best))
    return rank(hits)


def rank_order(ids, after=0):
    """An ORDER BY expression putting ``ids`` first, in their order (others at ``after``)."""
    if not ids:
        return Value(after)
    return Case(*[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)],
                default=Value(after), output_field=IntegerField())


def by_rank(queryset, hits):
    """``queryset`` narrowed to the hits, in their order."""
    ids = [hit.prisoner_id for hit in hits]
    return queryset.filter(pk__in=ids).order_by(rank_order(ids), "pk")


def matching_parties(text: str):
    """Published parties any of whose names contains ``text``, or whose position does."""
    return Party.objects.published().filter(
        Q(name__icontains=text) | Q(names__text__icontains=text) | Q(position__icontains=text)
    ).distinct()
