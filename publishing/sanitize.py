"""One allow-list for every piece of rich text the portal stores or shows."""

import re

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "pre", "q",
    "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# What Microsoft Word puts on the clipboard besides the text. The allow-list already drops
# its styles (mso-*), classes (Mso*) and unknown tags, but not the *text* inside some of them:
# the fake list bullets between <!--[if !supportLists]--> and <!--[endif]-->, the &nbsp; of
# <o:p>, the XML and style blocks of its conditional comments.
WORD_MARKUP = [
    # Downlevel-revealed conditionals: their content is Word's fallback, e.g. "·" bullets.
    re.compile(r"<!(?:--)?\[if [^\]]*\](?:--)?>.*?<!(?:--)?\[endif\](?:--)?>", re.I | re.S),
    re.compile(r"<xml\b.*?</xml>", re.I | re.S),
    re.compile(r"<o:p>.*?</o:p>|</?[ovwm]:[^>]*>", re.I | re.S),
]
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\xa0)*</p>")


def clean_word(html: str) -> str:
    """Remove the markup Word adds to pasted text (conditionals, <o:p>, XML islands)."""
    for pattern in WORD_MARKUP:
        html = pattern.sub("", html)
    return html


def clean_html(html: str) -> str:
    """Return `html` with everything outside the allow-list removed (scripts, styles, events)."""
    if not html:
        return ""
    cleaned = nh3.clean(
        clean_word(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return EMPTY_PARAGRAPH.sub("", cleaned).strip()


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, for search, summaries and text email parts."""
    return nh3.clean(html or "", tags=set(), strip_comments=True).strip()
