"""The Clean Industry Assessment's findings, as the About and Exchange pages state them.

Only facts those two pages give are loaded; each finding cites the page it comes from. The
pages give no addresses or dates for themselves, so the sources have none either.
"""

from decimal import Decimal

from core.loading import LoadReport, ensure

from .models import Finding, Indicator, Sector, Source

PUBLISHED = Finding.Status.PUBLISHED
K = Finding.Kind

ABOUT = {
    "title": "About the Clean Industry Initiative",
    "publisher": "City of Portland Bureau of Planning and Sustainability",
}
EXCHANGE = {"title": "Clean Industry Exchange", "publisher": "CSI"}

INDUSTRIAL_SECTOR = "industrial-sector"

# Each finding's English and Spanish side by side (`title` / `title_es`, ...); `source` is the
# page it comes from, `industrial` whether it is about the industrial sector.
FINDINGS = [
    {
        "kind": K.LANDSCAPE,
        "slug": "industry-share-of-portland-jobs",
        "title": "Industry provides about 22% of Portland's jobs",
        "title_es": "La industria ofrece cerca del 22% de los empleos de Portland",
        "summary": (
            "About 22% of the jobs in Portland are in the industrial sector, and many of them are "
            "middle-wage jobs that do not call for a bachelor's degree."
        ),
        "summary_es": (
            "Cerca del 22% de los empleos de Portland están en el sector industrial, y muchos son "
            "empleos de salario medio que no requieren un título universitario."
        ),
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": True,
    },
    {
        "kind": K.LANDSCAPE,
        "slug": "job-growth-in-climate-focused-businesses",
        "title": "Future job growth will centre on businesses working toward climate goals",
        "title_es": (
            "El crecimiento futuro del empleo estará en las empresas que trabajan por metas "
            "climáticas"
        ),
        "summary": (
            "Portland's job growth in the years ahead will come from businesses that work toward "
            "climate goals."
        ),
        "summary_es": (
            "En los próximos años, el crecimiento del empleo en Portland vendrá de las empresas "
            "que trabajan para alcanzar metas climáticas."
        ),
        "body": (
            "<p>Helping local industries meet climate goals and stay competitive is also a jobs "
            "question: the businesses that work toward those goals are where Portland's future job "
            "growth will be.</p>"
        ),
        "body_es": (
            "<p>Ayudar a las industrias locales a cumplir las metas climáticas y seguir siendo "
            "competitivas también es una cuestión de empleo: el empleo de Portland crecerá en "
            "las empresas que trabajan por esas metas.</p>"
        ),
        "source": "about",
        "industrial": False,
    },
    {
        "kind": K.BENEFIT,
        "slug": "cost-savings",
        "title": "Cost savings",
        "title_es": "Ahorro de costos",
        "summary": (
            "Moving to clean energy is a challenge, but one of its benefits for businesses is "
            "saving money."
        ),
        "summary_es": (
            "Pasar a la energía limpia es un reto, pero uno de sus beneficios para las empresas es "
            "ahorrar dinero."
        ),
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": False,
    },
    {
        "kind": K.BENEFIT,
        "slug": "environmental-improvements",
        "title": "Environmental improvements",
        "title_es": "Mejoras para el medio ambiente",
        "summary": "A transition to clean energy brings improvements to the environment.",
        "summary_es": "La transición a la energía limpia trae mejoras para el medio ambiente.",
        "body": (
            "<p>The initiative's wider aims include cutting waste and improving air quality.</p>"
        ),
        "body_es": (
            "<p>Entre los objetivos más amplios de la iniciativa están reducir los desechos y "
            "mejorar la calidad del aire.</p>"
        ),
        "source": "about",
        "industrial": False,
    },
    {
        "kind": K.BENEFIT,
        "slug": "new-products-and-markets",
        "title": "Access to new products and markets",
        "title_es": "Acceso a nuevos productos y mercados",
        "summary": "Decarbonising opens the way to new products and new markets.",
        "summary_es": "Descarbonizarse abre el camino a nuevos productos y nuevos mercados.",
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": False,
    },
    {
        "kind": K.OPPORTUNITY,
        "slug": "narrowing-wage-and-wealth-gaps",
        "title": "Industrial jobs can help narrow the wage and racial wealth gap",
        "title_es": (
            "Los empleos industriales pueden ayudar a reducir la brecha salarial y la brecha "
            "racial de riqueza"
        ),
        "summary": (
            "Because many industrial jobs pay middle wages without requiring a bachelor's degree, "
            "they can help reduce the wage and racial wealth gap in the region, to the benefit of "
            "the whole community."
        ),
        "summary_es": (
            "Como muchos empleos industriales pagan salarios medios sin requerir un título "
            "universitario, pueden ayudar a reducir la brecha salarial y la brecha racial de "
            "riqueza en la región, en beneficio de toda la comunidad."
        ),
        "body": (
            "<p>The initiative supports a just transition: it aims to create opportunities for the "
            "workers and communities at the frontlines of the climate crisis as Portland moves to "
            "an economy free of fossil fuels.</p>"
        ),
        "body_es": (
            "<p>La iniciativa apoya una transición justa: busca crear oportunidades para los "
            "trabajadores y las comunidades que están en la primera línea de la crisis climática, "
            "mientras Portland avanza hacia una economía libre de combustibles fósiles.</p>"
        ),
        "source": "about",
        "industrial": True,
    },
    {
        "kind": K.BARRIER,
        "slug": "high-temperature-processes",
        "title": "Some processes need heat that electricity cannot supply",
        "title_es": "Algunos procesos necesitan un calor que la electricidad no puede dar",
        "summary": (
            "Some industrial processes need high temperatures that cannot be produced with "
            "electricity, which makes their carbon emissions hard to cut."
        ),
        "summary_es": (
            "Algunos procesos industriales necesitan temperaturas muy altas que no se pueden "
            "lograr con electricidad, y eso hace difícil reducir sus emisiones de carbono."
        ),
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": True,
    },
    {
        "kind": K.BARRIER,
        "slug": "carbon-intensive-raw-materials",
        "title": "Some processes depend on raw materials with large carbon footprints",
        "title_es": "Algunos procesos dependen de materias primas con una gran huella de carbono",
        "summary": (
            "Where a process relies on raw materials that carry a large carbon footprint, its "
            "emissions are hard to reduce."
        ),
        "summary_es": (
            "Cuando un proceso depende de materias primas con una gran huella de carbono, es "
            "difícil reducir sus emisiones."
        ),
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": True,
    },
    {
        "kind": K.BARRIER,
        "slug": "knowledge-and-resource-gaps",
        "title": "The technology may exist, but not the know-how or the resources",
        "title_es": "La tecnología puede existir, pero no el conocimiento ni los recursos",
        "summary": (
            "In other cases the technology to cut emissions already exists, but businesses may not "
            "have the knowledge or the resources to make the change."
        ),
        "summary_es": (
            "En otros casos, la tecnología para reducir las emisiones ya existe, pero las empresas "
            "pueden no tener el conocimiento o los recursos para hacer el cambio."
        ),
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": True,
    },
    {
        "kind": K.HUB_MODEL,
        "slug": "clean-industry-hub-models",
        "title": "Lessons from clean industry hub models around the world",
        "title_es": "Lecciones de modelos de polos de industria limpia de todo el mundo",
        "summary": (
            "The assessment gathered lessons learned from clean industry hub models from around "
            "the world, alongside lessons on policy and finance tools."
        ),
        "summary_es": (
            "La evaluación reunió lecciones de modelos de polos de industria limpia de todo el "
            "mundo, junto con lecciones sobre herramientas de política y financiamiento."
        ),
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": False,
    },
    {
        "kind": K.HUB_MODEL,
        "slug": "denmark-exemplary-projects",
        "title": "Exemplary clean industry projects in Denmark",
        "title_es": "Proyectos ejemplares de industria limpia en Dinamarca",
        "summary": (
            "On a study tour of Denmark in June 2022, a delegation of two dozen public and private "
            "Portland-area leaders learned from exemplary projects there."
        ),
        "summary_es": (
            "En un viaje de estudio a Dinamarca en junio de 2022, una delegación de dos docenas de "
            "líderes públicos y privados de la región de Portland aprendió de proyectos "
            "ejemplares."
        ),
        "body": (
            "<p>The delegates are bringing what they learned back to Portland, to apply it to "
            "local strategies for industrial decarbonisation and economic growth.</p>"
        ),
        "body_es": (
            "<p>Los delegados traen lo que aprendieron a Portland, para aplicarlo a las "
            "estrategias locales de descarbonización industrial y crecimiento económico.</p>"
        ),
        "source": "exchange",
        "industrial": False,
    },
    {
        "kind": K.POLICY_TOOL,
        "slug": "climate-emergency-workplan",
        "title": "The City of Portland's Climate Emergency Workplan",
        "title_es": "El Plan de Trabajo ante la Emergencia Climática de la Ciudad de Portland",
        "summary": (
            "The Workplan describes the actions Portland can and must take to eliminate carbon "
            "emissions by 2050; the Clean Industry Initiative connects to it."
        ),
        "summary_es": (
            "El Plan de Trabajo describe lo que Portland puede y debe hacer para eliminar sus "
            "emisiones de carbono para 2050; la Iniciativa de Industria Limpia se conecta con él."
        ),
        "body": (
            "<p>Those actions also make Portlanders more resilient, especially communities of "
            "color and the people most at risk from, and most vulnerable to, the impacts of "
            "climate change.</p>"
        ),
        "body_es": (
            "<p>Esas acciones también hacen más resilientes a los habitantes de Portland, sobre "
            "todo a las comunidades de color y a las personas más expuestas y más vulnerables a "
            "los efectos del cambio climático.</p>"
        ),
        "source": "about",
        "industrial": False,
    },
    {
        "kind": K.POLICY_TOOL,
        "slug": "industrial-decarbonization-roadmap",
        "title": "The Industrial Decarbonization Roadmap",
        "title_es": (
            "La Hoja de Ruta para la Descarbonización Industrial (Industrial Decarbonization "
            "Roadmap)"
        ),
        "summary": (
            "The Industrial Decarbonization Roadmap supports investment in American manufacturing, "
            "at a time when industrial decarbonisation is gaining ground nationally and "
            "internationally."
        ),
        "summary_es": (
            "La Hoja de Ruta para la Descarbonización Industrial apoya la inversión en la "
            "industria manufacturera de Estados Unidos, en un momento en que la descarbonización "
            "industrial avanza dentro y fuera del país."
        ),
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": False,
    },
    {
        "kind": K.FINANCE_TOOL,
        "slug": "inflation-reduction-act",
        "title": "The Inflation Reduction Act",
        "title_es": "La Ley de Reducción de la Inflación (Inflation Reduction Act)",
        "summary": (
            "The Inflation Reduction Act supports investment in American manufacturing, one reason "
            "the Clean Industry Initiative is timely."
        ),
        "summary_es": (
            "La Ley de Reducción de la Inflación apoya la inversión en la industria manufacturera "
            "de Estados Unidos, una de las razones por las que la Iniciativa de Industria Limpia "
            "llega en buen momento."
        ),
        "body": "",
        "body_es": "",
        "source": "about",
        "industrial": False,
    },
]

FINDING_SLUGS = [finding["slug"] for finding in FINDINGS]


def load(report: LoadReport) -> None:
    sources = {
        key: ensure(report, Source, lookup=lookup, url="")
        for key, lookup in (("about", ABOUT), ("exchange", EXCHANGE))
    }
    about = sources["about"]
    sector = ensure(
        report,
        Sector,
        slug=INDUSTRIAL_SECTOR,
        name="Industrial sector",
        name_es="Sector industrial",
        description="Portland's industries and industrial businesses.",
        description_es="Las industrias y empresas industriales de Portland.",
        status=PUBLISHED,
    )
    findings = {}
    for order, finding in enumerate(FINDINGS):
        values = dict(finding)
        source, industrial = values.pop("source"), values.pop("industrial")
        findings[values["slug"]] = ensure(
            report,
            Finding,
            **values,
            sector=sector if industrial else None,
            order=order,
            status=PUBLISHED,
            m2m={"sources": [sources[source]]},
        )
    ensure(
        report,
        Indicator,
        slug="share-of-portland-jobs-in-industry",
        name="Share of Portland jobs in the industrial sector",
        name_es="Parte de los empleos de Portland en el sector industrial",
        unit="%",
        unit_es="%",
        finding=findings["industry-share-of-portland-jobs"],
        value=Decimal("22"),
        approximate=True,
        year=None,
        source=about,
        status=PUBLISHED,
    )
