"""Reading rendered pages the way a screen reader user meets them: headings, labels, breadcrumbs."""

from html.parser import HTMLParser
from itertools import pairwise


class PageOutline(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.ids: set[str] = set()
        self.labelledby: list[str] = []
        self.sections_without_label = 0
        self.breadcrumb_items: list[dict] = []
        self._heading: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "aria-labelledby" in attrs:
            # An ID reference list: each id in it must exist.
            self.labelledby.extend(attrs["aria-labelledby"].split())
        elif tag == "section":
            self.sections_without_label += 1
        if tag == "li" and "breadcrumb-item" in (attrs.get("class") or ""):
            self.breadcrumb_items.append(attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._heading = [int(tag[1]), ""]

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None


def assert_accessible_outline(html: str) -> PageOutline:
    outline = PageOutline(html)
    levels = [level for level, _ in outline.headings]
    assert levels.count(1) == 1, outline.headings
    assert levels[0] == 1, outline.headings
    for previous, current in pairwise(levels):
        assert current <= previous + 1, f"heading level skips from h{previous} to h{current}"
    assert outline.sections_without_label == 0
    for label in outline.labelledby:
        assert label in outline.ids, f"aria-labelledby={label!r} names no element"
    assert outline.breadcrumb_items, "no breadcrumbs"
    assert outline.breadcrumb_items[-1].get("aria-current") == "page"
    assert all("aria-current" not in item for item in outline.breadcrumb_items[:-1])
    return outline


def assert_accessible(response) -> PageOutline:
    return assert_accessible_outline(response.content.decode())


def section(html: str, heading_id: str) -> str:
    """The markup of the <section> labelled by `heading_id` (sections here are not nested)."""
    start = html.index(f'<section aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]
