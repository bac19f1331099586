"""What an update may link to: a page of this site or an https: address, nothing a reader's
browser or mail client would run (`javascript:`, `data:`) or take to another site unencrypted."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

https_url = URLValidator(schemes=["https"])
# A browser reads a backslash as a slash and drops tabs and newlines, so "/\evil.example" and
# "/<tab>/evil.example" are "//evil.example": another host. No site path needs either, or a space.
NOT_IN_A_PATH = re.compile(r"[\s\\\x00-\x1f\x7f]")


def is_site_path(value: str) -> bool:
    """`/roadmap/`: a path on this site; `//host/...` would be another site."""
    return value.startswith("/") and not value.startswith("//") and not NOT_IN_A_PATH.search(value)


def is_https_url(value: str) -> bool:
    try:
        https_url(value)
    except ValidationError:
        return False
    return True


def validate_link(value: str) -> None:
    if not (is_site_path(value) or is_https_url(value)):
        raise ValidationError(
            _(
                "Enter a page of this site, starting with a single “/” (for example /roadmap/), "
                "or an address starting with https://."
            ),
            code="invalid_link",
        )
