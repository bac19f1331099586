"""`{% cached_fragment "name" vary_on... %}...{% endcached_fragment %}`: part of a public page
kept rendered until the content it was built from changes (see cleanindustry/fragments.py).

Everything the part shows that is not content from the database must be in `vary_on`: the
page's path for a page's own content, the current section for the navigation. The language
and the release are added by the key itself.
"""

from django import template
from django.utils.safestring import mark_safe

from .. import fragments

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if not fragments.usable(request):
            return self.nodelist.render(context)
        key = fragments.key(
            self.name.resolve(context), [value.resolve(context) for value in self.vary_on]
        )
        html = fragments.get(request, key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.put(request, key, str(html))
        return mark_safe(html)  # the template's own output: escaped when it was rendered


@register.tag
def cached_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name.")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
