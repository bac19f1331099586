"""What an uploaded file is, read from its content rather than from its name or the browser's word.

The validators go on model file fields, so they run in every admin form and in `full_clean()`.
They check a file as it arrives; a file already in storage was checked when it came in, and
reading every stored file back on each save would cost a storage round trip for nothing.

A file is served inline only with one of the types below, the ones these validators let in
(`served_safely`); anything else under MEDIA_ROOT goes out as a download, never as a page.
"""

import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from PIL import Image

# The only files served for the browser to show; the proxy's configuration in README.md matches.
INLINE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
# Pillow's name for each image format a web page shows, and the names its files may end in.
WEB_IMAGE_FORMATS = {
    "JPEG": [".jpg", ".jpeg"],
    "PNG": [".png"],
    "WEBP": [".webp"],
    "GIF": [".gif"],
}


def _arriving(file) -> bool:
    """A file being uploaded now (not yet saved to storage)."""
    return bool(file) and not file._committed


def _extension(file) -> str:
    return posixpath.splitext(file.name)[1].lower()


@deconstructible
class MaxSizeValidator:
    """At most `settings.<setting>` bytes, read at each check (operators and tests change it)."""

    message = _("This file is %(size)s; the largest allowed is %(limit)s.")
    code = "file_too_large"

    def __init__(self, setting: str):
        self.setting = setting

    def __call__(self, file):
        limit = getattr(settings, self.setting)
        if _arriving(file) and file.size > limit:
            size, limit = filesizeformat(file.size), filesizeformat(limit)
            raise ValidationError(self.message, self.code, {"size": size, "limit": limit})

    def __eq__(self, other):
        return isinstance(other, MaxSizeValidator) and self.setting == other.setting


@deconstructible
class PDFValidator:
    """A PDF document: its content starts with `%PDF-` and its name ends in .pdf (the name is
    what decides how the file is served, so a PDF-looking page named .html is refused too)."""

    message = _("This file is not a PDF. Upload the document as a PDF file (ending in .pdf).")
    code = "not_a_pdf"

    def __call__(self, file):
        if not _arriving(file):
            return
        file.seek(0)
        header = file.read(5)
        file.seek(0)
        if header != b"%PDF-" or _extension(file) != ".pdf":
            raise ValidationError(self.message, self.code)

    def __eq__(self, other):
        return isinstance(other, PDFValidator)


@deconstructible
class WebImageValidator:
    """An image that Pillow decodes, in one of `formats` (Pillow's names: "JPEG", "PNG", ...),
    with a name ending in an extension of that format. SVG, which can carry scripts, is not one."""

    message = _("This file is not an image the site can show. Upload a %(formats)s image.")
    code = "not_a_web_image"
    wrong_name = _("This is a %(format)s image: its file name must end in %(extension)s.")

    def __init__(self, formats=tuple(WEB_IMAGE_FORMATS)):
        self.formats = tuple(formats)

    def __call__(self, file):
        if not _arriving(file):
            return
        file.seek(0)
        try:
            with Image.open(file) as image:
                image.verify()
                format = image.format
        # Pillow raises many kinds of error for a file it cannot read (as Django's own
        # forms.ImageField also assumes); each means the same thing here.
        except Exception:
            format = None
        finally:
            file.seek(0)
        if format not in self.formats:
            formats = get_text_list(self.formats, _("or"))
            raise ValidationError(self.message, self.code, {"formats": formats})
        if _extension(file) not in WEB_IMAGE_FORMATS[format]:
            extension = WEB_IMAGE_FORMATS[format][0]
            raise ValidationError(
                self.wrong_name, "wrong_extension", {"format": format, "extension": extension}
            )

    def __eq__(self, other):
        return isinstance(other, WebImageValidator) and self.formats == other.formats


def served_safely(response, name: str):
    """Headers for an uploaded file named `name`: its type from the allow-list and shown by
    the browser, or a download that is never sniffed, rendered or run as a page or a script."""
    content_type = INLINE_TYPES.get(posixpath.splitext(name)[1].lower())
    response["Content-Type"] = content_type or "application/octet-stream"
    if content_type is None:
        filename = posixpath.basename(name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
