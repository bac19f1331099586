"""Fields staff write per language (django-modeltranslation: subject_en, subject_es, ...).

An update carries both languages: each subscriber gets it in their own, or in English where the
Spanish text was left empty."""

from modeltranslation.translator import TranslationOptions, register

from .models import Topic, Update


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("title",)


@register(Update)
class UpdateTranslation(TranslationOptions):
    fields = ("subject", "body_html", "body_text")
