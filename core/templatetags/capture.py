"""`{% capture as name %}…{% endcapture %}`: render a part of a template once, use it twice.

base.html wraps its `title`, `description` and `breadcrumbs` blocks in it, so the page title
also fills the Open Graph tags and an empty breadcrumb trail can be told from a full one.
Blocks inside stay overridable: Django finds them in the tag's nodelist.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # The output is already rendered (and escaped) template text.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
