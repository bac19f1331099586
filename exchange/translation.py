"""Content fields staff write per language (django-modeltranslation: title_en, title_es, ...)."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name", "country", "description")


@register(models.Component)
class ComponentTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(models.Trip)
class TripTranslation(TranslationOptions):
    fields = ("title", "date_display", "destination", "delegation_description", "summary", "body")


@register(models.Delegate)
class DelegateTranslation(TranslationOptions):
    fields = ("position",)


@register(models.SiteVisit)
class SiteVisitTranslation(TranslationOptions):
    fields = ("title", "industry", "summary", "body")


@register(models.Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(models.CollaborationTrack)
class CollaborationTrackTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(models.Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "venue", "summary", "body", "state_note", "accommodation_contact")


@register(models.EventDocument)
class EventDocumentTranslation(TranslationOptions):
    fields = ("title", "html_version")
