import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from subscriptions.models import Subscriber, Topic, Update
from tests.factories import give_second_factor

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_update(update):
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENT, sent_at=timezone.now())
    return update


def test_archive_lists_sent_updates_with_a_web_version(client, sent_update, topic):
    Update.objects.create(subject="A draft nobody sees")
    page = client.get("/updates/")
    assert page.status_code == 200
    assert sent_update.subject.encode() in page.content
    assert b"A draft nobody sees" not in page.content
    assert page.content.count(b"<h1") == 1
    web = client.get(sent_update.get_absolute_url())
    assert b"<strong>hub</strong>" in web.content
    assert b"<script>alert" not in web.content
    assert client.get(f"/updates/?topic={topic.slug}").status_code == 200


def test_a_draft_has_no_public_web_version(client, update):
    assert client.get(update.get_absolute_url()).status_code == 404


def test_each_topic_has_an_atom_feed(client, sent_update, topic, other_topic):
    feed = client.get(f"/updates/topics/{topic.slug}/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert sent_update.subject.encode() in feed.content
    empty = client.get(f"/updates/topics/{other_topic.slug}/feed/")
    assert sent_update.subject.encode() not in empty.content
    assert client.get("/updates/feed/").status_code == 200


def test_follow_form_tag_renders_a_form_for_the_topic(db):
    Topic.objects.create(key="action:hub", slug="hub", title="Build a hub", kind="action")
    request = RequestFactory().get("/roadmap/hub/")
    html = Template('{% load subscriptions %}{% follow_form "action:hub" %}').render(
        Context({"request": request})
    )
    assert 'value="action:hub"' in html
    assert "Follow this action" in html
    missing = Template('{% load subscriptions %}{% follow_form "action:none" %}').render(
        Context({"request": request})
    )
    assert "<form" not in missing


with_second_factor = give_second_factor


@pytest.fixture
def publisher(db):
    user = User.objects.create_user(
        "publisher", "publisher@example.org", "pw", is_staff=True, is_superuser=True
    )
    user.user_permissions.add(Permission.objects.get(codename="send_update"))
    return with_second_factor(user)


def test_admin_previews_tests_sends_and_shows_progress(
    client, publisher, update, confirmed_subscriber, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    base = f"/admin/subscriptions/update/{update.pk}"
    change = client.get(f"{base}/change/")
    assert change.status_code == 200
    assert b"Send now to 1" in change.content
    assert b"<strong>hub</strong>" in client.get(f"{base}/preview/email/").content
    assert client.get(f"{base}/preview/web/").status_code == 200
    client.post(f"{base}/test/", {"language": "en"})  # one copy (both: test_languages.py)
    assert mail.outbox[-1].to == ["publisher@example.org"]
    assert mail.outbox[-1].subject.startswith("[TEST]")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{base}/send/")
    assert mail.outbox[-1].to == [confirmed_subscriber.email]
    progress = client.get(f"{base}/progress/").json()
    assert progress["sent"] == 1 and progress["remaining"] == 0 and progress["status"] == "sent"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{base}/send/")  # a second press sends nothing
    assert len(mail.outbox) == 2


def test_admin_schedules(client, publisher, update):
    client.force_login(publisher)
    client.post(
        f"/admin/subscriptions/update/{update.pk}/schedule/", {"scheduled_at": "2030-01-01T09:00"}
    )
    update.refresh_from_db()
    assert update.status == Update.Status.SCHEDULED
    assert update.scheduled_at.year == 2030


def test_staff_without_the_send_permission_cannot_send(client, update):
    editor = User.objects.create_user("editor", "e@example.org", "pw", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__endswith="_update"))
    editor.user_permissions.remove(Permission.objects.get(codename="send_update"))
    with_second_factor(editor)
    client.force_login(editor)
    response = client.post(f"/admin/subscriptions/update/{update.pk}/send/")
    assert response.status_code == 403


def test_import_reports_bad_rows_and_a_rerun_duplicates_nothing(tmp_path, topic, other_topic):
    make_subscriber("already@example.org", [topic])
    csv = tmp_path / "list.csv"
    csv.write_text(
        "email,topics,language,consent date\n"
        "one@example.org,section:roadmap,en,2024-03-01\n"
        "Two@Example.org,roadmap;exchange,,2024-03-02T10:00:00\n"
        "not-an-email,section:roadmap,en,2024-03-01\n"
        "three@example.org,no-such-topic,en,2024-03-01\n"
        "four@example.org,roadmap,xx,2024-03-01\n"
        "five@example.org,roadmap,en,yesterday\n"
        "already@example.org,roadmap,en,2024-03-01\n"
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_subscribers", str(csv), stdout=out, stderr=err)
    assert re.findall(r"line (\d+)", err.getvalue()) == ["4", "5", "6", "7"]
    assert "3 good row(s), 2 imported, 1 already present, 4 bad row(s)" in out.getvalue()
    two = Subscriber.objects.get(email="two@example.org")
    assert two.status == Subscriber.Status.CONFIRMED
    assert set(two.topics.values_list("key", flat=True)) == {"section:roadmap", "section:exchange"}
    assert two.consent_at.year == 2024
    call_command("import_subscribers", str(csv), stdout=out, stderr=io.StringIO())
    assert Subscriber.objects.count() == 3
    assert Subscriber.topics.through.objects.count() == 4


def test_an_import_records_import_and_the_files_name_not_its_path(tmp_path, topic):
    csv = tmp_path / "old-service-export.csv"
    csv.write_text("email,topics,language,consent date\none@example.org,roadmap,en,2024-03-01\n")
    call_command("import_subscribers", str(csv), stdout=io.StringIO(), stderr=io.StringIO())
    subscriber = Subscriber.objects.get()
    assert subscriber.consent_source == "import:old-service-export.csv"
    assert str(tmp_path) not in subscriber.consent_source


# --- The linked content ----------------------------------------------------------------------

REFUSED_LINKS = [
    "javascript:alert(1)",
    "http://x.example/",
    "//evil.example",
    "/\\evil.example/",
    "/\t/evil.example/",
    "data:text/html,<script>alert(1)</script>",
    "roadmap/",
]
ACCEPTED_LINKS = ["/roadmap/", "/roadmap/hub/?tab=news#next", "https://www.portland.gov/"]


@pytest.mark.parametrize("url", REFUSED_LINKS)
def test_an_update_links_only_to_a_site_page_or_an_https_address(update, url):
    update.url = url
    with pytest.raises(ValidationError) as refused:
        update.full_clean()
    assert refused.value.error_dict["url"][0].code == "invalid_link"


@pytest.mark.parametrize("url", ACCEPTED_LINKS)
def test_site_pages_and_https_addresses_are_accepted(update, url):
    update.url = url
    update.full_clean()


def test_the_admin_explains_a_refused_link(client, publisher, update):
    client.force_login(publisher)
    change = f"/admin/subscriptions/update/{update.pk}/change/"
    form = {
        "subject_en": update.subject,
        "body_html_en": update.body_html,
        "topics": [topic.pk for topic in update.topics.all()],
    }
    response = client.post(change, {**form, "url": "javascript:alert(1)"})
    assert response.status_code == 200
    assert "Enter a page of this site, starting with a single “/”" in response.content.decode()
    update.refresh_from_db()
    assert update.url == "/roadmap/"

    response = client.post(change, {**form, "url": "https://www.portland.gov/"})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.url == "https://www.portland.gov/"


@pytest.mark.parametrize("url", REFUSED_LINKS)
def test_a_refused_link_saved_before_the_rule_is_never_shown(client, sent_update, url):
    Update.objects.filter(pk=sent_update.pk).update(url=url)
    sent_update.refresh_from_db()
    assert sent_update.link == ""
    page = client.get(sent_update.get_absolute_url()).content.decode()
    assert "Read more on the portal" not in page
