"""Email backends that fail like SMTP servers do, for the unit tests."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Refuses listed recipients: `failures[address] = [(code, text), ...]`, one per attempt."""

    failures: dict = {}
    opened = 0

    def open(self):
        FlakyBackend.opened += 1
        return super().open()

    def send_messages(self, messages):
        for message in messages:
            queue = self.failures.get(message.to[0])
            if queue:
                code, text = queue.pop(0)
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (code, text.encode())})
        return super().send_messages(messages)
