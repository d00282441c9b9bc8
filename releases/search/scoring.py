"""How well a query matches a stored name, and why: the ranking behind every name search.

Each query word is paired with a different word of the stored name, the best pairing wins.
A pair scores by how it matches, strongest first:

=====================  ======  ===============================================================
same spelling          1.00    identical once folded to ASCII (Maŭšuk = Mausuk... = Maushuk)
same name              0.92    same key: another script, system or language form (Movshuk)
same given name        0.85    listed as one name in several languages (Alena = Yelena)
same without marks     0.82    same coarse key: š, č, ž stripped to s, c, z (Mausuk)
similar spelling       ≤0.78   a key one or two letters away, on long words only
two letters swapped    0.75    a typing slip (Loisk for Losik)
begins with            ≤0.80   a partial word of four letters or more
=====================  ======  ===============================================================

Every query word must find a pair: "Pavel Maushuk" does not match "Alena Maushuk". Only a
query of three words or more may leave one word unpaired, and only a patronymic (Mikalaeuna,
Nikolayevich), which records often lack; at a cost.
A stored word the query did not mention lowers the score a little, so "Maushuk" ranks the
person named just "Maushuk" above "Alena Maushuk", and both above nobody.
"""
import re
from dataclasses import dataclass
from itertools import permutations

from rapidfuzz.distance import OSA, Levenshtein

from .words import Word, words

SAME_SPELLING, SAME_NAME, SAME_GIVEN_NAME, SAME_COARSE = 1.0, 0.92, 0.85, 0.82
PREFIX_MIN_LETTERS = 4
# Edit distance allowed between keys, by the shorter key's length: a one-letter slip in a long
# surname is a typo; in a five-letter one it is often another family (Losik, Lesik, Lysik).
# Never across a final -a, which tells a woman's surname from a man's.
FUZZY_STEPS = ((13, 2), (10, 1))
UNPAIRED_WORD_COST = 0.95
PARTIAL = "beginning of the name"
# Belarusian, Russian and Ukrainian patronymic endings, romanized: -avich/-evich/-ovych,
# -aŭna/-eŭna, -ovna/-evna/-ivna, -ichna.
PATRONYMIC = re.compile(r"(?:[aeoi]v[iy]ch|[aeoi]vi[cč]|[aeoi]wi[cč]z?|[aeoiy][uvw]na|ichna|ychna)$")


@dataclass(frozen=True)
class Pair:
    query: str
    stored: str
    how: str
    score: float

    @property
    def partial(self) -> bool:
        return self.how == PARTIAL

    def __str__(self):
        return f"“{self.query}” ~ “{self.stored}”: {self.how}"


@dataclass(frozen=True)
class NameMatch:
    name: str
    score: float
    pairs: tuple[Pair, ...]

    @property
    def reasons(self) -> list[str]:
        return [str(pair) for pair in self.pairs]


def allowed_distance(length: int) -> int:
    return next((distance for minimum, distance in FUZZY_STEPS if length >= minimum), 0)


def compare(query: Word, stored: Word) -> Pair | None:
    """How one query word matches one stored word, or None."""
    def pair(how, score):
        return Pair(query.text, stored.text, how, score)

    if query.text == stored.text:
        return pair("same spelling", SAME_SPELLING)
    if query.keys & stored.keys:
        return pair("same name, another spelling or language form", SAME_NAME)
    if query.groups & stored.groups:
        return pair("the same given name in another language", SAME_GIVEN_NAME)
    if query.coarse & stored.coarse:
        return pair("same name, written without diacritics", SAME_COARSE)
    if len(query.text) >= PREFIX_MIN_LETTERS and len(query.text) < len(stored.text) and (
        stored.text.startswith(query.text)
        # By key (Movsh… of Maushuk) only from five letters: shorter keys begin too many names.
        or len(query.text) > PREFIX_MIN_LETTERS
        and any(sk.startswith(qk) for qk in query.keys for sk in stored.keys)
    ):
        return pair(PARTIAL, 0.5 + 0.3 * len(query.text) / len(stored.text))
    for qk in query.keys:
        for sk in stored.keys:
            if min(len(qk), len(sk)) >= 5 and OSA.distance(qk, sk, score_cutoff=1) == 1 \
                    and Levenshtein.distance(qk, sk) == 2:
                return pair("two letters swapped", 0.75)
    best = None
    for qk in query.keys:
        for sk in stored.keys:
            if qk.endswith("a") != sk.endswith("a"):
                continue  # the woman's and the man's form of a surname: Tsikhanouskaya, -ski
            limit = allowed_distance(min(len(qk), len(sk)))
            if limit and (distance := Levenshtein.distance(qk, sk, score_cutoff=limit)) <= limit:
                best = min(best, distance) if best is not None else distance
    if best is not None:
        return pair(f"similar spelling ({best} letter{'s' if best > 1 else ''} apart)", 0.78 - 0.06 * best)
    return None


def best_pairing(query: list[Word], stored: list[Word]) -> list[Pair | None]:
    """For each query word, its pair in the stored name (each stored word used once)."""
    table = [[compare(q, s) for s in stored] for q in query]
    if len(query) <= 4 and len(stored) <= 6 and len(query) <= len(stored) + 1:
        best, best_total = None, -1.0
        slots = [*range(len(stored)), None]  # None: the one word a long query may leave unpaired
        for assignment in permutations(slots, len(query)):
            pairs = [table[i][j] if j is not None else None for i, j in enumerate(assignment)]
            total = sum(p.score for p in pairs if p)
            if total > best_total:
                best, best_total = pairs, total
        return best
    used, pairs = set(), []  # a long name: greedy is good enough
    for row in table:
        options = [(p.score, j) for j, p in enumerate(row) if p and j not in used]
        if options:
            score, j = max(options)
            used.add(j)
            pairs.append(row[j])
        else:
            pairs.append(None)
    return pairs


def match_words(query: list[Word], name: str) -> NameMatch | None:
    """The match of a query (already split into words) against one stored name, or None."""
    stored = words(name)
    if not query or not stored:
        return None
    pairs = best_pairing(query, stored)
    unpaired = [w for w, p in zip(query, pairs) if p is None]
    if unpaired and (len(unpaired) > 1 or len(query) < 3 or not PATRONYMIC.search(unpaired[0].text)):
        return None
    found = [p for p in pairs if p]
    score = sum(p.score for p in found) / (len(query) - len(unpaired)) * (UNPAIRED_WORD_COST if unpaired else 1)
    coverage = len(found) / len(stored)
    return NameMatch(name, round(score * (0.9 + 0.1 * coverage), 4), tuple(found))


def match(query: str, name: str) -> NameMatch | None:
    return match_words(words(query), name)
