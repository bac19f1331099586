"""No secret from a link reaches a log.

Subscribers' manage tokens and confirmation codes, and allauth's email and password keys, travel
in URL paths. Every log line that can show a path (Django's request, server and CSRF logs, the
console handler every other logger reaches, and gunicorn's access and error logs) goes through
`redact`, which replaces the secret segment that follows each of settings.SECRET_URL_PREFIXES
with <redacted>, wherever it appears in the line (request line, Referer, a ?next= parameter).
"""

import logging
import re
from functools import lru_cache

from django.conf import settings
from gunicorn import glogging

REDACTED = "<redacted>"


@lru_cache
def _secrets(prefixes: tuple[str, ...]) -> re.Pattern:
    # The secret is the rest of the path segment after a prefix (and, after a language
    # prefix such as /es/, just the same: the search is not anchored).
    return re.compile(rf"(?P<prefix>{'|'.join(prefixes)})[^/?#\s\"']+")


def redact(text: str) -> str:
    """`text` with the secret part of every secret-carrying link in it shown as <redacted>."""
    return _secrets(tuple(settings.SECRET_URL_PREFIXES)).sub(rf"\g<prefix>{REDACTED}", text)


class RedactSecrets(logging.Filter):
    """A logging filter that redacts the formatted message of each record it sees."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: leave it to the handler to report
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


_redact_secrets = RedactSecrets()


class GunicornLogger(glogging.Logger):
    """gunicorn's logger (gunicorn.conf.py `logger_class`), with the access log's request line,
    path and Referer, and the error log's messages, redacted like Django's logs."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            log.addFilter(_redact_secrets)  # once: addFilter ignores a filter already there
