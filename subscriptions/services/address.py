"""A subscriber's change of address: asked for on the manage page, confirmed from the new
mailbox, told to the old one.

Nothing changes until the new mailbox's owner presses the link sent there, so nobody can move
someone's updates to an address that is not theirs, nor sign a stranger's address up this
way. The move keeps everything else (topics, frequency, language, consent record, what was
sent): the subscriber's row is the same, with another address and a new token, so the links
in the emails the old mailbox holds stop working. The old address is then told, with how to
reach staff if it was not them."""

from django.db import IntegrityError, transaction

from .. import outbox
from ..models import Subscriber, new_token
from . import suppression, worker
from .signup import normalise_email

CHANGED, TAKEN, USED = "changed", "taken", "used"


def _taken(email: str, *, subscriber: Subscriber) -> bool:
    """Whether `email` has email updates of its own (now or before). A sign-up never confirmed
    does not count: the mailbox's owner, by confirming the move, has shown which they want."""
    others = Subscriber.objects.filter(email=email).exclude(pk=subscriber.pk)
    return others.exclude(status=Subscriber.Status.PENDING).exists()


def request_email_change(*, subscriber: Subscriber, new_email: str) -> None:
    """Email `new_email` the link that moves `subscriber`'s updates there. As with a sign-up,
    the caller's answer never depends on what is found: an address with updates of its own
    is told so by email, and gets no link."""
    tasks = worker.tasks()

    new_email = normalise_email(new_email)
    if _taken(new_email, subscriber=subscriber):
        outbox.email_after_commit(tasks.send_email_taken, subscriber, new_email)
    else:
        outbox.email_after_commit(tasks.send_email_change_link, subscriber, new_email)


def change_email(*, subscriber: Subscriber, new_email: str) -> str:
    """Move `subscriber` (as their change-of-address link names them) to `new_email`.

    CHANGED, and the old address is told; TAKEN if the address has updates of its own by now;
    USED if the subscriber's address is no longer the one the link was made for."""
    tasks = worker.tasks()

    new_email = normalise_email(new_email)
    with transaction.atomic():
        current = (
            Subscriber.objects.select_for_update()
            .filter(pk=subscriber.pk, email=subscriber.email)
            .first()
        )
        if current is None:
            return USED
        if _taken(new_email, subscriber=current):
            return TAKEN
        # A pending sign-up of that address would hold it (unique): it is superseded.
        Subscriber.objects.filter(email=new_email, status=Subscriber.Status.PENDING).exclude(
            pk=current.pk
        ).delete()
        old_email = current.email
        current.email, current.token = new_email, new_token()
        try:
            with transaction.atomic():
                current.save(update_fields=["email", "token", "updated_at"])
        except IntegrityError:  # the address signed up concurrently: theirs now
            return TAKEN
        # The new mailbox's owner confirmed, as a sign-up does: an erasure of it is lifted.
        suppression.lift_erased(new_email, why="Confirmed as a subscriber's new address.")
        outbox.email_after_commit(tasks.send_email_changed, current, old_email)
    subscriber.email, subscriber.token = current.email, current.token
    return CHANGED
