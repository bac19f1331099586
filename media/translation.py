"""Content fields staff write per language (django-modeltranslation: alt_en, alt_es, ...)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt", "caption")
