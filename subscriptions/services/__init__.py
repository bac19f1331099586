"""Everything that writes subscriptions data, one module per flow:

- drafts: topics and draft updates, the only functions content apps call (with the
  `{% follow_form %}` template tag);
- signup: sign-up, confirmation, preferences, a new manage link, unsubscribing, a subscriber's
  data; tokens: the signed confirmation codes;
- sending: fan-out, batches, deliveries, finishing a send, test sends; digest: weekly digests.

The rest of the project calls them through this package (`services.subscribe(...)`). They
queue their follow-up work on Celery's tasks (see worker.py); the tasks call them back.
"""

from .digest import build_weekly_digest, digest_subject, send_weekly_digest
from .drafts import (
    draft_update_for,
    draft_update_in_every_language,
    email_major_change,
    ensure_topic,
    may_send,
    register_topic_content,
    topic_content,
)
from .sending import (
    claim_batch,
    finish_if_done,
    progress,
    recipients,
    resume_sending,
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
from .tokens import confirmation_code, sign_up_for_code, sign_up_of

__all__ = [
    "CONSENT_TEXT",
    "build_weekly_digest",
    "claim_batch",
    "confirm",
    "confirmation_code",
    "delete_data",
    "digest_subject",
    "draft_update_for",
    "draft_update_in_every_language",
    "email_major_change",
    "ensure_topic",
    "export_data",
    "finish_if_done",
    "mailbox",
    "may_send",
    "normalise_email",
    "progress",
    "purge_unconfirmed",
    "recipients",
    "register_topic_content",
    "resume_sending",
    "schedule",
    "send_due_updates",
    "send_new_link",
    "send_next_batch",
    "send_now",
    "send_test",
    "send_update",
    "send_weekly_digest",
    "sign_up_for_code",
    "sign_up_of",
    "smtp_code",
    "subscribe",
    "topic_content",
    "unsubscribe",
    "update_preferences",
]
