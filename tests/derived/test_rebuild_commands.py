"""The operator's commands that rebuild each derived store from the rows it is derived from:
``rebuild_release_columns`` (a release's people_named, released_citizenships) and
``rebuild_name_keys`` (NameKey, SearchTerm)."""
import io

from django.core.management import call_command

from releases.models import NameKey, PublicationStatus, ReleaseEvent, SearchTerm
from tests.support import factories as f


def stored_columns():
    return set(ReleaseEvent.objects.values_list("pk", "people_named", "released_citizenships"))


def test_rebuild_release_columns_restores_columns_written_behind_the_signals(db):
    first, second = f.ReleaseEventFactory(), f.ReleaseEventFactory()
    for release, country in ((first, "BY"), (first, "UA"), (second, "LT")):
        person = f.PrisonerFactory()
        f.CitizenshipFactory(prisoner=person, country=country)
        f.ReleasedPersonFactory(release=release, prisoner=person)
    f.ReleasedPersonFactory(release=second, prisoner=f.PrisonerFactory(
        publication_status=PublicationStatus.DRAFT))
    exact = stored_columns()
    assert exact == {(first.pk, 2, "|BY|UA|"), (second.pk, 1, "|LT|")}
    ReleaseEvent.objects.update(people_named=7, released_citizenships="|CN|")  # as a bulk write might
    history = ReleaseEvent.history.count()

    out = io.StringIO()
    call_command("rebuild_release_columns", stdout=out)
    assert stored_columns() == exact
    assert ReleaseEvent.history.count() == history  # derived, so no history of its own
    assert out.getvalue().splitlines()[-1] == "2 releases checked."


def test_rebuild_release_columns_is_quiet_at_verbosity_zero_and_safe_on_an_empty_tracker(db):
    out = io.StringIO()
    call_command("rebuild_release_columns", verbosity=0, stdout=out)
    assert out.getvalue().strip() == "0 releases checked."


def test_rebuild_name_keys_restores_keys_and_drops_terms_no_name_uses(db):
    person = f.PrisonerFactory(preferred_name="Ihar Losik")
    f.PrisonerNameFactory(prisoner=person, text="Igor Losik")
    keys = set(NameKey.objects.values_list("prisoner", "key"))
    terms = set(SearchTerm.objects.values_list("key", flat=True))
    NameKey.objects.all().delete()
    SearchTerm.objects.create(key="nobodysname")
    call_command("rebuild_name_keys", verbosity=0, stdout=io.StringIO())
    assert set(NameKey.objects.values_list("prisoner", "key")) == keys
    assert set(SearchTerm.objects.values_list("key", flat=True)) == terms
