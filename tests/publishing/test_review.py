"""Content review (publishing/review.py): what is due, "Mark reviewed", and the admin's owner
field and "Due for review" filter on every reviewable model."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessment.models import Finding
from publishing import review
from roadmap.models import Action
from tests.admin_forms import admin_edit, change_url
from tests.assessment.factories import FindingFactory
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db


def aged(obj, days):
    type(obj).objects.filter(pk=obj.pk).update(created_at=timezone.now() - timedelta(days=days))
    return obj


def test_actions_and_findings_take_part():
    assert set(review.reviewable_models()) == {Action, Finding}


def test_due_counts_from_the_last_review_or_else_the_creation(settings, admin_user):
    settings.CONTENT_REVIEW_DAYS = 10
    never = aged(ActionFactory(title="Never reviewed"), 11)
    reviewed = aged(ActionFactory(title="Reviewed lately"), 100)
    review.mark_reviewed(reviewed, user=admin_user, now=timezone.now() - timedelta(days=9))
    old_review = aged(ActionFactory(title="Reviewed long ago"), 100)
    review.mark_reviewed(old_review, user=admin_user, now=timezone.now() - timedelta(days=12))
    assert [a.title for a in review.due(Action)] == ["Reviewed long ago", "Never reviewed"]
    assert never.title in {a.title for a in review.due(Action)}
    settings.CONTENT_REVIEW_DAYS = 13
    assert list(review.due(Action)) == []


def test_marking_reviewed_leaves_the_content_and_its_public_pages_alone(admin_user):
    from core import cache as page_cache

    action = aged(ActionFactory(), 200)
    updated_at = Action.objects.get(pk=action.pk).updated_at
    version = page_cache.content_version()
    review.mark_reviewed(action, user=admin_user)
    stored = Action.objects.get(pk=action.pk)
    assert stored.reviewed_by == admin_user and stored.reviewed_at is not None
    assert stored.updated_at == updated_at
    assert page_cache.content_version() == version


def test_staff_set_an_owner_in_the_form_and_see_the_last_review(editor_client, admin_user):
    action = ActionFactory()
    review.mark_reviewed(action, user=admin_user)
    response = editor_client.get(change_url(action))
    form = response.context["adminform"].form
    assert "owner" in form.fields and "reviewed_at" not in form.fields
    assert "reviewed_by" in response.context["adminform"].readonly_fields
    choices = {label for _value, label in form.fields["owner"].choices}
    assert "admin" in choices  # staff
    admin_edit(editor_client, action, owner=admin_user.pk)
    action.refresh_from_db()
    assert action.owner == admin_user
    assert action.reviewed_by == admin_user  # an edit is no review, and keeps the last one


def test_the_lists_filter_shows_what_is_due(editor_client, settings):
    settings.CONTENT_REVIEW_DAYS = 30
    aged(FindingFactory(title="Stale finding"), 31)
    FindingFactory(title="Fresh finding")
    response = editor_client.get("/admin/assessment/finding/?review=due")
    assert [f.title for f in response.context["cl"].result_list] == ["Stale finding"]
    response = editor_client.get("/admin/assessment/finding/")
    assert len(response.context["cl"].result_list) == 2
