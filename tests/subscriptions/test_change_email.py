"""A subscriber's change of address (issue 16, item 6): asked for on the manage page, confirmed
from the new mailbox, told to the old one; nothing else about the subscriber changes."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from subscriptions.models import Delivery, Subscriber, Update

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
LINK = re.compile(r"https://portal\.example\.org(/(?:es/)?updates/change-address/[^/\s]+/)")


@pytest.fixture
def subscriber(topic, other_topic):
    subscriber = make_subscriber(
        "old@example.org",
        [topic, other_topic],
        frequency=Subscriber.Frequency.WEEKLY,
        consent_at=timezone.now(),
        consent_source="/updates/subscribe/",
        consent_text="Yes, email me.",
        confirmed_at=timezone.now(),
    )
    sent = Update.objects.create(subject="Earlier news", status=Update.Status.SENT)
    Delivery.objects.create(update=sent, subscriber=subscriber, status=Delivery.Status.SENT)
    return subscriber


def ask(client, subscriber, email, capture):
    with capture(execute=True):
        return client.post(f"/updates/manage/{subscriber.token}/change-address/", {"email": email})


def link_in(message) -> str:
    return LINK.search(message.body)[1]


def test_the_address_changes_only_once_the_new_mailbox_confirms_and_nothing_else_changes(
    client, subscriber, topic, other_topic, django_capture_on_commit_callbacks
):
    old_token = subscriber.token
    manage = client.get(f"/updates/manage/{old_token}/")
    assert f"/updates/manage/{old_token}/change-address/".encode() in manage.content
    assert client.get(f"/updates/manage/{old_token}/change-address/").status_code == 200

    answer = ask(client, subscriber, " New@Example.org ", django_capture_on_commit_callbacks)
    assert answer.status_code == 200
    assert b"new@example.org" in answer.content
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    message = mail.outbox[0]
    # Sent to a mailbox that is not on the list: no way into the subscription from it.
    assert "List-Unsubscribe" not in message.extra_headers
    assert old_token not in message.body + message.alternatives[0][0]
    assert "old@example.org" in message.body
    subscriber.refresh_from_db()
    assert subscriber.email == "old@example.org" and subscriber.token == old_token

    link = link_in(message)
    page = client.get(link)  # a mail scanner's GET changes nothing
    assert page.status_code == 200 and b"Confirm my new address" in page.content
    subscriber.refresh_from_db()
    assert subscriber.email == "old@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link)
    subscriber.refresh_from_db()
    assert subscriber.email == "new@example.org"
    assert subscriber.token != old_token
    assert done.status_code == 302
    assert done["Location"] == f"/updates/manage/{subscriber.token}/"
    assert b"Your email updates now go to new@example.org" in client.get(done["Location"]).content
    # Nothing lost: the same row, its choices, its consent record and its history.
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.frequency == Subscriber.Frequency.WEEKLY
    assert set(subscriber.topics.all()) == {topic, other_topic}
    assert subscriber.consent_text == "Yes, email me."
    assert subscriber.deliveries.count() == 1
    assert Subscriber.objects.count() == 1

    # The old address is told, with the way to staff, and the new one only masked.
    notice = mail.outbox[-1]
    assert notice.to == ["old@example.org"]
    assert "https://portal.example.org/contact/" in notice.body
    assert "n…@example.org" in notice.body
    assert "new@example.org" not in notice.body + notice.alternatives[0][0]
    assert subscriber.token not in notice.body + notice.alternatives[0][0]
    assert "List-Unsubscribe" not in notice.extra_headers

    # The old links, and the change link itself, no longer work.
    assert client.get(f"/updates/manage/{old_token}/").status_code == 404
    again = client.post(link)
    assert again.status_code == 400 and b"This link no longer works" in again.content
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "email, error",
    [
        ("not-an-address", "Enter a valid email address."),
        ("OLD@example.org", "This is already the address of your email updates."),
        ("", "This field is required."),
    ],
)
def test_a_bad_new_address_is_explained_and_nothing_is_sent(
    client, subscriber, email, error, django_capture_on_commit_callbacks
):
    answer = ask(client, subscriber, email, django_capture_on_commit_callbacks)
    assert answer.status_code == 400
    assert error in answer.content.decode()
    assert b"Error:" in answer.content  # in the title, for screen readers
    assert mail.outbox == []


@pytest.mark.parametrize("status", [Subscriber.Status.CONFIRMED, Subscriber.Status.UNSUBSCRIBED])
def test_an_address_with_updates_of_its_own_gets_the_same_answer_and_an_email_not_a_link(
    client, subscriber, topic, status, django_capture_on_commit_callbacks
):
    make_subscriber("taken@example.org", [topic], status=status)
    free = ask(client, subscriber, "free@example.org", django_capture_on_commit_callbacks)
    taken = ask(client, subscriber, "taken@example.org", django_capture_on_commit_callbacks)
    # The page tells no more than the sign-up form does: the same answer, bar the address.
    assert free.status_code == taken.status_code == 200
    assert CSRF.sub(b"", free.content).replace(b"free@", b"X@") == CSRF.sub(
        b"", taken.content
    ).replace(b"taken@", b"X@")
    note = mail.outbox[-1]
    assert note.to == ["taken@example.org"]
    assert "already has email updates of its own" in note.body
    assert LINK.search(note.body) is None
    assert "old@example.org" not in note.body + note.alternatives[0][0]
    subscriber.refresh_from_db()
    assert subscriber.email == "old@example.org"


def test_an_address_taken_after_the_link_was_sent_is_not_taken_over(
    client, subscriber, topic, django_capture_on_commit_callbacks
):
    ask(client, subscriber, "new@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    make_subscriber("new@example.org", [topic])  # signed up and confirmed meanwhile
    answer = client.post(link)
    assert answer.status_code == 400
    assert b"already has email updates of its own" in answer.content
    subscriber.refresh_from_db()
    assert subscriber.email == "old@example.org"
    assert Subscriber.objects.get(email="new@example.org").status == Subscriber.Status.CONFIRMED


def test_a_sign_up_never_confirmed_at_the_new_address_gives_way(
    client, subscriber, topic, django_capture_on_commit_callbacks
):
    make_subscriber("new@example.org", [topic], status=Subscriber.Status.PENDING)
    ask(client, subscriber, "new@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link).status_code == 302
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]
    assert Subscriber.objects.get().pk == subscriber.pk


def test_an_expired_or_forged_link_is_refused(
    client, subscriber, settings, django_capture_on_commit_callbacks
):
    ask(client, subscriber, "new@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    assert client.post(link[:-3] + "xx/").status_code == 400
    settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE = -1
    expired = client.post(link)
    assert expired.status_code == 400 and b"expires after a week" in expired.content
    subscriber.refresh_from_db()
    assert subscriber.email == "old@example.org"


def test_a_second_link_stops_working_once_the_first_is_used(
    client, subscriber, django_capture_on_commit_callbacks
):
    ask(client, subscriber, "one@example.org", django_capture_on_commit_callbacks)
    ask(client, subscriber, "two@example.org", django_capture_on_commit_callbacks)
    first, second = (link_in(m) for m in mail.outbox)
    assert client.post(second).status_code == 302
    assert client.post(first).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.email == "two@example.org"


@pytest.mark.parametrize("status", [Subscriber.Status.PENDING, Subscriber.Status.UNSUBSCRIBED])
def test_only_a_confirmed_subscriber_can_change_address(client, topic, status):
    subscriber = make_subscriber("old@example.org", [topic], status=status)
    assert b"change-address" not in client.get(f"/updates/manage/{subscriber.token}/").content
    response = client.post(
        f"/updates/manage/{subscriber.token}/change-address/", {"email": "new@example.org"}
    )
    assert response.status_code == 404


def test_the_emails_and_their_links_are_in_the_subscribers_language(
    client, subscriber, django_capture_on_commit_callbacks
):
    Subscriber.objects.filter(pk=subscriber.pk).update(language="es")
    ask(client, subscriber, "new@example.org", django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "es"
    assert link_in(message).startswith("/es/updates/change-address/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(message))
    notice = mail.outbox[-1]
    assert notice.extra_headers["Content-Language"] == "es"
    assert "https://portal.example.org/es/contact/" in notice.body


def test_asking_is_rate_limited_as_a_sign_up_is(
    client, subscriber, settings, django_capture_on_commit_callbacks
):
    for _ in range(5):
        ask(client, subscriber, "new@example.org", django_capture_on_commit_callbacks)
    # SUBSCRIPTIONS_RATE_PER_ADDRESS (3) emails an hour to one mailbox from one client.
    assert len(mail.outbox) == 3
