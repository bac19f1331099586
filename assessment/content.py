"""The Clean Industry Assessment's findings, as the About and Exchange pages state them.

Only facts those two pages give are loaded; each finding cites the page it comes from. The
pages give no addresses or dates for themselves, so the sources have none either.
"""

from decimal import Decimal

from cleanindustry.content import LoadReport, ensure

from .models import Finding, Indicator, Sector, Source

PUBLISHED = Finding.Status.PUBLISHED
K = Finding.Kind

ABOUT = {
    "title": "About the Clean Industry Initiative",
    "publisher": "City of Portland Bureau of Planning and Sustainability",
}
EXCHANGE = {"title": "Clean Industry Exchange", "publisher": "CSI"}

INDUSTRIAL_SECTOR = "industrial-sector"

# (kind, slug, title, summary, body, source page, about the industrial sector?)
FINDINGS = [
    (
        K.LANDSCAPE,
        "industry-share-of-portland-jobs",
        "Industry provides about 22% of Portland's jobs",
        "About 22% of the jobs in Portland are in the industrial sector, and many of them are "
        "middle-wage jobs that do not call for a bachelor's degree.",
        "",
        "about",
        True,
    ),
    (
        K.LANDSCAPE,
        "job-growth-in-climate-focused-businesses",
        "Future job growth will centre on businesses working toward climate goals",
        "Portland's job growth in the years ahead will come from businesses that work toward "
        "climate goals.",
        "<p>Helping local industries meet climate goals and stay competitive is also a jobs "
        "question: the businesses that work toward those goals are where Portland's future job "
        "growth will be.</p>",
        "about",
        False,
    ),
    (
        K.BENEFIT,
        "cost-savings",
        "Cost savings",
        "Moving to clean energy is a challenge, but one of its benefits for businesses is "
        "saving money.",
        "",
        "about",
        False,
    ),
    (
        K.BENEFIT,
        "environmental-improvements",
        "Environmental improvements",
        "A transition to clean energy brings improvements to the environment.",
        "<p>The initiative's wider aims include cutting waste and improving air quality.</p>",
        "about",
        False,
    ),
    (
        K.BENEFIT,
        "new-products-and-markets",
        "Access to new products and markets",
        "Decarbonising opens the way to new products and new markets.",
        "",
        "about",
        False,
    ),
    (
        K.OPPORTUNITY,
        "narrowing-wage-and-wealth-gaps",
        "Industrial jobs can help narrow the wage and racial wealth gap",
        "Because many industrial jobs pay middle wages without requiring a bachelor's degree, "
        "they can help reduce the wage and racial wealth gap in the region, to the benefit of "
        "the whole community.",
        "<p>The initiative supports a just transition: it aims to create opportunities for the "
        "workers and communities at the frontlines of the climate crisis as Portland moves to "
        "an economy free of fossil fuels.</p>",
        "about",
        True,
    ),
    (
        K.BARRIER,
        "high-temperature-processes",
        "Some processes need heat that electricity cannot supply",
        "Some industrial processes need high temperatures that cannot be produced with "
        "electricity, which makes their carbon emissions hard to cut.",
        "",
        "about",
        True,
    ),
    (
        K.BARRIER,
        "carbon-intensive-raw-materials",
        "Some processes depend on raw materials with large carbon footprints",
        "Where a process relies on raw materials that carry a large carbon footprint, its "
        "emissions are hard to reduce.",
        "",
        "about",
        True,
    ),
    (
        K.BARRIER,
        "knowledge-and-resource-gaps",
        "The technology may exist, but not the know-how or the resources",
        "In other cases the technology to cut emissions already exists, but businesses may not "
        "have the knowledge or the resources to make the change.",
        "",
        "about",
        True,
    ),
    (
        K.HUB_MODEL,
        "clean-industry-hub-models",
        "Lessons from clean industry hub models around the world",
        "The assessment gathered lessons learned from clean industry hub models from around the "
        "world, alongside lessons on policy and finance tools.",
        "",
        "about",
        False,
    ),
    (
        K.HUB_MODEL,
        "denmark-exemplary-projects",
        "Exemplary clean industry projects in Denmark",
        "On a study tour of Denmark in June 2022, a delegation of two dozen public and private "
        "Portland-area leaders learned from exemplary projects there.",
        "<p>The delegates are bringing what they learned back to Portland, to apply it to local "
        "strategies for industrial decarbonisation and economic growth.</p>",
        "exchange",
        False,
    ),
    (
        K.POLICY_TOOL,
        "climate-emergency-workplan",
        "The City of Portland's Climate Emergency Workplan",
        "The Workplan describes the actions Portland can and must take to eliminate carbon "
        "emissions by 2050; the Clean Industry Initiative connects to it.",
        "<p>Those actions also make Portlanders more resilient, especially communities of color "
        "and the people most at risk from, and most vulnerable to, the impacts of climate "
        "change.</p>",
        "about",
        False,
    ),
    (
        K.POLICY_TOOL,
        "industrial-decarbonization-roadmap",
        "The Industrial Decarbonization Roadmap",
        "The Industrial Decarbonization Roadmap supports investment in American manufacturing, "
        "at a time when industrial decarbonisation is gaining ground nationally and "
        "internationally.",
        "",
        "about",
        False,
    ),
    (
        K.FINANCE_TOOL,
        "inflation-reduction-act",
        "The Inflation Reduction Act",
        "The Inflation Reduction Act supports investment in American manufacturing, one reason "
        "the Clean Industry Initiative is timely.",
        "",
        "about",
        False,
    ),
]

# The same findings in Spanish: slug -> (title, summary, body).
FINDINGS_ES = {
    "industry-share-of-portland-jobs": (
        "La industria da cerca del 22% de los empleos de Portland",
        "Cerca del 22% de los empleos de Portland están en el sector industrial, y muchos son "
        "empleos de salario medio que no piden un título universitario.",
        "",
    ),
    "job-growth-in-climate-focused-businesses": (
        "El crecimiento futuro del empleo estará en las empresas que trabajan por metas climáticas",
        "En los próximos años, el crecimiento del empleo en Portland vendrá de las empresas que "
        "trabajan para alcanzar metas climáticas.",
        "<p>Ayudar a las industrias locales a cumplir las metas climáticas y seguir siendo "
        "competitivas también es una cuestión de empleo: las empresas que trabajan por esas "
        "metas son donde crecerá el empleo de Portland.</p>",
    ),
    "cost-savings": (
        "Ahorro de costos",
        "Pasar a la energía limpia es un reto, pero uno de sus beneficios para las empresas es "
        "ahorrar dinero.",
        "",
    ),
    "environmental-improvements": (
        "Mejoras para el medio ambiente",
        "La transición a la energía limpia trae mejoras para el medio ambiente.",
        "<p>Entre los objetivos más amplios de la iniciativa están reducir los desechos y mejorar "
        "la calidad del aire.</p>",
    ),
    "new-products-and-markets": (
        "Acceso a nuevos productos y mercados",
        "Descarbonizarse abre el camino a nuevos productos y nuevos mercados.",
        "",
    ),
    "narrowing-wage-and-wealth-gaps": (
        "Los empleos industriales pueden ayudar a reducir la brecha salarial y la brecha racial "
        "de riqueza",
        "Como muchos empleos industriales pagan salarios medios sin pedir un título "
        "universitario, pueden ayudar a reducir la brecha salarial y la brecha racial de riqueza "
        "en la región, en beneficio de toda la comunidad.",
        "<p>La iniciativa apoya una transición justa: busca crear oportunidades para los "
        "trabajadores y las comunidades que están en la primera línea de la crisis climática, "
        "mientras Portland avanza hacia una economía libre de combustibles fósiles.</p>",
    ),
    "high-temperature-processes": (
        "Algunos procesos necesitan un calor que la electricidad no puede dar",
        "Algunos procesos industriales necesitan temperaturas muy altas que no se pueden lograr "
        "con electricidad, y eso hace difícil reducir sus emisiones de carbono.",
        "",
    ),
    "carbon-intensive-raw-materials": (
        "Algunos procesos dependen de materias primas con una gran huella de carbono",
        "Cuando un proceso depende de materias primas con una gran huella de carbono, es difícil "
        "reducir sus emisiones.",
        "",
    ),
    "knowledge-and-resource-gaps": (
        "La tecnología puede existir, pero no el conocimiento ni los recursos",
        "En otros casos, la tecnología para reducir las emisiones ya existe, pero las empresas "
        "pueden no tener el conocimiento o los recursos para hacer el cambio.",
        "",
    ),
    "clean-industry-hub-models": (
        "Lecciones de modelos de polos de industria limpia de todo el mundo",
        "La evaluación reunió lecciones de modelos de polos de industria limpia de todo el mundo, "
        "junto con lecciones sobre herramientas de política y financiamiento.",
        "",
    ),
    "denmark-exemplary-projects": (
        "Proyectos ejemplares de industria limpia en Dinamarca",
        "En un viaje de estudio a Dinamarca en junio de 2022, una delegación de dos docenas de "
        "líderes públicos y privados de la región de Portland aprendió de proyectos ejemplares.",
        "<p>Los delegados traen lo que aprendieron a Portland, para aplicarlo a las estrategias "
        "locales de descarbonización industrial y crecimiento económico.</p>",
    ),
    "climate-emergency-workplan": (
        "El Plan de Trabajo ante la Emergencia Climática de la Ciudad de Portland",
        "El Plan de Trabajo describe lo que Portland puede y debe hacer para eliminar sus "
        "emisiones de carbono para 2050; la Iniciativa de Industria Limpia se conecta con él.",
        "<p>Esas acciones también hacen más resilientes a los habitantes de Portland, sobre todo "
        "a las comunidades de color y a las personas más expuestas y más vulnerables a los "
        "efectos del cambio climático.</p>",
    ),
    "industrial-decarbonization-roadmap": (
        "La Hoja de Ruta para la Descarbonización Industrial (Industrial Decarbonization Roadmap)",
        "La Hoja de Ruta para la Descarbonización Industrial apoya la inversión en la industria "
        "manufacturera de Estados Unidos, en un momento en que la descarbonización industrial "
        "avanza dentro y fuera del país.",
        "",
    ),
    "inflation-reduction-act": (
        "La Ley de Reducción de la Inflación (Inflation Reduction Act)",
        "La Ley de Reducción de la Inflación apoya la inversión en la industria manufacturera de "
        "Estados Unidos, una de las razones por las que la Iniciativa de Industria Limpia llega "
        "en buen momento.",
        "",
    ),
}

FINDING_SLUGS = [slug for _, slug, *_ in FINDINGS]


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
        description="Portland's industries and industrial businesses.",
        name_es="Sector industrial",
        description_es="Las industrias y empresas industriales de Portland.",
        status=PUBLISHED,
    )
    findings = {}
    for order, (kind, slug, title, summary, body, source, industrial) in enumerate(FINDINGS):
        title_es, summary_es, body_es = FINDINGS_ES[slug]
        findings[slug] = ensure(
            report,
            Finding,
            slug=slug,
            kind=kind,
            title=title,
            summary=summary,
            body=body,
            title_es=title_es,
            summary_es=summary_es,
            body_es=body_es,
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
        unit_es="%",
        finding=findings["industry-share-of-portland-jobs"],
        value=Decimal("22"),
        unit="%",
        approximate=True,
        year=None,
        source=about,
        status=PUBLISHED,
    )
