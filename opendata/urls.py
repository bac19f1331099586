from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:name>.csv", views.dataset_csv, name="csv"),
    path("<slug:name>.json", views.dataset_json, name="json"),
    path("<slug:name>.schema.json", views.dataset_schema, name="schema"),
]
