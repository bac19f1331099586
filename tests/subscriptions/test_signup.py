import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

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


@pytest.fixture
def limits(settings):
    """Set the sign-up limits: `limits(per_ip="2/h/ip", per_mailbox="2/h/key")`."""

    def set_limits(per_ip="20/h/ip", per_mailbox="3/h/key"):
        settings.ACCOUNT_RATE_LIMITS = {
            **settings.ACCOUNT_RATE_LIMITS,
            "subscribe": per_ip,
            "subscribe_mailbox": per_mailbox,
        }

    return set_limits


def test_emails_to_one_mailbox_are_limited_whatever_its_case_or_tag(
    client, topic, limits, django_capture_on_commit_callbacks
):
    limits(per_mailbox="2/h/key")
    for email in [
        "foo@example.org",
        "Foo+x@Example.org",
        "foo+news@example.org",
        "FOO@example.org",
    ]:
        response = sign_up(client, email, topic, django_capture_on_commit_callbacks)
        assert response.status_code == 302  # the same answer: nothing revealed
        assert response["Location"] == reverse("subscriptions:check-inbox")
    assert [m.to for m in mail.outbox] == [["foo@example.org"], ["foo+x@example.org"]]


def test_sign_ups_of_a_stranger_do_not_use_up_the_owners_own(
    client, topic, other_topic, limits, django_capture_on_commit_callbacks
):
    limits(per_mailbox="2/h/key")
    for _ in range(3):  # someone else signs the owner up, from their own network
        sign_up(
            client,
            "owner@example.org",
            topic,
            django_capture_on_commit_callbacks,
            ip="198.51.100.9",
        )
    assert len(mail.outbox) == 2  # the inbox is not flooded from there
    # The owner's own sign-up, from their network, still brings them a link: to their choices.
    sign_up(
        client,
        "owner@example.org",
        other_topic,
        django_capture_on_commit_callbacks,
        ip="203.0.113.7",
    )
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url(mail.outbox[-1]))
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert list(subscriber.topics.all()) == [other_topic]


@pytest.mark.parametrize(
    "proxies, forwarded_for, expected",
    [
        # Behind one proxy, each client is counted by the address the proxy saw.
        (
            1,
            ["203.0.113.1", "203.0.113.2", "203.0.113.1", "203.0.113.2", "203.0.113.1"],
            [302, 302, 302, 302, 429],
        ),
        # Whatever a client prepends is ignored: the proxy appends what it saw, last.
        (1, ["1.1.1.1, 203.0.113.1", "2.2.2.2, 203.0.113.1", "203.0.113.1"], [302, 302, 429]),
        # With no trusted proxy, a client's own X-Forwarded-For changes nothing.
        (0, ["203.0.113.1", "203.0.113.2", "203.0.113.3"], [302, 302, 429]),
    ],
)
def test_sign_ups_are_limited_per_client_address_behind_the_proxies_trusted(
    client,
    topic,
    settings,
    limits,
    proxies,
    forwarded_for,
    expected,
    django_capture_on_commit_callbacks,
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    limits(per_ip="2/h/ip")
    codes = []
    for n, header in enumerate(forwarded_for):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                SUBSCRIBE,
                {"email": f"p{n}@example.org", "topics": [topic.key], "frequency": "weekly"},
                REMOTE_ADDR="10.0.0.2",  # the proxy
                HTTP_X_FORWARDED_FOR=header,
            )
        codes.append(response.status_code)
    assert codes == expected


def test_an_ipv6_client_is_limited_by_its_64_network(
    client, topic, limits, django_capture_on_commit_callbacks
):
    limits(per_ip="2/h/ip")
    addresses = ["2001:db8:1:1::1", "2001:db8:1:1::2", "2001:db8:1:1:ffff::3", "2001:db8:1:2::1"]
    codes = [
        sign_up(
            client, f"p{n}@example.org", topic, django_capture_on_commit_callbacks, ip=ip
        ).status_code
        for n, ip in enumerate(addresses)
    ]
    assert codes == [302, 302, 429, 302]


def test_a_sign_up_leaves_an_unsubscribed_subscriber_and_their_consent_as_they_were(
    client, topic, other_topic, django_capture_on_commit_callbacks
):
    then = timezone.now() - timedelta(days=300)
    subscriber = make_subscriber(
        "left@example.org", [topic], status=Subscriber.Status.UNSUBSCRIBED,
        confirmed_at=then, unsubscribed_at=then + timedelta(days=10), consent_at=then,
        consent_source="/roadmap/", consent_text="The words they agreed to.",
    )  # fmt: skip
    before = Subscriber.objects.filter(pk=subscriber.pk).values().get()
    sign_up(
        client,
        "left@example.org",
        other_topic,
        django_capture_on_commit_callbacks,
        frequency="weekly",
    )
    assert Subscriber.objects.filter(pk=subscriber.pk).values().get() == before
    assert list(subscriber.topics.all()) == [topic]
    # The owner still gets the link; pressing it subscribes them again, with the new consent.
    assert [m.to for m in mail.outbox] == [["left@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url(mail.outbox[0]))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.unsubscribed_at is None
    assert subscriber.confirmed_at > then
    assert subscriber.consent_at > then
    assert subscriber.consent_source == SUBSCRIBE
    assert subscriber.consent_text == services.CONSENT_TEXT
    assert subscriber.frequency == "weekly"
    assert list(subscriber.topics.all()) == [other_topic]


def test_a_used_confirmation_link_shows_neither_the_manage_page_nor_its_link(
    client, topic, django_capture_on_commit_callbacks
):
    sign_up(client, "new@example.org", topic, django_capture_on_commit_callbacks)
    sign_up(client, "new@example.org", topic, django_capture_on_commit_callbacks)
    older, newer = confirm_url(mail.outbox[0]), confirm_url(mail.outbox[1])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(newer).status_code == 302
    token = Subscriber.objects.get().token
    for url in [newer, older]:
        for response in [client.get(url), client.post(url)]:
            assert response.status_code == 400
            assert token.encode() not in response.content
            assert not response.has_header("Location")


def test_unsubscribing_from_everything_replaces_the_token(client, confirmed_subscriber):
    old_manage = confirmed_subscriber.get_absolute_url()
    old_unsubscribe = reverse("subscriptions:unsubscribe", args=[confirmed_subscriber.token])
    response = client.post(old_unsubscribe)
    confirmed_subscriber.refresh_from_db()
    assert confirmed_subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert confirmed_subscriber.token.encode() not in response.content
    assert client.get(old_manage).status_code == 404
    assert client.get(old_unsubscribe).status_code == 404
    assert client.get(confirmed_subscriber.get_absolute_url()).status_code == 200


def test_a_new_link_is_emailed_and_the_old_ones_stop_working(
    client, confirmed_subscriber, django_capture_on_commit_callbacks
):
    old_manage = confirmed_subscriber.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("subscriptions:new-link", args=[confirmed_subscriber.token]))
    confirmed_subscriber.refresh_from_db()
    assert response.status_code == 200
    assert confirmed_subscriber.token.encode() not in response.content  # only the inbox has it
    assert client.get(old_manage).status_code == 404
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert confirmed_subscriber.manage_url in message.body
    assert client.get(confirmed_subscriber.get_absolute_url()).status_code == 200


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
