"""The admin site: Django's own, opening on the staff home (panels of what needs doing, then the
rest of the admin grouped by task), with the home's three buttons: Publish, Mark answered and
Mark reviewed. Each is a POST (with Django's CSRF check) to a view that checks the person's
right and calls the owning app's service: the publishing rule, the contact inbox, the review."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts import views as accounts_views
from pages import services as contact_inbox
from pages.models import ContactMessage
from publishing import review
from publishing import services as publishing
from publishing.models import Publishable

from . import groups, panels


class StaffAdminSite(admin.AdminSite):
    site_header = _("Clean Industry Portal")
    site_title = _("Clean Industry Portal admin")
    index_title = _("Staff home")
    site_url = "/"
    index_template = "staffhome/index.html"

    def get_app_list(self, request, app_label=None):
        """Every app's section as Django builds it, cut to what this person should see and in
        task order (groups.py): the index's groups, and the sidebar of every admin page."""
        if app_label:  # an app's own page: what its breadcrumb promises, technical records aside
            apps = list(self._build_app_dict(request, app_label).values())
            return groups.for_user(apps, request.user, changeable_only=False)
        # Each app once, in task order: a superuser's technical records join their app's list.
        apps: dict[str, dict] = {}
        for group in self.task_groups(request):
            for app in group.apps:
                if app["app_label"] in apps:
                    apps[app["app_label"]]["models"] += app["models"]
                else:
                    apps[app["app_label"]] = {**app, "models": list(app["models"])}
        return list(apps.values())

    def task_groups(self, request) -> list[groups.Group]:
        # Asked for up to three times a request (the index, the sidebar, the home): built once.
        if not hasattr(request, "_task_groups"):
            apps = list(self._build_app_dict(request).values())
            request._task_groups = groups.grouped(apps, request.user)
        return request._task_groups

    def index(self, request, extra_context=None):
        context = {
            "panels": panels.build(request, self),
            "task_groups": self.task_groups(request),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def get_urls(self):
        home = [
            (
                "publish/<str:app_label>/<str:model_name>/<str:pk>/",
                self.publish,
                "staffhome_publish",
            ),
            (
                "reviewed/<str:app_label>/<str:model_name>/<str:pk>/",
                self.mark_reviewed,
                "staffhome_reviewed",
            ),
            ("answered/<int:pk>/", self.mark_answered, "staffhome_answered"),
        ]
        guide = path("guide/", self.admin_view(self.guide), name="staffhome_guide")
        languages = path(
            "languages/",
            self.admin_view(lambda request: accounts_views.editing_languages(request, self)),
            name="accounts_editing_languages",
        )
        return [
            guide,
            languages,
            *(
                path(f"home/{route}", self.admin_view(require_POST(view)), name=name)
                for route, view, name in home
            ),
            *super().get_urls(),
        ]

    def guide(self, request):
        """The staff guide: publishing, change notes, email updates, alt text and accessible
        documents, linked from every admin page (templates/admin/base_site.html)."""
        context = {**self.each_context(request), "title": gettext("Staff guide")}
        return render(request, "staffhome/guide.html", context)

    # --- The home's buttons -------------------------------------------------------------------

    def _row(self, request, app_label, model_name, pk, base):
        """The row a button acts on, with its ModelAdmin; 404 for anything else."""
        model_admin = next(
            (
                model_admin
                for model, model_admin in self._registry.items()
                if (model._meta.app_label, model._meta.model_name) == (app_label, model_name)
                and issubclass(model, base)
            ),
            None,
        )
        if model_admin is None:
            raise Http404
        return model_admin, get_object_or_404(model_admin.model._default_manager, pk=pk)

    def publish(self, request, app_label, model_name, pk):
        model_admin, obj = self._row(request, app_label, model_name, pk, Publishable)
        if not (
            publishing.can_publish(request.user) and model_admin.has_change_permission(request, obj)
        ):
            raise PermissionDenied
        try:
            publishing.publish(obj, user=request.user)
        except ValidationError as error:
            messages.error(request, f"“{obj}”: {' '.join(error.messages)}")
        else:
            messages.success(request, gettext("“%(item)s” is published.") % {"item": obj})
        return redirect("admin:index")

    def mark_reviewed(self, request, app_label, model_name, pk):
        model_admin, obj = self._row(request, app_label, model_name, pk, review.Reviewable)
        if not model_admin.has_change_permission(request, obj):
            raise PermissionDenied
        review.mark_reviewed(obj, user=request.user)
        messages.success(request, gettext("“%(item)s” is marked reviewed.") % {"item": obj})
        return redirect("admin:index")

    def mark_answered(self, request, pk):
        model_admin = self._registry.get(ContactMessage)
        contact = get_object_or_404(ContactMessage, pk=pk)
        if model_admin is None or not model_admin.has_change_permission(request, contact):
            raise PermissionDenied
        contact_inbox.mark_answered(contact, user=request.user)
        messages.success(request, gettext("“%(item)s” is marked answered.") % {"item": contact})
        return redirect("admin:index")
