"""`{% capture as name %}…{% endcapture %}`: render a part of a template once, use it twice.

base.html wraps its `title`, `description` and `breadcrumbs` blocks in it, so the page title
also fills the Open Graph tags and an empty breadcrumb trail can be told from a full one.
Blocks inside stay overridable: Django finds them in the tag's nodelist.

What it keeps is a line of text or inline markup (a title, a link, a date for a translated
sentence), so its whitespace is collapsed as a browser would show it: the template inside can be
laid out over several lines (djLint's formatter does) and a title in a `content` attribute or a
sentence built from it still reads as one line.
"""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

HTML_WHITESPACE = re.compile(r"[ \t\n\f\r]+")


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # The output is already rendered (and escaped) template text.
        rendered = HTML_WHITESPACE.sub(" ", self.nodelist.render(context)).strip()
        context[self.name] = mark_safe(rendered)
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
