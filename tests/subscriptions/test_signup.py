import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from subscriptions import services
from subscriptions.models import Subscriber

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/updates/subscribe/"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def sign_up(client, email, topic, django_capture_on_commit_callbacks, **extra):
    data = {"email": email, "topics": [topic.key], "frequency": "immediately", **extra}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(SUBSCRIBE, data, REMOTE_ADDR=extra.pop("ip", "10.0.0.1"))


def confirm_url(message) -> str:
    return re.search(r"https://portal\.example\.org(/updates/confirm/[^/\s]+/)", message.body)[1]


def test_new_address_gets_a_confirmation_link_and_stays_pending(
    client, topic, django_capture_on_commit_callbacks
):
    response = sign_up(client, "New@Example.org", topic, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:check-inbox")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "new@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_text == services.CONSENT_TEXT
    assert subscriber.consent_source == SUBSCRIBE
    assert subscriber.consent_at is not None
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    message = mail.outbox[0]
    assert "/updates/confirm/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses(
    client, topic, django_capture_on_commit_callbacks
):
    make_subscriber("pending@example.org", [topic], status=Subscriber.Status.PENDING)
    make_subscriber("confirmed@example.org", [topic])
    answers = []
    for email in ["new@example.org", "pending@example.org", "confirmed@example.org"]:
        response = sign_up(client, email, topic, django_capture_on_commit_callbacks)
        answers.append((response.status_code, response["Location"]))
        page = client.get(response["Location"])
        # Masked CSRF tokens differ on every render; everything else must be identical.
        answers.append((page.status_code, CSRF.sub(b"", page.content)))
    assert answers[0] == answers[2] == answers[4]
    assert answers[1] == answers[3] == answers[5]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Confirm" in subjects["new@example.org"]
    assert "Confirm" in subjects["pending@example.org"]
    assert "already subscribed" in subjects["confirmed@example.org"]
    assert reverse("subscriptions:manage", args=[Subscriber.objects.get(
        email="confirmed@example.org").token]) in mail.outbox[-1].body  # fmt: skip


def test_a_confirmed_address_is_not_changed_by_someone_else_signing_it_up(
    client, topic, other_topic, django_capture_on_commit_callbacks
):
    subscriber = make_subscriber("confirmed@example.org", [topic])
    sign_up(client, "confirmed@example.org", other_topic, django_capture_on_commit_callbacks)
    subscriber.refresh_from_db()
    assert list(subscriber.topics.all()) == [topic]
    assert subscriber.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize(
    "email",
    ["not-an-address", "victim@example.org\nBcc: everyone@example.org", "a@b.org\r\nSubject: x"],
)
def test_invalid_and_header_injecting_addresses_are_refused(client, topic, email):
    response = client.post(
        SUBSCRIBE, {"email": email, "topics": [topic.key], "frequency": "weekly"}
    )
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_get_of_the_confirmation_link_confirms_nobody(
    client, topic, django_capture_on_commit_callbacks
):
    sign_up(client, "new@example.org", topic, django_capture_on_commit_callbacks)
    url = confirm_url(mail.outbox[0])
    response = client.get(url)
    assert response.status_code == 200
    assert b"Confirm my subscription" in response.content
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_post_confirms_and_sends_a_welcome(client, topic, django_capture_on_commit_callbacks):
    sign_up(client, "new@example.org", topic, django_capture_on_commit_callbacks)
    url = confirm_url(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    subscriber = Subscriber.objects.get()
    assert response.status_code == 302
    assert response["Location"] == subscriber.get_absolute_url()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert "Welcome" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)  # a second press changes nothing and sends nothing
    assert len(mail.outbox) == 2


def test_an_expired_or_forged_confirmation_link_does_not_work(
    client, topic, settings, django_capture_on_commit_callbacks
):
    sign_up(client, "new@example.org", topic, django_capture_on_commit_callbacks)
    url = confirm_url(mail.outbox[0])
    with mock.patch("django.core.signing.time.time", return_value=9_999_999_999):
        assert client.post(url).status_code == 400
    assert client.post(url[:-3] + "xx/").status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_sign_ups_are_rate_limited_per_address_without_revealing_it(
    client, topic, settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTIONS_RATE_PER_ADDRESS = 2
    for n in range(4):
        response = sign_up(
            client,
            "target@example.org",
            topic,
            django_capture_on_commit_callbacks,
            ip=f"10.0.0.{n}",
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_sign_ups_are_rate_limited_per_ip(
    client, topic, settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTIONS_RATE_PER_IP = 2
    codes = [
        sign_up(client, f"p{n}@example.org", topic, django_capture_on_commit_callbacks).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]


def test_footer_form_is_on_every_page(client, topic):
    response = client.get("/updates/")
    assert b'id="footer-signup-email"' in response.content
    assert topic.key.encode() in response.content


def test_one_click_post_without_cookie_or_csrf_unsubscribes(confirmed_subscriber):
    client = Client(enforce_csrf_checks=True)
    url = reverse("subscriptions:unsubscribe", args=[confirmed_subscriber.token])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    confirmed_subscriber.refresh_from_db()
    assert confirmed_subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_get_of_the_unsubscribe_link_only_shows_a_button(client, confirmed_subscriber):
    url = reverse("subscriptions:unsubscribe", args=[confirmed_subscriber.token])
    response = client.get(url)
    assert response.status_code == 200
    assert b'<form method="post">' in response.content
    confirmed_subscriber.refresh_from_db()
    assert confirmed_subscriber.status == Subscriber.Status.CONFIRMED


def test_one_click_post_for_an_unknown_token_answers_the_same(db):
    response = Client(enforce_csrf_checks=True).post("/updates/unsubscribe/nope/")
    assert response.status_code == 200


def test_manage_page_changes_choices(client, confirmed_subscriber, other_topic):
    url = confirmed_subscriber.get_absolute_url()
    page = client.get(url)
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex"
    assert page["Referrer-Policy"] == "same-origin"  # the token never leaves in a Referer
    response = client.post(
        url, {"topics": [other_topic.pk], "frequency": "weekly", "language": "en"}
    )
    assert response.status_code == 302
    confirmed_subscriber.refresh_from_db()
    assert confirmed_subscriber.frequency == "weekly"
    assert list(confirmed_subscriber.topics.all()) == [other_topic]


def test_an_unknown_manage_token_is_a_404(client, db):
    assert client.get("/updates/manage/unknown/").status_code == 404


def test_download_and_delete_my_data(client, confirmed_subscriber):
    token = confirmed_subscriber.token
    response = client.get(reverse("subscriptions:download-data", args=[token]))
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["email"] == "reader@example.org"
    assert data["topics"] == [{"key": "section:roadmap", "title": "Roadmap"}]
    assert "consent" in data
    assert client.get(reverse("subscriptions:delete-data", args=[token])).status_code == 200
    assert Subscriber.objects.exists()  # GET only asks
    response = client.post(reverse("subscriptions:delete-data", args=[token]))
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_purge_removes_only_old_unconfirmed_sign_ups(topic, settings):
    from datetime import timedelta

    from django.utils import timezone

    old = make_subscriber("old@example.org", [topic], status=Subscriber.Status.PENDING)
    make_subscriber("new@example.org", [topic], status=Subscriber.Status.PENDING)
    make_subscriber("kept@example.org", [topic])
    Subscriber.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=31))
    Subscriber.objects.filter(email="kept@example.org").update(
        updated_at=timezone.now() - timedelta(days=400)
    )
    assert services.purge_unconfirmed() == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "new@example.org",
        "kept@example.org",
    }
