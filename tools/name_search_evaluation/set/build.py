"""Build the labelled name-search evaluation set: gallery.csv + queries.csv.

Input is hand-written (people.py: given-name equivalences, each person's
native Cyrillic name, its surname in the other languages, hand-collected
press spellings, typos, hard negatives); romanizations are generated from
the Cyrillic with the standard systems' rules (translit.py for Belarusian
and Ukrainian, iuliia for Russian).  Output is deterministic: no randomness,
fixed order, choices rotate by the person's position in PEOPLE.

Rerun (the CSVs are committed, so the project itself never needs iuliia):

    python3 -m venv /tmp/evalvenv && /tmp/evalvenv/bin/pip install -r tools/requirements.txt
    /tmp/evalvenv/bin/python tools/name_search_evaluation/set/build.py
    python3 tools/name_search_evaluation/set/check.py

iuliia 0.13.0 writes a Cyrillic "ё" where its bgn_pcgn, gost_779,
scientific and ala_lc schemas mean the Latin "ë"; roman() corrects that.
build.py prints the count tables that README.md quotes.
"""
import csv
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import iuliia

from people import GIVEN_TABLE, NEGATIVES, PEOPLE, TYPOS
from translit import SYSTEMS, fold, press, strip_diacritics

HERE = Path(__file__).resolve().parent
LANGS = ("be", "ru", "uk")
# Russian: our system name -> iuliia schema.  "press" is English-language
# press usage (iuliia "wikipedia": Yevgeny, Alexei-style ye/yo/-y endings).
RU_SCHEMA = {"bgn_pcgn": "bgn_pcgn", "iso9": "gost_779",
             "passport": "icao_doc_9303", "scientific": "scientific",
             "lc": "ala_lc", "press": "wikipedia"}
NATIVE_SYSTEMS = {
    "be": ["bgn_pcgn", "national", "lacinka", "passport", "iso9",
           "scientific", "lc"],
    "ru": ["bgn_pcgn", "passport", "press", "iso9", "scientific", "lc"],
    "uk": ["national", "bgn_pcgn", "iso9", "scientific", "lc"],
}
# Systems for a cross-language form: the common ones always, then one of
# the scholarly ones in turn.
CROSS_ALWAYS = {"be": ["passport", "bgn_pcgn"], "ru": ["press", "passport"],
                "uk": ["national", "bgn_pcgn"]}
CROSS_ROTATE = {"be": ["national", "lacinka", "iso9", "lc", "scientific"],
                "ru": ["bgn_pcgn", "iso9", "scientific", "lc"],
                "uk": ["iso9", "scientific", "lc"]}
CYRILLIC = re.compile("[\u0400-\u04ff]")
PASSPORT = {"be": "passport", "ru": "passport", "uk": "national"}  # uk: KMU 55


def roman(cyr, lang, system):
    if system == "cyrillic":
        return cyr
    if lang == "ru":
        out = iuliia.schemas.get(RU_SCHEMA[system]).translate(cyr)
        out = out.replace("ё", "ë").replace("Ё", "Ë")  # iuliia 0.13 data bug
    else:
        out = SYSTEMS[(lang, system)](cyr)
    if CYRILLIC.search(out):
        raise ValueError(f"{system} left Cyrillic in {out!r}")
    return unicodedata.normalize("NFC", out)


def load_given():
    given, key_of = {}, {}
    for line in GIVEN_TABLE.strip().splitlines():
        key, forms = line.split(":")
        be, ru, uk = (f.strip() for f in forms.split("/"))
        given[key] = {"be": be.split("=")[0], "ru": ru, "uk": uk}
        for form in be.split("=") + [ru, uk]:
            if key_of.setdefault(form.lower(), key) != key:
                raise ValueError(f"{form} belongs to two given-name keys")
    return given, key_of


GIVEN, KEY_OF = load_given()


def split(name):
    given, _, surname = name.partition(" ")
    return given, surname


def given_key(name):
    given = split(name)[0]
    return KEY_OF.get(given.lower(), fold(given))


def forms(p):
    """Cyrillic full name per language, native language first."""
    native = p["id"][:2]
    key = given_key(p["native"])
    out = {native: p["native"]}
    for lang in LANGS:
        if lang in p["cross"]:
            out[lang] = GIVEN[key][lang] + " " + p["cross"][lang]
    return out


def home(p):
    """Languages whose forms count as the stored name's own (else cross)."""
    langs = {p["id"][:2] if p["store"] == "en" else p["store"]}
    return langs | ({p["id"][:2]} if p["cyr"] else set())


def skeleton(surname):
    """Rough spelling-independent key of a Cyrillic surname, to spot the same
    surname across Belarusian/Russian/Ukrainian (Маўшук = Мовшук, Ціханоўская
    = Тихановская, Дзядок = Дедок, Жамчужны = Жемчужный)."""
    s = surname.lower().replace("дз", "д").replace("дж", "д")
    s = s.translate(str.maketrans("оэєёяіыїюўґц", "аееееиииувгт"))
    s = re.sub("([жшчр])е", r"\1а", re.sub("[ьъ'й]", "", s))
    return re.sub(r"([^аеиу])\1+", r"\1", s)


class QuerySet:
    def __init__(self):
        self.rows, self.owner, self.folded = [], {}, {}
        self.stored = {}  # casefold of every gallery name -> person

    def add(self, query, pid, lang, system, kind):
        query = " ".join(unicodedata.normalize("NFC", query).split())
        key = query.casefold()
        if self.stored.get(key) == pid or self.owner.get(key) == pid:
            return  # its own stored name, or already asked
        for seen in (self.stored, self.owner, self.folded):
            other = seen.get(key if seen is not self.folded else fold(query))
            if other is not None and other != pid:
                raise ValueError(f"{query!r} fits both {pid} and {other!r}")
        self.owner[key] = pid
        self.folded[fold(query)] = pid
        self.rows.append(dict(query=query, person=pid, language=lang,
                              system=system, kind=kind))


def person_queries(qs, i, p, surnames):
    pid, native = p["id"], p["id"][:2]
    own, made = home(p), []
    fm = forms(p)

    def emit(query, lang, system, source, kind=None):
        kind = kind or ("transliteration" if source in own else "cross_language")
        made.append((query, lang, system, source))
        qs.add(query, pid, lang, system, kind)

    for item in p["press"]:  # hand-collected spellings first
        text, lang, *source = item.split("|")
        emit(text, lang, "press", source[0] if source else lang)
    for n, (lang, cyr) in enumerate(fm.items()):
        if lang == native:
            systems = ["cyrillic"] + NATIVE_SYSTEMS[lang]
        else:
            rot = CROSS_ROTATE[lang]
            systems = ["cyrillic"] + CROSS_ALWAYS[lang] + [rot[(i + n) % len(rot)]]
        for system in systems:
            emit(roman(cyr, lang, system), lang, system, lang)
    for target in ("de", "pl", "fr"):  # press conventions of other languages
        emit(press(fm[native], native, target), target, "press", native)
    if native != "ru" and "ru" in fm and i % 2 == 0:
        emit(press(fm["ru"], "ru", "de"), "de", "press", "ru")
    # diacritics stripped from the native national / Łacinka / scientific
    # forms (stripped ISO 9 gives nothing anybody types: "Ulia Navalnaa")
    ascii_from = {"be": ("national", "lacinka"), "ru": ("scientific",),
                  "uk": ("scientific",)}[native]
    for query, lang, system, source in list(made):
        if lang == native and system in ascii_from:
            plain = strip_diacritics(query)
            if plain != query:
                emit(plain, lang, "ascii", source, "no_diacritics")

    # surname first: the stored spelling as in official lists, then in turn
    # the Cyrillic form, a library-catalogue form, or a cross-language form
    given, surname = split(p["stored"])
    qs.add(f"{surname.upper()} {given}", pid, p["store"], "press", "surname_first")
    g, s = split(fm[native])
    other = [lang for lang in fm if fm[lang] != fm[native]]
    if i % 3 == 0:
        qs.add(f"{s} {g}", pid, native, "cyrillic", "surname_first")
    elif i % 3 == 1:
        g2, s2 = split(roman(fm[native], native, "lc"))
        qs.add(f"{s2}, {g2}", pid, native, "lc", "surname_first")
    elif other:
        g2, s2 = split(fm[other[0]])
        qs.add(f"{s2} {g2}", pid, other[0], "cyrillic", "surname_first")
    else:
        g2, s2 = split(roman(fm[native], native, PASSPORT[native]))
        qs.add(f"{s2.upper()} {g2}", pid, native, PASSPORT[native], "surname_first")

    # partial: the surname alone, when that form fits nobody else (a family
    # sharing a surname gets it only where the gendered ending differs)
    if i % 3 == 0 or (i % 3 == 2 and not other):
        alone = (surname, p["store"], "press")
    elif i % 3 == 1:
        alone = (s, native, "cyrillic")
    else:
        lang = other[0]
        alone = (split(roman(fm[lang], lang, PASSPORT[lang]))[1], lang, PASSPORT[lang])
    text, lang, system = alone
    if not any(fold(text) in surnames[q["id"]] for q in PEOPLE if q is not p):
        qs.add(text, pid, lang, system, "partial")
    # partial: given name + first letters of the surname (4 or more, as many
    # as needed so that nobody else with that given name matches)
    pairs = [(given, surname, p["store"], "press")]
    if i % 2:
        pairs.append((g, s, native, "cyrillic"))
    key = given_key(p["native"])
    rivals = set().union(*(surnames[q["id"]] for q in PEOPLE
                           if q is not p and given_key(q["native"]) == key))
    for g2, s2, lang, system in pairs:
        for n in range(4, len(s2)):
            prefix = fold(s2[:n])
            if not any(r.startswith(prefix) for r in rivals):
                qs.add(f"{g2} {s2[:n]}", pid, lang, system, "partial")
                break
    if pid in TYPOS:
        qs.add(TYPOS[pid], pid, p["store"], "typo", "typo")


def surname_variants(p):
    out = {fold(split(p["stored"])[1])}
    for lang, cyr in forms(p).items():
        out.add(fold(split(cyr)[1]))
        for system in NATIVE_SYSTEMS[lang]:
            out.add(fold(split(roman(cyr, lang, system))[1]))
    out.update(fold(split(t.split("|")[0])[1]) for t in p["press"])
    return out


def negatives(qs):
    identities = {(given_key(cyr), skeleton(split(cyr)[1])): p["id"]
                  for p in PEOPLE for cyr in forms(p).values()}
    rows = []
    for line in NEGATIVES.strip().splitlines():
        if line.startswith("#"):
            continue
        text, lang, system = line.split("|")
        if CYRILLIC.search(text):
            ident = (given_key(text), skeleton(split(text)[1]))
            if ident in identities:
                raise ValueError(f"negative {text} is {identities[ident]}")
            text = roman(text, lang, system)
        if fold(text) in qs.folded or text.casefold() in qs.stored:
            raise ValueError(f"negative {text!r} equals a positive query")
        if any(fold(text) == fold(r["query"]) for r in rows):
            raise ValueError(f"negative {text!r} twice")
        rows.append(dict(query=text, person="", language=lang, system=system,
                         kind="negative"))
    return rows


def gallery_rows():
    rows = []
    for p in PEOPLE:
        rows.append(dict(person=p["id"], name=p["stored"], language=p["store"]))
        if p["cyr"]:
            rows.append(dict(person=p["id"], name=p["native"],
                             language=p["id"][:2]))
    return rows


def write(name, fields, rows):
    with open(HERE / name, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def table(title, counter, total=None):
    lines = [f"| {title} | queries |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in sorted(counter.items(),
                                                    key=lambda kv: (-kv[1], kv[0]))]
    if total is not None:
        lines.append(f"| total | {total} |")
    return "\n".join(lines)


def crosstab(rows):
    langs = [l for l in ("be", "ru", "uk", "en", "de", "pl", "fr", "lt")
             if any(r["language"] == l for r in rows)]
    systems = sorted({r["system"] for r in rows})
    count = Counter((r["system"], r["language"]) for r in rows)
    lines = ["| system \\ language | " + " | ".join(langs) + " |",
             "| --- |" + " ---: |" * len(langs)]
    for s in systems:
        lines.append(f"| {s} | " + " | ".join(str(count[s, l] or "")
                                             for l in langs) + " |")
    return "\n".join(lines)


def main():
    gallery = gallery_rows()
    qs = QuerySet()
    for row in gallery:
        qs.stored[row["name"].casefold()] = row["person"]
        qs.folded.setdefault(fold(row["name"]), row["person"])
    surnames = {p["id"]: surname_variants(p) for p in PEOPLE}
    for i, p in enumerate(PEOPLE):
        person_queries(qs, i, p, surnames)
    neg = negatives(qs)
    write("gallery.csv", ["person", "name", "language"], gallery)
    write("queries.csv", ["query", "person", "language", "system", "kind"],
          qs.rows + neg)

    pos = qs.rows
    people = Counter(p["id"][:2] for p in PEOPLE)
    sexes = Counter(p["sex"] for p in PEOPLE)
    print(f"gallery: {len(PEOPLE)} people ({dict(people)}; {dict(sexes)}), "
          f"{len(gallery)} rows ({dict(Counter(r['language'] for r in gallery))})")
    print(f"queries: {len(pos)} positive, {len(neg)} hard negative\n")
    print(table("positive: language", Counter(r["language"] for r in pos), len(pos)))
    print()
    print(table("positive: system", Counter(r["system"] for r in pos), len(pos)))
    print()
    print(table("positive: kind", Counter(r["kind"] for r in pos), len(pos)))
    print()
    print(table("negative: language", Counter(r["language"] for r in neg), len(neg)))
    print()
    print(table("negative: system", Counter(r["system"] for r in neg), len(neg)))
    print()
    print(crosstab(pos))
    hand = {t.split("|")[0] for p in PEOPLE for t in p["press"]}
    print(f"\npress: {sum(r['query'] in hand for r in pos)} hand-collected, "
          f"{sum(r['system'] == 'press' and r['query'] not in hand for r in pos)}"
          " from the stored spelling or a press convention")
    per_person = Counter(r["person"] for r in pos)
    print(f"\nqueries per person: min {min(per_person.values())}, "
          f"max {max(per_person.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
