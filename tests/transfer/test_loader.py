"""Loading a dataset: all-or-nothing, every problem reported with where it is."""
import pytest

from releases.transfer.loader import DatasetError, load_dataset
from releases.models import Prisoner, ReleaseEvent, Source

GOOD_SOURCE = {"slug": "s1", "outlet": "Outlet", "kind": "news"}


def test_a_valid_dataset_loads_as_drafts_by_default(db):
    created, updated = load_dataset({
        "sources": [GOOD_SOURCE],
        "prisoners": [{"slug": "p1", "preferred_name": "Ihar Losik", "names": [
            {"text": "Ihar Losik", "language": "be", "sources": ["s1"]},
        ]}],
    })
    assert (created, updated) == (3, 0)
    assert Prisoner.objects.get().publication_status == "draft"


def test_bad_rows_are_all_reported_and_nothing_is_written(db):
    with pytest.raises(DatasetError) as refused:
        load_dataset({
            "sources": [GOOD_SOURCE, {"slug": "s2", "outlet": "X", "kind": "news", "url": "javascript:alert(1)"}],
            "prisoners": [{"slug": "p1", "preferred_name": "Someone", "reported_age": 500}],
            "releases": [{
                "slug": "r1", "title": "T", "kind": "pardon", "date_from": "2025-13-45",
                "date_precision": "day",
            }, {
                "slug": "r2", "title": "T2", "kind": "pardon", "date_from": "2025-02-12",
                "announced_total": 1,
                "released_people": [{"prisoner": "nobody"}, {"prisoner": "p1"}],
            }],
        })
    where = dict(refused.value.errors)
    assert "sources[1].url" in where
    assert "prisoners[0].reported_age" in where
    assert "releases[0].date_from" in where
    assert "2 people are named but the announced total is 1" in where["releases[1].released_people"]
    assert "no prisoner with slug 'nobody'" in where["releases[1].released_people[0].prisoner"]
    assert not Source.objects.exists()
    assert not ReleaseEvent.objects.exists()
