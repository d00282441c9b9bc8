"""Merging two records of the same person into one.

Everything attached to the absorbed record moves to the one that is kept: its names (its
preferred name becomes one of them), citizenships, detentions, status records, recognitions,
releases, citations and its history. Rows that would duplicate one the kept record already
has (the same release, country, recognizer or spelling) are folded into it: their sources
move, and any detail that differs is written into the kept record's internal notes, so
nothing is lost. The absorbed id then redirects to the kept record (``PrisonerRedirect``),
in the pages and the API.
"""
from releases.derived.signals import one_write
from releases.models import (
    Citation, CollectionItem, Detention, Prisoner, PrisonerRedirect, StatusRecord,
)
from releases.services.publication import may_publish

# Facts a person record holds itself: blank ones on the kept record are filled from the
# absorbed one; differing ones are kept and the other value noted.
SCALAR_FIELDS = ["birth_year", "reported_age", "age_reported_on", "occupation", "summary"]


class MergeError(ValueError):
    pass


def may_merge(user, records) -> bool:
    """Editors may merge two drafts: nothing is lost, everything moves to the kept record.
    Taking a public record away, or changing what a public one shows, is for publishers
    (who may also delete)."""
    if not user.has_perm("releases.change_prisoner"):
        return False
    if any(r.is_published for r in records):
        return may_publish(user, Prisoner) and user.has_perm("releases.delete_prisoner")
    return True


def moved(row, reason):
    row._change_reason = reason
    row.save()


def fold_or_move(rows, existing_by_key, key, keep, reason, notes, describe):
    """Move each row to ``keep`` unless ``keep`` already has one with the same key; then fold
    it (its differing details go into ``notes``) and delete it."""
    for row in rows:
        twin = existing_by_key.get(key(row))
        if twin is None:
            row.prisoner = keep
            moved(row, reason)
            continue
        if describe(row) != describe(twin):
            notes.append(f"{row._meta.verbose_name} {describe(row)} (kept: {describe(twin)})")
        row._change_reason = reason
        row.delete()


@one_write()
def merge_prisoners(*, keep: Prisoner, absorb: Prisoner, by: str = "") -> list[str]:
    """Join ``absorb`` into ``keep``; returns the notes on details that differed."""
    if keep.pk == absorb.pk:
        raise MergeError("A record cannot be merged into itself.")
    keep = Prisoner.objects.select_for_update().get(pk=keep.pk)
    absorb = Prisoner.objects.select_for_update().get(pk=absorb.pk)
    reason = f"Merged #{absorb.pk} ({absorb.preferred_name}) into #{keep.pk} ({keep.preferred_name})"
    notes: list[str] = []

    spellings = {name.text: name for name in keep.names.all()}
    for name in absorb.names.prefetch_related("sources"):
        twin = spellings.get(name.text)
        if twin is None:
            name.prisoner = keep
            moved(name, reason)
            spellings[name.text] = name
        else:
            twin.sources.add(*name.sources.all())
            name._change_reason = reason
            name.delete()
    if absorb.preferred_name not in spellings and absorb.preferred_name != keep.preferred_name:
        # Its preferred spelling stays findable, as one of the kept record's names.
        keep.names.create(text=absorb.preferred_name)

    fold_or_move(absorb.citizenships.all(), {c.country: c for c in keep.citizenships.all()},
                 lambda c: c.country, keep, reason, notes, lambda c: c.note)
    fold_or_move(absorb.recognitions.all(), {r.recognized_by_id: r for r in keep.recognitions.all()},
                 lambda r: r.recognized_by_id, keep, reason, notes,
                 lambda r: f"{r.wording!r} on {r.recognized_on or 'an unknown date'}")
    shared = {r.release_id: r for r in keep.released_in.all()}
    for row in absorb.released_in.all():
        twin = shared.get(row.release_id)
        theirs = {country.code for country in row.citizenship_at_release}
        if twin is not None and theirs - {country.code for country in twin.citizenship_at_release}:
            twin.citizenship_at_release = sorted(theirs | {c.code for c in twin.citizenship_at_release})
            moved(twin, reason)
    fold_or_move(absorb.released_in.all(), shared, lambda r: r.release_id, keep, reason, notes,
                 lambda r: f"in release #{r.release_id}: destination {r.destination!r}, conditions "
                           f"{r.conditions!r}, citizenship at release "
                           f"{', '.join(map(str, r.citizenship_at_release)) or 'none'}, notes {r.internal_notes!r}")
    fold_or_move(CollectionItem.objects.filter(prisoner=absorb),
                 {i.collection_id: i for i in CollectionItem.objects.filter(prisoner=keep)},
                 lambda i: i.collection_id, keep, reason, notes, lambda i: f"in collection #{i.collection_id}: {i.note!r}")
    for model in (Detention, StatusRecord):
        for row in model.objects.filter(prisoner=absorb):
            row.prisoner = keep
            moved(row, reason)
    for citation in Citation.objects.filter(prisoner=absorb):
        citation.prisoner = keep
        moved(citation, reason)

    for field in SCALAR_FIELDS:
        mine, theirs = getattr(keep, field), getattr(absorb, field)
        if theirs in (None, ""):
            continue
        if mine in (None, ""):
            setattr(keep, field, theirs)
        elif mine != theirs:
            notes.append(f"{keep._meta.get_field(field).verbose_name}: {theirs} (kept: {mine})")
    if absorb.internal_notes:
        notes.append(f"internal notes: {absorb.internal_notes}")
    if notes:
        merged = "\n".join(f"- {note}" for note in notes)
        keep.internal_notes = "\n\n".join(filter(None, [keep.internal_notes, f"{reason}. It also said:\n{merged}"]))

    # The absorbed record's history becomes the kept record's: its past versions stay readable.
    Prisoner.history.model.objects.filter(id=absorb.pk).update(id=keep.pk)
    for redirect in PrisonerRedirect.objects.filter(prisoner=absorb):  # one by one: each in the history
        redirect.prisoner = keep
        redirect._change_reason = reason
        redirect.save()
    redirect = PrisonerRedirect(old_id=absorb.pk, old_slug=absorb.slug, prisoner=keep,
                                old_name=absorb.preferred_name, merged_by=by)
    redirect._change_reason = reason
    redirect.save()
    absorb._change_reason = reason
    absorb.delete()
    keep._change_reason = reason
    keep.save()
    return notes
