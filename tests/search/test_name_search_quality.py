"""The name search on the labelled evaluation set (tools/name_search_evaluation/set/), on whichever
engine the suite runs: the floors sit just under the figures in docs/name-search.md, so a
change to the rules that loses recall or lets in false matches fails here."""
import pytest

from tools.name_search_evaluation.evaluate import evaluate

RECALL_AT_3_FLOOR = 0.97
FALSE_MATCH_CEILING = 0.02


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return evaluate()


def test_the_set_is_big_enough(report):
    assert report.positives.queries >= 300
    assert report.negatives.queries >= 50


def test_recall_at_3(report):
    assert report.recall_at_3 >= RECALL_AT_3_FLOOR, report.summary()


def test_false_matches(report):
    assert report.false_match_rate <= FALSE_MATCH_CEILING, report.summary()


def test_every_language_is_served(report):
    for language in ("be", "ru", "uk"):
        tally = report.by_language[language]
        assert tally.rate(tally.at_3) >= 0.9, (language, report.summary())
