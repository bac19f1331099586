"""The domain every email says it comes from.

Django names each message's Message-ID after the machine sending it (`socket.getfqdn()`: a
container's id, or "localhost"), which receiving servers read as a spam signal. Every message
the portal sends, staff notices and sign-in emails included, is named after the sending domain
instead: DEFAULT_FROM_EMAIL's, the one SPF, DKIM and DMARC are set up for (README, "Sender
authentication").
"""

import functools
from email.utils import parseaddr

from django.conf import settings
from django.core.mail.utils import DNS_NAME


def sending_domain() -> str:
    return _domain_of(settings.DEFAULT_FROM_EMAIL)


@functools.lru_cache(maxsize=8)
def _domain_of(from_email: str) -> str:
    # Parsed once per value: a batch of updates names every message and header after it.
    return parseaddr(from_email)[1].rpartition("@")[2].lower() or "localhost"


def name_message_ids_after_the_sending_domain(**kwargs) -> None:
    """Django has no setting for it: its cached host name (DNS_NAME) is what make_msgid uses
    for every message that does not set its own Message-ID. Called at start-up, and again
    when DEFAULT_FROM_EMAIL changes (in tests)."""
    if kwargs.get("setting", "DEFAULT_FROM_EMAIL") == "DEFAULT_FROM_EMAIL":
        DNS_NAME._fqdn = sending_domain()
