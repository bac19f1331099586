from django.views.generic import DetailView, ListView, TemplateView

from .models import CollaborationTrack, Event, Organisation, Recommendation, SiteVisit, Trip


class ExchangeIndexView(TemplateView):
    template_name = "exchange/index.html"


class TripDetailView(DetailView):
    queryset = Trip.objects.published()
    context_object_name = "trip"


class SiteVisitDetailView(DetailView):
    queryset = SiteVisit.objects.published()
    context_object_name = "visit"


class RecommendationDetailView(DetailView):
    queryset = Recommendation.objects.published()
    context_object_name = "recommendation"


class TrackDetailView(DetailView):
    queryset = CollaborationTrack.objects.published()
    context_object_name = "track"


class EventDetailView(DetailView):
    queryset = Event.objects.published()
    context_object_name = "event"


class PartnersView(ListView):
    queryset = Organisation.objects.published()
    template_name = "exchange/partners.html"
    context_object_name = "organisations"
