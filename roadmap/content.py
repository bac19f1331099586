"""The roadmap's next steps, as the initiative's About and Exchange pages state them.

Progress is only what the pages say: the hub strategy is under way ("are collaborating"), the
peer-to-peer conversations are still to come ("will host ... to explore"), the companies'
investments are expected, and the roadmap review itself is told in the past tense. The pages
give no dates for any step, so none has a progress note.

Exchange rows are looked up by slug; one that is missing (exchange's loader not run) is
left out of the links rather than stopping the load.
"""

from assessment.content import FINDING_SLUGS
from assessment.models import Finding
from core.loading import LoadReport, ensure
from exchange.models import CollaborationTrack, Organisation, Recommendation

from .models import Action, Theme

PUBLISHED = Action.Status.PUBLISHED
P = Action.Progress

# Each theme's English and Spanish side by side: `title` / `title_es`, `description` / ...
THEMES = [
    {
        "slug": "clean-industry-innovation-hub",
        "title": "Building a clean industry innovation hub",
        "title_es": "Construir un polo de innovación en industria limpia",
        "description": (
            "Making Portland a vibrant hub for clean industry innovation, and moving toward a "
            "decarbonised, circular and inclusive economy."
        ),
        "description_es": (
            "Hacer de Portland un polo dinámico de innovación en industria limpia y avanzar hacia "
            "una economía descarbonizada, circular e inclusiva."
        ),
    },
    {
        "slug": "ongoing-learning-with-denmark",
        "title": "Ongoing learning with Denmark",
        "title_es": "Aprendizaje continuo con Dinamarca",
        "description": (
            "Keeping the knowledge exchange between Portland and Denmark going beyond the 2022 "
            "visits."
        ),
        "description_es": (
            "Mantener vivo el intercambio de conocimientos entre Portland y Dinamarca más allá de "
            "las visitas de 2022."
        ),
    },
    {
        "slug": "shaping-the-roadmap",
        "title": "Shaping the roadmap",
        "title_es": "Dar forma a la hoja de ruta",
        "description": "How partners turned the assessment's findings into next steps.",
        "description_es": (
            "Cómo los socios convirtieron los hallazgos de la evaluación en próximos pasos."
        ),
    },
]


def _by_slug(model, *slugs):
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _one(model, slug):
    return next(iter(_by_slug(model, slug)), None)


def load(report: LoadReport) -> None:
    themes = {
        values["slug"]: ensure(report, Theme, order=order, status=PUBLISHED, **values)
        for order, values in enumerate(THEMES)
    }
    hub, denmark, roadmap = themes.values()

    ensure(
        report,
        Action,
        slug="clean-industry-innovation-hub-strategy",
        theme=hub,
        order=0,
        title="Develop a strategy to make Portland a clean industry innovation hub",
        title_es="Preparar una estrategia para que Portland sea un polo de innovación en "
        "industria limpia",
        summary="The City of Portland and the Portland Business Alliance are working together "
        "on a strategy to build Portland into a vibrant hub for clean industry innovation.",
        summary_es="La Ciudad de Portland y la Portland Business Alliance trabajan juntas en una "
        "estrategia para convertir a Portland en un polo dinámico de innovación en industria "
        "limpia.",
        body="<p>The strategy aims to advance a decarbonised, circular and inclusive economy. "
        "The Clean Industry Knowledge Exchange with Denmark was set up to support it.</p>",
        body_es="<p>La estrategia busca impulsar una economía descarbonizada, circular e "
        "inclusiva. El Intercambio de Conocimientos sobre Industria Limpia con Dinamarca se creó "
        "para apoyarla.</p>",
        progress=P.IN_PROGRESS,
        lead=_one(Organisation, "city-of-portland"),
        status=PUBLISHED,
        m2m={
            "partners": _by_slug(Organisation, "portland-business-alliance"),
            "findings": _by_slug(
                Finding,
                "job-growth-in-climate-focused-businesses",
                "narrowing-wage-and-wealth-gaps",
                "clean-industry-hub-models",
                "denmark-exemplary-projects",
            ),
        },
    )
    ensure(
        report,
        Action,
        slug="invest-in-recommended-clean-technologies",
        theme=hub,
        order=1,
        title="Invest in the clean industry technologies and practices the Danish experts "
        "recommended",
        title_es="Invertir en las tecnologías y prácticas de industria limpia que recomendaron "
        "los expertos daneses",
        summary="Danish experts visited three major Portland industries in October 2022, "
        "analysed their operations and recommended ways to decarbonise profitably. Portland "
        "companies are expected to follow with significant private investment in new clean "
        "industry technologies and practices.",
        summary_es="En octubre de 2022, expertos daneses visitaron tres grandes industrias de "
        "Portland, analizaron sus operaciones y recomendaron formas de descarbonizarse de manera "
        "rentable. Se espera que las empresas de Portland sigan con grandes inversiones privadas "
        "en nuevas tecnologías y prácticas de industria limpia.",
        progress=P.PLANNED,
        lead_description="Portland companies advised by the Danish experts",
        lead_description_es="Empresas de Portland asesoradas por los expertos daneses",
        timeframe="Following the October 2022 expert visit",
        timeframe_es="Después de la visita de expertos de octubre de 2022",
        status=PUBLISHED,
        m2m={
            "findings": _by_slug(
                Finding,
                "high-temperature-processes",
                "carbon-intensive-raw-materials",
                "knowledge-and-resource-gaps",
                "cost-savings",
                "environmental-improvements",
                "new-products-and-markets",
            ),
            # Every recommendation the exchange records is the experts' advice to a Portland
            # company; example rows from `seed_demo_data` are not the initiative's own.
            "recommendations": Recommendation.objects.exclude(title__startswith="Example"),
        },
    )
    ensure(
        report,
        Action,
        slug="explore-peer-to-peer-collaboration-agreements",
        theme=denmark,
        order=0,
        title="Explore ongoing collaboration agreements between Portland and Denmark",
        title_es="Explorar acuerdos de colaboración continua entre Portland y Dinamarca",
        summary="The Danish Consulate will host conversations exploring whether Portland and "
        "Denmark can form ongoing collaborative agreements of three kinds: "
        "government-to-government, industry-to-industry and researcher-to-researcher.",
        summary_es="El Consulado de Dinamarca organizará conversaciones para explorar si Portland "
        "y Dinamarca pueden formar acuerdos de colaboración continua de tres tipos: de gobierno a "
        "gobierno, de industria a industria y de investigador a investigador.",
        body="<p>These conversations are the exchange's third component, ongoing peer-to-peer "
        "learning, held alongside the 2022 exchange visits.</p>",
        body_es="<p>Estas conversaciones son el tercer componente del intercambio, el "
        "aprendizaje continuo entre pares, que se realiza junto con las visitas de 2022.</p>",
        progress=P.PLANNED,
        lead=_one(Organisation, "danish-consulate"),
        timeframe="Alongside the 2022 exchange visits, then ongoing",
        timeframe_es="Junto con las visitas del intercambio de 2022, y después de forma continua",
        status=PUBLISHED,
        m2m={
            "tracks": _by_slug(
                CollaborationTrack,
                "government-to-government",
                "industry-to-industry",
                "researcher-to-researcher",
            ),
            "findings": _by_slug(
                Finding,
                "denmark-exemplary-projects",
                "clean-industry-hub-models",
                "knowledge-and-resource-gaps",
            ),
        },
    )
    ensure(
        report,
        Action,
        slug="review-findings-and-set-next-steps",
        theme=roadmap,
        order=0,
        title="Review the assessment findings with partners and set next steps",
        title_es="Revisar los hallazgos de la evaluación con los socios y definir los próximos "
        "pasos",
        summary="Key partners reviewed the assessment's findings and identified the next steps "
        "on this roadmap.",
        summary_es="Los socios clave revisaron los hallazgos de la evaluación e identificaron los "
        "próximos pasos de esta hoja de ruta.",
        body="<p>Staff of the Bureau of Planning and Sustainability (BPS) led this work with a "
        "team of consultants. A group of advisors representing diverse sectors and expertise "
        "guided it.</p>",
        body_es="<p>El personal de la Oficina de Planificación y Sostenibilidad (Bureau of "
        "Planning and Sustainability, BPS) dirigió este trabajo con un equipo de consultores. Lo "
        "guió un grupo de asesores de distintos sectores y áreas de conocimiento.</p>",
        progress=P.COMPLETE,
        lead_description="BPS staff with a team of consultants, guided by a group of advisors",
        lead_description_es="Personal de la BPS con un equipo de consultores, guiados por un "
        "grupo de asesores",
        status=PUBLISHED,
        m2m={"findings": _by_slug(Finding, *FINDING_SLUGS)},
    )
