from django.urls import path

from . import views

app_name = "roadmap"

urlpatterns = [
    path("", views.RoadmapIndexView.as_view(), name="index"),
    path("actions/<slug:slug>/", views.ActionDetailView.as_view(), name="action"),
]
