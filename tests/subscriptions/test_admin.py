"""What staff see of a send (issue 16, item 4): its audience before it goes, equal to the
deliveries the send creates; its deliveries by status and its failures after, which they can
send again through the sending service; and each topic's subscribers."""

import re
import smtplib

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from subscriptions import services
from subscriptions.models import Delivery, Subscriber, Topic, Update
from tests.factories import give_second_factor

from .backends import FlakyBackend
from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

WEEKLY, PENDING = Subscriber.Frequency.WEEKLY, Subscriber.Status.PENDING


@pytest.fixture
def publisher(client):
    user = User.objects.create_user(
        "publisher", "publisher@example.org", "pw", is_staff=True, is_superuser=True
    )
    client.force_login(give_second_factor(user))
    return client


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.backends.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.opened = {}, 0
    return FlakyBackend


@pytest.fixture
def audience(topic, other_topic, update):
    """A list with every case the count must get right."""
    update.topics.set([topic, other_topic])
    make_subscriber("both-topics@example.org", [topic, other_topic])  # one delivery, not two
    make_subscriber("en@example.org", [topic])
    make_subscriber("gone-language@example.org", [other_topic], language="fr")  # gets English
    make_subscriber("es-1@example.org", [topic], language="es")
    make_subscriber("es-2@example.org", [other_topic], language="es")
    make_subscriber("weekly-en@example.org", [topic], frequency=WEEKLY)
    make_subscriber("weekly-es@example.org", [topic], frequency=WEEKLY, language="es")
    make_subscriber("weekly-es-2@example.org", [other_topic], frequency=WEEKLY, language="es")
    make_subscriber("pending@example.org", [topic], status=PENDING)
    make_subscriber("gone@example.org", [topic], status=Subscriber.Status.UNSUBSCRIBED)
    unrelated = Topic.objects.create(key="section:assessment", slug="assessment", title="A")
    make_subscriber("unrelated@example.org", [unrelated])
    return update


def test_the_audience_shown_before_sending_is_what_the_send_delivers(
    publisher, audience, django_capture_on_commit_callbacks
):
    base = f"/admin/subscriptions/update/{audience.pk}"
    change = publisher.get(f"{base}/change/").content.decode()
    assert f'href="{base}/send/"' in change and "Send now to 5…" in change
    page = publisher.get(f"{base}/send/").content.decode()
    shown = int(re.search(r"It would go to (\d+) confirmed subscribers now", page)[1])
    weekly = int(re.search(r"(\d+) more, who chose the weekly digest", page)[1])
    languages = dict(re.findall(r"<li>(\w+|Español): (\d+) subscribers?", page))
    assert (shown, weekly, languages) == (5, 3, {"English": "3", "Español": "2"})
    assert "Español: 2 subscribers (and 2 by the weekly digest)" in page
    assert "Yes, send it now to 5 subscribers" in page
    assert mail.outbox == [] and audience.deliveries.count() == 0  # a GET sends nothing

    with django_capture_on_commit_callbacks(execute=True):
        publisher.post(f"{base}/send/")
    deliveries = Delivery.objects.filter(update=audience).select_related("subscriber")
    assert deliveries.count() == shown == len(mail.outbox)
    by_language = {}
    for delivery in deliveries:
        language = delivery.subscriber.email_language
        by_language[language] = by_language.get(language, 0) + 1
    assert by_language == {"en": 3, "es": 2}
    assert publisher.get(f"{base}/send/").status_code == 302  # sent: nothing to confirm


def test_the_weekly_digest_reaches_the_number_its_bulletins_said(
    audience, django_capture_on_commit_callbacks
):
    promised = services.audience(audience).weekly
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(update=audience)
    sent_at = timezone.make_aware(timezone.datetime(2026, 11, 18, 10))
    Update.objects.filter(pk=audience.pk).update(sent_at=sent_at)
    monday = timezone.make_aware(timezone.datetime(2026, 11, 23, 8))
    digest = services.build_weekly_digest(now=monday)
    told = services.audience(digest)
    assert (told.now, told.weekly) == (promised, 0)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(update=digest)
    assert digest.deliveries.count() == promised == 3


def test_each_topic_lists_its_confirmed_subscribers_in_one_query(publisher, topic, other_topic):
    make_subscriber("a@example.org", [topic, other_topic])
    make_subscriber("b@example.org", [topic], frequency=WEEKLY)
    make_subscriber("pending@example.org", [topic], status=PENDING)

    def changelist():
        with CaptureQueriesContext(connection) as queries:
            page = publisher.get("/admin/subscriptions/topic/?o=5").content.decode()
        return page, len(queries)

    page, queries = changelist()
    cells = re.findall(
        r'<th class="field-title">.*?>([^<]+)</a></th>.*?'
        r'field-subscriber_count">(\d+)<.*?field-weekly_count">(\d+)<',
        page,
    )
    assert cells == [("Exchange", "1", "0"), ("Roadmap", "2", "1")]
    for n in range(10):
        Topic.objects.create(key=f"action:{n}", slug=f"a{n}", title=f"Action {n}", kind="action")
    assert changelist()[1] == queries  # the count is in the list's query


@pytest.fixture
def failed_send(topic, update, flaky, django_capture_on_commit_callbacks):
    make_subscriber("fine@example.org", [topic])
    make_subscriber("never@example.org", [topic])
    make_subscriber("full@example.org", [topic])
    # Refusals of the message, not of the address (which the suppression list would keep
    # from any retry): a 5xx answer to DATA fails a delivery for good.
    flaky.failures = {
        "never@example.org": [smtplib.SMTPDataError(554, b"5.6.0 content refused")],
        "full@example.org": [smtplib.SMTPDataError(552, b"5.3.4 message too big")],
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(update=update)
    update.refresh_from_db()
    assert update.status == Update.Status.SENT
    return update


def test_a_sends_page_counts_its_deliveries_by_status_and_lists_its_failures(
    publisher, failed_send
):
    page = publisher.get(f"/admin/subscriptions/update/{failed_send.pk}/change/").content.decode()
    for status, label in Delivery.Status.choices:  # every status, so a new one shows too
        count = {"sent": 1, "failed": 2}.get(status, 0)
        assert f'<th scope="row">{label}</th><td data-key="{status}">{count}</td>' in page
    failures = page[page.index('id="update-failures"') :]
    assert "never@example.org" in failures and "5.6.0 content refused" in failures
    assert "full@example.org" in failures and "fine@example.org" not in failures
    assert "Send the 2 failed deliveries again" in page
    assert "It would go to" not in page  # sent: no audience to foresee


def test_staff_send_the_failures_again_through_the_sending_service(
    publisher, failed_send, flaky, django_capture_on_commit_callbacks
):
    sent_at = failed_send.sent_at
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher.post(f"/admin/subscriptions/update/{failed_send.pk}/retry/")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "fine@example.org", "full@example.org", "never@example.org"
    ]  # fmt: skip
    assert services.progress(update=failed_send)["sent"] == 3
    failed_send.refresh_from_db()
    # Still sent, on its first date: in the archive and in its week's digest as before.
    assert failed_send.status == Update.Status.SENT and failed_send.sent_at == sent_at
    page = publisher.get(f"/admin/subscriptions/update/{failed_send.pk}/change/").content
    assert b"2 failed deliveries are queued to be sent again." in page
    assert b'id="update-failures"' not in page


def test_the_delivery_list_sends_the_selected_failures_again(
    publisher, failed_send, django_capture_on_commit_callbacks
):
    never = Delivery.objects.get(subscriber__email="never@example.org")
    fine = Delivery.objects.get(subscriber__email="fine@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        publisher.post(
            "/admin/subscriptions/delivery/",
            {"action": "retry", "_selected_action": [never.pk, fine.pk]},
        )
    assert [m.to[0] for m in mail.outbox[1:]] == ["never@example.org"]  # a sent one stays sent
    never.refresh_from_db()
    assert never.status == Delivery.Status.SENT
    assert Delivery.objects.get(subscriber__email="full@example.org").status == "failed"


def test_failures_queued_again_are_resumed_if_their_batch_is_lost(
    failed_send, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down
        assert services.retry_failed(update=failed_send) == 2
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resume_sending() == 1  # beat, a minute later
    assert len(mail.outbox) == 3


def test_only_publishers_send_failures_again(client, failed_send):
    editor = User.objects.create_user("editor", "e@example.org", "pw", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__endswith="_update"))
    editor.user_permissions.add(*Permission.objects.filter(codename__endswith="_delivery"))
    editor.user_permissions.remove(Permission.objects.get(codename="send_update"))
    client.force_login(give_second_factor(editor))
    page = client.get(f"/admin/subscriptions/update/{failed_send.pk}/change/").content
    assert b"5.6.0 content refused" in page and b"failed deliveries again" not in page
    assert client.post(f"/admin/subscriptions/update/{failed_send.pk}/retry/").status_code == 403
    assert client.get(f"/admin/subscriptions/update/{failed_send.pk}/send/").status_code == 403
    listing = client.get("/admin/subscriptions/delivery/").content
    assert b'value="retry"' not in listing
    assert services.progress(update=failed_send)["failed"] == 2


# --- Writing an update (issue 18, item 3) ----------------------------------------------------


def test_the_update_form_has_the_content_editor_and_language_tabs(publisher):
    html = publisher.get(reverse("admin:subscriptions_update_add")).content.decode()
    assert "/static/django_prose_editor/editor.js" in html  # the editor content forms have
    assert "data-django-prose-editor" in html and 'name="body_html_es"' in html
    assert "tabbed_translation_fields.js" in html  # modeltranslation's language tabs
    assert '<iframe name="update-preview"' in html and " sandbox" in html
    assert "/static/js/update-preview.js" in html and "<script>" not in html


def test_the_live_preview_renders_the_form_as_sent_cleaned_and_saves_nothing(publisher):
    data = {
        "subject_en": "Hub news",
        "body_html_en": '<h2>Met</h2><p onclick="x()">Hi <a href="javascript:x()">a</a></p>'
        "<script>alert(1)</script>",
        "subject_es": "",
        "body_html_es": "<p></p>",  # an emptied editor: the Spanish reader gets the English
        "preview_language": "es",
    }
    response = publisher.post(reverse("admin:subscriptions_update_preview_form"), data)
    html = response.content.decode()
    assert response.status_code == 200 and Update.objects.count() == 0
    assert "<h2>Met</h2>" in html and "Hub news" in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert '<html lang="es"' in html  # the Spanish email, in English where it is not written
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert publisher.get(reverse("admin:subscriptions_update_preview_form")).status_code == 405


def test_a_saved_updates_preview_uses_the_form_not_the_saved_text(publisher, topic):
    update = Update.objects.create(subject="Saved", body_html="<p>Saved body</p>")
    url = reverse("admin:subscriptions_update_preview_form", args=[update.pk])
    html = publisher.post(url, {"subject_en": "Edited", "body_html_en": "<p>New</p>"}).content
    assert b"Edited" in html and b"New" in html and b"Saved body" not in html
    update.refresh_from_db()
    assert update.subject == "Saved"


def test_only_staff_who_may_change_updates_preview_them(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    client.force_login(give_second_factor(user))
    response = client.post(reverse("admin:subscriptions_update_preview_form"), {})
    assert response.status_code == 403
