"""Content fields staff write per language (django-modeltranslation: title_en, title_es, ...)."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title", "description")


@register(models.Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "lead_description", "timeframe")


@register(models.Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title",)


@register(models.ProgressNote)
class ProgressNoteTranslation(TranslationOptions):
    fields = ("text",)
