"""Read pages as HTML, the way a person or a screen reader meets them, instead of splitting strings.

    from tests.html import rows, text_of

    assert text_of(response, "#at-a-glance") == "..."      # the words inside, spaces collapsed
    assert rows(response, "table")[1] == ["Tessa", "Last on 4 May 2026"]

Selectors are a small subset of CSS, enough for tests: ``tag``, ``#id``, ``.class``, ``[attr]``,
``[attr=value]``, combined (``li.error``, ``td[data-x=1]``) and joined by spaces for descendants
(``#outcomes li``). Built on Python's own ``html.parser``; no extra dependency.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose edges separate words (a cell, an item, a paragraph); inline ones (a, strong) do not.
BLOCK = {
    "address", "article", "aside", "br", "caption", "dd", "div", "dl", "dt", "fieldset", "figcaption", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "legend", "li", "main", "nav", "ol", "option", "p",
    "section", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SIMPLE = re.compile(r"([a-zA-Z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=\"?([^\"\]]*)\"?)?\]")


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)  # Elements and strings, in document order
    parent: "Element | None" = field(default=None, repr=False)

    @property
    def text(self):
        """The text inside, with runs of whitespace collapsed to one space."""
        return " ".join("".join(self._strings()).split())

    def _strings(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                edge = " " if child.tag in BLOCK else ""
                yield edge
                yield from child._strings()
                yield edge

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def select(self, selector):
        """Every element inside matching ``selector``, in document order."""
        *ancestors, last = selector.split()
        found = [e for e in self.iter() if _matches(e, last)]
        return [e for e in found if _has_ancestors(e, ancestors, stop=self)]

    def select_one(self, selector):
        found = self.select(selector)
        assert found, f"nothing on the page matches {selector!r}"
        return found[0]


def _matches(element, simple):
    for tag, id_, cls, attr, value in SIMPLE.findall(simple):
        if tag and element.tag != tag.lower():
            return False
        if id_ and element.attrs.get("id") != id_:
            return False
        if cls and cls not in (element.attrs.get("class") or "").split():
            return False
        if attr and (attr not in element.attrs or (value and element.attrs[attr] != value)):
            return False
    return True


def _has_ancestors(element, ancestors, stop):
    if not ancestors:
        return True
    node = element.parent
    while node is not None and node is not stop:
        if _matches(node, ancestors[-1]):
            return _has_ancestors(node, ancestors[:-1], stop)
        node = node.parent
    return False


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag is ignored, as browsers do.
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        if self.open[-1].tag not in {"script", "style"}:
            self.open[-1].children.append(data)


def parse(page):
    """The document of a response (or of HTML text) as a tree of ``Element``."""
    html = page if isinstance(page, str) else page.content.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def text_of(page, selector):
    """The text of the first element matching ``selector`` (fails the test if there is none)."""
    return parse(page).select_one(selector).text


def texts(page, selector):
    """The text of every element matching ``selector``, in page order."""
    return [element.text for element in parse(page).select(selector)]


def rows(page, selector="table"):
    """The first matching table as a list of rows, each a list of its cells' text (th and td)."""
    table = parse(page).select_one(selector)
    return [[cell.text for cell in row.iter() if cell.tag in {"th", "td"}] for row in table.select("tr")]


def tags(page, name):
    """The attributes of every ``name`` element, e.g. every script's, in page order."""
    return [element.attrs for element in parse(page).select(name)]
