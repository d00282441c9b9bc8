"""Who may change whether a record is public (releases/services/publication.py), asked the
same way by every write path; and a check that the publication rule is written in one place.
"""
import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from releases.models import Prisoner, PublicationStatus, Source
from releases.services import publication
from releases.services.merging import may_merge
from releases.services.restoring import restore
from releases.transfer.importing import ImportRefused, import_file
from tests.support import factories as f

DRAFT, REVIEW, PUBLISHED = PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.PUBLISHED
ONLY_PUBLISHERS = "Only publishers can publish or unpublish."


# -- the rule ---------------------------------------------------------------------------------

@pytest.mark.parametrize("was, will, editor_may", [
    (False, False, True), (True, True, True),   # saving a draft, saving a published record
    (False, True, False), (True, False, False),  # publishing, unpublishing
])
def test_only_a_change_of_publicness_needs_the_publish_right(editor, publisher, was, will, editor_may):
    kwargs = {"was_published": was, "will_be_published": will}
    assert publication.may_change_publication(editor, Source, **kwargs) is editor_may
    assert publication.may_change_publication(publisher, Source, **kwargs) is True
    assert publication.may_change_publication(None, Source, **kwargs) is editor_may
    assert publication.may_change_publication(AnonymousUser(), Source, **kwargs) is editor_may


def test_the_publish_right_is_the_models_own_permission(publisher):
    assert publication.publish_permission(Source) == "releases.publish_source"
    assert publication.may_publish(publisher, Source) and publication.may_publish(publisher, Prisoner)
    assert not publication.may_publish(None, Source)


@pytest.mark.parametrize("stored, new", [
    (None, PUBLISHED), (DRAFT, PUBLISHED), (REVIEW, PUBLISHED), (PUBLISHED, DRAFT), (PUBLISHED, REVIEW),
])
def test_an_editor_is_refused_with_the_message_every_path_shows(editor, publisher, stored, new):
    with pytest.raises(publication.PublicationRefused) as refusal:
        publication.check_publication_change(editor, Source, stored, new)
    assert refusal.value.message == ONLY_PUBLISHERS
    publication.check_publication_change(publisher, Source, stored, new)  # no error


@pytest.mark.parametrize("stored, new", [
    (None, DRAFT), (None, REVIEW), (DRAFT, REVIEW), (REVIEW, DRAFT), (PUBLISHED, PUBLISHED),
    (PUBLISHED, "bogus"),  # not a status: the field's validation names the choices
])
def test_an_editor_moves_work_that_stays_as_public_as_it_was(editor, stored, new):
    publication.check_publication_change(editor, Source, stored, new)


def test_editors_are_offered_every_status_but_published(editor, publisher):
    assert publication.status_choices(editor, Source) == [(DRAFT, "Draft"), (REVIEW, "In review")]
    assert publication.status_choices(publisher, Source) == PublicationStatus.choices


def test_a_save_by_an_editor_keeps_the_stored_publication(editor):
    record = f.SourceFactory()
    record.publication_status = DRAFT
    assert publication.keep_stored_publication(editor, record)
    assert record.publication_status == PUBLISHED
    draft = f.SourceFactory(publication_status=REVIEW)
    draft.publication_status = PUBLISHED
    assert publication.keep_stored_publication(editor, draft)
    assert draft.publication_status == REVIEW
    draft.publication_status = DRAFT
    assert not publication.keep_stored_publication(editor, draft)
    assert draft.publication_status == DRAFT
    new = Source(outlet="A", slug="new", publication_status=PUBLISHED)
    assert publication.keep_stored_publication(editor, new)
    assert new.publication_status == DRAFT


def test_a_publishers_save_is_not_second_guessed_nor_read_back(publisher, django_assert_num_queries):
    record = f.SourceFactory()
    publication.may_publish(publisher, Source)  # the user's permissions, read once per request
    record.publication_status = DRAFT
    with django_assert_num_queries(0):
        assert not publication.keep_stored_publication(publisher, record)
    assert record.publication_status == DRAFT


def test_set_status_skips_what_the_user_may_not_change(editor, publisher):
    public, draft = f.SourceFactory(), f.SourceFactory(publication_status=DRAFT)
    records = Source.objects.order_by("pk")
    assert publication.set_status(records, REVIEW, editor) == 1
    assert [s.publication_status for s in records] == [PUBLISHED, REVIEW]
    assert publication.set_status(records, PUBLISHED, editor) == 0
    assert publication.set_status(records, PUBLISHED, publisher) == 1
    assert publication.set_status(records, PUBLISHED, publisher) == 0  # already there
    assert publication.set_status(records, DRAFT, publisher) == 2
    assert public.history.count() == 2 and draft.history.count() == 4  # one history row per save


# -- every write path asks the service ----------------------------------------------------------

def test_the_admin_actions(client, editor, publisher):
    public, draft = f.SourceFactory(), f.SourceFactory(publication_status=DRAFT)
    changelist = f"/{settings.ADMIN_PATH}releases/source/"
    selected = {"_selected_action": [public.pk, draft.pk]}
    client.force_login(editor)
    client.post(changelist, {"action": "publish", **selected})  # not offered to editors
    client.post(changelist, {"action": "submit_for_review", **selected})
    assert [s.publication_status for s in Source.objects.order_by("pk")] == [PUBLISHED, REVIEW]
    client.force_login(publisher)
    client.post(changelist, {"action": "publish", **selected})
    assert [s.publication_status for s in Source.objects.order_by("pk")] == [PUBLISHED, PUBLISHED]


def api_as(user):
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.mark.parametrize("status, editor_may", [("review", True), ("published", False)])
def test_the_api(editor, publisher, status, editor_may):
    record = f.SourceFactory(publication_status=DRAFT)
    response = api_as(editor).patch(f"/api/v1/sources/{record.pk}/", {"publication_status": status}, format="json")
    if editor_may:
        assert response.status_code == 200, response.content
    else:
        assert (response.status_code, response.json()) == (400, {"publication_status": [ONLY_PUBLISHERS]})
        response = api_as(publisher).patch(f"/api/v1/sources/{record.pk}/", {"publication_status": status},
                                           format="json")
        assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert record.publication_status == status


def test_the_import(editor, publisher):
    f.SourceFactory(slug="public")
    unpublish = b"slug,outlet,publication_status\npublic,A,draft\n"
    with pytest.raises(ImportRefused) as refusal:
        import_file(unpublish, kind="sources", fmt="csv", filename="s.csv", user=editor)
    assert [str(e) for e in refusal.value.errors] == [f"line 2, publication_status: {ONLY_PUBLISHERS}"]
    import_file(b"slug,outlet\npublic,B\n", kind="sources", fmt="csv", filename="s.csv", user=editor)
    assert Source.objects.get(slug="public").publication_status == PUBLISHED  # left as it was
    import_file(unpublish, kind="sources", fmt="csv", filename="s.csv", user=publisher)
    assert Source.objects.get(slug="public").publication_status == DRAFT


@pytest.mark.parametrize("status", [PUBLISHED, REVIEW])
def test_restoring(editor, publisher, status):
    for user, expected in ((editor, DRAFT if status == PUBLISHED else status), (publisher, status)):
        record = f.SourceFactory(publication_status=status)
        pk = record.pk
        record.delete()
        assert restore(Source, pk, user).record.publication_status == expected


def test_merging(editor, publisher):
    drafts = [f.PrisonerFactory(publication_status=DRAFT) for _ in range(2)]
    mixed = [drafts[0], f.PrisonerFactory()]
    assert may_merge(editor, drafts) and may_merge(publisher, drafts)
    assert not may_merge(editor, mixed) and may_merge(publisher, mixed)


# -- one place ----------------------------------------------------------------------------------

RELEASES = Path(__file__).resolve().parents[2] / "releases"
RULE_MODULE = RELEASES / "models" / "publication.py"
SERVICE_MODULE = RELEASES / "services" / "publication.py"
FIELD = "publication_status"
# Calls whose keyword arguments are lookups (a condition) or a bulk write that skips the service.
QUERY_CALLS = {"filter", "exclude", "get", "get_or_create", "update_or_create", "update", "Q", "When"}


def call_name(node):
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def names_published(node):
    return isinstance(node, ast.Attribute) and node.attr == "PUBLISHED" and (
        getattr(node.value, "id", None) == "PublicationStatus"
        or getattr(node.value, "attr", None) == "PublicationStatus")


def is_lookup_through_the_field(name):
    return isinstance(name, str) and (name.startswith(f"{FIELD}__") or f"__{FIELD}" in name)


def rule_written_outside(path):
    """(line, what) for every place in ``path`` that writes the publication rule itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Constant) and is_lookup_through_the_field(node.value):
            found.append((node.lineno, f"lookup {node.value!r}"))
        elif isinstance(node, ast.Compare) and any(
                names_published(n) or (isinstance(n, ast.Constant) and n.value == "published")
                for n in [node.left, *node.comparators]):
            found.append((node.lineno, "a status compared with PUBLISHED"))
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                name = keyword.arg
                if is_lookup_through_the_field(name) or (name == FIELD and call_name(node) in QUERY_CALLS):
                    found.append((node.lineno, f"{call_name(node)}({name}=…)"))
                elif name is None and isinstance(keyword.value, ast.Dict) and call_name(node) in QUERY_CALLS \
                        and any(isinstance(k, ast.Constant) and k.value == FIELD for k in keyword.value.keys):
                    found.append((node.lineno, f"{call_name(node)}(**{{{FIELD!r}: …}})"))
    return found


def modules(exclude):
    return [p for p in sorted(RELEASES.rglob("*.py")) if p not in exclude and "migrations" not in p.parts]


def test_the_publication_rule_is_written_in_one_module():
    """No module of releases/ but releases/models/publication.py filters on the status field
    or compares a status with PUBLISHED: they call published(), published_row(),
    published_q(), public_or_none() or is_public().

    What it looks for, in the syntax tree: a lookup through the field (``publication_status__in``,
    ``party__publication_status``: as a keyword or a string anywhere), ``publication_status=``
    as a keyword of a query call (filter, exclude, get, Q, When, update…; also as a ``**{}``
    key), and a comparison with ``PublicationStatus.PUBLISHED`` or ``"published"``.

    The exceptions, and why they are not a list of files: the rule's own module; migrations
    (frozen history, they must not import the app's code); and every mention of the field as a
    *column*, not a condition: the admin's list_display, list_filter and fieldsets, serializer
    field lists, ``values_list("publication_status")`` reading the stored value, a form field's
    name, the loader's dict of values. Those are plain strings naming the field, which the
    check does not flag by design. Writing the target status of a change
    (``set_status(…, PublicationStatus.PUBLISHED, …)``) is a value, not a comparison, and
    passes too; who may make that change is the service's question (next test)."""
    found = {str(p.relative_to(RELEASES.parent)): hits for p in modules({RULE_MODULE})
             if (hits := rule_written_outside(p))}
    assert found == {}


def test_the_check_sees_each_way_of_writing_the_rule(tmp_path):
    path = tmp_path / "sample.py"
    path.write_text(
        "a = Source.objects.filter(publication_status=PublicationStatus.PUBLISHED)\n"
        "b = Q(release__publication_status='published')\n"
        "c = records.exclude(**{'publication_status': 'published'})\n"
        "d = x.publication_status == PublicationStatus.PUBLISHED\n"
        "e = status != 'published'\n"
        "f = qs.values('party__publication_status')\n"
        "g = Source(publication_status='draft')\n"          # a value to write: not the rule
        "h = qs.values_list('publication_status')\n"          # a column read: not the rule
        "i = set_status(qs, PublicationStatus.PUBLISHED, user)\n"  # a target status: not the rule
    )
    assert [line for line, _ in rule_written_outside(path)] == [1, 2, 3, 4, 5, 6]


def publish_right_asked_outside(path):
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, (ast.Name, ast.Attribute)) and \
                getattr(node, "id", getattr(node, "attr", None)) == "publish_permission":
            found.append((node.lineno, "publish_permission"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                node.value.startswith("releases.publish_"):
            found.append((node.lineno, node.value))
    return found


def test_the_publish_right_is_asked_in_one_module():
    """Only releases/services/publication.py asks whether a user may publish: the admin, the
    API writers, the import, restoring and merging call it. (The admin's
    ``has_publish_permission`` is Django's hook for actions marked ``permissions=["publish"]``;
    it asks the service. editorial_groups grants the permissions, it does not ask them.)"""
    found = {str(p.relative_to(RELEASES.parent)): hits for p in modules({SERVICE_MODULE})
             if (hits := publish_right_asked_outside(p))}
    assert found == {}
