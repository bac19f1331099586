"""An image is what a web page can show, by its content: decoded by Pillow, in a format
browsers show (never SVG, which can carry scripts), named for what it is, and not too large.
Uploaded files are served with their type and never as a page."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from core import views
from media.models import Image

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><title>Photo</title><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_file(name, format, size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, format)
    return SimpleUploadedFile(name, buffer.getvalue())


def add_image(client, file):
    return client.post(reverse("admin:media_image_add"), {"file": file, "alt_en": "A kiln"})


def file_errors(response):
    return response.context["adminform"].form.errors.get("file", [])


def test_an_editor_adds_a_real_png(editor_client):
    response = add_image(editor_client, image_file("kiln.png", "PNG"))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name.endswith(".png") and (image.width, image.height) == (40, 30)


@pytest.mark.parametrize(
    "file, message",
    [
        (SimpleUploadedFile("photo.jpg", HTML), "Upload a valid image"),  # Django's own check
        (image_file("photo.jpg", "TIFF"), "not an image the site can show"),
        (image_file("photo.jpg", "BMP"), "not an image the site can show"),
        (image_file("photo.jpg", "PNG"), "PNG image: its file name must end in .png"),
        (SimpleUploadedFile("logo.svg", SVG), "Upload a valid image"),
    ],
    ids=["html", "tiff", "bmp", "png-named-jpg", "svg"],
)
def test_an_editor_cannot_add_what_is_not_a_web_image(editor_client, file, message):
    response = add_image(editor_client, file)
    assert response.status_code == 200
    assert any(message in error for error in file_errors(response))
    assert not Image.objects.exists()


def test_an_editor_cannot_replace_an_image_with_a_web_page(editor_client, settings):
    image = Image.objects.create(file=image_file("kiln.png", "PNG"), alt="A kiln")
    stored = image.file.name
    response = editor_client.post(
        reverse("admin:media_image_change", args=[image.pk]),
        {"file": image_file("kiln.jpg", "TIFF"), "alt_en": "Another kiln"},
    )
    assert response.status_code == 200 and file_errors(response)
    image.refresh_from_db()
    assert image.file.name == stored and image.alt == "A kiln"


def test_an_image_larger_than_the_limit_is_refused(editor_client, settings):
    file = image_file("kiln.png", "PNG")
    settings.MAX_IMAGE_UPLOAD_SIZE = file.size - 1
    response = add_image(editor_client, file)
    assert response.status_code == 200
    assert any("the largest allowed is" in error for error in file_errors(response))
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "file",
    [SimpleUploadedFile("photo.jpg", HTML), SimpleUploadedFile("photo.jpg", SVG)],
    ids=["html", "svg"],
)
def test_full_clean_refuses_a_non_image_named_photo_jpg(file):
    with pytest.raises(ValidationError) as error:
        Image(file=file, alt="A kiln").full_clean()
    assert error.value.error_dict["file"][0].code == "not_a_web_image"


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_full_clean_accepts_the_web_formats(format):
    extension = {"JPEG": "jpg"}.get(format, format.lower())
    Image(file=image_file(f"photo.{extension}", format), alt="A kiln").full_clean()


# Serving: in development the portal serves MEDIA_ROOT itself (production: the proxy, README).


def serve(rf, settings, name, content):
    (settings.MEDIA_ROOT / name).write_bytes(content)
    return views.media(rf.get(f"/media/{name}"), name)


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("kiln.png", "image/png"),
        ("kiln.jpg", "image/jpeg"),
        ("kiln-640w.webp", "image/webp"),
        ("report.pdf", "application/pdf"),
    ],
)
def test_images_and_pdfs_are_served_inline_with_their_type(rf, settings, name, content_type):
    response = serve(rf, settings, name, b"bytes")
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")  # shown, not downloaded


@pytest.mark.parametrize("name", ["report.html", "logo.svg", "page.htm", "script.js", "notes"])
def test_anything_else_is_a_download_never_a_page(rf, settings, name):
    response = serve(rf, settings, name, HTML)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"
