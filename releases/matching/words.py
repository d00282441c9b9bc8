"""A word of a name as the matcher sees it: its romanized text, keys and given-name groups."""
from dataclasses import dataclass
from functools import lru_cache

from . import given_names
from .keys import token_keys, tokens

# A group's key is stored beside the words' keys; the prefix keeps the two apart.
GROUP_PREFIX = "="


@dataclass(frozen=True)
class Word:
    text: str                 # romanized, lowercase ASCII
    keys: frozenset[str]
    groups: frozenset[str]

    @property
    def index_keys(self) -> frozenset[str]:
        """What the search index stores for this word: its keys and its given-name groups."""
        return self.keys | {GROUP_PREFIX + group for group in self.groups}


@lru_cache(maxsize=65536)
def word(token: str) -> Word:
    return Word(token, token_keys(token), given_names.groups(token))


def words(text: str) -> list[Word]:
    """The words of a name, in order."""
    return [word(token) for token in tokens(text)]


def index_keys(texts) -> set[str]:
    """Every key the search index stores for a person with these names."""
    return {key for text in texts for w in words(text) for key in w.index_keys}
