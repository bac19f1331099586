"""The site shell's own content: the About page, from the initiative's About page."""

from .content import LoadReport, ensure
from .models import Page, PageSection

ABOUT_SECTIONS = [
    (
        "background",
        "Project background",
        """
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
    ),
    (
        "assessment-and-roadmap",
        "Clean Industry Assessment and Roadmap",
        """
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
    ),
    (
        "contact",
        "Contact us",
        """
<p>The initiative succeeds only when everyone works towards shared goals. Questions or comments are
welcome: <a href="/contact/">write to the team</a>, or
<a href="/updates/subscribe/">sign up for email updates</a>.</p>
""",
    ),
]


def load(report: LoadReport) -> None:
    about = ensure(
        report,
        Page,
        slug="about",
        title="About the Clean Industry Initiative",
        summary=(
            "A collaboration of public, private and nonprofit organisations helping Portland's "
            "industries and institutions move to clean energy, reduce waste, improve air quality "
            "and open good jobs and opportunities to the whole community."
        ),
        image_description=(
            "Cyclists on a Portland bridge overlooking an industrial area beside the river."
        ),
        status=Page.Status.PUBLISHED,
    )
    for order, (anchor, heading, body) in enumerate(ABOUT_SECTIONS):
        ensure(
            report,
            PageSection,
            lookup={"page": about, "anchor": anchor},
            heading=heading,
            body=body.strip(),
            order=order,
        )
