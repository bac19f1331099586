from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class StaffHomeConfig(AppConfig):
    """The staff home: the admin opens on what needs doing (panels), then the rest of the admin
    grouped by task (sites.py). It asks each app for its figures through that app's functions."""

    default = True
    name = "staffhome"
    verbose_name = _("Staff home")


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site as `admin.site` (Django's documented way to replace
    the default site); listed in INSTALLED_APPS instead of "django.contrib.admin"."""

    default = False
    default_site = "staffhome.sites.StaffAdminSite"
