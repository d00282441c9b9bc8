"""Content negotiation where an explicit ``?format=`` wins over the Accept header."""
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
        return super().select_renderer(request, renderers, format_suffix)
