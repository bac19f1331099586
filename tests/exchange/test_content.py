import datetime

import pytest
from django.urls import reverse

from core.loading import LoadReport
from exchange import content
from exchange.models import (
    CollaborationTrack,
    Component,
    Delegate,
    Event,
    Organisation,
    Recommendation,
    SiteVisit,
    Trip,
)
from tests.outline import assert_accessible_outline, section

pytestmark = pytest.mark.django_db
MODELS = [Organisation, Component, Trip, CollaborationTrack, Event]


def load() -> LoadReport:
    report = LoadReport()
    content.load(report)
    return report


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loads_the_seed_facts_as_published_rows():
    report = load()
    assert counts() == {
        "Organisation": 7,
        "Component": 3,
        "Trip": 2,
        "CollaborationTrack": 3,
        "Event": 1,
    }
    assert len(report.created) == 16
    for model in MODELS:
        assert not model.objects.exclude(status="published").exists(), model

    roles = dict(Organisation.objects.values_list("slug", "role"))
    assert roles["city-of-portland"] == roles["portland-business-alliance"] == "convener"
    assert roles["csi"] == roles["kalundborg-symbiosis"] == "partner"
    assert roles["danish-energy-agency"] == roles["scan-design-foundation"] == "funder"
    assert roles["danish-consulate"] == "host"
    assert Organisation.objects.get(slug="csi").name == "CSI"

    numbers = dict(Component.objects.values_list("slug", "number"))
    assert numbers == {
        "denmark-study-tour": 1,
        "danish-experts-advise-portland-companies": 2,
        "ongoing-peer-to-peer-learning": 3,
    }

    tour = Trip.objects.get(slug="denmark-study-tour-june-2022")
    assert (tour.direction, tour.start_date, tour.date_display) == (
        "outbound",
        datetime.date(2022, 6, 1),
        "June 2022",
    )
    assert tour.delegation_size == 24 and tour.component.number == 1
    visit = Trip.objects.get(slug="danish-expert-visit-october-2022")
    assert (visit.direction, visit.date_display, visit.component.number) == (
        "inbound",
        "October 2022",
        2,
    )
    assert "three major Portland industries" in visit.summary

    for track in CollaborationTrack.objects.select_related("host", "component"):
        assert track.host.slug == "danish-consulate" and track.component.number == 3

    session = Event.objects.get(slug="city-council-work-session")
    assert session.starts_at is None and session.kind == "work_session"
    assert set(session.trips.values_list("slug", flat=True)) == {tour.slug, visit.slug}

    # The seed names no delegates, site visits or recommendations: none are made up.
    assert not Delegate.objects.exists()
    assert not SiteVisit.objects.exists()
    assert not Recommendation.objects.exists()


def test_a_second_run_creates_nothing():
    load()
    before = counts()
    report = load()
    assert report.created == []
    assert len(report.kept) == 16
    assert counts() == before


def test_an_edit_made_after_loading_survives_a_rerun():
    load()
    Trip.objects.filter(slug="denmark-study-tour-june-2022").update(title="Edited by staff")
    session = Event.objects.get(slug="city-council-work-session")
    session.trips.clear()
    load()
    assert Trip.objects.get(slug="denmark-study-tour-june-2022").title == "Edited by staff"
    assert not session.trips.exists()


def test_exchange_page_after_loading(client):
    load()
    html = client.get(reverse("exchange:index")).content.decode()
    assert_accessible_outline(html)

    programme = section(html, "programme-heading")
    assert '<time datetime="2022-06">June 2022</time>' in programme
    assert '<time datetime="2022-10">October 2022</time>' in programme
    for slug in ["denmark-study-tour-june-2022", "danish-expert-visit-october-2022"]:
        assert reverse("exchange:trip", args=[slug]) in programme

    tracks = section(html, "tracks-heading")
    for title in ["Government-to-government", "Industry-to-industry", "Researcher-to-researcher"]:
        assert title in tracks

    assert "City Council" in section(html, "events-heading")

    organisations = section(html, "organisations-heading")
    for name in ["Kalundborg Symbiosis", "Danish Energy Agency", "Scan Design Foundation"]:
        assert name in organisations
    funders = organisations[organisations.index('id="role-funder"') :]
    assert "Danish Energy Agency" in funders and "Scan Design Foundation" in funders


def test_expert_visit_page_after_loading(client):
    load()
    html = client.get(
        reverse("exchange:trip", args=["danish-expert-visit-october-2022"])
    ).content.decode()
    assert "visited three major Portland industries" in html
    assert "No site visits have been recorded for this trip" in html
    assert "Portland, Oregon" in html
    assert reverse("exchange:event", args=["city-council-work-session"]) in html


def test_partners_page_after_loading(client):
    load()
    html = client.get(reverse("exchange:partners")).content.decode()
    for slug in ["city-of-portland", "csi", "danish-energy-agency", "danish-consulate"]:
        assert f'id="{slug}"' in html
    assert 'id="csi"' in section(html, "role-partner")
    assert 'id="danish-consulate"' in section(html, "role-host")
