"""The page reader the tests use (tests/html.py) reads what a person sees."""

import pytest

from tests.html import parse, rows, tags, text_of, texts

PAGE = """<!doctype html><html><head><style nonce="n1">p{}</style></head><body>
<nav><ul><li>Home</li></ul></nav>
<section id="summary" class="card wide"><h2>Summary</h2><p>Three <strong>new</strong> members,
   two   left.<br>Updated today</p><img src="x.png" alt=""></section>
<table><tr><th>Name</th><th>Training</th></tr><tr><td><a href="/p/1">Tessa</a></td><td>Last on 4 May</td></tr>
<tr><td>Uma &amp; Co</td><td>None recorded</td></tr></table>
<script nonce="n1">var ignored = "<li>not text</li>";</script></body></html>"""


def test_text_is_what_is_seen_with_spaces_collapsed_and_blocks_apart():
    assert text_of(PAGE, "#summary p") == "Three new members, two left. Updated today"
    assert text_of(PAGE, "section.card h2") == "Summary"


def test_tables_read_as_rows_of_cell_text():
    assert rows(PAGE) == [["Name", "Training"], ["Tessa", "Last on 4 May"], ["Uma & Co", "None recorded"]]


def test_selectors_match_descendants_and_attributes_and_scripts_are_not_text():
    assert texts(PAGE, "nav li") == ["Home"]
    assert texts(PAGE, "li") == ["Home"]
    assert [a.attrs["href"] for a in parse(PAGE).select("td a[href]")] == ["/p/1"]
    assert tags(PAGE, "script") == [{"nonce": "n1"}] and tags(PAGE, "[nonce=n1]") == [{"nonce": "n1"}] * 2


def test_a_missing_element_fails_with_the_selector_named():
    with pytest.raises(AssertionError, match="#nowhere"):
        text_of(PAGE, "#nowhere")
