from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Clean Industry Portal"
admin.site.site_title = "Clean Industry Portal admin"
admin.site.index_title = "Content and email updates"
admin.site.site_url = "/"

urlpatterns = [
    path("", include("cleanindustry.site_urls")),
    path("", include("exchange.urls")),
    path("assessment/", include("assessment.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("updates/", include("subscriptions.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
