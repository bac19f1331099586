"""Email backends that fail like SMTP servers do, for the unit tests."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Refuses listed recipients: `failures[address] = [(code, text), ...]`, one per attempt
    (an answer to RCPT TO), or an SMTP error to raise instead of a pair, e.g.
    `smtplib.SMTPDataError(451, b"4.7.1 slow down")` (an answer to the message), or a
    function to call while that message is being sent (which then goes)."""

    failures: dict = {}
    opened = 0

    def open(self):
        FlakyBackend.opened += 1
        return super().open()

    def send_messages(self, messages):
        for message in messages:
            queue = self.failures.get(message.to[0])
            if queue:
                failure = queue.pop(0)
                if isinstance(failure, Exception):
                    raise failure
                if callable(failure):
                    failure()
                    continue
                code, text = failure
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (code, text.encode())})
        return super().send_messages(messages)
