"""Everything that writes subscriptions data, one module per flow:

- drafts: topics and draft updates, the only functions content apps call (with the
  `{% follow_form %}` template tag);
- signup: sign-up, confirmation, preferences, a new manage link, unsubscribing, a subscriber's
  data; address: a subscriber's change of address; tokens: the signed codes of both;
- sending: the audience, fan-out, batches, deliveries, finishing a send, retrying failures,
  test sends; digest: weekly digests;
- suppression: the suppression list, which decides whether we may email an address (every
  sending path asks it); bounces: the email provider's bounce and complaint events
  (django-anymail's tracking webhooks), which suppress addresses;
- retention: list care (purging, erasing, anonymising old deliveries), daily; removals: the
  record of subscribers leaving, by reason, for the admin's report.

The rest of the project calls them through this package (`services.subscribe(...)`). They
queue their follow-up work on Celery's tasks (see worker.py); the tasks call them back.
"""

from .address import CHANGED, TAKEN, USED, change_email, request_email_change
from .bounces import record_tracking_event
from .digest import build_weekly_digest, digest_subject, send_weekly_digest
from .drafts import (
    draft_update_for,
    draft_update_in_every_language,
    email_major_change,
    ensure_topic,
    register_topic_content,
    topic_content,
)
from .retention import care_for_list, erase, erase_unsubscribed, forget_old_addresses
from .sending import (
    Audience,
    audience,
    claim_batch,
    finish_if_done,
    is_slow_down,
    progress,
    recipients,
    resume_sending,
    retry_failed,
    schedule,
    send_due_updates,
    send_next_batch,
    send_now,
    send_test,
    send_update,
    smtp_code,
)
from .signup import (
    CONSENT_TEXT,
    confirm,
    delete_data,
    export_data,
    mailbox,
    normalise_email,
    purge_unconfirmed,
    send_new_link,
    subscribe,
    unsubscribe,
    update_preferences,
)
from .suppression import (
    email_hash,
    end_subscriptions,
    lift_erased,
    lift_suppression,
    may_send,
    refused_for_good,
    sendable,
    suppress,
    suppress_refused,
    suppressed_among,
)
from .tokens import (
    change_email_code,
    confirmation_code,
    email_change_for_code,
    sign_up_for_code,
    sign_up_of,
)

__all__ = [
    "CHANGED",
    "CONSENT_TEXT",
    "TAKEN",
    "USED",
    "Audience",
    "audience",
    "build_weekly_digest",
    "care_for_list",
    "change_email",
    "change_email_code",
    "claim_batch",
    "confirm",
    "confirmation_code",
    "delete_data",
    "digest_subject",
    "draft_update_for",
    "draft_update_in_every_language",
    "email_change_for_code",
    "email_hash",
    "email_major_change",
    "end_subscriptions",
    "ensure_topic",
    "erase",
    "erase_unsubscribed",
    "export_data",
    "finish_if_done",
    "forget_old_addresses",
    "is_slow_down",
    "lift_erased",
    "lift_suppression",
    "mailbox",
    "may_send",
    "normalise_email",
    "progress",
    "purge_unconfirmed",
    "recipients",
    "record_tracking_event",
    "refused_for_good",
    "register_topic_content",
    "request_email_change",
    "resume_sending",
    "retry_failed",
    "schedule",
    "send_due_updates",
    "send_new_link",
    "send_next_batch",
    "send_now",
    "send_test",
    "send_update",
    "send_weekly_digest",
    "sendable",
    "sign_up_for_code",
    "sign_up_of",
    "smtp_code",
    "subscribe",
    "suppress",
    "suppress_refused",
    "suppressed_among",
    "topic_content",
    "unsubscribe",
    "update_preferences",
]
