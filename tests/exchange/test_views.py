"""The Denmark exchange's pages, in English and Spanish: the index, trips, site visits,
recommendations, peer-to-peer tracks, events and partners."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.cache import content_version
from exchange.models import CollaborationTrack, Event, EventDocument, Organisation, Trip
from publishing.models import Publishable
from tests.core.test_cache import read, read_once_cached, rendered
from tests.languages import NOTICE
from tests.languages import get as get_in
from tests.outline import assert_accessible, assert_accessible_outline, section
from tests.roadmap.factories import ActionFactory

from .factories import (
    CollaborationTrackFactory,
    ComponentFactory,
    DelegateFactory,
    EventDocumentFactory,
    EventFactory,
    OrganisationFactory,
    RecommendationFactory,
    SiteVisitFactory,
    TripFactory,
    at,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
DRAFT = Publishable.Status.DRAFT


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def trip():
    trip = TripFactory(
        title="Study tour",
        date_display="June 2022",
        delegation_size=24,
        delegation_description="two dozen Portland-area leaders",
    )
    DelegateFactory(trip=trip, name="Ada Delegate", position="Director")
    visit = SiteVisitFactory(trip=trip, title="Steel mill visit", host__name="Mill Co")
    RecommendationFactory(site_visit=visit, title="Recover waste heat")
    RecommendationFactory(site_visit=visit, title="Secret draft advice", status=DRAFT)
    SiteVisitFactory(trip=trip, title="Unpublished visit", status=DRAFT)
    EventFactory(title="Council session", trips=[trip])
    EventFactory(title="Draft event", trips=[trip], status=DRAFT)
    return trip


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


def test_index_shows_components_in_order_with_trips_tracks_events_and_partners(client):
    second = ComponentFactory(number=2, title="Experts advise companies")
    first = ComponentFactory(number=1, title="Study tour component")
    TripFactory(component=first, title="June trip", date_display="June 2022")
    TripFactory(component=first, title="Hidden trip", status=DRAFT)
    track = CollaborationTrackFactory(component=second, title="Industry-to-industry")
    EventFactory(title="Council session", date=datetime.date(2023, 1, 10))
    OrganisationFactory(name="Big Funder", role=Organisation.Role.FUNDER)
    OrganisationFactory(name="Draft Funder", role=Organisation.Role.FUNDER, status=DRAFT)

    html = get(client, reverse("exchange:index"))

    programme = section(html, "programme-heading")
    assert programme.index("Study tour component") < programme.index("Experts advise companies")
    assert "June trip" in programme and '<time datetime="2022-06">June 2022</time>' in programme
    assert "Hidden trip" not in html
    assert track.get_absolute_url() in programme
    assert track.get_absolute_url() in section(html, "tracks-heading")
    assert '<time datetime="2023-01-10">' in section(html, "events-heading")
    partners = section(html, "organisations-heading")
    assert "Funder" in partners and "Big Funder" in partners
    assert "Draft Funder" not in html
    assert_accessible_outline(html)


def test_index_lists_trips_that_belong_to_no_component(client):
    TripFactory(component=None, title="Follow-up visit")
    TripFactory(component=None, title="Unannounced trip", status=DRAFT)
    programme = section(get(client, reverse("exchange:index")), "programme-heading")
    assert "Other trips" in programme and "Follow-up visit" in programme
    assert "Unannounced trip" not in programme


INDEX_WORDS = {
    "en": {
        "h1": "Clean Industry Knowledge Exchange: Portland and Denmark",
        "headings": (
            "The programme",
            "Peer-to-peer learning",
            "Events",
            "Partners and funders",
            "Funders",  # two funders: plural
            "Hosts",  # the consulate and the track's host
            "Participant",  # one participant: singular
        ),
        "programme": (
            "1. Denmark Study Tour",
            '<p class="mb-1 fw-semibold">Trip</p>',
            # A month-only date as staff wrote it.
            '<time datetime="2022-06">June 2022</time>, Denmark)',
            "Other trips",
            '<time datetime="2022-10-03">3 October 2022</time> to '
            '<time datetime="2022-10-07">7 October 2022</time>',
        ),
        "events": (
            "City Council work session · ",
            '<time datetime="2023-01-10">10 January 2023</time>',
        ),
        "tracks": "Host: <a",
        "page": (
            "More about every partner and funder",
            "Download the Danish experts' recommendations",
        ),
        "other_language": (
            "El programa",
            "Otros viajes",
            "Socios y financiadores",
            "junio de 2022",
        ),
    },
    "es": {
        "h1": "Intercambio de Conocimientos sobre Industria Limpia: Portland y Dinamarca",
        "headings": (
            "El programa",
            "Aprendizaje entre pares",
            "Eventos",
            "Socios y financiadores",
            "Financiadores",
            "Anfitriones",
            "Participante",
        ),
        "programme": (
            "1. Viaje de estudio a Dinamarca",
            '<p class="mb-1 fw-semibold">Viaje</p>',
            # A month-only date without Spanish wording: the month in Spanish.
            '<time datetime="2022-06">junio de 2022</time>, Dinamarca)',
            "Otros viajes",
            '<time datetime="2022-10-03">3 de octubre de 2022</time> al '
            '<time datetime="2022-10-07">7 de octubre de 2022</time>',
        ),
        "events": (
            "Sesión de trabajo del Concejo Municipal · ",
            '<time datetime="2023-01-10">10 de enero de 2023</time>',
        ),
        "tracks": "Anfitrión: <a",
        "page": (
            "Más información sobre cada socio y financiador",
            "Descargue las recomendaciones de los expertos daneses",
        ),
        "other_language": ("The programme", "Other trips", "Partners and funders", "June 2022"),
    },
}


def test_index_in_the_page_language(client, exchange, language):
    words = INDEX_WORDS[language]

    response, html = get_in(client, reverse("exchange:index"), language)

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, words["h1"])
    headings = [text for _, text in outline.headings]
    for heading in words["headings"]:
        assert heading in headings, heading
    for role in words["headings"][-3:]:
        assert (3, role) in outline.headings, role
    programme = section(html, "programme-heading")
    for text in words["programme"]:
        assert text in programme
    events = section(html, "events-heading")
    for text in words["events"]:
        assert text in events
    assert words["tracks"] in section(html, "tracks-heading")
    for text in words["page"]:
        assert text in html
    for other in words["other_language"]:
        assert other not in programme + section(html, "organisations-heading")
    visit = f'href="{exchange["visit"].get_absolute_url()}"'
    main = html[html.index("<main") : html.index("</main>")]
    if language == "en":
        assert f"{visit}>Danish experts" in html
        assert 'lang="en"' not in main
        assert "translation-notice" not in html
    else:
        # The visit to Portland has no Spanish title: marked as English, and the page says so.
        assert f'{visit} lang="en">Danish experts' in html
        assert NOTICE in html


def test_staff_spanish_month_wording_wins(client, exchange):
    Trip.objects.filter(pk=exchange["tour"].pk).update(date_display_es="verano de 2022")

    _, html = get_in(client, "/exchange/", "es")

    assert '<time datetime="2022-06">verano de 2022</time>' in html


def test_index_says_plainly_when_nothing_is_published(client):
    html = get(client, reverse("exchange:index"))
    assert "No events have been published yet." in html
    assert "No peer-to-peer collaboration has been published yet." in html


def test_trip_page_shows_dates_delegation_visits_recommendations_and_events(client, trip):
    html = get(client, trip.get_absolute_url())
    outline = assert_accessible_outline(html)
    assert (1, "Study tour") in outline.headings
    assert '<time datetime="2022-06">June 2022</time>' in html
    assert "Two dozen Portland-area leaders (24 people)" in html
    assert "Ada Delegate, Director" in html
    visits = section(html, "visits-heading")
    assert "Steel mill visit" in visits and "Mill Co" in visits
    assert "Recover waste heat" in visits
    assert "Unpublished visit" not in html and "Secret draft advice" not in html
    events = section(html, "events-heading")
    assert "Council session" in events and "Draft event" not in events


def test_trip_page_with_exact_dates_uses_full_datetimes(client):
    trip = TripFactory(start_date=datetime.date(2022, 10, 3), end_date=datetime.date(2022, 10, 7))
    html = get(client, trip.get_absolute_url())
    assert '<time datetime="2022-10-03">3 October 2022</time> to' in html
    assert '<time datetime="2022-10-07">7 October 2022</time>' in html


def test_trip_without_site_visits_says_so(client):
    html = get(client, TripFactory().get_absolute_url())
    visits = section(html, "visits-heading")
    assert "No site visits have been recorded for this trip" in visits
    assert "No events are linked to this trip." in html


def test_site_visit_page(client, trip):
    visit = trip.site_visits.get(title="Steel mill visit")
    html = get(client, visit.get_absolute_url())
    outline = assert_accessible_outline(html)
    assert (1, "Steel mill visit") in outline.headings
    assert (3, "Recover waste heat") in outline.headings
    assert "Secret draft advice" not in html
    assert trip.get_absolute_url() in html and "Mill Co" in html


def test_recommendation_page(client):
    recommendation = RecommendationFactory(title="Electrify the kilns", summary="Use heat pumps.")
    RecommendationFactory(site_visit=recommendation.site_visit, title="Sibling advice")
    html = get(client, recommendation.get_absolute_url())
    outline = assert_accessible_outline(html)
    assert (1, "Electrify the kilns") in outline.headings
    assert "Use heat pumps." in html
    assert "Sibling advice" in section(html, "others-heading")
    assert recommendation.site_visit.get_absolute_url() in html


def test_track_page(client):
    track = CollaborationTrackFactory(summary="Talks between city halls.", host__name="Consulate")
    other = CollaborationTrackFactory()
    html = get(client, track.get_absolute_url())
    outline = assert_accessible_outline(html)
    assert outline.headings[0] == (1, f"{track.title} learning")
    assert "Talks between city halls." in html and "Consulate" in html
    assert other.title in section(html, "other-tracks-heading")


def test_events_list_upcoming_soonest_first_then_past_latest_first_then_undated(client):
    soon = EventFactory(title="Soon", date=timezone.localdate() + datetime.timedelta(days=3))
    later = EventFactory(title="Later", date=timezone.localdate() + datetime.timedelta(days=30))
    today = EventFactory(title="Today", date=timezone.localdate())  # not over until midnight
    old = EventFactory(title="Old", date=datetime.date(2022, 11, 1))
    older = EventFactory(title="Older", date=datetime.date(2022, 6, 1))
    cancelled = EventFactory(title="Called off", date=soon.first_day, state=Event.State.CANCELLED)
    EventFactory(title="Work session", date=None)
    EventFactory(title="Draft meeting", status=DRAFT)

    response = client.get(reverse("exchange:events"))

    html = response.content.decode()
    outline = assert_accessible_outline(html)
    assert [e.title for e in response.context["upcoming"]] == [
        "Today",
        "Called off",
        "Soon",
        "Later",
    ]
    assert [e.title for e in response.context["past"]] == ["Old", "Older"]
    assert [e.title for e in response.context["undated"]] == ["Work session"]
    headings = [text for level, text in outline.headings if level == 2]
    assert headings.index("Upcoming events") < headings.index("Past events")
    assert headings.index("Past events") < headings.index("Events without a date on record")
    assert "Draft meeting" not in html
    upcoming = section(html, "upcoming-heading")
    for event in (soon, later, today, cancelled):
        assert event.get_absolute_url() in upcoming
    assert old.get_absolute_url() in section(html, "past-heading")
    assert older.get_absolute_url() in section(html, "past-heading")
    assert 'Called off</a> <span class="badge text-bg-warning">Cancelled</span>' in upcoming
    subscribe = section(html, "calendar-heading")
    assert 'href="webcal://localhost:8000/events.ics"' in subscribe
    assert "<code>http://localhost:8000/events.ics</code>" in subscribe
    assert f'href="{reverse("exchange:calendar")}"' in html  # <link rel="alternate">


def test_events_list_without_events_says_so(client):
    cache.clear()  # nothing is saved here to make an earlier test's page stale
    html = get(client, reverse("exchange:events"))
    assert "No upcoming events have been published yet." in html
    assert "No past events have been published." in html
    assert "undated-heading" not in html


@pytest.fixture
def upcoming_session():
    start = timezone.localdate() + datetime.timedelta(days=14)
    event = EventFactory(
        title="Council work session",
        starts_at=at(start, datetime.time(18)),
        ends_at=at(start, datetime.time(19, 30)),
        all_day=False,
        venue="City Hall, 1221 SW 4th Ave",
        online_url="https://example.org/watch",
        accommodation_deadline=start - datetime.timedelta(days=5),
    )
    EventDocumentFactory(event=event, title="Agenda for the session")
    EventDocumentFactory(
        event=event,
        kind=EventDocument.Kind.MATERIALS,
        title="Slides",
        html_version="",
        url="https://example.org/slides",
    )
    EventDocumentFactory(event=event, title="Unfinished notes", status=DRAFT)
    return event


def test_event_page_shows_when_where_materials_and_how_to_ask_for_accommodation(
    client, upcoming_session
):
    event = upcoming_session
    html = get(client, event.get_absolute_url())

    assert_accessible_outline(html)
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    assert f'<time datetime="{start.isoformat()}">6 p.m.</time>' in html
    assert f'<time datetime="{end.isoformat()}">7:30 p.m.</time> Pacific Time' in html
    assert "City Hall, 1221 SW 4th Ave" in html
    assert '<a href="https://example.org/watch">Join or watch online</a>' in html
    assert f'href="{event.get_calendar_url()}">Add Council work session to your calendar' in html
    documents = section(html, "documents-heading")
    assert "Agenda for the session" in documents and "1. Welcome." in documents
    assert '<a href="https://example.org/slides">Read Slides</a>' in documents
    assert "Unfinished notes" not in html
    accommodation = section(html, "accommodation-heading")
    deadline = event.accommodation_deadline
    assert "To ask for an ADA accommodation, translation or interpretation, free of charge" in (
        accommodation
    )
    assert f'by <time datetime="{deadline:%Y-%m-%d}">' in accommodation
    assert f'<a href="{reverse("pages:contact")}">contact form</a>' in accommodation


def test_an_email_to_ask_for_accommodation_is_a_link(client, upcoming_session):
    upcoming_session.accommodation_contact = "cleanindustry@example.org"
    upcoming_session.accommodation_deadline = None
    upcoming_session.save()

    html = get(client, upcoming_session.get_absolute_url())

    accommodation = section(html, "accommodation-heading")
    assert 'href="mailto:cleanindustry@example.org"' in accommodation
    assert "as early as you can." in accommodation


def test_a_past_event_page_has_no_accommodation_line(client):
    event = EventFactory(date=datetime.date(2023, 1, 10))

    html = get(client, event.get_absolute_url())

    assert "accommodation-heading" not in html
    assert "No agenda or materials have been published for this event." in html
    assert '<time datetime="2023-01-10">10 January 2023</time>' in html


def test_a_cancelled_event_says_so_and_offers_no_calendar_entry(client, upcoming_session):
    upcoming_session.state = Event.State.CANCELLED
    upcoming_session.state_note = "The session will be held in the spring instead."
    upcoming_session.save()

    html = get(client, upcoming_session.get_absolute_url())

    assert "This event is cancelled.</strong> <span>The session will be held in the spring" in html
    assert "<del>" in html
    assert upcoming_session.get_calendar_url() not in html
    assert "accommodation-heading" not in html


def test_a_moved_event_shows_the_date_it_had_and_why(client, upcoming_session):
    upcoming_session.moved_from = at(datetime.date(2030, 3, 1), datetime.time(18))
    upcoming_session.state = Event.State.MOVED
    upcoming_session.state_note = "The chamber is being repaired."
    upcoming_session.save()

    html = get(client, upcoming_session.get_absolute_url())

    assert "This event has moved.</strong> It was to take place on" in html
    assert '<time datetime="2030-03-01">1 March 2030</time>; the new date is below.' in html
    assert "The chamber is being repaired." in html


def test_search_finds_an_event_at_its_page(client):
    event = EventFactory(title="Council work session on clean industry")

    html = get(client, reverse("search:search") + "?q=council+work+session")

    assert f'href="{event.get_absolute_url()}"' in html


def test_event_pages_moved_from_the_exchange_redirect(client):
    event = EventFactory()
    response = client.get(f"/exchange/events/{event.slug}/")
    assert response.status_code == 301
    assert response["Location"] == event.get_absolute_url()
    assert client.get(f"/es/exchange/events/{event.slug}/")["Location"] == (
        f"/es/events/{event.slug}/"
    )


UNDATED = {"en": ("Webinar", "Date not recorded"), "es": ("Seminario web", "Fecha no registrada")}


def test_event_page_without_a_date(client, trip, language):
    event = EventFactory(
        title="Webinar", title_es="Seminario", kind=Event.Kind.WEBINAR, date=None, trips=[trip]
    )
    kind, no_date = UNDATED[language]

    _, html = get_in(client, event.get_absolute_url(), language)

    assert_accessible_outline(html)
    assert f'<dd class="col-sm-9">{kind}</dd>' in html
    assert no_date in html
    assert trip.get_absolute_url() in section(html, "trips-heading")


def test_partners_grouped_by_role_with_slug_anchors(client):
    OrganisationFactory(name="The City", slug="the-city", role=Organisation.Role.CONVENER)
    OrganisationFactory(name="A Funder", slug="a-funder", role=Organisation.Role.FUNDER)
    OrganisationFactory(name="Hidden", role=Organisation.Role.FUNDER, status=DRAFT)
    html = get(client, reverse("exchange:partners"))
    outline = assert_accessible_outline(html)
    h2s = [text for level, text in outline.headings if level == 2]
    assert h2s.index("Convener") < h2s.index("Funder")
    assert 'id="the-city"' in section(html, "role-convener")
    assert 'id="a-funder"' in section(html, "role-funder")
    assert "Hidden" not in html


# --- In Spanish: the interface's words, Spanish dates, English text marked -------------------


def test_trip_page_in_spanish(client, exchange):
    tour = exchange["tour"]
    DelegateFactory(trip=tour, name="Ada Delegate", position="Director", position_es="Directora")

    response, html = get_in(client, tour.get_absolute_url(), "es")

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
    response, html = get_in(client, exchange["visit"].get_absolute_url(), "es")

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


def test_site_visit_page_in_spanish(client, exchange):
    response, html = get_in(client, exchange["site_visit"].get_absolute_url(), "es")

    outline = assert_accessible(response)
    assert '<h1 lang="en">Steel mill visit</h1>' in html
    for label in ("Durante", "Anfitrión", "Industria", "Fecha"):
        assert f'<dt class="col-sm-3">{label}</dt>' in html
    assert '<dd class="col-sm-9">Metales</dd>' in html
    assert '<time datetime="2022-10-04">4 de octubre de 2022</time>' in html
    assert (2, "Recomendaciones") in outline.headings
    assert NOTICE in html


def test_recommendation_page_in_spanish(client, exchange):
    recommendation = exchange["recommendation"]
    ActionFactory(
        title="Recover heat at the mill",
        title_es="Recuperar el calor en la planta",
        recommendations=[recommendation],
    )

    response, html = get_in(client, recommendation.get_absolute_url(), "es")

    outline = assert_accessible(response)
    assert "Recomendación hecha durante la visita <a" in html
    assert 'con <span lang="en">Mill Co</span> como anfitrión, como parte de <a' in html
    headings = [text for _, text in outline.headings]
    assert "Acciones de la hoja de ruta que responden a esta recomendación" in headings
    assert "Otras recomendaciones de esta visita" in headings
    assert ">Recuperar el calor en la planta</a> (estado: planificada)" in html
    assert "Esta es la única recomendación publicada de esta visita." in html


def test_track_page_in_spanish(client, exchange):
    track = exchange["track"]
    track.summary_es = "Conversaciones entre gobiernos."
    track.save()

    response, html = get_in(client, track.get_absolute_url(), "es")

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, "Aprendizaje: Entre gobiernos")
    assert "<title>Aprendizaje: Entre gobiernos" in html
    assert '<dd class="col-sm-9">Colaboración entre gobiernos</dd>' in html
    assert '<dt class="col-sm-3">Anfitrión</dt>' in html or ">Anfitrión</dt>" in html
    assert "Componente 1: Viaje de estudio a Dinamarca" in html
    assert "Otros tipos de aprendizaje entre pares" in [text for _, text in outline.headings]
    assert '<p class="lead">Conversaciones entre gobiernos.</p>' in html
    assert NOTICE not in html


def test_event_page_in_spanish(client, exchange):
    event = exchange["event"]
    event.recording_url = "https://example.org/recording"
    event.save()

    response, html = get_in(client, event.get_absolute_url(), "es")

    assert_accessible(response)
    assert '<h1 lang="en">City Council work session</h1>' in html
    assert '<dd class="col-sm-9">Sesión de trabajo del Concejo Municipal</dd>' in html
    assert '<time datetime="2023-01-10">10 de enero de 2023</time>' in html
    assert 'Ver la grabación de <span lang="en">City Council work session</span>' in html
    assert "Viajes relacionados" in html
    assert '(<time datetime="2022-06">junio de 2022</time>)' in html
    assert NOTICE in html


def test_partners_page_in_spanish(client, exchange):
    Organisation.objects.filter(name="Danish Consulate").update(
        description="Hosts the conversations.", description_es="Acoge las conversaciones."
    )

    response, html = get_in(client, reverse("exchange:partners"), "es")

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, "Socios y financiadores")
    assert (2, "Financiadores") in outline.headings and (2, "Anfitriones") in outline.headings
    assert "Gobierno · " in html  # the consulate's kind
    assert "<p>Acoge las conversaciones.</p>" in html
    assert "Es anfitrión de:" in html
    assert "Aprendizaje: Entre gobiernos</a>" in html
    assert "Organización sin fines de lucro" in html  # the factories' default kind
    assert NOTICE not in html  # the one description is in Spanish


@pytest.mark.parametrize(
    "make",
    [
        lambda: TripFactory(status=DRAFT),
        lambda: SiteVisitFactory(status=DRAFT),
        lambda: SiteVisitFactory(trip__status=DRAFT),
        lambda: RecommendationFactory(status=DRAFT),
        lambda: RecommendationFactory(site_visit__status=DRAFT),
        lambda: RecommendationFactory(site_visit__trip__status=DRAFT),
        lambda: CollaborationTrackFactory(status=DRAFT),
        lambda: EventFactory(status=DRAFT),
    ],
    ids=[
        "trip",
        "visit",
        "visit-of-draft-trip",
        "recommendation",
        "recommendation-of-draft-visit",
        "recommendation-of-draft-trip",
        "track",
        "event",
    ],
)
def test_drafts_are_not_public_but_staff_can_preview_them(client, admin_client, make):
    url = make().get_absolute_url()
    assert client.get(url).status_code == 404
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "this page is not public yet" in preview.content.decode()


def test_published_pages_carry_no_draft_notice(client, trip):
    assert "not public yet" not in get(client, trip.get_absolute_url())


# --- Parts kept with `{% cache %}`: their rows are read only when they are rebuilt ------------


def test_the_index_reads_no_row_once_its_part_is_cached(exchange):
    html, tables = read("/exchange/")
    assert tables >= {
        "exchange_component",
        "exchange_trip",
        "exchange_collaborationtrack",
        "exchange_event",
        "exchange_organisation",
    }
    assert "Clean Industry Study Tour of Denmark" in section(html, "programme-heading")
    assert "Government-to-government" in section(html, "tracks-heading")
    assert "City Council work session" in section(html, "events-heading")
    assert "Danish Energy Agency" in section(html, "organisations-heading")
    again, tables = read("/exchange/")
    assert tables == set()
    assert again == html


def test_the_trip_page_reads_only_the_trip_once_its_part_is_cached(trip):
    trip.organisations.add(OrganisationFactory(name="Aalborg Portland Cement"))
    html, tables = read(trip.get_absolute_url())
    assert tables >= {
        "exchange_delegate",
        "exchange_organisation",
        "exchange_sitevisit",
        "exchange_recommendation",
        "exchange_event",
    }
    assert "Ada Delegate" in html and "Aalborg Portland Cement" in html
    assert "Recover waste heat" in section(html, "visits-heading")
    assert "Council session" in section(html, "events-heading")
    again, tables = read(trip.get_absolute_url())
    assert tables == {"exchange_trip"}
    assert again == html
    # Its own columns only: the component and the image are read when the part is rebuilt.
    assert read_once_cached(trip.get_absolute_url()) == {"exchange_trip"}


def test_the_site_visit_page_reads_only_the_visit_once_its_part_is_cached(trip):
    url = trip.site_visits.get(title="Steel mill visit").get_absolute_url()
    html, tables = read(url)
    assert "exchange_recommendation" in tables
    assert "Recover waste heat" in section(html, "recommendations-heading")
    again, tables = read(url)
    assert tables == {"exchange_sitevisit"}
    assert again == html
    # Its own columns only: the trip and the host are read when the part is rebuilt.
    assert read_once_cached(url) == {"exchange_sitevisit"}


def test_the_recommendation_page_reads_only_the_recommendation_once_its_part_is_cached():
    recommendation = RecommendationFactory(title="Electrify the kilns")
    RecommendationFactory(site_visit=recommendation.site_visit, title="Sibling advice")
    ActionFactory(title="Invest in heat pumps", recommendations=[recommendation])
    url = recommendation.get_absolute_url()
    html, tables = read(url)
    assert "roadmap_action" in tables
    assert "Invest in heat pumps" in section(html, "actions-heading")
    assert "Sibling advice" in section(html, "others-heading")
    again, tables = read(url)
    assert tables == {"exchange_recommendation"}
    assert again == html
    # Its own columns only: the visit, its trip and host are read when the part is rebuilt.
    assert read_once_cached(url) == {"exchange_recommendation"}


def both_languages(url):
    """The page at `url` (an English address) rendered in English and in Spanish, the test's
    language left as it was (a request activates its own)."""
    with translation.override(settings.LANGUAGE_CODE):
        return rendered(url), rendered(f"/es{url}")


def test_the_index_follows_an_edit_an_unpublished_row_and_a_new_relation_at_once(exchange):
    component = exchange["tour"].component
    english, spanish = both_languages("/exchange/")
    assert "Government-to-government" in english and "Entre gobiernos" in spanish
    assert "Danish experts&#x27; visit to Portland" in section(english, "programme-heading")

    tour = exchange["tour"]
    tour.title_en, tour.title_es = "The Denmark study tour", "El viaje de estudio a Dinamarca"
    tour.save()
    english, spanish = both_languages("/exchange/")
    assert "The Denmark study tour" in english and "El viaje de estudio a Dinamarca" in spanish

    track = exchange["track"]
    track.status = DRAFT
    track.save()
    english, spanish = both_languages("/exchange/")
    assert "Government-to-government" not in english and "Entre gobiernos" not in spanish

    visit = exchange["visit"]
    visit.component = component  # the experts' visit placed in the study tour's component
    visit.save()
    for html in both_languages("/exchange/"):
        programme = section(html, "programme-heading")
        assert "Danish experts&#x27; visit to Portland" in programme
        assert "Other trips" not in programme and "Otros viajes" not in programme


def test_the_trip_page_follows_its_visits_delegates_and_events_at_once(trip):
    url = trip.get_absolute_url()
    both_languages(url)
    visit = trip.site_visits.get(title="Steel mill visit")
    visit.title_en, visit.title_es = "Steel mill tour", "Recorrido por la acería"
    visit.save()
    english, spanish = both_languages(url)
    assert "Steel mill tour" in section(english, "visits-heading")
    assert "Recorrido por la acería" in section(spanish, "visits-heading")

    advice = visit.recommendations.get(title="Recover waste heat")
    advice.status = DRAFT
    advice.save()
    for html in both_languages(url):
        assert "Recover waste heat" not in html

    trip.organisations.add(OrganisationFactory(name="Aalborg Portland Cement"))
    EventFactory(title="Council work session", title_es="Sesión del concejo", trips=[trip])
    DelegateFactory(trip=trip, name="Bo Delegate")
    english, spanish = both_languages(url)
    for html in (english, spanish):
        assert "Aalborg Portland Cement" in html and "Bo Delegate" in html
    assert "Council work session" in section(english, "events-heading")
    assert "Sesión del concejo" in section(spanish, "events-heading")


def test_the_site_visit_page_follows_its_recommendations_at_once(trip):
    visit = trip.site_visits.get(title="Steel mill visit")
    url = visit.get_absolute_url()
    both_languages(url)
    advice = visit.recommendations.get(title="Recover waste heat")
    advice.title_en, advice.title_es = "Recover the waste heat", "Recuperar el calor residual"
    advice.save()
    english, spanish = both_languages(url)
    assert "Recover the waste heat" in section(english, "recommendations-heading")
    assert "Recuperar el calor residual" in section(spanish, "recommendations-heading")

    advice.status = DRAFT
    advice.save()
    RecommendationFactory(site_visit=visit, title="Electrify the kilns", title_es="Electrificar")
    english, spanish = both_languages(url)
    assert "Recover the waste heat" not in english and "Recuperar" not in spanish
    assert "Electrify the kilns" in english and "Electrificar" in spanish


def test_the_recommendation_page_follows_its_actions_and_siblings_at_once():
    recommendation = RecommendationFactory(title="Electrify the kilns")
    sibling = RecommendationFactory(site_visit=recommendation.site_visit, title="Sibling advice")
    url = recommendation.get_absolute_url()
    english, spanish = both_languages(url)
    assert "No roadmap action is linked" in english and "Sibling advice" in spanish

    action = ActionFactory(title="Invest in heat pumps", title_es="Invertir en bombas de calor")
    action.recommendations.add(recommendation)
    sibling.title_en, sibling.title_es = "Advice from the same visit", "Consejo de la visita"
    sibling.save()
    english, spanish = both_languages(url)
    assert "Invest in heat pumps" in section(english, "actions-heading")
    assert "Invertir en bombas de calor" in section(spanish, "actions-heading")
    assert "Advice from the same visit" in section(english, "others-heading")
    assert "Consejo de la visita" in section(spanish, "others-heading")

    action.status = DRAFT
    action.save()
    sibling.status = DRAFT
    sibling.save()
    for html in both_languages(url):
        assert "heat pumps" not in html and "bombas de calor" not in html
        assert "Advice from the same visit" not in html and "Consejo de la visita" not in html


def test_the_index_translation_notice_follows_the_rows_and_keeps_a_query_string():
    """The notice looks at the rows the page lists, so it is cached with them; its link to the
    English page keeps the address's query string, so that one is never cached."""
    trip = TripFactory(component=None, title="Danish experts' visit", title_es="")
    tagged = rendered("/es/exchange/?utm_source=newsletter")
    assert NOTICE in tagged
    assert 'href="/exchange/?utm_source=newsletter" hreflang="en" lang="en"' in tagged
    plain = rendered("/es/exchange/")
    assert NOTICE in plain and 'href="/exchange/" hreflang="en" lang="en"' in plain
    assert "utm_source" not in plain
    again = rendered("/es/exchange/?utm_source=newsletter")
    assert 'href="/exchange/?utm_source=newsletter" hreflang="en" lang="en"' in again
    assert "translation-notice" not in rendered("/exchange/")

    trip.title_es, trip.summary_es = "Visita de expertos daneses", "Qué vieron los expertos."
    trip.save()
    assert NOTICE not in rendered("/es/exchange/")


@pytest.mark.parametrize(
    "make",
    [
        lambda: TripFactory(status=DRAFT, body="<p>Plans not yet public.</p>"),
        lambda: SiteVisitFactory(status=DRAFT, body="<p>Plans not yet public.</p>"),
        lambda: RecommendationFactory(status=DRAFT, body="<p>Plans not yet public.</p>"),
        lambda: CollaborationTrackFactory(status=DRAFT, body="<p>Plans not yet public.</p>"),
        lambda: EventFactory(status=DRAFT, body="<p>Plans not yet public.</p>"),
    ],
    ids=["trip", "visit", "recommendation", "track", "event"],
)
def test_a_drafts_part_cached_for_staff_never_reaches_the_public(admin_client, make):
    url = make().get_absolute_url()
    assert "Plans not yet public." in admin_client.get(url).content.decode()
    response = Client(HTTP_COOKIE="sessionid=someone").get(url)
    assert response.status_code == 404
    assert "Plans not yet public." not in response.content.decode()


def test_the_partners_page_reads_no_row_once_its_part_is_cached(exchange):
    url = reverse("exchange:partners")
    exchange["tour"].organisations.add(OrganisationFactory(name="Aalborg Portland Cement"))
    html, tables = read(url)
    assert tables >= {"exchange_organisation", "exchange_trip", "exchange_collaborationtrack"}
    assert "Danish Energy Agency" in section(html, "role-funder")
    assert "Clean Industry Study Tour of Denmark" in section(html, "role-partner")
    assert "Government-to-government learning" in section(html, "role-host")
    again, tables = read(url)
    assert tables == set()
    assert again == html


def test_the_track_page_reads_only_the_track_once_its_part_is_cached(exchange):
    url = exchange["track"].get_absolute_url()
    CollaborationTrackFactory(kind=CollaborationTrack.Kind.INDUSTRY, title="Industry-to-industry")
    html = rendered(url)
    assert "Industry-to-industry" in section(html, "other-tracks-heading")
    # The other tracks are read from the same table: count the queries.
    with CaptureQueriesContext(connection) as queries:
        again = rendered(url)
    assert len(queries) == 1
    assert again == html
    # Its own columns only: the host and the component are read when the part is rebuilt.
    assert read_once_cached(url) == {"exchange_collaborationtrack"}


def test_the_event_page_reads_only_the_event_once_its_part_is_cached(upcoming_session, trip):
    upcoming_session.trips.add(trip)
    url = upcoming_session.get_absolute_url()
    html, tables = read(url)
    assert tables >= {"exchange_eventdocument", "exchange_trip"}
    assert "Agenda for the session" in section(html, "documents-heading")
    assert "Study tour" in section(html, "trips-heading")
    assert "accommodation-heading" in html
    again, tables = read(url)
    assert tables == {"exchange_event"}
    assert again == html
    assert read_once_cached(url) == {"exchange_event"}


def test_the_partners_page_follows_an_edit_an_unpublished_row_and_a_new_relation_at_once(
    exchange,
):
    url = reverse("exchange:partners")
    both_languages(url)
    funder = Organisation.objects.get(name="Danish Energy Agency")
    funder.description_en, funder.description_es = "Funds the exchange.", "Financia el intercambio."
    funder.save()
    english, spanish = both_languages(url)
    assert "Funds the exchange." in section(english, "role-funder")
    assert "Financia el intercambio." in section(spanish, "role-funder")

    other_funder = Organisation.objects.get(name="Scan Design Foundation")
    other_funder.status = DRAFT
    other_funder.save()
    for html in both_languages(url):
        assert "Scan Design Foundation" not in html

    consulate = Organisation.objects.get(name="Danish Consulate")
    exchange["tour"].organisations.add(consulate)
    CollaborationTrackFactory(
        kind=CollaborationTrack.Kind.INDUSTRY,
        title="Industry-to-industry",
        title_es="Entre industrias",
        host=consulate,
    )
    english, spanish = both_languages(url)
    hosts = section(english, "role-host")
    assert "Took part in:" in hosts and "Clean Industry Study Tour of Denmark" in hosts
    assert "Industry-to-industry learning" in hosts
    hosts = section(spanish, "role-host")
    assert "Viaje de estudio sobre industria limpia en Dinamarca" in hosts
    assert "Aprendizaje: Entre industrias" in hosts


def test_the_partners_translation_notice_follows_the_rows_and_keeps_a_query_string():
    """The notice looks at the organisations the page lists, so it is cached with them; its link
    to the English page keeps the address's query string, so that one is never cached."""
    partner = OrganisationFactory(name="Kalundborg Symbiosis", description="Runs the symbiosis.")
    tagged = rendered("/es/partners/?utm_source=newsletter")
    assert NOTICE in tagged
    assert 'href="/partners/?utm_source=newsletter" hreflang="en" lang="en"' in tagged
    plain = rendered("/es/partners/")
    assert NOTICE in plain and 'href="/partners/" hreflang="en" lang="en"' in plain
    assert "utm_source" not in plain
    again = rendered("/es/partners/?utm_source=newsletter")
    assert 'href="/partners/?utm_source=newsletter" hreflang="en" lang="en"' in again
    assert "translation-notice" not in rendered("/partners/")

    partner.description_es = "Dirige la simbiosis industrial."
    partner.save()
    assert NOTICE not in rendered("/es/partners/")


def test_the_track_page_follows_its_body_and_the_other_tracks_at_once(exchange):
    track = exchange["track"]
    url = track.get_absolute_url()
    other = CollaborationTrackFactory(
        kind=CollaborationTrack.Kind.INDUSTRY,
        title="Industry-to-industry",
        title_es="Entre industrias",
    )
    both_languages(url)
    track.body_en, track.body_es = "<p>City halls talk.</p>", "<p>Los ayuntamientos hablan.</p>"
    track.save()
    other.title_en, other.title_es = "Company to company", "De empresa a empresa"
    other.save()
    english, spanish = both_languages(url)
    assert "City halls talk." in english and "Los ayuntamientos hablan." in spanish
    assert "Company to company" in section(english, "other-tracks-heading")
    assert "De empresa a empresa" in section(spanish, "other-tracks-heading")

    other.status = DRAFT
    other.save()
    CollaborationTrackFactory(
        kind=CollaborationTrack.Kind.RESEARCH,
        title="Among researchers",
        title_es="Entre científicos",
    )
    english, spanish = both_languages(url)
    assert "Company to company" not in english and "De empresa a empresa" not in spanish
    assert "Among researchers" in section(english, "other-tracks-heading")
    assert "Entre científicos" in section(spanish, "other-tracks-heading")


def test_the_event_page_follows_its_documents_and_trips_at_once(upcoming_session, exchange):
    event = upcoming_session
    url = event.get_absolute_url()
    both_languages(url)
    agenda = event.documents.get(title="Agenda for the session")
    agenda.title_en, agenda.title_es = "Order of business", "Orden del día"
    agenda.save()
    english, spanish = both_languages(url)
    assert "Order of business" in section(english, "documents-heading")
    assert "Orden del día" in section(spanish, "documents-heading")

    agenda.status = DRAFT
    agenda.save()
    event.trips.add(exchange["tour"])
    english, spanish = both_languages(url)
    assert "Order of business" not in english and "Orden del día" not in spanish
    assert "Clean Industry Study Tour of Denmark" in section(english, "trips-heading")
    assert "Viaje de estudio sobre industria limpia en Dinamarca" in section(
        spanish, "trips-heading"
    )


def test_the_event_page_drops_its_accommodation_line_once_the_event_is_over(upcoming_session):
    """Whether the event is still to come is part of its cached part's key: the end of an event
    changes no row, so it renews nothing."""
    url = upcoming_session.get_absolute_url()
    deadline = f'<time datetime="{upcoming_session.accommodation_deadline:%Y-%m-%d}">'
    for html in both_languages(url):
        assert deadline in section(html, "accommodation-heading")
    assert read(url)[1] == {"exchange_event"}  # the part is cached
    version = content_version()

    # The clock passes the event: its dates moved back without a save, which renews nothing.
    yesterday = at(timezone.localdate() - datetime.timedelta(days=1), datetime.time(18))
    Event.objects.filter(pk=upcoming_session.pk).update(
        starts_at=yesterday, ends_at=yesterday + datetime.timedelta(hours=1)
    )
    english, spanish = both_languages(url)
    assert content_version() == version
    for html in (english, spanish):
        assert "accommodation-heading" not in html
    assert "Agenda for the session" in section(english, "documents-heading")
