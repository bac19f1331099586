"""Rich text is cleaned against the allow-list on save and again on render; Word paste too."""

from html.parser import HTMLParser

import pytest

from publishing.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html
from publishing.templatetags.richtext import richtext
from tests.exchange.factories import TripFactory

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover=alert(2)>hi</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width: expression(alert(1))">x</p>',
    "<style>body{background:expression(alert(1))}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name=x></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="https://ok.example" onfocus=alert(1) autofocus>x</a>',
    "<p><b><i>nested <u>unclosed",
    '"><img src=x onerror=alert(1)>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<details open ontoggle="alert(1)">x</details>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
]
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:", "#", "/")


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_safe(html):
    parser = Collector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs.items():
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, html
            if name == "href":
                assert value.strip().lower().startswith(SAFE_SCHEMES), html
    lowered = html.lower()
    for needle in ("<script", "javascript:", "vbscript:", "data:", "expression(", "<svg"):
        assert needle not in lowered, html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_sanitiser_defuses_xss(payload):
    assert_safe(clean_html(payload))
    assert_safe(richtext(payload))  # on render, too


@pytest.mark.django_db
def test_rich_text_is_cleaned_on_save():
    trip = TripFactory(body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    trip.refresh_from_db()
    assert trip.body == "<p>Hi</p>"


def test_allowed_markup_survives():
    html = (
        '<h2>Title</h2><p>A <a href="https://example.org">link</a> and <strong>bold</strong>.</p>'
    )
    assert clean_html(html) == html.replace('">link', '" rel="noopener noreferrer">link')


WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
<style>p.MsoNormal{mso-style-unhide:no;margin:0cm}</style></head>
<body lang=EN-US style='tab-interval:36.0pt'>
<p class=MsoNormal><b><span style='mso-bidi-font-weight:bold'>Heat recovery</span></b><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>First step<o:p></o:p></p>
<p class=MsoNormal><!--[if !supportLists]--><span style="mso-list:Ignore">1.<span>&nbsp;</span></span><!--[endif]-->Second step<o:p>&nbsp;</o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<xml><w:data>0x0102</w:data></xml>
</body></html>"""  # noqa: E501


def test_pasted_word_markup_is_cleaned():
    cleaned = clean_html(WORD_PASTE)
    assert cleaned == "<p><b>Heat recovery</b></p>\n<p>First step</p>\n<p>Second step</p>"
    for leftover in ("mso", "Mso", "o:p", "[if", "endif", "·", "0x0102", "&nbsp;"):
        assert leftover not in cleaned


@pytest.mark.django_db
def test_the_spanish_body_is_cleaned_on_save_like_the_english():
    trip = TripFactory(
        body_en='<p onclick="steal()">Hello</p><script>steal()</script>',
        body_es='<p>Hola</p><img src=x onerror="steal()"><script>steal()</script>',
    )
    trip.refresh_from_db()
    for html in (trip.body_en, trip.body_es):
        assert "<script" not in html and "onclick" not in html and "onerror" not in html
    assert "Hola" in trip.body_es
