"""Problems as data: the loader reports a Place in the dataset and a message, and the import
turns it into the file's row, column and message without reading any text back."""
import pytest

from releases.transfer.importing import ImportRefused, Problem, import_file, row_problem
from releases.transfer.kinds import KINDS
from releases.transfer.loader import DatasetError, DatasetProblem, Place, load_dataset

from tests.support.factories import PrisonerFactory


def test_a_place_reads_as_the_path_in_the_dataset():
    place = Place(("releases", 3)).at("released_people", 0).at("prisoner")
    assert str(place) == "releases[3].released_people[0].prisoner"
    assert (place.index, place.key, place.position) == (3, "released_people", 0)
    assert (Place(("sources", 1)).key, Place(("sources", 1)).at("url").position) == (None, None)
    assert place.within(Place(("releases", 3)).at("released_people", 0))
    assert not place.within(Place(("releases", 3)).at("released_people", 1))
    assert not Place(("releases", 31)).within(Place(("releases", 3)))


def test_the_loader_reports_places_not_strings(db):
    with pytest.raises(DatasetError) as refused:
        load_dataset({"releases": [{
            "slug": "r1", "title": "T", "kind": "pardon", "date_from": "2025-02-12",
            "released_people": [{"prisoner": "nobody"}],
        }]})
    assert refused.value.problems == [DatasetProblem(
        Place(("releases", 0, "released_people", 0, "prisoner")), "no prisoner with slug 'nobody'")]
    assert refused.value.errors == [("releases[0].released_people[0].prisoner", "no prisoner with slug 'nobody'")]


def refused(kind, data, fmt="csv"):
    with pytest.raises(ImportRefused) as error:
        import_file(data, kind=kind, fmt=fmt, filename=f"{kind}.{fmt}")
    return error.value.errors


def test_an_import_reports_row_column_and_message(db):
    PrisonerFactory(slug="known")
    data = (b"slug,title,kind,date_from,people,parties\n"
            b"r1,T,pardon,2025-02-12,known; nobody,no-party:envoy\n"
            b"r2,T,pardon,2025-13-45,,\n")
    problems = refused("releases", data)
    assert problems[:2] == [
        Problem(2, "parties", "'no-party:envoy': no party with slug 'no-party'"),
        Problem(2, "people", "no prisoner with slug 'nobody'"),
    ]
    assert (problems[2].row, problems[2].column) == (3, "date_from")
    assert len(problems) == 3


def test_a_json_item_is_counted_from_one(db):
    items = b'[{"slug": "r1", "title": "T", "kind": "pardon", "date_from": "2025-02-12", "date_to": "2025-01-01"}]'
    (problem,) = refused("releases", items, "json")
    assert problem == Problem(1, "date_to", "The end of a wave cannot be before its start.", "item")
    assert str(problem) == "item 1, date_to: The end of a wave cannot be before its start."


def test_a_problem_with_the_whole_record_has_no_column():
    whole = DatasetProblem(Place(("sources", 0, "__all__")), "Not like this.")
    assert row_problem(KINDS["sources"], whole, [7], [{}], "line") == Problem(7, "", "Not like this.")
    assert str(Problem(7, "", "Not like this.")) == "line 7: Not like this."


def test_a_whole_file_problem_has_no_row():
    (problem,) = refused("sources", b"")
    assert problem == Problem(None, "", "The file is empty.")
    assert str(problem) == "The file is empty."
