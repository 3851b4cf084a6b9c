"""Every PDF the service makes goes through here: tagged (PDF/UA), and fetching nothing
but the app's own static files.

WeasyPrint's default fetcher follows any scheme (file, http, ftp, data) and redirects; ours
serves ``/static/...`` from the staticfiles finders and refuses everything else."""

import mimetypes
import re

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in templates resolve against this made-up origin, which only our fetcher knows.
BASE_URL = "https://pdf.internal/"
STATIC_PREFIX = BASE_URL + "static/"


class RefusedURL(ValueError):
    pass


class StaticOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=["https"], allow_redirects=False)

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_PREFIX) or ".." in url:
            raise RefusedURL(f"PDFs may only use the app's own static files, not {url[:80]!r}")
        relative = url.removeprefix(STATIC_PREFIX).split("?")[0].split("#")[0]
        path = finders.find(relative)
        if not path:
            raise RefusedURL(f"No static file {relative!r}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


# Whitespace between a table's own tags is never drawn, but each run of it becomes a box that
# WeasyPrint builds, styles and lays out: with hundreds of table rows that costs about a tenth
# of the time. Only whitespace between a table tag and another tag goes; text is untouched.
_TABLE_TAGS = "table|caption|thead|tbody|tfoot|tr|th|td"
_BEFORE_TABLE_TAG = re.compile(rf">\s+(?=</?(?:{_TABLE_TAGS})\b)")
_AFTER_TABLE_TAG = re.compile(rf"(</?(?:{_TABLE_TAGS})\b[^>]*>)\s+(?=<)")


def _table_whitespace_strip(html):
    return _AFTER_TABLE_TAG.sub(r"\1", _BEFORE_TABLE_TAG.sub(">", html))


def pdf_from_html(html):
    html = _table_whitespace_strip(html)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf(pdf_variant="pdf/ua-1")


def pdf_render(template, context):
    """Render a template to a tagged PDF. The template must set ``<html lang="en-GB">`` and a
    ``<title>`` (extend ``pdf/base.html``), and refer to static files as ``/static/...``."""
    return pdf_from_html(render_to_string(template, context))
