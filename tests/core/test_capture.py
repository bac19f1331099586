"""`{% capture %}` (core/templatetags/capture.py): a part rendered once, kept as one line."""

from django.template import Context, Template


def test_a_capture_keeps_its_text_on_one_line_whatever_the_template_layout():
    template = Template(
        "{% load capture %}{% capture as title %}\n"
        "  {% if error %}\n    Error:\n  {% endif %}\n  Contact\tus\n"
        '{% endcapture %}<meta content="{{ title }}">'
    )
    assert template.render(Context({"error": True})) == '<meta content="Error: Contact us">'
    assert template.render(Context({"error": False})) == '<meta content="Contact us">'
