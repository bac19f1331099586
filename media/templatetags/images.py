from django import template
from django.utils.html import format_html

from core.templatetags.translated import lang_attr
from media import renditions

register = template.Library()

DEFAULT_SIZES = "(min-width: 992px) 720px, 100vw"


@register.simple_tag
def responsive_image(image, sizes=DEFAULT_SIZES, css_class="img-fluid"):
    """An <img> with WebP renditions in `srcset`; alt="" for a decorative image."""
    if image is None:
        return ""
    sources = renditions.srcset(image)
    if not sources:
        return ""
    src, width = sources[-1]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} class="{}"'
        ' loading="lazy" decoding="async">',
        src,
        ", ".join(f"{url} {w}w" for url, w in sources),
        sizes,
        width,
        round(image.height * width / image.width),
        image.alt_text,
        # An alt text shown in English on a page in another language says so.
        lang_attr(image, "alt") if image.alt_text else "",
        css_class,
    )
