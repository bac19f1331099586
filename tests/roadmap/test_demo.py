import pytest

from assessment import demo as assessment_demo
from assessment.models import Finding, Indicator
from publishing.models import ChangeNote
from roadmap import demo as roadmap_demo
from roadmap.models import Action, Milestone, ProgressNote

pytestmark = pytest.mark.django_db


def test_demo_data_scales_and_can_be_created_again(client):
    assert assessment_demo.create(scale=2) > 40
    assert roadmap_demo.create(scale=2) > 60
    # A second run must not clash with the first one's slugs.
    assessment_demo.create(scale=1)
    roadmap_demo.create(scale=1)

    assert Finding.objects.count() == 60
    assert Action.objects.count() == 90
    assert ProgressNote.objects.count() == 180 + 30  # two notes each, a slip every third
    assert Milestone.objects.count() == 270
    assert ChangeNote.objects.count() == 45
    assert Indicator.objects.exists()
    for model in (Finding, Action):
        assert not model.objects.exclude(title__startswith="Example").exists()
    assert Action.objects.filter(findings__isnull=False).exists()
    # Example rows are published and their pages render.
    assert client.get("/roadmap/").status_code == 200
    assert client.get(Action.objects.first().get_absolute_url()).status_code == 200
    assert client.get(Finding.objects.first().get_absolute_url()).status_code == 200
