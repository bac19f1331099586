import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.urls import reverse

from exchange import models
from publishing.models import Publishable

from .factories import (
    CollaborationTrackFactory,
    ComponentFactory,
    DelegateFactory,
    EventFactory,
    OrganisationFactory,
    RecommendationFactory,
    SiteVisitFactory,
    TripFactory,
)

pytestmark = pytest.mark.django_db


FACTORIES = [
    OrganisationFactory,
    ComponentFactory,
    TripFactory,
    SiteVisitFactory,
    RecommendationFactory,
    CollaborationTrackFactory,
    EventFactory,
]


def admin_url(obj_or_model, action, *args):
    meta = obj_or_model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)


def test_exchange_admin_passes_django_checks():
    errors = [e for e in checks.run_checks(tags=[checks.Tags.admin]) if "exchange" in str(e.obj)]
    assert errors == []


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_changelist_search_add_and_change_pages_load(admin_client, factory):
    obj = factory()
    changelist = admin_client.get(admin_url(obj, "changelist"))
    assert changelist.status_code == 200
    assert str(obj) in changelist.content.decode()
    assert admin_client.get(admin_url(obj, "changelist"), {"q": str(obj)}).status_code == 200
    assert admin_client.get(admin_url(obj, "add")).status_code == 200
    change = admin_client.get(admin_url(obj, "change", obj.pk))
    assert change.status_code == 200
    # "View on site" goes through the admin's shortcut to the public page.
    shortcut = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk]
    )
    assert shortcut in change.content.decode()
    assert admin_client.get(shortcut)["Location"].endswith(obj.get_absolute_url())


def test_trip_page_edits_delegates_inline(admin_client):
    delegate = DelegateFactory(name="Ada Delegate")
    html = admin_client.get(admin_url(delegate.trip, "change", delegate.trip.pk)).content.decode()
    assert 'name="delegates-TOTAL_FORMS"' in html
    assert "Ada Delegate" in html


def test_site_visit_page_edits_recommendations_inline(admin_client):
    recommendation = RecommendationFactory(title="Recover waste heat")
    visit = recommendation.site_visit
    html = admin_client.get(admin_url(visit, "change", visit.pk)).content.decode()
    assert 'name="recommendations-TOTAL_FORMS"' in html
    assert "Recover waste heat" in html


def test_organisations_autocomplete_for_trips(admin_client):
    OrganisationFactory(name="Kalundborg Symbiosis")
    OrganisationFactory(name="Somebody Else")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "exchange",
            "model_name": "trip",
            "field_name": "organisations",
            "term": "kal",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Kalundborg Symbiosis"]


def test_publish_action_publishes_and_stamps_drafts(admin_client):
    drafts = TripFactory.create_batch(2, status=Publishable.Status.DRAFT)
    response = admin_client.post(
        admin_url(drafts[0], "changelist"),
        {"action": "publish", "_selected_action": [t.pk for t in drafts]},
    )
    assert response.status_code == 302
    for trip in models.Trip.objects.all():
        assert trip.is_published and trip.published_at is not None


def test_unpublish_action_returns_items_to_draft(admin_client):
    event = EventFactory()
    admin_client.post(
        admin_url(event, "changelist"), {"action": "unpublish", "_selected_action": [event.pk]}
    )
    event.refresh_from_db()
    assert event.status == Publishable.Status.DRAFT


def test_changelist_shows_recommendation_counts_without_a_query_per_row(
    admin_client, django_assert_max_num_queries
):
    visits = SiteVisitFactory.create_batch(5)
    RecommendationFactory.create_batch(3, site_visit=visits[0])
    url = admin_url(visits[0], "changelist")
    admin_client.get(url)  # warm the session and content-type caches
    with django_assert_max_num_queries(12):
        response = admin_client.get(url)
    assert '<td class="field-recommendation_count">3</td>' in response.content.decode()
