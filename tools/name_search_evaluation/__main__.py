"""``python -m tools.name_search_evaluation [--tables] [--misses]``: recall@1, recall@3 and the
false-match rate of the name search on the labelled set, on the configured database (nothing
is kept: the gallery is stored inside a transaction that is rolled back)."""
import argparse
import os

import django


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="List every miss and false match.")
    parser.add_argument("--tables", action="store_true", help="Print Markdown tables by kind, language and system.")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from tools.name_search_evaluation.evaluate import evaluate

    report = evaluate()
    print(report.summary())
    if args.tables:
        for title, tallies in (("kind", report.by_kind), ("language", report.by_language),
                               ("system", report.by_system)):
            print("\n" + report.table(title, tallies))
    if args.misses:
        for query, person, kind, found in report.misses:
            print(f"miss  {kind:15} {query!r} -> expected {person}, got {found}")
        for query, found in report.false_matches:
            print(f"false {query!r} -> {found}")


if __name__ == "__main__":
    main()
