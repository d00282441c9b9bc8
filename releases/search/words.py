"""A word of a name as the matcher sees it: its romanized text, keys and given-name groups."""
from dataclasses import dataclass
from functools import lru_cache

from . import given_names
from .keys import coarse_keys, token_keys, tokens_with_script

# Coarse keys and given-name groups are stored beside the words' keys; a prefix keeps them apart.
COARSE_PREFIX = "~"
GROUP_PREFIX = "="
TEXT_PREFIX = "^"  # the romanized word itself, for partial words typed in the stored spelling


@dataclass(frozen=True)
class Word:
    text: str                 # romanized, lowercase ASCII
    keys: frozenset[str]
    coarse: frozenset[str]
    groups: frozenset[str]

    @property
    def index_keys(self) -> frozenset[str]:
        """What the search index stores for this word: its keys, coarse keys and groups."""
        return (self.keys | {COARSE_PREFIX + key for key in self.coarse}
                | {GROUP_PREFIX + group for group in self.groups} | {TEXT_PREFIX + self.text})


@lru_cache(maxsize=65536)
def word(token: str, native: bool = False) -> Word:
    return Word(token, token_keys(token, native), coarse_keys(token, native), given_names.groups(token))


def words(text: str) -> list[Word]:
    """The words of a name, in order."""
    return [word(token, native) for token, native in tokens_with_script(text)]


def index_keys(texts) -> set[str]:
    """Every key the search index stores for a person with these names."""
    return {key for text in texts for w in words(text) for key in w.index_keys}
