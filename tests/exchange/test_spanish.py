"""The Denmark exchange in Spanish at /es/exchange/: interface, labels, dates, translated text."""

import datetime

import pytest

from exchange.models import CollaborationTrack, Event, Organisation, Trip
from tests.exchange.factories import (
    CollaborationTrackFactory,
    ComponentFactory,
    DelegateFactory,
    EventFactory,
    OrganisationFactory,
    RecommendationFactory,
    SiteVisitFactory,
    TripFactory,
)
from tests.outline import assert_accessible, section
from tests.roadmap.factories import ActionFactory
from tests.spanish import NOTICE, _fresh_cache_and_english_outside_requests, get  # noqa: F401

pytestmark = pytest.mark.django_db


def spanish(obj) -> str:
    return "/es" + obj.get_absolute_url()


@pytest.fixture
def exchange():
    """A study tour translated into Spanish, a visit with advice, an event and partners."""
    component = ComponentFactory(
        number=1, title="Denmark Study Tour", title_es="Viaje de estudio a Dinamarca"
    )
    tour = TripFactory(
        component=component,
        title="Clean Industry Study Tour of Denmark",
        title_es="Viaje de estudio sobre industria limpia en Dinamarca",
        summary="Leaders went to Denmark.",
        summary_es="Líderes viajaron a Dinamarca.",
        destination="Denmark",
        destination_es="Dinamarca",
        date_display="June 2022",
        delegation_size=24,
        delegation_description="two dozen Portland-area leaders",
        delegation_description_es="dos docenas de líderes de la región de Portland",
    )
    visit = TripFactory(
        component=None,
        title="Danish experts' visit to Portland",
        direction=Trip.Direction.INBOUND,
        start_date=datetime.date(2022, 10, 3),
        end_date=datetime.date(2022, 10, 7),
    )
    host = OrganisationFactory(name="Mill Co", role=Organisation.Role.PARTICIPANT)
    site_visit = SiteVisitFactory(
        trip=visit,
        host=host,
        title="Steel mill visit",
        industry="Metals",
        industry_es="Metales",
        date=datetime.date(2022, 10, 4),
    )
    recommendation = RecommendationFactory(site_visit=site_visit, title="Recover waste heat")
    event = EventFactory(
        title="City Council work session",
        kind=Event.Kind.WORK_SESSION,
        date=datetime.date(2023, 1, 10),
        trips=[tour],
    )
    OrganisationFactory(name="Danish Energy Agency", role=Organisation.Role.FUNDER)
    OrganisationFactory(name="Scan Design Foundation", role=Organisation.Role.FUNDER)
    OrganisationFactory(
        name="Danish Consulate", role=Organisation.Role.HOST, kind=Organisation.Kind.GOVERNMENT
    )
    track = CollaborationTrackFactory(
        kind=CollaborationTrack.Kind.GOVERNMENT,
        component=component,
        title="Government-to-government",
        title_es="Entre gobiernos",
    )
    return {
        "tour": tour,
        "visit": visit,
        "site_visit": site_visit,
        "recommendation": recommendation,
        "event": event,
        "track": track,
    }


def test_spanish_exchange_index(client, exchange):
    response, html = get(client, "/es/exchange/")

    outline = assert_accessible(response)
    assert outline.headings[0] == (
        1,
        "Intercambio de Conocimientos sobre Industria Limpia: Portland y Dinamarca",
    )
    headings = [text for _, text in outline.headings]
    for heading in (
        "El programa",
        "Aprendizaje entre pares",
        "Eventos",
        "Socios y financiadores",
        "Financiadores",  # two funders: plural
        "Anfitriones",  # the consulate and the track's host
        "Participante",  # one participant: singular
    ):
        assert heading in headings, heading
    programme = section(html, "programme-heading")
    assert "1. Viaje de estudio a Dinamarca" in programme
    assert '<p class="mb-1 fw-semibold">Viaje</p>' in programme
    # A month-only date without Spanish wording: the month in Spanish.
    assert '<time datetime="2022-06">junio de 2022</time>, Dinamarca)' in programme
    assert "Otros viajes" in programme
    assert (
        '<time datetime="2022-10-03">3 de octubre de 2022</time> al '
        '<time datetime="2022-10-07">7 de octubre de 2022</time>' in programme
    )
    events = section(html, "events-heading")
    assert "Sesión de trabajo del Concejo Municipal · " in events
    assert '<time datetime="2023-01-10">10 de enero de 2023</time>' in events
    assert "Anfitrión: <a" in section(html, "tracks-heading")
    assert "Más información sobre cada socio y financiador" in html
    assert "Descargue las recomendaciones de los expertos daneses" in html
    # The visit to Portland has no Spanish title: marked as English, and the page says so.
    assert f'href="{exchange["visit"].get_absolute_url()}" lang="en">Danish experts' in html
    assert NOTICE in html
    for english in ("The programme", "Other trips", "Partners and funders", "June 2022"):
        assert english not in section(html, "programme-heading") + section(
            html, "organisations-heading"
        )


def test_staff_spanish_month_wording_wins(client, exchange):
    Trip.objects.filter(pk=exchange["tour"].pk).update(date_display_es="verano de 2022")

    _, html = get(client, "/es/exchange/")

    assert '<time datetime="2022-06">verano de 2022</time>' in html


def test_spanish_trip_page(client, exchange):
    tour = exchange["tour"]
    DelegateFactory(trip=tour, name="Ada Delegate", position="Director", position_es="Directora")

    response, html = get(client, spanish(tour))

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, "Viaje de estudio sobre industria limpia en Dinamarca")
    assert "<h1>Viaje de estudio sobre industria limpia en Dinamarca</h1>" in html
    assert '<dt class="col-sm-3">Cuándo</dt>' in html
    assert '<time datetime="2022-06">junio de 2022</time>' in html
    assert '<dd class="col-sm-9">Dinamarca</dd>' in html
    assert "Delegación de Portland en el extranjero" in html
    assert "Componente 1: Viaje de estudio a Dinamarca" in html
    assert "Dos docenas de líderes de la región de Portland (24 personas)." in html
    assert "Ada Delegate, Directora" in html
    headings = [text for _, text in outline.headings]
    assert "La delegación" in headings and "Visitas y recomendaciones" in headings
    assert "Eventos relacionados" in headings
    assert "No se han registrado visitas de este viaje en este sitio." in html
    assert '(<time datetime="2023-01-10">10 de enero de 2023</time>)' in html
    assert NOTICE not in html
    assert "Breadcrumb" not in html and "Intercambio con Dinamarca</a>" in html


def test_untranslated_trip_page_marks_english_and_says_so(client, exchange):
    response, html = get(client, spanish(exchange["visit"]))

    assert_accessible(response)
    assert '<h1 lang="en">Danish experts&#x27;' in html
    assert NOTICE in html
    assert "Expertos de visita en Portland" in html
    assert (
        '<time datetime="2022-10-03">3 de octubre de 2022</time> al '
        '<time datetime="2022-10-07">7 de octubre de 2022</time>' in html
    )
    visits = section(html, "visits-heading")
    assert '<span lang="en">Mill Co</span> · ' in visits  # a name with no Spanish version
    assert "Metales · " in visits
    assert '<time datetime="2022-10-04">4 de octubre de 2022</time>' in visits
    assert '<h4 class="h6">Recomendaciones</h4>' in visits
    assert "No hay eventos vinculados a este viaje." in html


def test_spanish_site_visit_page(client, exchange):
    response, html = get(client, spanish(exchange["site_visit"]))

    outline = assert_accessible(response)
    assert '<h1 lang="en">Steel mill visit</h1>' in html
    for label in ("Durante", "Anfitrión", "Industria", "Fecha"):
        assert f'<dt class="col-sm-3">{label}</dt>' in html
    assert '<dd class="col-sm-9">Metales</dd>' in html
    assert '<time datetime="2022-10-04">4 de octubre de 2022</time>' in html
    assert (2, "Recomendaciones") in outline.headings
    assert NOTICE in html


def test_spanish_recommendation_page(client, exchange):
    recommendation = exchange["recommendation"]
    ActionFactory(
        title="Recover heat at the mill",
        title_es="Recuperar el calor en la planta",
        recommendations=[recommendation],
    )

    response, html = get(client, spanish(recommendation))

    outline = assert_accessible(response)
    assert "Recomendación hecha durante la visita <a" in html
    assert 'con <span lang="en">Mill Co</span> como anfitrión, como parte de <a' in html
    headings = [text for _, text in outline.headings]
    assert "Acciones de la hoja de ruta que responden a esta recomendación" in headings
    assert "Otras recomendaciones de esta visita" in headings
    assert ">Recuperar el calor en la planta</a> (estado: planificada)" in html
    assert "Esta es la única recomendación publicada de esta visita." in html


def test_spanish_track_page(client, exchange):
    track = exchange["track"]
    track.summary_es = "Conversaciones entre gobiernos."
    track.save()

    response, html = get(client, spanish(track))

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, "Aprendizaje: Entre gobiernos")
    assert "<title>Aprendizaje: Entre gobiernos" in html
    assert '<dd class="col-sm-9">Colaboración entre gobiernos</dd>' in html
    assert '<dt class="col-sm-3">Anfitrión</dt>' in html or ">Anfitrión</dt>" in html
    assert "Componente 1: Viaje de estudio a Dinamarca" in html
    assert "Otros tipos de aprendizaje entre pares" in [text for _, text in outline.headings]
    assert '<p class="lead">Conversaciones entre gobiernos.</p>' in html
    assert NOTICE not in html


def test_spanish_event_page(client, exchange):
    event = exchange["event"]
    event.recording_url = "https://example.org/recording"
    event.save()

    response, html = get(client, spanish(event))

    assert_accessible(response)
    assert '<h1 lang="en">City Council work session</h1>' in html
    assert '<dd class="col-sm-9">Sesión de trabajo del Concejo Municipal</dd>' in html
    assert '<time datetime="2023-01-10">10 de enero de 2023</time>' in html
    assert 'Ver la grabación de <span lang="en">City Council work session</span>' in html
    assert "Viajes relacionados" in html
    assert '(<time datetime="2022-06">junio de 2022</time>)' in html
    assert NOTICE in html


def test_spanish_event_without_a_date(client):
    event = EventFactory(title="Webinar", title_es="Seminario", kind=Event.Kind.WEBINAR, date=None)

    _, html = get(client, spanish(event))

    assert '<dd class="col-sm-9">Seminario web</dd>' in html
    assert "Fecha no registrada" in html


def test_spanish_partners_page(client, exchange):
    Organisation.objects.filter(name="Danish Consulate").update(
        description="Hosts the conversations.", description_es="Acoge las conversaciones."
    )

    response, html = get(client, "/es/partners/")

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, "Socios y financiadores")
    assert (2, "Financiadores") in outline.headings and (2, "Anfitriones") in outline.headings
    assert "Gobierno · " in html  # the consulate's kind
    assert "<p>Acoge las conversaciones.</p>" in html
    assert "Es anfitrión de:" in html
    assert "Aprendizaje: Entre gobiernos</a>" in html
    assert "Organización sin fines de lucro" in html  # the factories' default kind
    assert NOTICE not in html  # the one description is in Spanish


def test_english_exchange_pages_are_unchanged(client, exchange):
    html = client.get("/exchange/").content.decode()
    assert '<html lang="en">' in html
    assert '<time datetime="2022-06">June 2022</time>' in html
    assert '<p class="mb-1 fw-semibold">Trip</p>' in html
    assert ">Funders</h3>" in html and ">Hosts</h3>" in html and ">Participant</h3>" in html
    assert 'lang="en"' not in html[html.index("<main") : html.index("</main>")]
    assert "translation-notice" not in html
