from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("subscribe/", views.subscribe, name="subscribe"),
]
