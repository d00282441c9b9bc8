"""An editor's script as the API tests drive it (token client, JSON bodies) and the row counts
that show a refused write stored nothing."""
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from releases import models as m
from tests.support.factories import ReleaseEventFactory, SourceFactory

API = "/api/v1/"
# Every table an API write may touch, and the history table of each.
WRITTEN_MODELS = (
    m.ReleaseEvent, m.ReleasedPerson, m.PartyRole, m.Prisoner, m.PrisonerName, m.Citizenship,
    m.Party, m.PartyName, m.Source, m.Citation,
)


def script(user=None, key=None):
    """An API client as an editor's script uses it: a token header (if any), JSON bodies,
    and server errors returned as responses (a 500 is an answer the script sees)."""
    client = APIClient(raise_request_exception=False)
    if user is not None:
        key = Token.objects.get_or_create(user=user)[0].key
    if key is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def list_url(resource):
    return f"{API}{resource}/"


def detail_url(resource, record):
    pk = record if isinstance(record, int) else record.pk
    return f"{API}{resource}/{pk}/"


def release_body(**fields):
    return {
        "title": "Belarus frees three people", "slug": "belarus-frees-three", "kind": "unilateral",
        "date_from": "2025-02-12", **fields,
    }


def prisoner_body(**fields):
    return {"preferred_name": "Ihar Karnei", "slug": "ihar-karnei", **fields}


def party_body(**fields):
    return {"name": "US Department of State", "slug": "us-state-department", "kind": "agency",
            "country": "US", **fields}


def source_body(**fields):
    return {"outlet": "RFE/RL", "slug": "rferl-2025-02-12", "title": "Belarus frees three",
            "link": "https://www.rferl.org/a/belarus-frees-three.html", **fields}


def citation_body(source, **subject):
    return {"source": source.pk, **{k: v.pk for k, v in subject.items()},
            "claim": "date", "account": "12 February"}


def new_body(resource):
    """A valid body that creates a record of ``resource`` (a citation cites fresh records)."""
    if resource == "citations":
        return citation_body(SourceFactory(), release=ReleaseEventFactory())
    return {"releases": release_body, "prisoners": prisoner_body, "parties": party_body,
            "sources": source_body}[resource]()


def stored():
    """Row counts of every table an API write touches, history tables included."""
    counts = {model.__name__: model.objects.count() for model in WRITTEN_MODELS}
    counts.update({f"{model.__name__} history": model.history.count() for model in WRITTEN_MODELS})
    return counts


def flat(errors):
    """All messages in a (possibly nested) DRF error structure, as one string."""
    if isinstance(errors, dict):
        return " ".join(flat(value) for value in errors.values())
    if isinstance(errors, list):
        return " ".join(flat(value) for value in errors)
    return str(errors)


def body(response):
    """A response's bytes, whether streamed (CSV) or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
