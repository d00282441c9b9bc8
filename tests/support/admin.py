"""The admin's forms as a browser posts them, and the errors an editor reads."""
from django.conf import settings

ADMIN = "/" + settings.ADMIN_PATH


def inline(prefix, rows, initial=0):
    """POST data for one admin inline formset."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def release_form(people=(), roles=(), citations=(), **fields):
    data = {
        "title": "Belarus frees three people", "slug": "belarus-frees-three", "kind": "unilateral",
        "summary": "", "date_from": "2025-02-12", "date_to": "", "date_precision": "day",
        "releasing_country": "BY", "handover_place": "Minsk", "destination": "Vilnius",
        "destination_country": "LT", "announced_total": "3", "publication_status": "draft",
        "internal_notes": "",
        **fields,
    }
    data.update(inline("released_people", [{"prisoner": p.pk} for p in people]))
    data.update(inline("party_roles", [{"party": party.pk, "role": role} for party, role in roles]))
    data.update(inline("citations", [
        {"source": s.pk, "claim": claim, "account": account, "quote": "a brief quote"}
        for s, claim, account in citations
    ]))
    data.update(inline("links_out", []))
    data.update(inline("concessions", []))
    return data


def errors_in(response):
    """The admin's error messages as plain text."""
    context = response.context
    messages = [str(e) for e in context["errors"]] if context and "errors" in context else []
    return " ".join(messages)
