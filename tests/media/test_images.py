"""Images need alt text or an explicit "decorative"; they are served as WebP in a srcset.
A report's PDF needs an HTML version or an accessibility review before it is published."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage

from assessment.models import Report
from media.models import Image
from publishing import services as publishing
from publishing.models import Publishable
from tests.assessment.factories import ReportFactory
from tests.exchange.factories import TripFactory

pytestmark = pytest.mark.django_db
Status = Publishable.Status


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg(width=1500, height=1000, name="photo.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_an_image_needs_alt_text_or_the_decorative_flag():
    with pytest.raises(ValidationError) as error:
        Image(file=jpeg(), alt="  ").full_clean()
    assert "alt_en" in error.value.message_dict  # English: what every page falls back to
    with pytest.raises(ValidationError):
        Image(file=jpeg(), alt="Harbour", decorative=True).full_clean()
    Image(file=jpeg(), alt="Delegates at the Kalundborg harbour").full_clean()
    Image(file=jpeg(), decorative=True).full_clean()


def test_the_database_refuses_an_image_without_alt_text():
    with pytest.raises(IntegrityError):
        Image.objects.create(file=jpeg(), alt="")


def test_the_admin_refuses_an_image_without_alt_text(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:media_image_add")
    response = client.post(url, {"file": jpeg(), "alt_en": ""})
    assert response.status_code == 200 and not Image.objects.exists()
    assert "Describe the image" in response.content.decode()
    response = client.post(url, {"file": jpeg(), "alt_en": "", "decorative": "on"})
    assert response.status_code == 302 and Image.objects.get().decorative


def test_renditions_are_webp_in_several_widths_and_cached():
    image = Image.objects.create(file=jpeg(1500, 1000), alt="A kiln")
    html = Template("{% load images %}{% responsive_image image %}").render(
        Context({"image": image})
    )
    for width in (320, 640, 960, 1280, 1500):
        assert f"-{width}w.webp {width}w" in html
    assert 'sizes="' in html and 'alt="A kiln"' in html and 'width="1500"' in html
    assert "1920w" not in html  # never wider than the original
    from django.core.files.storage import default_storage

    name = f"renditions/{image.pk}/photo-640w.webp"
    with default_storage.open(name) as f, PILImage.open(f) as rendition:
        assert rendition.format == "WEBP" and rendition.size == (640, 427)


def test_a_decorative_image_has_empty_alt():
    image = Image.objects.create(file=jpeg(400, 300), decorative=True)
    html = Template("{% load images %}{% responsive_image image %}").render(
        Context({"image": image})
    )
    assert 'alt=""' in html


def test_a_trip_shows_its_lead_image_within_the_query_budget(client, django_assert_max_num_queries):
    trip = TripFactory(image=Image.objects.create(file=jpeg(800, 600), alt="Delegates"))
    with django_assert_max_num_queries(10):
        html = client.get(trip.get_absolute_url()).content.decode()
    assert 'alt="Delegates"' in html and "srcset=" in html


def pdf():
    return SimpleUploadedFile("report.pdf", b"%PDF-1.4 fake", content_type="application/pdf")


def test_a_report_pdf_cannot_be_published_without_an_accessible_version():
    report = ReportFactory(status=Status.DRAFT, document=pdf())
    with pytest.raises(ValidationError, match="HTML version"):
        publishing.publish(report)
    assert Report.objects.get(pk=report.pk).status == Status.DRAFT

    report.status = Status.PUBLISHED
    with pytest.raises(ValidationError):
        report.full_clean()


@pytest.mark.parametrize(
    "fix", [{"html_version": "<p>The report's text.</p>"}, {"accessibility_reviewed": True}]
)
def test_a_report_pdf_is_published_with_an_html_version_or_a_review(fix):
    report = ReportFactory(status=Status.DRAFT, document=pdf(), **fix)
    publishing.publish(report)
    assert Report.objects.published().filter(pk=report.pk).exists()


def test_an_empty_html_version_does_not_count():
    report = ReportFactory(status=Status.DRAFT, document=pdf(), html_version="<p> </p>")
    with pytest.raises(ValidationError):
        publishing.publish(report)


def test_a_scheduled_report_without_an_accessible_version_stays_unpublished():
    from django.utils import timezone

    report = ReportFactory(status=Status.DRAFT, document=pdf())
    Report.objects.filter(pk=report.pk).update(status=Status.SCHEDULED, publish_at=timezone.now())
    assert publishing.publish_due() == 0
    assert Report.objects.get(pk=report.pk).status == Status.SCHEDULED


def test_alt_text_in_spanish_follows_the_same_rule():
    with pytest.raises(ValidationError) as error:
        Image(file=jpeg(), alt_es="Delegados en el puerto", decorative=True).full_clean()
    assert "alt_es" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Image(file=jpeg(), alt_es="Solo en español").full_clean()
    assert "alt_en" in error.value.message_dict  # English is the one every page falls back to
    Image(
        file=jpeg(), alt_en="Delegates at the harbour", alt_es="Delegados en el puerto"
    ).full_clean()


def test_untranslated_alt_text_and_caption_are_marked_english():
    image = Image.objects.create(file=jpeg(width=400, height=200), alt="Delegates at the harbour")
    image.caption = "The harbour in 2022"
    with translation.override("es"):
        html = render_to_string("media/_figure.html", {"image": image})
        assert 'alt="Delegates at the harbour" lang="en"' in html
        assert '<span lang="en">The harbour in 2022</span>' in html
        image.alt_es, image.caption_es = "Delegados en el puerto", "El puerto en 2022"
        html = render_to_string("media/_figure.html", {"image": image})
        assert 'alt="Delegados en el puerto" class=' in html
        assert "<span>El puerto en 2022</span>" in html
    with translation.override("en"):
        html = render_to_string("media/_figure.html", {"image": image})
        assert 'alt="Delegates at the harbour" class=' in html
