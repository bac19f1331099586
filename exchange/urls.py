from django.urls import path

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
    path("exchange/events/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("partners/", views.PartnersView.as_view(), name="partners"),
]
