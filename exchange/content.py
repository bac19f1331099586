"""The Clean Industry Exchange page's facts, as published rows.

Only what the seed page states: it names no delegates, site visits, companies or individual
recommendations, so none are created here. Other apps look these rows up by slug.
"""

import datetime

from core.loading import LoadReport, ensure
from publishing.models import Publishable

from .models import CollaborationTrack, Component, Event, Organisation, Trip

PUBLISHED = Publishable.Status.PUBLISHED
Role = Organisation.Role
Kind = Organisation.Kind

# Each row's English and Spanish side by side (`name` / `name_es`, ...). Proper names stay as they
# are in Spanish; a field with no `_es` (an empty country) has nothing to translate.
ORGANISATIONS = [
    {
        "slug": "city-of-portland",
        "name": "City of Portland",
        "name_es": "Ciudad de Portland",
        "role": Role.CONVENER,
        "kind": Kind.GOVERNMENT,
        "country": "United States",
        "country_es": "Estados Unidos",
        "description": (
            "Working with the Portland Business Alliance on a strategy to make Portland a hub for "
            "clean industry innovation."
        ),
        "description_es": (
            "Trabaja con la Portland Business Alliance en una estrategia para que Portland sea un "
            "polo de innovación en industria limpia."
        ),
    },
    {
        "slug": "portland-business-alliance",
        "name": "Portland Business Alliance",
        "name_es": "Portland Business Alliance",  # a proper name, the same in Spanish
        "role": Role.CONVENER,
        "kind": Kind.BUSINESS,
        "country": "United States",
        "country_es": "Estados Unidos",
        "description": (
            "Working with the City of Portland on a strategy to make Portland a hub for clean "
            "industry innovation."
        ),
        "description_es": (
            "Trabaja con la Ciudad de Portland en una estrategia para que Portland sea un polo de "
            "innovación en industria limpia."
        ),
    },
    {
        "slug": "csi",
        "name": "CSI",
        "name_es": "CSI",  # a proper name, the same in Spanish
        "role": Role.PARTNER,
        "kind": "",
        "country": "",
        "description": (
            "Teamed up with Kalundborg Symbiosis to win funding for the knowledge exchange between "
            "Portland and Denmark."
        ),
        "description_es": (
            "Se unió a Kalundborg Symbiosis para conseguir los fondos del intercambio de "
            "conocimientos entre Portland y Dinamarca."
        ),
    },
    {
        "slug": "kalundborg-symbiosis",
        "name": "Kalundborg Symbiosis",
        "name_es": "Kalundborg Symbiosis",  # a proper name, the same in Spanish
        "role": Role.PARTNER,
        "kind": "",
        "country": "Denmark",
        "country_es": "Dinamarca",
        "description": (
            "CSI's partner organisation in Denmark; together they secured the exchange's funding."
        ),
        "description_es": (
            "La organización socia de CSI en Dinamarca; juntas consiguieron los fondos del "
            "intercambio."
        ),
    },
    {
        "slug": "danish-energy-agency",
        "name": "Danish Energy Agency",
        "name_es": "Danish Energy Agency",  # a proper name, the same in Spanish
        "role": Role.FUNDER,
        "kind": Kind.GOVERNMENT,
        "country": "Denmark",
        "country_es": "Dinamarca",
        "description": "One of the two funders of the Clean Industry Knowledge Exchange.",
        "description_es": (
            "Uno de los dos financiadores del Intercambio de Conocimientos sobre Industria Limpia."
        ),
    },
    {
        "slug": "scan-design-foundation",
        "name": "Scan Design Foundation",
        "name_es": "Scan Design Foundation",  # a proper name, the same in Spanish
        "role": Role.FUNDER,
        "kind": Kind.FOUNDATION,
        "country": "",
        "description": "One of the two funders of the Clean Industry Knowledge Exchange.",
        "description_es": (
            "Uno de los dos financiadores del Intercambio de Conocimientos sobre Industria Limpia."
        ),
    },
    {
        "slug": "danish-consulate",
        "name": "Danish Consulate",
        "name_es": "Consulado de Dinamarca",
        "role": Role.HOST,
        "kind": Kind.GOVERNMENT,
        "country": "Denmark",
        "country_es": "Dinamarca",
        "description": (
            "Hosts the conversations on ongoing peer-to-peer collaboration between Portland and "
            "Denmark."
        ),
        "description_es": (
            "Organiza las conversaciones sobre una colaboración continua entre pares de Portland y "
            "Dinamarca."
        ),
    },
]

COMPONENTS = [
    {
        "slug": "denmark-study-tour",
        "number": 1,
        "title": "Denmark Study Tour",
        "title_es": "Viaje de estudio a Dinamarca",
        "summary": (
            "Public and private leaders from the Portland area travelled to Denmark to learn from "
            "exemplary clean industry projects."
        ),
        "summary_es": (
            "Líderes del sector público y privado de la región de Portland viajaron a Dinamarca "
            "para aprender de proyectos ejemplares de industria limpia."
        ),
    },
    {
        "slug": "danish-experts-advise-portland-companies",
        "number": 2,
        "title": "Danish Experts Advise Portland Companies",
        "title_es": "Expertos daneses asesoran a empresas de Portland",
        "summary": (
            "Danish experts came to Portland, studied the operations of three major local "
            "industries and advised them on decarbonising profitably."
        ),
        "summary_es": (
            "Expertos daneses vinieron a Portland, estudiaron cómo operan tres grandes industrias "
            "locales y les aconsejaron cómo descarbonizarse de forma rentable."
        ),
    },
    {
        "slug": "ongoing-peer-to-peer-learning",
        "number": 3,
        "title": "Ongoing Peer-to-Peer Learning",
        "title_es": "Aprendizaje continuo entre pares",
        "summary": (
            "Alongside the exchange visits, the Danish Consulate hosts conversations about lasting "
            "collaboration between governments, industries and researchers."
        ),
        "summary_es": (
            "Además de las visitas del intercambio, el Consulado de Dinamarca organiza "
            "conversaciones sobre una colaboración duradera entre gobiernos, industrias e "
            "investigadores."
        ),
    },
]

TRACKS = [
    {
        "slug": "government-to-government",
        "kind": CollaborationTrack.Kind.GOVERNMENT,
        "title": "Government-to-government",
        "title_es": "De gobierno a gobierno",
        "order": 1,
        "summary": (
            "Conversations about an ongoing collaborative agreement between public bodies in "
            "Portland and in Denmark."
        ),
        "summary_es": (
            "Conversaciones sobre un acuerdo de colaboración continua entre organismos públicos de "
            "Portland y de Dinamarca."
        ),
    },
    {
        "slug": "industry-to-industry",
        "kind": CollaborationTrack.Kind.INDUSTRY,
        "title": "Industry-to-industry",
        "title_es": "De industria a industria",
        "order": 2,
        "summary": (
            "Conversations about an ongoing collaborative agreement between Portland and Danish "
            "industry."
        ),
        "summary_es": (
            "Conversaciones sobre un acuerdo de colaboración continua entre la industria de "
            "Portland y la de Dinamarca."
        ),
    },
    {
        "slug": "researcher-to-researcher",
        "kind": CollaborationTrack.Kind.RESEARCH,
        "title": "Researcher-to-researcher",
        "title_es": "De investigador a investigador",
        "order": 3,
        "summary": (
            "Conversations about an ongoing collaborative agreement between researchers in "
            "Portland and in Denmark."
        ),
        "summary_es": (
            "Conversaciones sobre un acuerdo de colaboración continua entre investigadores de "
            "Portland y de Dinamarca."
        ),
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
        title_es="Viaje de estudio sobre industria limpia a Dinamarca",
        direction=Trip.Direction.OUTBOUND,
        start_date=datetime.date(2022, 6, 1),
        date_display="June 2022",
        date_display_es="junio de 2022",
        destination="Denmark",
        destination_es="Dinamarca",
        delegation_size=24,
        delegation_description="two dozen public and private Portland-area leaders",
        delegation_description_es="dos docenas de líderes públicos y privados de la región de "
        "Portland",
        summary="Two dozen public- and private-sector leaders from the Portland area toured "
        "Denmark to learn from exemplary clean industry projects there.",
        summary_es="Dos docenas de líderes del sector público y privado de la región de Portland "
        "recorrieron Dinamarca para aprender de sus proyectos ejemplares de industria limpia.",
        body="<p>The delegation is bringing what it learned back home, to apply to Portland's own "
        "strategies for industrial decarbonisation and economic growth.</p>",
        body_es="<p>La delegación trae a casa lo que aprendió, para aplicarlo a las estrategias "
        "de Portland de descarbonización industrial y crecimiento económico.</p>",
    )
    expert_visit = ensure(
        report,
        Trip,
        slug="danish-expert-visit-october-2022",
        status=PUBLISHED,
        component=components["danish-experts-advise-portland-companies"],
        title="Danish experts' visit to Portland",
        title_es="Visita de expertos daneses a Portland",
        direction=Trip.Direction.INBOUND,
        start_date=datetime.date(2022, 10, 1),
        date_display="October 2022",
        date_display_es="octubre de 2022",
        destination="Portland, Oregon",
        destination_es="Portland, Oregón",
        delegation_description="a delegation of Danish experts",
        delegation_description_es="una delegación de expertos daneses",
        summary="Danish experts came to Portland to support the effort to make the city a Clean "
        "Industry Innovation Hub. They visited three major Portland industries, analysed how "
        "each one operates and recommended ways to decarbonise profitably.",
        summary_es="Expertos daneses vinieron a Portland para apoyar el esfuerzo de convertir la "
        "ciudad en un polo de innovación en industria limpia. Visitaron tres grandes industrias "
        "de Portland, analizaron cómo opera cada una y recomendaron formas de descarbonizarse "
        "de manera rentable.",
        body="<p>Following these consultations, Portland companies are expected to make "
        "significant private investments in new clean industry technologies and practices.</p>",
        body_es="<p>Después de estas consultas, se espera que las empresas de Portland hagan "
        "grandes inversiones privadas en nuevas tecnologías y prácticas de industria limpia.</p>",
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
        title_es="Sesión de trabajo especial del Concejo Municipal de Portland",
        # The seed pages name the session but give neither its date nor its time nor its
        # place: it stays "date not recorded" until staff enter what the City published.
        starts_at=None,
        summary="A special work session of Portland City Council at which findings from the "
        "Clean Industry Knowledge Exchange were shared.",
        summary_es="Una sesión de trabajo especial del Concejo Municipal de Portland en la que "
        "se compartieron los hallazgos del Intercambio de Conocimientos sobre Industria Limpia.",
        m2m={"trips": [study_tour, expert_visit]},
    )
