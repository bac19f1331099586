from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.AssessmentIndexView.as_view(), name="index"),
    path("findings/<slug:slug>/", views.FindingDetailView.as_view(), name="finding"),
]
