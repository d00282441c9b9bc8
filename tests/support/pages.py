"""Public pages as a reader sees them (``Html``: elements, their text and ancestors), and the
published records the page tests draw on."""
import datetime
from html.parser import HTMLParser

from releases.derived.signals import one_write
from tests.support import factories as f

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def squash(text):
    return " ".join(text.split())


class Html(HTMLParser):
    """A parsed page: every element with its attributes, its text and its ancestors."""

    def __init__(self, content):
        super().__init__(convert_charrefs=True)
        self.elements, self._open, self._text = [], [], []
        self.feed(content.decode() if isinstance(content, bytes) else content)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "ancestors": list(self._open)}
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                return

    def handle_data(self, data):
        self._text.append(data)
        for element in self._open:
            element["text"] += data

    @property
    def text(self):
        return squash("".join(self._text))

    def all(self, tag, within=None, **attrs):
        """Elements named ``tag`` (``within`` another element) whose attributes match; a
        ``class_`` value must be one of the element's classes."""
        found = []
        for e in self.elements:
            if e["tag"] != tag or (within is not None and not any(a is within for a in e["ancestors"])):
                continue
            ok = True
            for name, value in attrs.items():
                if name == "class_":
                    ok = ok and value in e["attrs"].get("class", "").split()
                else:
                    ok = ok and e["attrs"].get(name.replace("_", "-")) == value
            if ok:
                found.append(e)
        return found

    def one(self, tag, within=None, **attrs):
        found = self.all(tag, within, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def texts(self, tag, within=None, **attrs):
        return [squash(e["text"]) for e in self.all(tag, within, **attrs)]


def release(date_from, precision="day", date_to=None, **kwargs):
    """A published release whose dates are normalized by the model's own clean()."""
    event = f.ReleaseEventFactory.build(date_from=date_from, date_to=date_to, date_precision=precision, **kwargs)
    event.full_clean()
    event.save()
    return event


def person(name, *citizenships, names=(), **kwargs):
    prisoner = f.PrisonerFactory(preferred_name=name, **kwargs)
    for country in citizenships:
        f.CitizenshipFactory(prisoner=prisoner, country=country)
    for text in names:
        f.PrisonerNameFactory(prisoner=prisoner, text=text)
    return prisoner


@one_write()
def busy_releases(count, start=0):
    """Releases each with 4 people (with citizenships and other names), 3 party roles and 3
    citations, spread over many months. One write, as an import is: the derived data is
    refreshed once at its end, not after each of its ~20 rows per release."""
    for i in range(start, start + count):
        event = release(datetime.date(2020, 1, 15) + datetime.timedelta(days=31 * i), title=f"Busy {i}",
                        releasing_country=["BY", "RU", "IR"][i % 3], announced_total=6)
        for _ in range(4):
            prisoner = f.ReleasedPersonFactory(release=event).prisoner
            f.CitizenshipFactory(prisoner=prisoner)
            f.PrisonerNameFactory(prisoner=prisoner)
        for role in ("releasing_authority", "envoy", "mediator"):
            f.PartyRoleFactory(release=event, role=role)
        for _ in range(3):
            f.CitationFactory(release=event)
