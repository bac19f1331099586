"""The site shell's own content: the About page, from the initiative's About page
(`load_initiative_content` calls `load`, as it does every app's content module)."""

from core.loading import LoadReport, ensure

from .models import Page, PageSection

# Each section's English and Spanish side by side: `heading` / `heading_es`, `body` / `body_es`.
# The bodies are HTML; the Spanish keeps the English structure, and links to the Spanish pages.
ABOUT_SECTIONS = [
    {
        "anchor": "background",
        "heading": "Project background",
        "heading_es": "Antecedentes del proyecto",
        "body": """
<p>The Clean Industry Initiative helps Portland's industries and businesses meet climate goals
while staying competitive. It also works for a just transition: one that opens opportunities to the
workers and communities on the frontlines of the climate crisis as the economy moves off fossil
fuels.</p>
<p>The initiative grew out of conversations between the City of Portland and community members, who
saw that industry needs to move to clean energy (to "decarbonise") and named the challenges and
opportunities along the way.</p>
<h3>Why it is hard</h3>
<p>Some industrial emissions are hard to cut. Certain processes need temperatures that electricity
cannot yet reach, or depend on raw materials with large carbon footprints. Elsewhere the technology
exists, but a business may lack the knowledge or the resources to adopt it.</p>
<h3>Why it is worth it</h3>
<p>Clean energy brings cost savings, a healthier environment, and access to new products and
markets.</p>
<h3>Good jobs</h3>
<p>Portland's job growth will come from businesses that work towards climate goals. The industrial
sector provides <strong>about 22% of Portland's jobs</strong>, many of them middle-wage jobs that do
not require a bachelor's degree. Growing them can help narrow the region's wage and racial wealth
gaps and benefit the whole community.</p>
<h3>Part of Portland's climate plan</h3>
<p>The initiative connects to the City of Portland's Climate Emergency Workplan, which sets out what
Portland can and must do to eliminate carbon emissions <strong>by 2050</strong>. Those actions make
Portlanders more resilient, above all communities of color and the people most at risk from climate
change.</p>
<p>The timing is right: industrial decarbonisation has gained momentum at home and abroad, and the
Inflation Reduction Act and the Industrial Decarbonization Roadmap support investment in American
manufacturing.</p>
""",
        "body_es": """
<p>La Iniciativa de Industria Limpia ayuda a las industrias y empresas de Portland a cumplir las
metas climáticas sin dejar de ser competitivas. También trabaja por una transición justa: una que
abra oportunidades a los trabajadores y las comunidades que están en la primera línea de la crisis
climática, mientras la economía deja atrás los combustibles fósiles.</p>
<p>La iniciativa nació de conversaciones entre la Ciudad de Portland y miembros de la comunidad,
que vieron que la industria necesita pasar a la energía limpia ("descarbonizarse") y señalaron los
retos y las oportunidades del camino.</p>
<h3>Por qué es difícil</h3>
<p>Algunas emisiones industriales son difíciles de reducir. Ciertos procesos necesitan
temperaturas que la electricidad todavía no alcanza, o dependen de materias primas con una gran
huella de carbono. En otros casos la tecnología existe, pero una empresa puede no tener el
conocimiento o los recursos para adoptarla.</p>
<h3>Por qué vale la pena</h3>
<p>La energía limpia trae ahorro de costos, un medio ambiente más sano y acceso a nuevos productos
y mercados.</p>
<h3>Buenos empleos</h3>
<p>El crecimiento del empleo en Portland vendrá de las empresas que trabajan por las metas
climáticas. El sector industrial ofrece <strong>cerca del 22% de los empleos de Portland</strong>,
muchos de ellos de salario medio que no requieren un título universitario. Hacerlos crecer puede
ayudar a reducir la brecha salarial y la brecha racial de riqueza de la región, en beneficio de
toda la comunidad.</p>
<h3>Parte del plan climático de Portland</h3>
<p>La iniciativa se conecta con el Plan de Trabajo ante la Emergencia Climática de la Ciudad de
Portland, que explica lo que Portland puede y debe hacer para eliminar las emisiones de carbono
<strong>para 2050</strong>. Esas acciones hacen más resilientes a los habitantes de Portland, sobre
todo a las comunidades de color y a las personas más expuestas al cambio climático.</p>
<p>Es el momento oportuno: la descarbonización industrial avanza dentro y fuera del país, y la Ley
de Reducción de la Inflación (Inflation Reduction Act) y la Hoja de Ruta para la Descarbonización
Industrial (Industrial Decarbonization Roadmap) apoyan la inversión en la industria manufacturera
de Estados Unidos.</p>
""",
    },
    {
        "anchor": "assessment-and-roadmap",
        "heading": "Clean Industry Assessment and Roadmap",
        "heading_es": "Evaluación y hoja de ruta de Industria Limpia",
        "body": """
<p>Industrial businesses, climate and environmental justice advocates, labour representatives,
researchers, government bodies and other partners shape the initiative.</p>
<p>Its approach is collaborative and driven by data: understand today's industrial landscape in
Portland, find opportunities for clean, decarbonised and inclusive practices, and set out a roadmap
of next steps.</p>
<p>The <a href="/assessment/">assessment</a> looked at existing industrial practices and
conditions, and gathered lessons from clean industry hub models around the world and from policy
and finance tools.</p>
<p>In the <a href="/roadmap/">roadmap</a> process, key partners reviewed the findings and identified
next steps. Staff of the Bureau of Planning and Sustainability (BPS) led the work with a team of
consultants, guided by advisors from many sectors and fields of expertise.</p>
""",
        "body_es": """
<p>Empresas industriales, defensores del clima y de la justicia ambiental, representantes de los
trabajadores, investigadores, organismos de gobierno y otros socios dan forma a la iniciativa.</p>
<p>Su enfoque es colaborativo y se basa en datos: entender el panorama industrial actual de
Portland, encontrar oportunidades para prácticas limpias, descarbonizadas e inclusivas, y trazar
una hoja de ruta con los próximos pasos.</p>
<p>La <a href="/es/assessment/">evaluación</a> estudió las prácticas y condiciones industriales
actuales, y reunió lecciones de modelos de polos de industria limpia de todo el mundo y de
herramientas de política y financiamiento.</p>
<p>En el proceso de la <a href="/es/roadmap/">hoja de ruta</a>, los socios clave revisaron los
hallazgos e identificaron los próximos pasos. El personal de la Oficina de Planificación y
Sostenibilidad (Bureau of Planning and Sustainability, BPS) dirigió el trabajo con un equipo de
consultores, guiado por asesores de muchos sectores y áreas de conocimiento.</p>
""",
    },
    {
        "anchor": "contact",
        "heading": "Contact us",
        "heading_es": "Contáctenos",
        "body": """
<p>The initiative succeeds only when everyone works towards shared goals. Questions or comments are
welcome: <a href="/contact/">write to the team</a>, or
<a href="/updates/subscribe/">sign up for email updates</a>.</p>
""",
        "body_es": """
<p>La iniciativa solo tiene éxito cuando todos trabajamos por metas comunes. Sus preguntas y
comentarios son bienvenidos: <a href="/es/contact/">escriba al equipo</a> o
<a href="/es/updates/subscribe/">suscríbase a las novedades por correo electrónico</a>.</p>
""",
    },
]


def load(report: LoadReport) -> None:
    about = ensure(
        report,
        Page,
        slug="about",
        title="About the Clean Industry Initiative",
        title_es="Acerca de la Iniciativa de Industria Limpia",
        summary=(
            "A collaboration of public, private and nonprofit organisations helping Portland's "
            "industries and institutions move to clean energy, reduce waste, improve air quality "
            "and open good jobs and opportunities to the whole community."
        ),
        summary_es=(
            "Una colaboración de organizaciones públicas, privadas y sin fines de lucro que ayuda "
            "a las industrias e instituciones de Portland a pasar a la energía limpia, reducir los "
            "desechos, mejorar la calidad del aire y abrir buenos empleos y oportunidades a toda "
            "la comunidad."
        ),
        image_description=(
            "Cyclists on a Portland bridge overlooking an industrial area beside the river."
        ),
        image_description_es=(
            "Ciclistas en un puente de Portland con vista a una zona industrial junto al río."
        ),
        status=Page.Status.PUBLISHED,
    )
    for order, section in enumerate(ABOUT_SECTIONS):
        ensure(
            report,
            PageSection,
            lookup={"page": about, "anchor": section["anchor"]},
            heading=section["heading"],
            heading_es=section["heading_es"],
            body=section["body"].strip(),
            body_es=section["body_es"].strip(),
            order=order,
        )
