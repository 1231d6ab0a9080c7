"""Reading the public pages as a reader sees them: a small tree from the standard library's
HTML parser, CSS-like selectors, and the text of headings, tables, facts and links."""

from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class Element:
    def __init__(self, name, attributes):
        self.name, self.attributes, self.children = name, dict(attributes), []


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_endtag(self, tag):
        names = [element.name for element in self.open]
        if tag in names[1:]:
            # Close up to the matching element (tolerates unclosed <li>, <p>…).
            del self.open[len(names) - 1 - names[::-1].index(tag) :]

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _matches(element, simple):
    """Whether ``element`` matches one simple selector: ``tag``, ``.class``, ``#id`` or
    ``tag.class``."""
    if "." in simple:
        name, cls = simple.split(".", 1)
        found = cls in element.attributes.get("class", "").split()
    elif "#" in simple:
        name, id_ = simple.split("#", 1)
        found = element.attributes.get("id") == id_
    else:
        name, found = simple, True
    return found and (not name or element.name == name)


def _descendants(node):
    for child in node.children:
        if isinstance(child, Element):
            yield child
            yield from _descendants(child)


def select(node, selector):
    """The elements under ``node`` matching ``selector`` (simple selectors joined by spaces,
    each a descendant of the one before), in document order."""
    found = [node]
    for simple in selector.split():
        seen, matched = set(), []
        for parent in found:
            for element in _descendants(parent):
                if _matches(element, simple) and id(element) not in seen:
                    seen.add(id(element))
                    matched.append(element)
        found = matched
    return found


def _raw_text(node):
    return node if isinstance(node, str) else "".join(_raw_text(c) for c in node.children)


def text(node):
    """The text of ``node`` with whitespace collapsed, as a reader sees it."""
    return " ".join(_raw_text(node).split())


def page(response):
    assert response.status_code == 200
    return parse(response.content.decode())


def _node(response_or_node):
    return page(response_or_node) if hasattr(response_or_node, "status_code") else response_or_node


def texts(response_or_node, selector):
    return [text(element) for element in select(_node(response_or_node), selector)]


def table_rows(response_or_node, selector="tbody tr"):
    return [texts(row, "td") for row in select(_node(response_or_node), selector)]


def facts(response):
    """The page's ``<dl class="facts">`` as (term, definition) pairs."""
    found = page(response)
    return list(zip(texts(found, "dl.facts dt"), texts(found, "dl.facts dd"), strict=True))


def links(response, selector):
    return [(a.attributes["href"], text(a)) for a in select(page(response), selector)]
