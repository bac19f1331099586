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
from cleanindustry.content import LoadReport, ensure
from exchange.models import CollaborationTrack, Organisation, Recommendation

from .models import Action, Theme

PUBLISHED = Action.Status.PUBLISHED
P = Action.Progress

THEMES = [
    (
        "clean-industry-innovation-hub",
        "Building a clean industry innovation hub",
        "Making Portland a vibrant hub for clean industry innovation, and moving toward a "
        "decarbonised, circular and inclusive economy.",
    ),
    (
        "ongoing-learning-with-denmark",
        "Ongoing learning with Denmark",
        "Keeping the knowledge exchange between Portland and Denmark going beyond the 2022 visits.",
    ),
    (
        "shaping-the-roadmap",
        "Shaping the roadmap",
        "How partners turned the assessment's findings into next steps.",
    ),
]


def _by_slug(model, *slugs):
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _one(model, slug):
    return next(iter(_by_slug(model, slug)), None)


def load(report: LoadReport) -> None:
    themes = {
        slug: ensure(
            report,
            Theme,
            slug=slug,
            title=title,
            description=description,
            order=order,
            status=PUBLISHED,
        )
        for order, (slug, title, description) in enumerate(THEMES)
    }
    hub, denmark, roadmap = themes.values()

    ensure(
        report,
        Action,
        slug="clean-industry-innovation-hub-strategy",
        theme=hub,
        order=0,
        title="Develop a strategy to make Portland a clean industry innovation hub",
        summary="The City of Portland and the Portland Business Alliance are working together "
        "on a strategy to build Portland into a vibrant hub for clean industry innovation.",
        body="<p>The strategy aims to advance a decarbonised, circular and inclusive economy. "
        "The Clean Industry Knowledge Exchange with Denmark was set up to support it.</p>",
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
        summary="Danish experts visited three major Portland industries in October 2022, "
        "analysed their operations and recommended ways to decarbonise profitably. Portland "
        "companies are expected to follow with significant private investment in new clean "
        "industry technologies and practices.",
        progress=P.PLANNED,
        lead_description="Portland companies advised by the Danish experts",
        timeframe="Following the October 2022 expert visit",
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
        summary="The Danish Consulate will host conversations exploring whether Portland and "
        "Denmark can form ongoing collaborative agreements of three kinds: "
        "government-to-government, industry-to-industry and researcher-to-researcher.",
        body="<p>These conversations are the exchange's third component, ongoing peer-to-peer "
        "learning, held alongside the 2022 exchange visits.</p>",
        progress=P.PLANNED,
        lead=_one(Organisation, "danish-consulate"),
        timeframe="Alongside the 2022 exchange visits, then ongoing",
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
        summary="Key partners reviewed the assessment's findings and identified the next steps "
        "on this roadmap.",
        body="<p>Staff of the Bureau of Planning and Sustainability (BPS) led this work with a "
        "team of consultants. A group of advisors representing diverse sectors and expertise "
        "guided it.</p>",
        progress=P.COMPLETE,
        lead_description="BPS staff with a team of consultants, guided by a group of advisors",
        status=PUBLISHED,
        m2m={"findings": _by_slug(Finding, *FINDING_SLUGS)},
    )
