"""Every PDF the service makes goes through here: tagged (PDF/UA), and fetching nothing
but the app's own static files.

WeasyPrint's default fetcher follows any scheme (file, http, ftp, data) and redirects; ours
serves ``/static/...`` from the staticfiles finders and refuses everything else."""

import io
import mimetypes
import re

import pikepdf
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
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf(pdf_variant="pdf/ua-1")
    return _header_scopes_add(pdf)


def _header_scopes_add(pdf_bytes):
    """WeasyPrint 70 tags each data cell with the header cells it belongs to (/Headers) but
    leaves /Scope off the header cells, which PDF/UA needs (pdfua's UA-15-003). The scope is read
    back from those /Headers: a header named by cells of its own row heads that row, one named
    from other rows heads its column. A header no cell names keeps its place's meaning."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        rows = list(_rows(tree, section=None)) if tree is not None else []
        if not rows:
            return pdf_bytes
        same_row, other_row = set(), set()
        for _section, headers, cells in rows:
            ids = {str(th.ID) for th in headers if "/ID" in th}
            for cell in cells:
                for header_id in map(str, _attributes(cell).get("/Headers", [])):
                    (same_row if header_id in ids else other_row).add(header_id)
        for section, headers, _cells in rows:
            for th in headers:
                _attributes(th).Scope = _scope(str(th.get("/ID", "")), section, same_row, other_row)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _scope(header_id, section, same_row, other_row):
    if header_id in same_row and header_id in other_row:
        return pikepdf.Name.Both
    if header_id in same_row:
        return pikepdf.Name.Row
    if header_id in other_row or section == "/THead":
        return pikepdf.Name.Column
    return pikepdf.Name.Row


def _rows(node, section):
    """``(section, header cells, data cells)`` for every table row under ``node``."""
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    kids = [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
    if node.get("/S") == "/TR":
        yield (section, [k for k in kids if k.S == "/TH"], [k for k in kids if k.S == "/TD"])
        return
    for kid in kids:
        yield from _rows(kid, str(kid.S) if kid.S in ("/THead", "/TBody", "/TFoot") else section)


def _attributes(cell):
    """The cell's table attributes (/A with /O /Table), made if it has none."""
    if not isinstance(cell.get("/A"), pikepdf.Dictionary):
        cell.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
    return cell.A


def pdf_render(template, context):
    """Render a template to a tagged PDF. The template must set ``<html lang="en-GB">`` and a
    ``<title>`` (extend ``pdf/base.html``), and refer to static files as ``/static/...``."""
    return pdf_from_html(render_to_string(template, context))
