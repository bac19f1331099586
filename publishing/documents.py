"""A published document (a report, a meeting's agenda): a PDF that goes public only with a
web version of its text, or once its accessibility has been reviewed.

A PDF alone shuts out many readers. Each content app's documents build on `AccessibleDocument`
(assessment's reports, the exchange's meeting materials), so the rule is written once; the
template `publishing/_document.html` shows any of them the same way.
"""

import posixpath

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import MaxSizeValidator, PDFValidator

from .fields import SanitizedHTMLField
from .models import Publishable
from .sanitize import html_to_text


def document_path(instance, filename: str) -> str:
    """Each kind of document in its own folder under MEDIA_ROOT: reports/, events/..."""
    return posixpath.join(instance.upload_folder, filename)


class AccessibleDocument(Publishable):
    upload_folder = "documents"

    document = models.FileField(
        upload_to=document_path,
        blank=True,
        validators=[PDFValidator(), MaxSizeValidator("MAX_PDF_UPLOAD_SIZE")],
    )
    html_version = SanitizedHTMLField(
        _("HTML version"), blank=True, help_text=_("The document's text as a web page.")
    )
    accessibility_reviewed = models.BooleanField(
        default=False,
        help_text=_("The PDF has been checked: tagged, reading order, alt text, contrast."),
    )
    url = models.URLField(blank=True, help_text=_("Where the document is published, if elsewhere."))

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        going_public = self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
        if going_public and self.document and not self.has_accessible_version:
            raise ValidationError(
                _(
                    "A document with a PDF can be published only with an HTML version or once "
                    "the PDF's accessibility has been reviewed."
                )
            )

    @property
    def has_accessible_version(self) -> bool:
        return self.accessibility_reviewed or bool(html_to_text(self.html_version))
