from email.utils import parseaddr

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from subscriptions import emails
from subscriptions.models import Subscriber

# Domains no mailbox provider will ever accept mail from as authenticated.
UNROUTABLE = ("localhost", ".localhost", ".local", ".invalid", ".test", ".example", "example.org",
              "example.com", "example.net")  # fmt: skip


class Command(BaseCommand):
    help = (
        "Report who the emails are sent as and through: the sender and its domain (the one "
        "SPF, DKIM and DMARC must be set up for, and every Message-ID's), the provider, and "
        "the one-click unsubscribe headers. Warns of what mailbox providers would refuse."
    )

    def handle(self, *args, **options):
        domain = emails.sending_domain()
        # The headers every message to a subscriber carries, as a message would.
        headers = emails.unsubscribe_headers(Subscriber(token="TOKEN"))
        lines = [
            ("Sender", settings.DEFAULT_FROM_EMAIL),
            ("Sending domain", domain),
            ("Message-ID", f"<…@{domain}>"),
            ("Provider", emails.provider()),
            ("EMAIL_BACKEND", settings.EMAIL_BACKEND),
            *((name, headers[name]) for name in ("List-Unsubscribe", "List-Unsubscribe-Post")),
            ("SPF", f"TXT record on {domain} naming the provider's servers"),
            ("DKIM", f"the provider's public key(s) under <selector>._domainkey.{domain}"),
            ("DMARC", f"TXT record on _dmarc.{domain}, e.g. v=DMARC1; p=none; rua=mailto:…"),
        ]
        width = max(len(name) for name, _ in lines)
        for name, value in lines:
            self.stdout.write(f"{name.ljust(width)}  {value}")
        for warning in self.warnings(domain):
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))

    def warnings(self, domain: str) -> list[str]:
        found = []
        if not parseaddr(settings.DEFAULT_FROM_EMAIL)[1]:
            found.append("DEFAULT_FROM_EMAIL has no address.")
        if domain == "localhost" or domain.endswith(UNROUTABLE) or "." not in domain:
            found.append(
                f"the sending domain {domain!r} cannot be authenticated: set DEFAULT_FROM_EMAIL "
                "to an address on the City's domain."
            )
        try:
            import_string(settings.EMAIL_BACKEND)
        except Exception as error:  # a missing extra, e.g. boto3 for Amazon SES
            found.append(f"EMAIL_BACKEND cannot be loaded: {type(error).__name__}: {error}")
        if settings.EMAIL_BACKEND.startswith("django.core.mail.backends.") and not (
            settings.EMAIL_BACKEND.endswith(".smtp.EmailBackend")
        ):
            found.append("the email backend sends nothing (files, console or memory).")
        return found
