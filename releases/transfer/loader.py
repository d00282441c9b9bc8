"""Load a dataset (sources, parties, people, releases, links, pages, collections) from plain
data, idempotently.

Records are matched on their slug (children on their natural key), so loading the same data
twice changes nothing and writes no history. Every record passes ``full_clean()``; the whole
load is one transaction, and all problems are reported together with where they are: a Place,
which the bulk import (releases/transfer/importing.py) turns into its row and column.

The importable kinds' model fields come from their declaration (releases/transfer/kinds.py).
"""
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from releases.models import (
    Citation, Citizenship, Collection, CollectionItem, Concession, Detention, EventLink, Party, PartyName, PartyRole,
    Page, Prisoner, PrisonerName, PrisonerRedirect, Recognition, ReleasedPerson, ReleaseEvent, Source,
    StatusRecord,
)
from releases.transfer.kinds import KINDS

# The importable kinds by the section of a dataset that holds them.
KIND_IN = {kind.section: kind for kind in KINDS.values()}

CHANGE_REASON = "Loaded from dataset"


@dataclass(frozen=True)
class Place:
    """Where in a dataset: ``Place(("releases", 3, "released_people", 0, "prisoner"))`` is the
    ``prisoner`` of the first released person of the fourth release."""

    path: tuple

    def at(self, *parts):
        """The place ``parts`` further in: a key, or a position in a list."""
        return Place(self.path + parts)

    def within(self, other):
        """Whether this is ``other`` or a place inside it."""
        return self.path[:len(other.path)] == other.path

    @property
    def index(self):
        """The record's position in its section."""
        return self.path[1]

    @property
    def key(self):
        """The record's key this is (or is inside), or None for the record itself."""
        return self.path[2] if len(self.path) > 2 else None

    @property
    def position(self):
        """The position in the record's list ``key``, or None."""
        return self.path[3] if len(self.path) > 3 and isinstance(self.path[3], int) else None

    def __str__(self):
        """As in ``releases[3].released_people[0].prisoner``."""
        return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in self.path).lstrip(".")


@dataclass(frozen=True)
class DatasetProblem:
    at: Place
    message: str


class DatasetError(Exception):
    """The dataset was refused; ``problems`` lists every DatasetProblem."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(f"{where}: {message}" for where, message in self.errors))

    @property
    def errors(self):
        """(place as text, message) pairs."""
        return [(str(problem.at), problem.message) for problem in self.problems]


class Loader:
    # What each history row says: why, and (if set) who. Subclasses (releases/transfer/importing.py) set both.
    change_reason = CHANGE_REASON
    history_user = None

    def __init__(self, publication_status):
        self.publication_status = publication_status
        self.problems = []
        self.created = 0
        self.updated = 0
        self.by_slug = {Source: {}, Party: {}, Prisoner: {}, ReleaseEvent: {}, Page: {}, Collection: {}}

    def problem(self, where, message):
        self.problems.append(DatasetProblem(where, message))

    # -- the one write path -------------------------------------------------------------
    def upsert(self, where, model, lookup, values, m2m=None):
        """Find the row by ``lookup``; create it, or save it only if a value really changed."""
        if any(problem.at.within(where) for problem in self.problems):
            return None  # a reference inside this record is already reported missing
        try:
            obj = model.objects.filter(**lookup).first()
        except (ValidationError, ValueError, TypeError) as error:
            self.problem(where, f"invalid value: {error}")
            return None
        is_new = obj is None
        obj = obj or model(**lookup)
        fields = [f.attname for f in model._meta.concrete_fields]
        before = {f: getattr(obj, f) for f in fields}
        for field, value in values.items():
            setattr(obj, field, value)
        try:
            # Validation also normalizes (e.g. a month-precision date), so compare after it.
            obj.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.problem(where.at(field), message)
            return None
        if is_new or any(getattr(obj, f) != before[f] for f in fields):
            obj._change_reason = self.change_reason
            if self.history_user is not None:
                obj._history_user = self.history_user
            obj.save()
            if is_new:
                self.created += 1
            else:
                self.updated += 1
        for name, targets in (m2m or {}).items():
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
                manager.set(targets)
        return obj

    def ref(self, where, model, slug):
        """A record named by slug, from this dataset or already in the database."""
        if slug is None or slug == "":
            return None
        found = self.by_slug[model].get(slug) or model.objects.filter(slug=slug).first()
        if found is None and model is Prisoner:
            found = merged_into(slug)
        if found is None:
            self.problem(where, f"no {model._meta.verbose_name} with slug '{slug}'")
        return found

    def refs(self, where, model, slugs):
        return [r for r in (self.ref(where, model, s) for s in slugs or []) if r is not None]

    def top_level(self, where, model, item, fields, dates=()):
        """The record of ``model`` that ``item`` describes, saved; its ``dates`` parsed first."""
        item = with_dates(item, *dates)
        if model is Prisoner and (survivor := merged_into(item.get("slug"))) is not None:
            # An editor merged this person into another: the survivor holds their data now.
            self.by_slug[model][item["slug"]] = survivor
            return survivor
        values = {f: item[f] for f in fields if f in item}
        values["publication_status"] = item.get("publication_status", self.publication_status)
        if "internal_notes" in item:
            values["internal_notes"] = item["internal_notes"]
        obj = self.upsert(where, model, {"slug": item.get("slug", "")}, values)
        if obj is not None:
            self.by_slug[model][obj.slug] = obj
        return obj

    # -- sections -------------------------------------------------------------------------
    def saved_in(self, section, items):
        """(place, item, saved record or None) for each item of an importable kind's section."""
        kind = KIND_IN[section]
        for i, item in enumerate(items):
            where = Place((section, i))
            yield where, item, self.top_level(where, kind.model, item, kind.fields, kind.dates)

    def saved_with_references(self, section, items):
        """Like ``saved_in``, but every item is saved before any is yielded, each with its
        references to a record of the same kind (a source's ``cited_via``, a party's
        ``parent``) set: they may point at an item further on."""
        kind = KIND_IN[section]
        for where, item, _ in list(self.saved_in(section, items)):
            obj = self.by_slug[kind.model].get(item.get("slug"))
            for name in kind.references:
                if obj is not None and name in item:
                    self.upsert(where, kind.model, {"pk": obj.pk},
                                {name: self.ref(where.at(name), kind.model, item[name])})
            yield where, item, obj

    def sources(self, items):
        for _ in self.saved_with_references("sources", items):
            pass  # a source has nothing more than its columns

    def parties(self, items):
        for where, item, party in self.saved_with_references("parties", items):
            if party is not None:
                self.names(where, PartyName, {"party": party}, item.get("names", []))

    def names(self, where, model, owner, items):
        for j, name in enumerate(items):
            at = where.at("names", j)
            values = {k: name[k] for k in ("language", "script", "romanization") if k in name}
            # A key left out leaves the stored value alone (here and below): a bulk import
            # that names a row without its sources or note must not wipe an editor's work.
            m2m = {"sources": self.refs(at.at("sources"), Source, name["sources"])} if "sources" in name else None
            self.upsert(at, model, {**owner, "text": name.get("text", "")}, values, m2m=m2m)

    def prisoners(self, items):
        for where, item, person in self.saved_in("prisoners", items):
            if person is None:
                continue
            owner = {"prisoner": person}
            self.names(where, PrisonerName, owner, item.get("names", []))
            for j, c in enumerate(item.get("citizenships", [])):
                self.upsert(where.at("citizenships", j), Citizenship, {**owner, "country": c.get("country", "")},
                            {k: c[k] for k in ("note",) if k in c})
            for j, d in enumerate(item.get("detentions", [])):
                self.upsert(where.at("detentions", j), Detention, {
                    **owner, "detained_on": as_date(d.get("detained_on")),
                    "detained_on_precision": d.get("detained_on_precision", "day"),
                }, {k: d[k] for k in ("charges", "sentence", "place", "internal_notes") if k in d})
            for j, s in enumerate(item.get("status_records", [])):
                self.upsert(where.at("status_records", j), StatusRecord, {
                    **owner, "status": s.get("status", ""), "as_of": as_date(s.get("as_of")),
                }, {"as_of_precision": s.get("as_of_precision", "day"), "note": s.get("note", "")})
            for j, r in enumerate(item.get("recognitions", [])):
                at = where.at("recognitions", j)
                self.upsert(at, Recognition, {**owner, "recognized_by": self.ref(at.at("recognized_by"), Party, r.get("recognized_by"))},
                            {"wording": r.get("wording", ""), "recognized_on": as_date(r.get("recognized_on"))})
            self.citations(where, {"prisoner": person}, item.get("citations", []))

    def citations(self, where, subject, items):
        for j, c in enumerate(items):
            at = where.at("citations", j)
            lookup = {
                "release": None, "prisoner": None, "party": None, **subject,
                "source": self.ref(at.at("source"), Source, c.get("source")),
                "claim": c.get("claim", "general"), "quote": c.get("quote", ""),
            }
            if "prisoner" in c:
                lookup["prisoner"] = self.ref(at.at("prisoner"), Prisoner, c["prisoner"])
            if "party" in c:
                lookup["party"] = self.ref(at.at("party"), Party, c["party"])
            self.upsert(at, Citation, lookup, {k: c[k] for k in ("account", "locator") if k in c})

    def releases(self, items):
        for where, item, event in self.saved_in("releases", items):
            if event is None:
                continue
            people = item.get("released_people", [])
            try:
                event.check_named_people(len(people))
            except ValidationError as error:
                for message in error.messages:
                    self.problem(where.at("released_people"), message)
            for j, p in enumerate(people):
                at = where.at("released_people", j)
                self.upsert(at, ReleasedPerson, {"release": event, "prisoner": self.ref(at.at("prisoner"), Prisoner, p.get("prisoner"))},
                            {k: p[k] for k in ("citizenship_at_release", "destination", "conditions") if k in p})
            for j, r in enumerate(item.get("party_roles", [])):
                at = where.at("party_roles", j)
                self.upsert(at, PartyRole, {"release": event, "party": self.ref(at.at("party"), Party, r.get("party"))},
                            {"role": r.get("role", ""), **{k: r[k] for k in ("note",) if k in r}})
            self.citations(where, {"release": event}, item.get("citations", []))
            for j, c in enumerate(item.get("concessions", [])):
                at = where.at("concessions", j)
                self.upsert(at, Concession, {"release": event, "description": c.get("description", "")}, {
                    "offered_by": self.ref(at.at("offered_by"), Party, c.get("offered_by")),
                    "offered_to": self.ref(at.at("offered_to"), Party, c.get("offered_to")),
                    "status": c.get("status", "reported"), "note": c.get("note", ""),
                }, m2m={"sources": self.refs(at.at("sources"), Source, c.get("sources"))})

    def links(self, items):
        for i, link in enumerate(items):
            where = Place(("links", i))
            self.upsert(where, EventLink, {
                "from_event": self.ref(where.at("from"), ReleaseEvent, link.get("from")),
                "to_event": self.ref(where.at("to"), ReleaseEvent, link.get("to")),
                "kind": link.get("kind", ""),
            }, {"note": link.get("note", "")})

    def pages(self, items):
        for i, item in enumerate(items):
            self.top_level(Place(("pages", i)), Page, item, ["title", "body", "navigation_order"])

    def collections(self, items):
        targets = {"release": ReleaseEvent, "prisoner": Prisoner, "source": Source}
        for i, item in enumerate(items):
            where = Place(("collections", i))
            collection = self.top_level(where, Collection, item, ["title", "introduction", "navigation_order"])
            if collection is None:
                continue
            for j, entry in enumerate(item.get("items", [])):
                at = where.at("items", j)
                refs = {name: self.ref(at.at(name), model, entry.get(name)) for name, model in targets.items()}
                self.upsert(at, CollectionItem, {"collection": collection, **refs},
                            {"position": j, "note": entry.get("note", "")})


def merged_into(slug):
    """The person a record with this (retired) slug was merged into, or None."""
    redirect = PrisonerRedirect.objects.filter(old_slug=slug).select_related("prisoner").first() if slug else None
    return redirect.prisoner if redirect else None


def as_date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        # Left as given: full_clean() reports it against the right field.
        return value


def with_dates(item, *names):
    """``item`` with the dates it gives parsed; a date it leaves out stays out (unchanged)."""
    return {**item, **{name: as_date(item[name]) for name in names if name in item}}


def load_dataset(data, *, publication_status="draft"):
    """Load ``data`` in one transaction; return (created, updated) counts or raise DatasetError."""
    loader = Loader(data.get("publication_status", publication_status))
    with transaction.atomic():
        loader.sources(data.get("sources", []))
        loader.parties(data.get("parties", []))
        loader.prisoners(data.get("prisoners", []))
        loader.releases(data.get("releases", []))
        loader.links(data.get("links", []))
        loader.pages(data.get("pages", []))
        loader.collections(data.get("collections", []))
        if loader.problems:
            transaction.set_rollback(True)
            raise DatasetError(loader.problems)
    return loader.created, loader.updated
