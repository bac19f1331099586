"""Content fields staff write per language (django-modeltranslation: title_en, title_es, ...)."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.Source)
class SourceTranslation(TranslationOptions):
    # A source keeps its published title; the note explains it to the reader.
    fields = ("note",)


@register(models.Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.Finding)
class FindingTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(models.Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit", "note")


@register(models.Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary", "html_version")
