from django.conf import settings
from django.views import static

from . import uploads


def media(request, path):
    """An uploaded file, in development: never shown as a page, whatever its name says."""
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    return uploads.served_safely(response, path)
