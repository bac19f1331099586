"""Content fields staff write per language (django-modeltranslation: text_en, text_es, ...)."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.ChangeNote)
class ChangeNoteTranslation(TranslationOptions):
    fields = ("text",)
