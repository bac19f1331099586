"""Real-shaped tracking webhook posts of email providers, as django-anymail receives them at
/anymail/<provider>/tracking/. Shapes from the providers' documentation (and anymail's own
tests): Amazon SES through an SNS notification, SendGrid's event webhook, Postmark's bounce,
spam complaint, subscription change and delivery webhooks, Mailgun's signed JSON webhook."""

import hashlib
import hmac
import json
from base64 import b64encode
from datetime import UTC, datetime

SECRET = "anymail:hook-secret-1"
MAILGUN_KEY = "mailgun-webhook-signing-key"


def auth(credentials: str = SECRET) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + b64encode(credentials.encode()).decode()}


class Post:
    """One webhook post: the provider's URL name, its body and headers."""

    def __init__(self, provider: str, body, *, content_type="application/json", headers=None):
        self.provider, self.body = provider, json.dumps(body)
        self.content_type, self.headers = content_type, headers or {}

    def send(self, client, credentials: str | None = SECRET):
        extra = {**self.headers, **(auth(credentials) if credentials else {})}
        return client.post(
            f"/anymail/{self.provider}/tracking/",
            data=self.body,
            content_type=self.content_type,
            **extra,
        )


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- Amazon SES (an SNS notification carrying the SES notification) -------------------------


def ses(email: str, kind: str, *, when: datetime, id: str = "1", message_id: str = "") -> Post:
    mail = {
        "timestamp": _iso(when),
        "source": "updates@portal.example.org",
        "messageId": f"0100018e-ses-{id}-000000",
        "destination": [email],
        "commonHeaders": {"messageId": message_id or f"<ses-{id}@portal.example.org>"},
    }
    if kind == "bounce":
        event = {
            "notificationType": "Bounce",
            "bounce": {
                "bounceType": "Permanent",
                "bounceSubType": "General",
                "bouncedRecipients": [
                    {
                        "emailAddress": email,
                        "action": "failed",
                        "status": "5.1.1",
                        "diagnosticCode": "smtp; 550 5.1.1 user unknown",
                    }
                ],
                "timestamp": _iso(when),
                "feedbackId": f"feedback-{id}",
            },
            "mail": mail,
        }
    else:
        event = {
            "notificationType": "Complaint",
            "complaint": {
                "complainedRecipients": [{"emailAddress": email}],
                "complaintFeedbackType": "abuse",
                "userAgent": "Mail Provider Feedback Loop",
                "timestamp": _iso(when),
                "feedbackId": f"feedback-{id}",
            },
            "mail": mail,
        }
    sns = {
        "Type": "Notification",
        "MessageId": f"22b80b92-fdea-4c2c-8f9d-bdfb0c7bf3{id:0>2}",
        "TopicArn": "arn:aws:sns:us-west-2:123456789012:ses-events",
        "Message": json.dumps(event),
        "Timestamp": _iso(when),
        "SignatureVersion": "1",
    }
    headers = {
        "HTTP_X_AMZ_SNS_MESSAGE_TYPE": "Notification",
        "HTTP_X_AMZ_SNS_MESSAGE_ID": sns["MessageId"],
    }
    return Post("amazon_ses", sns, content_type="text/plain; charset=UTF-8", headers=headers)


# --- SendGrid (a list of events) ------------------------------------------------------------


def sendgrid(email: str, kind: str, *, when: datetime, id: str = "1", smtp_id: str = "") -> Post:
    event = {
        "email": email,
        "timestamp": int(when.timestamp()),
        "smtp-id": smtp_id or f"<sg-{id}@portal.example.org>",
        "sg_event_id": f"sg-event-{kind}-{id}",
        "sg_message_id": f"sg-message-{id}.filter0001.1.0",
    }
    if kind == "bounce":
        event |= {
            "event": "bounce",
            "type": "bounce",
            "status": "5.1.1",
            "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
        }
    elif kind == "deferred":
        event |= {"event": "deferred", "attempt": "1", "response": "451 4.2.0 try later"}
    else:
        event |= {"event": "spamreport"}
    return Post("sendgrid", [event])


# --- Postmark -------------------------------------------------------------------------------


def postmark(email: str, kind: str, *, when: datetime, id: int = 1, message_id: str = "") -> Post:
    common = {"MessageID": message_id or f"5b1c0f2e-0000-4000-8000-{id:012d}", "ServerID": 23}
    if kind in ("bounce", "soft_bounce"):
        hard = kind == "bounce"
        body = common | {
            "RecordType": "Bounce",
            "ID": id,
            "Type": "HardBounce" if hard else "SoftBounce",
            "TypeCode": 1 if hard else 4096,
            "Name": "Hard bounce" if hard else "Soft bounce/Undeliverable",
            "Description": "The server was unable to deliver your message.",
            "Details": "smtp;550 5.1.1 no such user" if hard else "smtp;452 4.2.2 mailbox full",
            "Email": email,
            "From": "updates@portal.example.org",
            "BouncedAt": when.isoformat(),
            "Inactive": hard,
            "CanActivate": True,
        }
    elif kind == "complaint":
        body = common | {
            "RecordType": "SpamComplaint",
            "ID": id,
            "Type": "SpamComplaint",
            "TypeCode": 512,
            "Name": "Spam complaint",
            "Details": "",
            "Email": email,
            "BouncedAt": when.isoformat(),
            "Inactive": True,
        }
    elif kind == "unsubscribe":  # no ID: told apart by its message, type and time
        body = common | {
            "RecordType": "SubscriptionChange",
            "MessageStream": "outbound",
            "ChangedAt": when.isoformat(),
            "Recipient": email,
            "Origin": "Recipient",
            "SuppressSending": True,
            "SuppressionReason": "ManualSuppression",
        }
    else:  # delivered
        body = common | {
            "RecordType": "Delivery",
            "Recipient": email,
            "DeliveredAt": when.isoformat(),
            "Details": "smtp;250 2.0.0 OK",
        }
    return Post("postmark", body)


# --- Mailgun (signed with the webhook signing key) ------------------------------------------


def mailgun(email: str, kind: str, *, when: datetime, id: str = "1", key=MAILGUN_KEY) -> Post:
    data = {
        "timestamp": when.timestamp(),
        "id": f"mailgun-{id}",
        "recipient": email,
        "message": {"headers": {"message-id": f"mailgun-{id}@portal.example.org", "to": email}},
    }
    if kind == "bounce":
        data |= {
            "event": "failed",
            "severity": "permanent",
            "reason": "bounce",
            "log-level": "error",
            "delivery-status": {"code": 550, "message": "5.1.1 no such user", "description": ""},
        }
    else:
        data |= {"event": "complained", "log-level": "warn"}
    token = hashlib.sha256(f"{kind}{id}".encode()).hexdigest()
    timestamp = str(int(when.timestamp()))
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256)
    body = {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature.hexdigest()},
        "event-data": data,
    }
    return Post("mailgun", body)


PROVIDERS = {"amazon_ses": ses, "sendgrid": sendgrid, "postmark": postmark, "mailgun": mailgun}
