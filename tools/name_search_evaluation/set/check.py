"""Sanity checks of gallery.csv and queries.csv (standard library only).

    python3 tools/name_search_evaluation/set/check.py     # exit status 1 on a problem
"""
import csv
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = {"be", "ru", "uk", "en", "de", "pl", "fr", "lt"}
SYSTEMS = {"cyrillic", "bgn_pcgn", "iso9", "lacinka", "national", "passport",
           "scientific", "lc", "press", "ascii", "typo"}
KINDS = {"transliteration", "cross_language", "surname_first", "partial",
         "no_diacritics", "typo", "negative"}
CYRILLIC = re.compile("[\u0400-\u04ff]")


def read(name, header):
    with open(HERE / name, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, strict=True)
        if next(reader) != header:
            raise SystemExit(f"{name}: header is not {header}")
        rows = [dict(zip(header, r)) for r in reader]
        for n, r in enumerate(rows, 2):
            if len(r) != len(header) or None in r.values():
                raise SystemExit(f"{name}:{n}: wrong number of fields")
    return rows


def main():
    problems = []
    gallery = read("gallery.csv", ["person", "name", "language"])
    queries = read("queries.csv", ["query", "person", "language", "system", "kind"])
    people = {r["person"] for r in gallery}
    stored = {(r["person"], r["name"].casefold()) for r in gallery}
    for r in gallery:
        if not re.fullmatch(r"(be|ru|uk)\d{3}", r["person"]):
            problems.append(f"gallery id {r['person']!r}")
        if r["language"] not in {"be", "ru", "uk", "en"}:
            problems.append(f"gallery language {r}")
    names = Counter(r["name"].casefold() for r in gallery)
    problems += [f"gallery name twice: {n}" for n, c in names.items() if c > 1]

    seen = Counter(r["query"].casefold() for r in queries)
    problems += [f"duplicate query {q!r}" for q, c in seen.items() if c > 1]
    for r in queries:
        q = r["query"]
        if q != q.strip() or "  " in q or q != unicodedata.normalize("NFC", q):
            problems.append(f"untidy query {q!r}")
        if r["language"] not in LANGS or r["system"] not in SYSTEMS \
                or r["kind"] not in KINDS:
            problems.append(f"bad label {r}")
        if (r["kind"] == "negative") != (r["person"] == ""):
            problems.append(f"person/kind mismatch {r}")
        if r["person"] and r["person"] not in people:
            problems.append(f"unknown person {r}")
        if (r["person"], q.casefold()) in stored:
            problems.append(f"query equals its stored name {r}")
        if bool(CYRILLIC.search(q)) != (r["system"] == "cyrillic"):
            problems.append(f"script does not fit system {r}")
        if r["kind"] == "negative" and len(q.split()) < 2:
            problems.append(f"negative is not a full name {r}")

    pos = [r for r in queries if r["person"]]
    neg = [r for r in queries if not r["person"]]
    langs = Counter(r["language"] for r in pos)
    per_person = Counter(r["person"] for r in pos)
    need = [(len(pos) >= 330, f"{len(pos)} positives < 330"),
            (langs["be"] >= 130, "be < 130"), (langs["ru"] >= 90, "ru < 90"),
            (langs["uk"] >= 70, "uk < 70"), (len(neg) >= 70, "negatives < 70"),
            (sum(r["kind"] == "typo" for r in pos) <= 0.05 * len(pos), "typos > 5%"),
            (90 <= len(people) <= 110, f"{len(people)} people")]
    problems += [msg for ok, msg in need if not ok]
    problems += [f"{p} has {per_person[p]} queries" for p in people if per_person[p] < 2]
    missing = SYSTEMS - {r["system"] for r in pos}
    if missing:
        problems.append(f"systems without a positive query: {sorted(missing)}")

    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(people)} people, {len(gallery)} gallery rows; {len(pos)} positive "
          f"and {len(neg)} negative queries; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
