"""The Clean Industry Exchange page's facts, as published rows.

Only what the seed page states: it names no delegates, site visits, companies or individual
recommendations, so none are created here. Other apps look these rows up by slug.
"""

import datetime

from cleanindustry.content import LoadReport, ensure
from cleanindustry.models import Publishable

from .models import CollaborationTrack, Component, Event, Organisation, Trip

PUBLISHED = Publishable.Status.PUBLISHED
Role = Organisation.Role
Kind = Organisation.Kind

ORGANISATIONS = [
    {
        "slug": "city-of-portland",
        "name": "City of Portland",
        "role": Role.CONVENER,
        "kind": Kind.GOVERNMENT,
        "country": "United States",
        "description": "Working with the Portland Business Alliance on a strategy to make Portland "
        "a hub for clean industry innovation.",
    },
    {
        "slug": "portland-business-alliance",
        "name": "Portland Business Alliance",
        "role": Role.CONVENER,
        "kind": Kind.BUSINESS,
        "country": "United States",
        "description": "Working with the City of Portland on a strategy to make Portland a hub for "
        "clean industry innovation.",
    },
    {
        "slug": "csi",
        "name": "CSI",
        "role": Role.PARTNER,
        "kind": "",
        "country": "",
        "description": "Teamed up with Kalundborg Symbiosis to win funding for the knowledge "
        "exchange between Portland and Denmark.",
    },
    {
        "slug": "kalundborg-symbiosis",
        "name": "Kalundborg Symbiosis",
        "role": Role.PARTNER,
        "kind": "",
        "country": "Denmark",
        "description": "CSI's partner organisation in Denmark; together they secured the "
        "exchange's funding.",
    },
    {
        "slug": "danish-energy-agency",
        "name": "Danish Energy Agency",
        "role": Role.FUNDER,
        "kind": Kind.GOVERNMENT,
        "country": "Denmark",
        "description": "One of the two funders of the Clean Industry Knowledge Exchange.",
    },
    {
        "slug": "scan-design-foundation",
        "name": "Scan Design Foundation",
        "role": Role.FUNDER,
        "kind": Kind.FOUNDATION,
        "country": "",
        "description": "One of the two funders of the Clean Industry Knowledge Exchange.",
    },
    {
        "slug": "danish-consulate",
        "name": "Danish Consulate",
        "role": Role.HOST,
        "kind": Kind.GOVERNMENT,
        "country": "Denmark",
        "description": "Hosts the conversations on ongoing peer-to-peer collaboration between "
        "Portland and Denmark.",
    },
]

COMPONENTS = [
    {
        "slug": "denmark-study-tour",
        "number": 1,
        "title": "Denmark Study Tour",
        "summary": "Public and private leaders from the Portland area travelled to Denmark to "
        "learn from exemplary clean industry projects.",
    },
    {
        "slug": "danish-experts-advise-portland-companies",
        "number": 2,
        "title": "Danish Experts Advise Portland Companies",
        "summary": "Danish experts came to Portland, studied the operations of three major local "
        "industries and advised them on decarbonising profitably.",
    },
    {
        "slug": "ongoing-peer-to-peer-learning",
        "number": 3,
        "title": "Ongoing Peer-to-Peer Learning",
        "summary": "Alongside the exchange visits, the Danish Consulate hosts conversations about "
        "lasting collaboration between governments, industries and researchers.",
    },
]

TRACKS = [
    {
        "slug": "government-to-government",
        "kind": CollaborationTrack.Kind.GOVERNMENT,
        "title": "Government-to-government",
        "order": 1,
        "summary": "Conversations about an ongoing collaborative agreement between public "
        "bodies in Portland and in Denmark.",
    },
    {
        "slug": "industry-to-industry",
        "kind": CollaborationTrack.Kind.INDUSTRY,
        "title": "Industry-to-industry",
        "order": 2,
        "summary": "Conversations about an ongoing collaborative agreement between Portland "
        "and Danish industry.",
    },
    {
        "slug": "researcher-to-researcher",
        "kind": CollaborationTrack.Kind.RESEARCH,
        "title": "Researcher-to-researcher",
        "order": 3,
        "summary": "Conversations about an ongoing collaborative agreement between researchers "
        "in Portland and in Denmark.",
    },
]


def load(report: LoadReport) -> None:
    organisations = {
        values["slug"]: ensure(report, Organisation, status=PUBLISHED, order=order, **values)
        for order, values in enumerate(ORGANISATIONS, start=1)
    }
    components = {
        values["slug"]: ensure(report, Component, status=PUBLISHED, year=2022, **values)
        for values in COMPONENTS
    }

    study_tour = ensure(
        report,
        Trip,
        slug="denmark-study-tour-june-2022",
        status=PUBLISHED,
        component=components["denmark-study-tour"],
        title="Clean Industry Study Tour of Denmark",
        direction=Trip.Direction.OUTBOUND,
        start_date=datetime.date(2022, 6, 1),
        date_display="June 2022",
        destination="Denmark",
        delegation_size=24,
        delegation_description="two dozen public and private Portland-area leaders",
        summary="Two dozen public- and private-sector leaders from the Portland area toured "
        "Denmark to learn from exemplary clean industry projects there.",
        body="<p>The delegation is bringing what it learned back home, to apply to Portland's own "
        "strategies for industrial decarbonisation and economic growth.</p>",
    )
    expert_visit = ensure(
        report,
        Trip,
        slug="danish-expert-visit-october-2022",
        status=PUBLISHED,
        component=components["danish-experts-advise-portland-companies"],
        title="Danish experts' visit to Portland",
        direction=Trip.Direction.INBOUND,
        start_date=datetime.date(2022, 10, 1),
        date_display="October 2022",
        destination="Portland, Oregon",
        delegation_description="a delegation of Danish experts",
        summary="Danish experts came to Portland to support the effort to make the city a Clean "
        "Industry Innovation Hub. They visited three major Portland industries, analysed how "
        "each one operates and recommended ways to decarbonise profitably.",
        body="<p>Following these consultations, Portland companies are expected to make "
        "significant private investments in new clean industry technologies and practices.</p>",
    )

    for values in TRACKS:
        ensure(
            report,
            CollaborationTrack,
            status=PUBLISHED,
            component=components["ongoing-peer-to-peer-learning"],
            host=organisations["danish-consulate"],
            **values,
        )

    ensure(
        report,
        Event,
        slug="city-council-work-session",
        status=PUBLISHED,
        kind=Event.Kind.WORK_SESSION,
        title="Portland City Council special work session",
        date=None,  # the seed does not give the date
        summary="A special work session of Portland City Council at which findings from the "
        "Clean Industry Knowledge Exchange were shared.",
        m2m={"trips": [study_tour, expert_visit]},
    )
