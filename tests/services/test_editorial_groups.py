"""The editorial groups exist after migrate with exactly the permissions they need."""
from django.contrib.auth.models import Group

from releases.services.editorial_groups import EDITORS, PUBLISHERS


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_editors_write_but_neither_publish_nor_delete_whole_records(db):
    perms = codenames(EDITORS)
    for model in ("releaseevent", "prisoner", "party", "source"):
        assert {f"view_{model}", f"add_{model}", f"change_{model}"} <= perms
        assert f"delete_{model}" not in perms
        assert f"publish_{model}" not in perms
    # Rows inside a record (a wrong spelling, a misattributed citation) can be removed.
    assert {"delete_prisonername", "delete_citation", "delete_partyrole"} <= perms
    assert not any(p.startswith(("add_user", "change_user", "add_group")) for p in perms)
    assert not any("historical" in p for p in perms)


def test_publishers_are_editors_who_also_publish_and_delete(db):
    editors, publishers = codenames(EDITORS), codenames(PUBLISHERS)
    assert editors < publishers
    assert publishers - editors == {
        f"{action}_{model}" for action in ("publish", "delete")
        for model in ("releaseevent", "prisoner", "party", "source", "page", "collection")
    }
