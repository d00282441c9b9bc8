"""Every API error is JSON that names the problem; model validation errors become 400s."""
import datetime

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

from releases.models.identity import is_record_id

# Django's generic message for a violated constraint; dropped when clean() already explained it.
GENERIC_CONSTRAINT_MESSAGE = "Constraint “"


def django_errors_to_drf(error, renamed=None):
    """A Django ValidationError as a DRF one: keys are the names the client sent
    (``renamed`` maps model field -> API field), ``__all__`` is ``non_field_errors``."""
    renamed = renamed or {}
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError({"non_field_errors": error.messages})
    detail = {}
    for field, messages in error.message_dict.items():
        readable = [m for m in messages if not m.startswith(GENERIC_CONSTRAINT_MESSAGE)] or messages
        key = "non_field_errors" if field == "__all__" else renamed.get(field, field)
        detail.setdefault(key, []).extend(readable)
    return exceptions.ValidationError(detail)


def page_not_found(request, exception):
    """handler404: under /api/ a JSON 404 like the API's own (an id the router's pattern does
    not match never reaches DRF); elsewhere Django's HTML page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = django_errors_to_drf(exc)
    if isinstance(exc, RequestDataTooBig):
        # Django would answer an HTML 400 with an empty message; a script needs to know why.
        exc = RequestTooLarge(f"The request body is too large: at most "
                              f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.")
    request = context.get("request")
    if request is not None and getattr(request, "accepted_renderer", None) is not None \
            and request.accepted_renderer.format == "csv":
        # An error asked for as CSV still has to say what went wrong: answer it in JSON.
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
    return drf_exception_handler(exc, context)


class EditConflict(exceptions.APIException):
    """The record was saved by someone else after the version the client sent: nothing was
    written. 412 Precondition Failed when the version came in ``If-Match``, 409 Conflict when
    it came in the body (``field``) or when the record changed while the request was handled
    (``field`` None: the client sent no version). The body says who changed it, when, and
    the version to fetch and resend against."""

    default_code = "edit_conflict"

    def __init__(self, record, sent, field):
        super().__init__()
        self.status_code = 412 if field == "If-Match" else 409
        user, when = record.last_change()
        current = record.stored_version()
        who = user or "someone (no user recorded)"
        stamp = when.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
        if field is None:
            since = "while your request was being handled"
        else:
            since = f"since version {sent} that you sent in {field}"
        text = (f"This record was changed by {who} at {stamp} {since}. Nothing was saved. Fetch "
                f"it again (its version is now {current}), reapply your changes and send them "
                "with that version.")
        if field == "If-Match" and not is_record_id(sent):
            text += (" If-Match takes the record's \"version\" (If-Match: \"<version>\"), not the "
                     "ETag of a read, which changes whenever anything in the dataset changes.")
        self.detail = {"detail": text, "field": field or "version", "current_version": current,
                       "changed_by": user, "changed_at": stamp}
