"""Content negotiation where an explicit ``?format=`` wins over the Accept header."""
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class FormatFirstNegotiation(DefaultContentNegotiation):
    """Scripts often send a fixed ``Accept: application/json``; ``?format=csv`` must still
    give CSV rather than a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if wanted:
            for renderer in renderers:
                if renderer.format == wanted:
                    return renderer, renderer.media_type
            offered = ", ".join(sorted({r.format for r in renderers if r.format != "api"}))
            raise ValidationError({"format": [f"Unknown format '{wanted}'. Offered: {offered}."]})
        return super().select_renderer(request, renderers, format_suffix)
