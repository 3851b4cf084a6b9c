"""Every CSV the service offers for download is written here.

Each cell, headers and titles included, goes through ``csv_safe``: text a spreadsheet would run
as a formula (``=HYPERLINK(...)`` in a questionnaire's title, say) is shown as text instead. The
file starts with a UTF-8 byte order mark, without which Excel reads UTF-8 as the local code page
and turns "£" and accented names into mojibake."""

import csv

from django.http import HttpResponse

BOM = "\ufeff"
# A cell starting with any of these is a formula to Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """The cell's text, prefixed with an apostrophe if a spreadsheet would run it as a formula.
    Numbers, negative ones too, are left as numbers."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(rows, *, filename):
    """A download of ``rows`` (the first being the header), every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    csv.writer(response).writerows([csv_safe(cell) for cell in row] for row in rows)
    return response
