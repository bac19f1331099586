from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "exchange"

urlpatterns = [
    path("exchange/", views.ExchangeIndexView.as_view(), name="index"),
    path("exchange/trips/<slug:slug>/", views.TripDetailView.as_view(), name="trip"),
    path("exchange/visits/<slug:slug>/", views.SiteVisitDetailView.as_view(), name="site-visit"),
    path(
        "exchange/recommendations/<slug:slug>/",
        views.RecommendationDetailView.as_view(),
        name="recommendation",
    ),
    path("exchange/tracks/<slug:slug>/", views.TrackDetailView.as_view(), name="track"),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("events/<slug:slug>.ics", views.event_calendar, name="event-calendar"),
    path("events.ics", views.events_calendar, name="calendar"),
    # Where event pages were before they became the site's events.
    path(
        "exchange/events/<slug:slug>/",
        RedirectView.as_view(pattern_name="exchange:event", permanent=True),
    ),
    path("partners/", views.PartnersView.as_view(), name="partners"),
]
