"""Romanization tables for Belarusian and Ukrainian, plus press-style
transcription into German, Polish and French.  Russian goes through iuliia
(see build.py).  Used only by build.py to produce the evaluation CSVs.

Table syntax: "key=value|key=value|...".  A key is one or more lowercase
Cyrillic letters (longest match wins); a key ending in "$" matches only at
the end of a word.  A value may be "a,b" or "a,b,c": the first form is used
at the start of a word, the second after a "trigger" letter (usually a
vowel, soft sign or apostrophe; set per table), the last after a consonant.
"""
import re
import unicodedata

CYR_VOWELS = "аеёиоуыэюяіїє"

# BGN/PCGN 1979 Belarusian (US Board on Geographic Names / UK PCGN).  No
# positional rules: е=ye, ё=yo, ю=yu, я=ya everywhere; ў=w; optional
# interpunct rules (z·h, t·s) are not applied.
BE_BGN = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=ye|ё=yo|ж=zh|з=z|і=i|й=y|к=k|л=l|м=m|"
          "н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=w|ф=f|х=kh|ц=ts|ч=ch|ш=sh|ы=y|ь=’|"
          "э=e|ю=yu|я=ya|'=”")
# Belarus national system: Instruction on transliteration of Belarusian
# geographical names (State Committee on Land Resources 2000, as amended
# 11 June 2007; adopted by UNGEGN 2007).  je/jo/ju/ja word-initially and
# after a vowel, apostrophe, ь or ў, else ie/io/iu/ia; soft sign as acute.
BE_NATIONAL = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=je,ie|ё=jo,io|ж=ž|з=z|і=i|й=j|к=k|"
               "л=l|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=ŭ|ф=f|х=ch|ц=c|ч=č|ш=š|"
               "ы=y|ь=ʹ|э=e|ю=ju,iu|я=ja,ia|'=|зь=ź|ль=ĺ|нь=ń|сь=ś|ць=ć")
# Łacinka, the classical Belarusian Latin alphabet (as written today by
# Nasha Niva / Radio Svaboda): ł for hard л, l before soft vowels and for
# ль; ś ź ń ć for soft consonants; no Ĺ (that letter is the 2007 system's).
BE_LACINKA = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=je,ie|ё=jo,io|ж=ž|з=z|і=i|й=j|к=k|"
              "л=ł|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=ŭ|ф=f|х=ch|ц=c|ч=č|ш=š|"
              "ы=y|ь=|э=e|ю=ju,iu|я=ja,ia|'=|зь=ź|нь=ń|сь=ś|ць=ć|ль=l|ле=le|"
              "лё=lo|лю=lu|ля=la|лі=li")
# Belarusian passport: ICAO Doc 9303 part 3 transliteration as applied by
# the Belarus MVD (Instruction of 28 June 2010 No. 200): Г=H, Ў=U, Й=I,
# Ю=IU, Я=IA, soft sign and apostrophe dropped ("Mikalai", "Maryia").
BE_PASSPORT = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=e|ё=io|ж=zh|з=z|і=i|й=i|к=k|л=l|"
               "м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=u|ф=f|х=kh|ц=ts|ч=ch|ш=sh|"
               "ы=y|ь=|э=e|ю=iu|я=ia|'=")
# ISO 9:1995 (= GOST 7.79-2000 system A), Belarusian letters.
BE_ISO9 = ("а=a|б=b|в=v|г=g|ґ=g̀|д=d|е=e|ё=ë|ж=ž|з=z|і=ì|й=j|к=k|л=l|м=m|"
           "н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=ǔ|ф=f|х=h|ц=c|ч=č|ш=š|ы=y|ь=ʹ|"
           "э=è|ю=û|я=â|'=ʼ")
# Scientific (scholarly / international linguistic) transliteration.
BE_SCIENTIFIC = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=e|ё=ë|ж=ž|з=z|і=i|й=j|к=k|л=l|"
                 "м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=ŭ|ф=f|х=x|ц=c|ч=č|ш=š|"
                 "ы=y|ь=ʹ|э=è|ю=ju|я=ja|'=")
# ALA-LC Belarusian romanization table (Library of Congress, 2012).
BE_LC = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=e|ё=i͡o|ж=z͡h|з=z|і=i|й=ĭ|к=k|л=l|м=m|"
         "н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=ŭ|ф=f|х=kh|ц=ts|ч=ch|ш=sh|ы=y|ь=ʹ|"
         "э=ė|ю=i͡u|я=i͡a|'=")

# Ukraine national system: Cabinet of Ministers resolution No. 55 of
# 27 January 2010 (also used in passports).  Ye/Yi/Y/Yu/Ya only at the
# start of a word, else ie/i/i/iu/ia; зг=zgh; soft sign, apostrophe dropped.
UK_NATIONAL = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=e|є=ye,ie|ж=zh|з=z|зг=zgh|и=y|і=i|"
               "ї=yi,i|й=y,i|к=k|л=l|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ф=f|"
               "х=kh|ц=ts|ч=ch|ш=sh|щ=shch|ь=|ю=yu,iu|я=ya,ia|'=")
# BGN/PCGN 1965 Ukrainian (in use until BGN/PCGN adopted the 2010
# national system in 2019): ye/yi/y/yu/ya everywhere, ь=’.
UK_BGN = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=e|є=ye|ж=zh|з=z|и=y|і=i|ї=yi|й=y|к=k|"
          "л=l|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ф=f|х=kh|ц=ts|ч=ch|ш=sh|"
          "щ=shch|ь=’|ю=yu|я=ya|'=”")
# ISO 9:1995 (= GOST 7.79-2000 system A), Ukrainian letters.
UK_ISO9 = ("а=a|б=b|в=v|г=g|ґ=g̀|д=d|е=e|є=ê|ж=ž|з=z|и=i|і=ì|ї=ï|й=j|к=k|"
           "л=l|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ф=f|х=h|ц=c|ч=č|ш=š|щ=ŝ|"
           "ь=ʹ|ю=û|я=â|'=ʼ")
# Scientific (scholarly) transliteration, Ukrainian.
UK_SCIENTIFIC = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=e|є=je|ж=ž|з=z|и=y|і=i|ї=ji|й=j|"
                 "к=k|л=l|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ф=f|х=x|ц=c|ч=č|"
                 "ш=š|щ=šč|ь=ʹ|ю=ju|я=ja|'=ʼ")
# ALA-LC Ukrainian romanization table (Library of Congress, 2011).
UK_LC = ("а=a|б=b|в=v|г=h|ґ=g|д=d|е=e|є=i͡e|ж=z͡h|з=z|и=y|і=i|ї=ï|й=ĭ|к=k|"
         "л=l|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ф=f|х=kh|ц=t͡s|ч=ch|ш=sh|"
         "щ=shch|ь=ʹ|ю=i͡u|я=i͡a|'=ʺ")

# Press transcription conventions (base table + per-source-language
# overrides).  German: Duden transcription as used by German newspapers
# (w, sch, tsch, z, ch, й=i; ss between vowels; -ий=-i, -ый=-y; "Tichanowskaja",
# "Zichanouskaja").  Polish: PWN transcription (w, sz, cz, ż, ł/l, ie after
# consonants, ś ź ń ć; adjectival surnames adapted: -ская=-ska, -ая=-a;
# "Cichanouska", "Nawalny").  French: conventional press transcription
# (ou, ch, tch, j, kh, gue/gui, ï; -ин=-ine; "Tikhanovskaïa", "Iachine").
DE_BASE = ("а=a|б=b|в=w|г=g|ґ=g|д=d|е=je,e|ё=jo|жё=scho|шё=scho|чё=tscho|"
           "щё=schtscho|ж=sch|з=s|и=i|і=i|ї=ji|є=je,e|й=i|к=k|л=l|м=m|"
           "н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=u|ф=f|х=ch|ц=z|ч=tsch|ш=sch|"
           "щ=schtsch|шч=schtsch|ъ=|ы=y|ь=|э=e|ю=ju|я=ja|'=|ий$=i|ый$=y")
DE_OVR = {"ru": "кс=x", "be": "г=h", "uk": "г=h|и=y|е=e|ий$=yj|ій$=ij|й=j"}
PL_BASE = ("а=a|б=b|в=w|г=g|ґ=g|д=d|е=je,ie|ё=jo,io|ж=ż|з=z|и=i|і=i|ї=ji|"
           "є=je,ie|й=j|к=k|л=ł|м=m|н=n|о=o|п=p|р=r|с=s|т=t|у=u|ў=u|ф=f|"
           "х=ch|ц=c|ч=cz|ш=sz|щ=szcz|шч=szcz|ъ=|ы=y|ь=|э=e|ю=ju,iu|"
           "я=ja,ia|'=|ле=le|лё=lo|лю=lu|ля=la|ли=li|лі=li|ль=l|лє=le|"
           "же=że|жё=żo|жи=ży|ше=sze|шё=szo|ши=szy|че=cze|чё=czo|це=ce|"
           "ци=cy|зь=ź|нь=ń|сь=ś|ць=ć|ская$=ska|цкая$=cka|ский$=ski|"
           "цкий$=cki|скі$=ski|цкі$=cki|ський$=ski|цький$=cki|ська$=ska|"
           "цька$=cka|ая$=a|ый$=y|ий$=ij|ій$=ij|сье=sje|сьє=sje")
PL_OVR = {"ru": "", "be": "г=h", "uk": "г=h|и=y|е=e|ле=łe|ли=ły|ий$=y"}
FR_BASE = ("а=a|б=b|в=v|г=g|ге=gue|ги=gui|ґ=g|д=d|е=e,ie,e|ё=io|ж=j|з=z|"
           "и=i,ï,i|і=i|ї=ï|є=ie|й=ï|к=k|л=l|м=m|н=n|о=o|п=p|р=r|с=s|"
           "т=t|у=ou|ў=u|ф=f|х=kh|ц=ts|ч=tch|ш=ch|щ=chtch|шч=chtch|ъ=|ы=y|"
           "ь=|э=e|ю=iou|я=ia,ïa,ia|ия=ia|ыя=ia|'=|ий$=i|ый$=y|ин$=ine")
FR_OVR = {"ru": "кс=x", "be": "г=h|ге=he|ги=hi",
          "uk": "г=h|ге=he|ги=hy|и=y|е=e|ий$=y|ій$=iï|ин$=yn"}


def parse(spec, extra=""):
    table = {}
    for item in (spec + ("|" + extra if extra else "")).split("|"):
        key, _, value = item.partition("=")
        forms = value.split(",")
        table[key] = forms[0] if len(forms) == 1 else (
            (forms[0], forms[0], forms[1]) if len(forms) == 2 else tuple(forms))
    return table


def _word(word, table, triggers, ss):
    w, out, i = word.lower(), [], 0
    while i < len(w):
        for size in (5, 4, 3, 2, 1):
            seg = w[i:i + size]
            if len(seg) < size:
                continue
            if i + size == len(w) and seg + "$" in table:
                value = table[seg + "$"]
                break
            if seg in table:
                value = table[seg]
                break
        else:
            raise ValueError(f"no mapping for {w[i]!r} in {word!r}")
        if isinstance(value, tuple):
            value = value[0] if i == 0 else (
                value[1] if w[i - 1] in triggers else value[2])
        if (ss and seg == "с" and 0 < i < len(w) - 1
                and w[i - 1] in CYR_VOWELS and w[i + 1] in CYR_VOWELS):
            value = "ss"
        out.append(value)
        i += size
    text = "".join(out)
    return text[:1].upper() + text[1:]


def romanize(text, table, triggers=CYR_VOWELS + "ьъ'ў", ss=False):
    """Romanize a Cyrillic name word by word (spaces and hyphens kept)."""
    parts = re.split(r"([\s-]+)", unicodedata.normalize("NFC", text))
    return "".join(p if re.fullmatch(r"[\s-]*", p) else
                   _word(p, table, triggers, ss) for p in parts)


SYSTEMS = {  # (language, system) -> function(cyrillic) -> latin
    ("be", "bgn_pcgn"): lambda s: romanize(s, parse(BE_BGN)),
    ("be", "national"): lambda s: romanize(s, parse(BE_NATIONAL)),
    ("be", "lacinka"): lambda s: romanize(s, parse(BE_LACINKA)),
    ("be", "passport"): lambda s: romanize(s, parse(BE_PASSPORT)),
    ("be", "iso9"): lambda s: romanize(s, parse(BE_ISO9)),
    ("be", "scientific"): lambda s: romanize(s, parse(BE_SCIENTIFIC)),
    ("be", "lc"): lambda s: romanize(s, parse(BE_LC)),
    ("uk", "national"): lambda s: romanize(s, parse(UK_NATIONAL), triggers=""),
    ("uk", "bgn_pcgn"): lambda s: romanize(s, parse(UK_BGN)),
    ("uk", "iso9"): lambda s: romanize(s, parse(UK_ISO9)),
    ("uk", "scientific"): lambda s: romanize(s, parse(UK_SCIENTIFIC)),
    ("uk", "lc"): lambda s: romanize(s, parse(UK_LC)),
}


def press(text, source_lang, target):
    """Press transcription of a Cyrillic name for a German/Polish/French reader."""
    base, ovr = {"de": (DE_BASE, DE_OVR), "pl": (PL_BASE, PL_OVR),
                 "fr": (FR_BASE, FR_OVR)}[target]
    triggers = CYR_VOWELS if target == "fr" else CYR_VOWELS + "ьъ'ў"
    return romanize(text, parse(base, ovr[source_lang]), triggers=triggers,
                    ss=target in ("de", "fr"))


APOSTROPHES = "ʹʺʼ’”'\u02bb"


def strip_diacritics(text):
    """What a user without a Belarusian/Polish/Czech keyboard would type."""
    text = text.replace("ł", "l").replace("Ł", "L")
    text = "".join(c for c in text if c not in APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(text):
    """Loose comparison key: no case, no diacritics, single spaces."""
    return " ".join(strip_diacritics(text).casefold().split())
