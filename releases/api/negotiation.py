"""Content negotiation where an explicit ``?format=`` wins over the Accept header."""
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class FormatFirstNegotiation(DefaultContentNegotiation):
    """Scripts often send a fixed ``Accept: application/json``; ``?format=csv`` must still
    give CSV rather than a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if wanted is not None:  # an empty ?format= is unknown too, not "no preference"
            for renderer in renderers:
                if renderer.format == wanted:
                    return renderer, renderer.media_type
            offered = ", ".join(sorted({r.format for r in renderers if r.format != "api"}))
            raise ValidationError({"format": [f"Unknown format '{wanted}'. Offered: {offered}."]})
        return super().select_renderer(request, renderers, format_suffix)


class MethodBeforeFormat:
    """A view mixin: a method the view does not offer is a 405 before anything else, as
    HTTP says; DRF would otherwise negotiate the format first and answer an unknown
    ``?format=`` on a ``TRACE`` with a 400."""

    def initial(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names or not hasattr(self, request.method.lower()):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
