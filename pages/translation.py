"""Content fields staff write per language (django-modeltranslation: title_en, title_es, ...)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Page, PageSection


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "image_description")


@register(PageSection)
class PageSectionTranslation(TranslationOptions):
    fields = ("heading", "body")
