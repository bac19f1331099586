"""A report's PDF is a PDF by its content and its name, and not too large: anything else is
refused with a clear error in the admin, and the report is left as it was."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.models import Report
from tests.assessment.factories import ReportFactory

pytestmark = pytest.mark.django_db


def minimal_pdf() -> bytes:
    """A real (if blank) one-page PDF: catalogue, page tree, page, cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    pdf, offsets, size = b"%PDF-1.4\n", [], len(objects) + 1
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj %s endobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % size
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return pdf


MINIMAL_PDF = minimal_pdf()
HTML = b"<!doctype html><title>Report</title><script>alert(document.cookie)</script>"
NOT_A_PDF = "This file is not a PDF"
DRAFT = {"status": Report.Status.DRAFT}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def form_data(report=None, **changes):
    data = {
        "title_en": report.title if report else "Clean industry assessment",
        "slug": report.slug if report else "clean-industry-assessment",
        "summary_en": report.summary if report else "What the assessment found.",
    }
    return data | changes


def document_errors(response):
    return response.context["adminform"].form.errors.get("document", [])


@pytest.mark.parametrize(
    "name, content_type", [("report.pdf", "application/pdf"), ("report.html", "text/html")]
)
def test_an_editor_cannot_add_a_report_whose_pdf_is_a_web_page(editor_client, name, content_type):
    response = editor_client.post(
        reverse("admin:assessment_report_add"),
        form_data(document=upload(name, HTML, content_type)),
    )
    assert response.status_code == 200
    assert any(NOT_A_PDF in error for error in document_errors(response))
    assert not Report.objects.exists()


def test_an_editor_cannot_replace_a_report_pdf_with_a_web_page(editor_client, settings):
    report = ReportFactory(document=upload("assessment.pdf", MINIMAL_PDF))
    stored = report.document.name
    response = editor_client.post(
        reverse("admin:assessment_report_change", args=[report.pk]),
        form_data(report, title_en="Renamed", document=upload("report.pdf", HTML)),
    )
    assert response.status_code == 200
    assert any(NOT_A_PDF in error for error in document_errors(response))
    report.refresh_from_db()
    assert report.document.name == stored and report.title == report.title_en != "Renamed"
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "reports").iterdir()) == ["assessment.pdf"]


def test_an_editor_adds_a_report_with_a_real_pdf(editor_client):
    response = editor_client.post(
        reverse("admin:assessment_report_add"),
        form_data(document=upload("assessment.pdf", MINIMAL_PDF)),
    )
    assert response.status_code == 302
    with Report.objects.get().document.open("rb") as f:
        assert f.read() == MINIMAL_PDF


def test_a_pdf_larger_than_the_limit_is_refused(editor_client, settings):
    settings.MAX_PDF_UPLOAD_SIZE = len(MINIMAL_PDF) - 1
    response = editor_client.post(
        reverse("admin:assessment_report_add"),
        form_data(document=upload("assessment.pdf", MINIMAL_PDF)),
    )
    assert response.status_code == 200
    assert any("the largest allowed is" in error for error in document_errors(response))
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("report.pdf", HTML),
        ("report.html", MINIMAL_PDF),  # a PDF-looking page: its name would serve it as HTML
        ("report.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
    ],
    ids=["html-named-pdf", "pdf-named-html", "svg"],
)
def test_full_clean_refuses_anything_but_a_pdf_named_as_one(name, content):
    report = ReportFactory.build(document=upload(name, content), **DRAFT)
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert error.value.error_dict["document"][0].code == "not_a_pdf"
    ReportFactory.build(document=upload("Assessment.PDF", MINIMAL_PDF), **DRAFT).full_clean()
