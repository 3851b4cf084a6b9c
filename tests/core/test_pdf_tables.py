"""Tables in PDFs: each header cell says whether it heads a row or a column, so a screen reader
can tell which headers go with each number (PDF/UA; WeasyPrint leaves /Scope off)."""

import io

import pikepdf

from core.pdf import pdf_from_html

TABLES = """<!doctype html><html lang="en-GB"><head><title>Tables</title></head><body>
<table><caption>Answers by statement</caption>
  <thead><tr><th scope="col">Statement</th><th scope="col">Agree</th><th scope="col">Disagree</th></tr></thead>
  <tbody>
    <tr><th scope="row">I was listened to</th><td>12</td><td>3</td></tr>
    <tr><th scope="row">I would take part again</th><td>14</td><td>1</td></tr>
  </tbody>
</table>
<table><caption>No head section</caption>
  <tr><th>Measure</th><th>Value</th></tr>
  <tr><td>People</td><td>40</td></tr>
</table>
</body></html>"""


def header_cells(pdf_bytes):
    """``(text in the cell's /ID, /Scope)`` of each TH, and the /Headers of each TD."""
    headers, cells = [], []

    def walk(node):
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if kid.S == "/TH":
                    headers.append((str(kid.get("/ID", "")), kid.A.get("/Scope")))
                elif kid.S == "/TD":
                    cells.append([str(h) for h in kid.get("/A", {}).get("/Headers", [])])
                walk(kid)

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        walk(pdf.Root.StructTreeRoot)
    return headers, cells


def test_every_header_cell_in_a_pdf_table_has_a_scope():
    headers, cells = header_cells(pdf_from_html(TABLES))

    scopes = [scope for _id, scope in headers]
    assert scopes == ["/Column"] * 3 + ["/Row"] * 2 + ["/Column"] * 2
    # Data cells still name their headers, and every name is a header cell's /ID.
    ids = {header_id for header_id, _scope in headers}
    assert cells and all(cell and set(cell) <= ids for cell in cells)
