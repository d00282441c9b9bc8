"""Search keys for personal names: any script, any romanization -> comparable ASCII keys.

A name is split into tokens; each token becomes

* its **romanized** form: the letters as written, folded to lowercase ASCII (``anyascii``
  does Cyrillic and diacritics, after the Slavic digraph letters are spelled out), and
* one or more **keys**: the romanized form with the differences that romanization systems and
  the Belarusian/Russian/Ukrainian forms of one name make removed (see ``RULES``). Two
  spellings of the same name share a key: Maushuk/Movshuk/Маўшук/Мовшук -> ``mavshuk``,
  Shugaev/Shugayev/Шугаеў -> ``shugaev``, Tsikhanouskaya/Тихановская/Cichanoŭskaja -> one key.

"ch" is read both ways (English ч, Polish/Czech/Łacinka х), so a token may have two keys.
The rules are ordered; each line says which spellings it joins. They work on whole names
only: they are not a transliteration (``anyascii`` is) but an equivalence for matching.
"""
import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Latin letters with diacritics that stand for a Cyrillic letter (ISO 9, Łacinka, Belarusian
# and Ukrainian national systems). anyascii would fold "š" to "s" and lose the sound, so they
# are spelled out first, as the English-language systems spell them ("č" as "tch", which,
# unlike "ch", can only be ч).
SPELLED_OUT = {
    "š": "sh", "č": "tch", "ž": "zh", "ŝ": "shch", "ć": "c", "ś": "s", "ź": "z", "ń": "n",
    "ĺ": "l", "ł": "l", "ŭ": "w", "â": "ya", "û": "yu", "ê": "ye", "ï": "i", "ë": "e",
    "è": "e", "ě": "ye", "ř": "rzh", "ý": "y", "ь": "", "ъ": "",
    # Soft and hard signs as romanized (ISO 9 primes, LC quotes), and LC's tie bars: part of
    # the word, not a break in it.
    "ʹ": "", "ʺ": "", "ʼ": "", "'": "", "’": "", "‘": "", "”": "", "“": "", "`": "", "´": "",
    "\u0361": "", "\u0360": "",
}
SPELL_OUT = re.compile("|".join(map(re.escape, SPELLED_OUT)))
NOT_A_LETTER = re.compile(r"[^a-z]+")
CYRILLIC = re.compile("[\u0400-\u04ff]")
WORD_BREAK = re.compile(r"[\s\-‐–—/,.;:()]+")

# Ordered rewrite rules on a romanized token. Upper-case letters are key symbols (S ш, C ч,
# Z ж, G г/х/h, J a glide, I a final -ia), so a later rule never rewrites what an earlier
# one produced; SYMBOLS turns them into lowercase letters at the end.
RULES = [
    # ш, ч, ж, щ in English, German and Polish spellings: Schugajew, Łukaszenka, Statkiewicz.
    (r"shch|szcz", "SC"),
    (r"tsch|tch|cz", "C"),
    (r"sch|sz|sh", "S"),
    (r"ch", "C"),                 # 'ch' that may be х was rewritten 'kh' (see token_keys)
    (r"zh|rz", "Z"),
    (r"gu(?=[ei])", "g"),         # French gu: Sergueï
    (r"kh|gh|h|g", "G"),          # Belarusian/Ukrainian h = Russian g (Ihar/Igor); х as kh or h
    (r"x", "ks"),
    (r"ph", "f"),
    (r"w", "v"),                  # Polish/German w = v; Łacinka ŭ arrives as w
    (r"ts|tz|c", "c"),            # ц: ts, tz, c
    (r"q", "k"),
    (r"(?<=[^aeiou])[iyj]+a$", "Ia"),           # Maria = Mariya = Maryia = Marija
    # Glides and iotated vowels: Shugayev = Shugaev, Yury = Iury = Jury, Yelena = Elena.
    (r"(?<=[aeiou])[iyj](?=[aeiou])", "J"),
    (r"^[iyj](?=[aeou])", "J"),
    (r"J(?=e)", ""),
    # ц/дз before a soft vowel are Belarusian for Russian т/д: Tsikhanouski = Tikhanovsky.
    (r"c(?=[iy]|[iyj][aeou]|e)", "t"),
    (r"dz(?=[iy]|[iyj][aeou]|e)", "d"),
    (r"(?<=[^aeiouJI])[iyj]+[ao]", "e"),        # Belarusian я, ё for Russian е: Bialiatski,
                                                # Siarhei = Sergei, Fyodorov = Fedorov
    (r"(?<=[^aeiouJI])[iyj]+(?=[eu])", ""),     # ie/ye/je, iu/yu/ju after a consonant
    (r"(?:ii|iy|yy|ij|yj|yi|y|i)$", "i"),        # -ii/-iy/-yy/-ij/-y endings: Yurii = Yury
    (r"(?<=[aeiou])[iyj]$", "i"),                # -ei/-ey/-ej: Siarhei = Sergey
    (r"y", "i"),                                 # ы
    (r"aJa$", "a"),                              # -aya/-aja/-a: Tsikhanouskaya = Cichanouska
    (r"(?<=[aeiou])u(?=[^aeiouJI]|$)", "v"),     # ў: Maushuk = Movshuk, Shugaeu = Shugaev
    (r"o", "a"),                                 # Belarusian akanne: Kalesnikava = Kolesnikova
    (r"([^aeiou])\1+", r"\1"),                  # doubled consonants: Hanna = Hana
]
LONE_CH = re.compile(r"(?<!s)(?<!t)(?<!sh)ch")
FRENCH_OU = re.compile(r"ou")
GERMAN = re.compile(r"ss|s(?=[aeiouyj])|z")
BARE_C = re.compile(r"c(?![hkz])")
LACINKA_SOFT_L = re.compile(r"l(?=[au])")
COMPILED = [(re.compile(pattern), replacement) for pattern, replacement in RULES]
# Stored keys are lowercase ASCII (so prefix ranges work under any collation): each symbol
# becomes a letter the rules have already removed from keys.
SYMBOLS = str.maketrans({"S": "x", "C": "q", "Z": "w", "G": "h", "J": "j", "I": "y"})


def romanize(text: str) -> str:
    """The text in lowercase ASCII letters and single spaces; Slavic digraph letters spelled
    out (``Maŭšuk`` -> ``maushuk``, ``Маўшук`` -> ``maushuk``)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = SPELL_OUT.sub(lambda match: SPELLED_OUT[match.group()], text)
    return NOT_A_LETTER.sub(" ", anyascii(text).lower()).strip()


def tokens(text: str) -> list[str]:
    """The romanized words of a name, in order."""
    return romanize(text).split()


# No word of a real name is this long. Keys must fit NameKey.key (100 characters): a reading
# can double a word's length (x as kh), plus a one-character prefix. A longer word (a name of
# 150 letters, a pasted string) is matched on its first 48 letters, as typed or stored.
MAX_WORD = 48


def tokens_with_script(text: str) -> list[tuple[str, bool]]:
    """The romanized words of a name, each with whether it was written in Cyrillic (whose
    romanization by anyascii is unambiguous: it needs no alternative readings)."""
    return [(token[:MAX_WORD], bool(CYRILLIC.search(part)))
            for part in WORD_BREAK.split(text) for token in tokens(part)]


def _apply(token: str) -> str:
    for pattern, replacement in COMPILED:
        token = pattern.sub(replacement, token)
    return token.translate(SYMBOLS)


def german(token: str) -> str:
    """German spelling read as German: z is ц, s before a vowel з, ss с (Senkowitsch)."""
    return GERMAN.sub(lambda m: {"ss": "s", "z": "ts"}.get(m.group(), "z"), token)


def readings(token: str) -> set[str]:
    """The ways a romanized token may be read: 'ch' as ч (English), х (Polish, Czech,
    Łacinka, German) or ш (French); 'x' as кс (English) or х (ISO 9, scientific); 'ou' as
    о+ў (Belarusian) or у (French); s and z as in English or in German."""
    found = {token}
    if LONE_CH.search(token):
        found |= {LONE_CH.sub("kh", token), LONE_CH.sub("sh", token)}
    if "x" in token:
        found |= {reading.replace("x", "kh") for reading in found}
    if "ou" in token:
        found |= {FRENCH_OU.sub("u", reading) for reading in found}
    if "s" in token or "z" in token:
        found |= {german(reading) for reading in found}
    if BARE_C.search(token):
        found |= {BARE_C.sub("ch", reading) for reading in found}  # č with its mark stripped
    if LACINKA_SOFT_L.search(token):
        found.add(LACINKA_SOFT_L.sub("li", token))  # Łacinka: la is ля (Bialacki), ła is ла
    return found


@lru_cache(maxsize=65536)
def token_keys(token: str, native: bool = False) -> frozenset[str]:
    """The keys of one romanized token, one per reading (one only if it was Cyrillic)."""
    return frozenset(_apply(reading) for reading in ({token} if native else readings(token)))


# A coarser key: ш, ч, ж as s, c, z (what a stripped š, č, ž leaves: Mausuk, Cekina, Zamcuzny)
# and no silent h before a consonant (Nuhfer = Nufer).
COARSE = str.maketrans({"x": "s", "q": "c", "w": "z"})
SILENT_H = re.compile(r"(?<=[aeiou])h(?=[^aeiou]|$)")


@lru_cache(maxsize=65536)
def coarse_keys(token: str, native: bool = False) -> frozenset[str]:
    return frozenset(SILENT_H.sub("", key.translate(COARSE)) for key in token_keys(token, native))
