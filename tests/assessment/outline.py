"""Checks a rendered page the way a screen reader user meets it: headings, labels, breadcrumbs."""

from html.parser import HTMLParser
from itertools import pairwise


class Outline(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.ids: set[str] = set()
        self.labelledby: list[str] = []
        self.breadcrumbs: list[dict] = []
        self._heading: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "aria-labelledby" in attrs:
            # An ID reference list: each id in it must exist.
            self.labelledby.extend(attrs["aria-labelledby"].split())
        if tag == "li" and "breadcrumb-item" in (attrs.get("class") or ""):
            self.breadcrumbs.append(attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._heading = [int(tag[1]), ""]

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None


def assert_accessible(response) -> Outline:
    outline = Outline(response.content.decode())
    levels = [level for level, _ in outline.headings]
    assert levels.count(1) == 1, outline.headings
    assert levels[0] == 1, "the first heading is not the h1"
    for previous, current in pairwise(levels):
        assert current <= previous + 1, f"heading level skipped: {outline.headings}"
    missing = [target for target in outline.labelledby if target not in outline.ids]
    assert not missing, f"aria-labelledby points at nothing: {missing}"
    assert outline.breadcrumbs, "no breadcrumbs"
    assert outline.breadcrumbs[-1].get("aria-current") == "page"
    assert all("aria-current" not in item for item in outline.breadcrumbs[:-1])
    return outline
