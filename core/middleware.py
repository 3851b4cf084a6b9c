"""Pages the service makes are never kept by a browser's disk cache or a proxy."""

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Every response the app makes carries ``Cache-Control: private, no-store`` unless its view
    says otherwise (the organisation's logo may be kept for a day). Staff pages, CSVs and PDFs
    hold personal data, and resident pages sit at addresses holding a secret: none may be kept
    on a shared computer or by a proxy. Static files are served before this runs, with their
    own long-lived headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
