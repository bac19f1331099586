from functools import partial

from allauth.account.decorators import secure_admin_login
from allauth.decorators import rate_limit
from allauth.mfa.base import views as mfa_views
from allauth.mfa.totp import views as totp_views
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import views as core_views
from core.cache import reads_query_params
from search import views as search_views
from search.sitemaps import sitemaps

from . import views

# The admin's own login form is never shown: /admin/ sends visitors to allauth's sign-in.
# admin.site is the staff home's (staffhome.sites.StaffAdminSite).
admin.site.login = secure_admin_login(admin.site.login)

# The section pages sitemap.xml lists first (a name not routed is left out).
SITEMAPS = sitemaps(
    sections=[
        "pages:home",
        "pages:about",
        "exchange:index",
        "exchange:partners",
        "exchange:events",
        "assessment:index",
        "roadmap:index",
        "subscriptions:archive",
        "subscriptions:subscribe",
        "pages:contact",
        "pages:accessibility",
    ]
)

# The public site, in every language in settings.LANGUAGES: English at /, Spanish at /es/...
urlpatterns = i18n_patterns(
    path("", include("pages.urls")),
    path("search/", include("search.urls")),
    path("", include("exchange.urls")),
    path("assessment/", include("assessment.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("updates/", include("subscriptions.urls")),
    path("data/", include("opendata.urls")),
    prefix_default_language=False,
)

# Staff and machine endpoints: one address each, whatever the language.
urlpatterns += [
    path("admin/", admin.site.urls),
    # allauth rate-limits a user's wrong codes; these also limit code attempts per client IP,
    # answering 429 past ACCOUNT_RATE_LIMITS["mfa"]. They shadow allauth's own routes.
    *[
        path(f"accounts/2fa/{route}", rate_limit(action="mfa")(view))
        for route, view in [
            ("authenticate/", mfa_views.authenticate),
            ("reauthenticate/", mfa_views.reauthenticate),
            ("totp/activate/", totp_views.activate_totp),
            ("totp/deactivate/", totp_views.deactivate_totp),
        ]
    ],
    path("accounts/", include("allauth.urls")),
    path("healthz", views.healthz, name="healthz"),
    # The email providers' webhooks (django-anymail): /anymail/<provider>/tracking/ brings
    # bounces and complaints (subscriptions/services/bounces.py); see core/webhooks.py.
    path("anymail/", include("anymail.urls")),
    # Django's view reads the sitemap's page number from ?p=.
    path(
        "sitemap.xml",
        reads_query_params("p")(partial(sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", search_views.robots_txt, name="robots-txt"),
]

handler429 = "accounts.views.too_many_requests"  # allauth's rate limits answer with it
handler500 = "cleanindustry.views.server_error"  # 503 while the database is unreachable

if settings.DEBUG:  # uploads; in production the proxy serves MEDIA_ROOT (README, Production)
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, view=core_views.media)
