"""The section topics every visitor can follow (load_initiative_content calls `load`)."""

from cleanindustry.content import LoadReport, ensure

from .models import Topic

SECTIONS = [
    ("section:initiative", "initiative-news", "Initiative news", "/about/"),
    ("section:exchange", "denmark-exchange", "Denmark exchange", "/exchange/"),
    ("section:assessment", "assessment", "Clean Industry Assessment", "/assessment/"),
    ("section:roadmap", "roadmap", "Roadmap and next steps", "/roadmap/"),
]


def load(report: LoadReport) -> None:
    for order, (key, slug, title, url) in enumerate(SECTIONS):
        ensure(
            report, Topic, lookup={"key": key},
            slug=slug, title=title, url=url, kind=Topic.Kind.SECTION, order=order,
        )  # fmt: skip
