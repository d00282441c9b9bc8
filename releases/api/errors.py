"""Every API error is JSON that names the problem; model validation errors become 400s."""
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

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


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = django_errors_to_drf(exc)
    request = context.get("request")
    if request is not None and getattr(request, "accepted_renderer", None) is not None \
            and request.accepted_renderer.format == "csv":
        # An error asked for as CSV still has to say what went wrong: answer it in JSON.
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
    return drf_exception_handler(exc, context)
