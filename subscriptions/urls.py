from django.urls import path

from . import feeds, views

app_name = "subscriptions"

urlpatterns = [
    path("", views.ArchiveView.as_view(), name="archive"),
    path("<int:pk>/", views.UpdateDetailView.as_view(), name="update"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/check-your-inbox/", views.check_inbox, name="check-inbox"),
    path("confirm/<str:code>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/new-link/", views.new_link, name="new-link"),
    path("manage/<str:token>/change-address/", views.change_email, name="change-email"),
    path("change-address/<str:code>/", views.change_email_confirm, name="change-email-confirm"),
    path("manage/<str:token>/data.json", views.download_data, name="download-data"),
    path("manage/<str:token>/delete/", views.delete_data, name="delete-data"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feed/", feeds.AllUpdatesFeed(), name="feed"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic-feed"),
]
