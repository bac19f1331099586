"""The section topics every visitor can follow (load_initiative_content calls `load`)."""

from core.loading import LoadReport, ensure

from .models import Topic

# key, slug, English title, Spanish title, page
SECTIONS = [
    ("section:initiative", "initiative-news", "Initiative news", "Noticias de la iniciativa",
     "/about/"),
    ("section:exchange", "denmark-exchange", "Denmark exchange", "Intercambio con Dinamarca",
     "/exchange/"),
    ("section:assessment", "assessment", "Clean Industry Assessment",
     "Evaluación de Industria Limpia", "/assessment/"),
    ("section:roadmap", "roadmap", "Roadmap and next steps", "Hoja de ruta y próximos pasos",
     "/roadmap/"),
]  # fmt: skip


def load(report: LoadReport) -> None:
    for order, (key, slug, title, title_es, url) in enumerate(SECTIONS):
        ensure(
            report, Topic, lookup={"key": key},
            slug=slug, title_en=title, title_es=title_es, url=url, kind=Topic.Kind.SECTION,
            order=order,
        )  # fmt: skip
