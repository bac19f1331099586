from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from publishing.admin_mixins import RICH_TEXT, TranslatedAdmin, editing_languages_of

from . import reports, services
from .emails import UpdateRenderer
from .forms import LiftSuppressionForm, ScheduleForm, SuppressionForm, TestSendForm
from .models import (
    Delivery,
    Removal,
    Subscriber,
    Suppression,
    Topic,
    TrackingEvent,
    Update,
    supported_language,
)

TRANSLATED_UPDATE_FIELDS = ["subject", "body_html", "body_text"]  # see translation.py
# The email as sent, shown in the admin (a sandboxed frame of the update's own form): its
# inline styles and nothing else, no scripts, no remote loads, framed by our own pages only.
EMAIL_PREVIEW_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'self'; sandbox"
)
FAILURES_SHOWN = 50


def _queued_again(count: int) -> str:
    return ngettext(
        "%(count)d failed delivery is queued to be sent again.",
        "%(count)d failed deliveries are queued to be sent again.",
        count,
    ) % {"count": count}


def _localized(names, languages=AVAILABLE_LANGUAGES) -> list[str]:
    return [build_localized_fieldname(name, lang) for name in names for lang in languages]


@admin.register(Topic)
class TopicAdmin(TranslatedAdmin):
    list_display = ["title", "key", "kind", "url", "subscriber_count", "weekly_count"]
    list_filter = ["kind"]
    search_fields = [*_localized(["title"]), "key"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        # Counted in the list's own query (one join, grouped), however many topics there are.
        confirmed = Q(subscribers__status=Subscriber.Status.CONFIRMED)
        weekly = confirmed & Q(subscribers__frequency=Subscriber.Frequency.WEEKLY)
        return (
            super()
            .get_queryset(request)
            .annotate(
                subscriber_count=Count("subscribers", filter=confirmed),
                weekly_count=Count("subscribers", filter=weekly),
            )
        )

    @admin.display(description=gettext_lazy("Confirmed subscribers"), ordering="subscriber_count")
    def subscriber_count(self, topic):
        return topic.subscriber_count

    @admin.display(description=gettext_lazy("of them weekly"), ordering="weekly_count")
    def weekly_count(self, topic):
        return topic.weekly_count


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "frequency", "language", "created_at", "confirmed_at"]
    list_filter = ["status", "frequency", "language", "topics"]
    search_fields = ["email"]
    filter_horizontal = ["topics"]
    readonly_fields = [
        "token", "confirmed_at", "unsubscribed_at", "consent_at", "consent_source",
        "consent_text", "created_at", "updated_at", "bounce_score", "last_bounce_at",
    ]  # fmt: skip
    date_hierarchy = "created_at"
    change_list_template = "subscriptions/admin/subscriber_change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.removals_view)
        return [
            path("removals/", view, name="subscriptions_subscriber_removals"),
            *super().get_urls(),
        ]

    def removals_view(self, request):
        """Subscribers who left, by month and reason (reports.removals_by_month)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Subscribers removed, by month and reason"),
            "reasons": Removal.Reason.labels,
            "months": reports.removals_by_month(),
        }
        return render(request, "subscriptions/admin/removals.html", context)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["update", "subscriber", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "update"]
    search_fields = ["subscriber__email", "message_id"]
    list_select_related = ["update", "subscriber"]
    raw_id_fields = ["update", "subscriber"]
    actions = ["retry"]

    @admin.action(
        description=gettext_lazy("Send the selected failed deliveries again"), permissions=["send"]
    )
    def retry(self, request, queryset):
        queued = 0
        failed = queryset.filter(status=Delivery.Status.FAILED)
        for update in Update.objects.filter(deliveries__in=failed).distinct():
            ids = failed.filter(update=update).values("pk")
            queued += services.retry_failed(update=update, delivery_ids=ids)
        self.message_user(request, _queued_again(queued), messages.SUCCESS)

    def has_send_permission(self, request):
        return request.user.has_perm("subscriptions.send_update")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class InForceFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", _("In force")), ("no", _("Lifted"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(lifted_at__isnull=self.value() == "yes")
        return queryset


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """The suppression list: each address we send nothing to, why, since when and from what.
    Staff add one by hand (with why) and lift one with a note; both are in the audit log."""

    list_display = ["__str__", "reason", "created_at", "source", "in_force", "lifted_at"]
    list_filter = [InForceFilter, "reason", "created_at"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    form = SuppressionForm
    fields = [
        "email", "reason", "created_at", "source", "source_event", "detail", "created_by",
        "lift", "lifted_at", "lifted_by", "lift_note",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(boolean=True, description=_("in force"))
    def in_force(self, suppression):
        return suppression.active

    @admin.display(description=_("source event"))
    def source_event(self, suppression):
        if suppression.event_id is None:
            return "-"
        url = reverse("admin:subscriptions_trackingevent_change", args=[suppression.event_id])
        return format_html('<a href="{}">{}</a>', url, suppression.event)

    @admin.display(description=_("lift"))
    def lift(self, suppression):
        if not suppression.active:
            return "-"
        url = reverse("admin:subscriptions_suppression_lift", args=[suppression.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, gettext("Lift it"))

    def get_fields(self, request, obj=None):
        return ["email", "detail"] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False  # shown as it is; lifting is its own page (`lift_view`)

    def has_delete_permission(self, request, obj=None):
        return False  # lifted, never deleted: the address's history stays

    def save_model(self, request, obj, form, change):
        suppression, _created = services.suppress(
            obj.email,
            reason=Suppression.Reason.MANUAL,
            source="staff",
            detail=obj.detail,
            user=request.user,
        )
        obj.pk = suppression.pk
        obj.refresh_from_db()

    def get_urls(self):
        view = self.admin_site.admin_view(self.lift_view)
        return [
            path("<int:pk>/lift/", view, name="subscriptions_suppression_lift"),
            *super().get_urls(),
        ]

    def lift_view(self, request, pk):
        suppression = get_object_or_404(Suppression, pk=pk)
        if not request.user.has_perm("subscriptions.change_suppression"):
            raise PermissionDenied
        back = redirect(reverse("admin:subscriptions_suppression_change", args=[pk]))
        if not suppression.active:
            messages.warning(request, gettext("This suppression was lifted already."))
            return back
        form = LiftSuppressionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.lift_suppression(
                suppression, user=request.user, note=form.cleaned_data["note"]
            )
            messages.success(
                request, gettext("Lifted: %(email)s can be emailed again.") % {"email": suppression}
            )
            return back
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Lift the suppression of %(email)s") % {"email": suppression},
            "suppression": suppression,
            "form": form,
        }
        return render(request, "subscriptions/admin/lift_suppression.html", context)


@admin.register(TrackingEvent)
class TrackingEventAdmin(admin.ModelAdmin):
    """What the email providers reported through their webhooks and what it did."""

    list_display = ["received_at", "provider", "event_type", "recipient", "outcome", "delivery"]
    list_filter = ["provider", "event_type", "outcome", "received_at"]
    search_fields = ["recipient", "message_id", "event_id"]
    list_select_related = ["delivery__update", "delivery__subscriber"]
    raw_id_fields = ["delivery"]
    date_hierarchy = "received_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Update)
class UpdateAdmin(TranslatedAdmin):
    """Staff write an update as they write a page: the same rich-text editor and sanitising
    (RICH_TEXT), each language in its tab (English required, the others optional: a
    subscriber whose language is left empty gets the English), with a live preview of the
    email beside the form; then preview, test and send each."""

    change_form_template = "subscriptions/admin/update_change_form.html"
    list_display = ["subject", "kind", "status", "scheduled_at", "sent_at"]
    list_filter = ["status", "kind", "topics"]
    search_fields = _localized(["subject"])
    filter_horizontal = ["topics"]
    formfield_overrides = RICH_TEXT
    save_on_top = True  # also makes "Save" the form's default button, before the preview's
    written_fields = [*_localized(TRANSLATED_UPDATE_FIELDS), "topics", "url"]
    fieldsets = [
        (
            _("The update"),
            {
                "fields": TRANSLATED_UPDATE_FIELDS,
                "description": _(
                    "Write it in English; the other languages are optional. Left empty, "
                    "subscribers who read them get the English subject or body instead."
                ),
            },
        ),
        (_("Topics and link"), {"fields": ["topics", "url"]}),
    ]
    readonly_fields = ["status", "scheduled_at", "sending_started_at", "sent_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status not in (Update.Status.DRAFT, Update.Status.SCHEDULED):
            # an update is sent once, as it was
            return [*self.written_fields, *self.readonly_fields]
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj:
            fieldsets.append((gettext("Status"), {"fields": self.readonly_fields}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        name = "subscriptions_update_"
        return [
            path("preview/", view(self.preview_form), name=name + "preview_form"),
            path("<int:pk>/preview/form/", view(self.preview_form), name=name + "preview_form"),
            path("<int:pk>/preview/email/", view(self.preview_email), name=name + "preview_email"),
            path("<int:pk>/preview/web/", view(self.preview_web), name=name + "preview_web"),
            path("<int:pk>/test/", view(self.send_test), name=name + "test"),
            path("<int:pk>/send/", view(self.send_now), name=name + "send"),
            path("<int:pk>/retry/", view(self.retry_failed), name=name + "retry"),
            path("<int:pk>/schedule/", view(self.schedule), name=name + "schedule"),
            path("<int:pk>/progress/", view(self.progress), name=name + "progress"),
            *super().get_urls(),
        ]  # fmt: skip

    def render_change_form(self, request, context, *args, **kwargs):
        context["preview_languages"] = settings.LANGUAGES
        # Two buttons a language would crowd out the form: the staff member's languages only
        # (the preview beside the form offers every language).
        mine = editing_languages_of(request)
        context["preview_links"] = [(c, n) for c, n in settings.LANGUAGES if c in mine]
        return super().render_change_form(request, context, *args, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        update = self.get_object(request, object_id)
        extra = {}
        if update is not None:
            progress = services.progress(update=update)
            extra = {
                "progress": progress,
                "delivery_statuses": [
                    (status, label, progress[status]) for status, label in Delivery.Status.choices
                ],
                "failures": update.deliveries.filter(status=Delivery.Status.FAILED)
                .select_related("subscriber")
                .order_by("-updated_at")[:FAILURES_SHOWN],
                "can_send": request.user.has_perm("subscriptions.send_update"),
                "schedule_form": ScheduleForm(initial={"scheduled_at": update.scheduled_at}),
                "test_form": TestSendForm(),
            }
            if update.status in (Update.Status.DRAFT, Update.Status.SCHEDULED):
                extra.update(self._audience(update))
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def _audience(self, update) -> dict:
        """Who sending `update` reaches (services.audience, the rule the send itself follows),
        with, per language, whether the update is written in it (what is not goes in English)."""
        audience = services.audience(update)
        fields = ["subject"] if update.kind == Update.Kind.DIGEST else ["subject", "body_html"]

        def written_in(code):
            localized = (build_localized_fieldname(field, code) for field in fields)
            return code == DEFAULT_LANGUAGE or all(getattr(update, name) for name in localized)

        languages = [
            {**language, "translated": written_in(language["code"])}
            for language in audience.languages
        ]
        return {"audience": audience, "audience_languages": languages}

    def _update(self, request, pk, *, send=False):
        update = get_object_or_404(Update, pk=pk)
        if not self.has_view_permission(request, update):
            raise PermissionDenied
        if send and not request.user.has_perm("subscriptions.send_update"):
            raise PermissionDenied
        return update

    def _back(self, update):
        return redirect(reverse("admin:subscriptions_update_change", args=[update.pk]))

    def _language(self, request) -> str:
        """The language asked for with ?language=es (default: English)."""
        return supported_language(request.GET.get("language"))

    @staticmethod
    def _email_response(update, language) -> HttpResponse:
        response = HttpResponse(UpdateRenderer(update).preview_html(language))
        response["Content-Security-Policy"] = EMAIL_PREVIEW_CSP
        return response

    @xframe_options_sameorigin
    def preview_email(self, request, pk):
        return self._email_response(self._update(request, pk), self._language(request))

    @xframe_options_sameorigin
    def preview_form(self, request, pk=None):
        """The email as it would be sent with what the form holds now, saved or not: the
        form's own fields, cleaned as a save cleans them (RICH_TEXT's sanitising), posted to
        the frame beside it (static/js/update-preview.js). Nothing is saved."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if pk is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            update = Update(created_by=request.user)
        else:
            update = self._update(request, pk)
        form = self.get_form(request, update if pk else None, change=pk is not None)(
            request.POST, instance=update
        )
        form.is_valid()  # fills the instance with each field that is valid; nothing is saved
        update.settle_languages()
        if update.pk is None:
            update.pk = 0  # its "view in your browser" link needs a number; it gets its own
        language = supported_language(request.POST.get("preview_language"))
        return self._email_response(update, language)

    def preview_web(self, request, pk):
        update = self._update(request, pk)
        language = self._language(request)
        with translation.override(language):  # the page as /es/updates/<pk>/ will show it
            response = render(request, "subscriptions/update_detail.html", {"update": update})
        response["Content-Language"] = language
        return response

    def send_test(self, request, pk):
        update = self._update(request, pk)
        if request.method == "POST":
            form = TestSendForm(request.POST)
            if not request.user.email:
                messages.error(
                    request, gettext("Your account has no email address to send the test to.")
                )
            elif not form.is_valid():
                messages.error(request, gettext("Choose a language for the test."))
            else:
                sent = services.send_test(
                    update=update, to=request.user.email, languages=form.languages()
                )
                messages.success(
                    request,
                    ngettext(
                        "A test copy was sent to %(email)s.",
                        "%(count)d test copies, one in each language, were sent to %(email)s.",
                        sent,
                    )
                    % {"email": request.user.email, "count": sent},
                )
        return self._back(update)

    def send_now(self, request, pk):
        """GET: what sending will do, to confirm; POST: send."""
        update = self._update(request, pk, send=True)
        if request.method == "POST":
            if services.send_now(update=update):
                messages.success(
                    request, gettext("Sending has started; this page shows its progress.")
                )
            else:
                messages.warning(request, gettext("This update is already sending or sent."))
            return self._back(update)
        if update.status not in (Update.Status.DRAFT, Update.Status.SCHEDULED):
            return self._back(update)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": update,
            "title": gettext("Send this update now?"),
            **self._audience(update),
        }
        return render(request, "subscriptions/admin/update_send_confirm.html", context)

    def retry_failed(self, request, pk):
        update = self._update(request, pk, send=True)
        if request.method == "POST":
            messages.success(request, _queued_again(services.retry_failed(update=update)))
        return self._back(update)

    def schedule(self, request, pk):
        update = self._update(request, pk, send=True)
        form = ScheduleForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            when = form.cleaned_data["scheduled_at"]
            if services.schedule(update=update, when=when):
                messages.success(
                    request,
                    gettext("Scheduled for %(when)s.")
                    % {"when": f"{timezone.localtime(when):%Y-%m-%d %H:%M}"},
                )
            else:
                messages.warning(request, gettext("This update is already sending or sent."))
        elif request.method == "POST":
            messages.error(request, gettext("Give a valid date and time."))
        return self._back(update)

    def progress(self, request, pk):
        return JsonResponse(services.progress(update=self._update(request, pk)))
