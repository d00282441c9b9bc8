"""Project-wide response headers that Django 5.2 does not send itself."""
from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY on every response (pages, API, errors, static files).

    A view that needs another policy sets the header itself; it is left alone. Placed right
    after SecurityMiddleware so that responses made by the middleware below it (WhiteNoise's
    static files, CommonMiddleware's redirects) carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = self.policy
        return response
