"""Is a person being entered already in the tracker? Candidates, with why they match."""
from dataclasses import dataclass

from releases.models import Prisoner

from .search import search_prisoners

# A candidate must match this well on whole words: a name that merely begins like another,
# or that leaves a word unpaired, is no reason to stop an editor.
DUPLICATE_MIN_SCORE = 0.8
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Candidate:
    prisoner: Prisoner
    matched_name: str
    score: float
    reasons: list[str]


def likely_duplicates(names, exclude=None) -> list[Candidate]:
    """People (drafts included: editors see them) whose names likely match any of ``names``,
    best first; ``exclude`` is the id of the record being edited."""
    everyone = Prisoner.objects.exclude(pk=exclude) if exclude else Prisoner.objects.all()
    best = {}
    for name in filter(None, names):
        for hit in search_prisoners(name, everyone):
            strong = hit.score >= DUPLICATE_MIN_SCORE and not any(p.partial for p in hit.match.pairs)
            if strong and (hit.prisoner_id not in best or hit.score > best[hit.prisoner_id].score):
                best[hit.prisoner_id] = hit
    ranked = sorted(best.values(), key=lambda hit: -hit.score)[:MAX_CANDIDATES]
    people = Prisoner.objects.in_bulk([hit.prisoner_id for hit in ranked])
    return [Candidate(people[hit.prisoner_id], hit.match.name, hit.score, hit.match.reasons)
            for hit in ranked]
