"""The staff home's panels: each a short list of what needs doing, with links to the full lists.

A panel asks the app that owns the records for them (publishing's queues and reviews, pages'
contact inbox, subscriptions' reports) and shows only what the member of staff may see. A new
panel is a function here, listed in PANELS, and a template in templates/staffhome/panels/.
Every panel runs a fixed number of queries, whatever the amount of content.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.admin.models import LogEntry
from django.db.models import Count, Window
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from pages import services as contact_inbox
from pages.models import ContactMessage
from publishing import queues, review
from publishing import services as publishing
from publishing.models import Publishable
from subscriptions import reports
from subscriptions.models import Topic, Update

LENGTH = 5  # rows per panel: a glance, not a list


@dataclass
class Link:
    text: str
    url: str


@dataclass
class Panel:
    key: str
    title: str
    template: str
    rows: list = field(default_factory=list)
    count: int | None = None  # in all, when more than the rows shown
    more: list[Link] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def changelist(model, **filters) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def _plural(model) -> str:
    return str(model._meta.verbose_name_plural).capitalize()


class Home:
    """What one member of staff may see, computed once per request for every panel."""

    def __init__(self, request, site):
        self.request = request
        self.user = request.user
        self.site = site
        self._queues = None

    def model_admin(self, model):
        return self.site._registry.get(model)

    def may_view(self, model) -> bool:
        model_admin = self.model_admin(model)
        return model_admin is not None and model_admin.has_view_or_change_permission(self.request)

    def may_change(self, model) -> bool:
        model_admin = self.model_admin(model)
        return model_admin is not None and model_admin.has_change_permission(self.request)

    def queues(self) -> list[queues.Queue]:
        """Drafts and scheduled rows of every content model this person may see (one query
        per model, shared by two panels)."""
        if self._queues is None:
            self._queues = [
                queues.queue(model, limit=LENGTH)
                for model in publishing.publishable_models()
                if self.may_view(model)
            ]
        return self._queues


def waiting(home: Home) -> Panel | None:
    found = home.queues()
    if not found:
        return None
    can_publish = publishing.can_publish(home.user)
    rows = sorted(
        [(row, queue.model) for queue in found for row in queue.drafts],
        key=lambda pair: pair[0].updated_at,
        reverse=True,
    )[:LENGTH]
    editors = queues.last_editors([row for row, _model in rows])
    return Panel(
        "waiting",
        _("Waiting to be published"),
        "staffhome/panels/waiting.html",
        rows=[
            {
                "object": row,
                "kind": row._meta.verbose_name,
                "url": _change_url(model, row.pk),
                "last_editor": editors.get((row._meta.label_lower, str(row.pk)), ""),
                "publish_url": (
                    _action_url("staffhome_publish", model, row.pk)
                    if can_publish and home.may_change(model)
                    else ""
                ),
            }
            for row, model in rows
        ],
        count=sum(queue.draft_count for queue in found),
        more=[
            Link(
                f"{_plural(queue.model)} ({queue.draft_count})",
                changelist(queue.model, status__exact=Publishable.Status.DRAFT),
            )
            for queue in found
            if queue.draft_count
        ],
    )


def scheduled(home: Home) -> Panel | None:
    found = home.queues()
    may_see_updates = home.may_view(Update)
    if not found and not may_see_updates:
        return None
    rows = [
        {
            "object": row,
            "kind": row._meta.verbose_name,
            "when": row.publish_at,
            "url": _change_url(queue.model, row.pk),
        }
        for queue in found
        for row in queue.scheduled
    ]
    count = sum(queue.scheduled_count for queue in found)
    more = [
        Link(
            f"{_plural(queue.model)} ({queue.scheduled_count})",
            changelist(queue.model, status__exact=Publishable.Status.SCHEDULED),
        )
        for queue in found
        if queue.scheduled_count
    ]
    if may_see_updates:
        updates, update_count = reports.scheduled(limit=LENGTH)
        rows += [
            {
                "object": update,
                "kind": _("email update"),
                "when": update.scheduled_at,
                "url": _change_url(Update, update.pk),
            }
            for update in updates
        ]
        count += update_count
        more.append(
            Link(
                f"{_('Email updates')} ({update_count})",
                changelist(Update, status__exact=Update.Status.SCHEDULED),
            )
        )
    rows.sort(key=lambda row: (row["when"] is None, row["when"] or 0))
    return Panel(
        "scheduled",
        _("Scheduled"),
        "staffhome/panels/scheduled.html",
        rows=rows[:LENGTH],
        count=count,
        more=more,
    )


def my_edits(home: Home) -> Panel:
    entries = list(LogEntry.objects.filter(user=home.user).select_related("content_type")[:LENGTH])
    more = []
    if home.may_view(LogEntry):
        more.append(Link(_("All my changes"), changelist(LogEntry, user__id__exact=home.user.pk)))
        more.append(Link(_("Audit log"), changelist(LogEntry)))
    return Panel(
        "my-edits", _("My recent edits"), "staffhome/panels/my_edits.html", rows=entries, more=more
    )


def contact(home: Home) -> Panel | None:
    if not home.may_view(ContactMessage):
        return None
    messages, count = contact_inbox.unanswered(limit=LENGTH)
    may_answer = home.may_change(ContactMessage)
    return Panel(
        "contact",
        _("Contact messages not yet answered"),
        "staffhome/panels/contact.html",
        rows=[
            {
                "object": message,
                "url": _change_url(ContactMessage, message.pk),
                "answered_url": reverse("admin:staffhome_answered", args=[message.pk])
                if may_answer
                else "",
            }
            for message in messages
        ],
        count=count,
        more=[
            Link(
                _("Not yet answered (%(count)s)") % {"count": count},
                changelist(ContactMessage, status__exact=ContactMessage.Status.NEW),
            ),
            Link(_("All contact messages"), changelist(ContactMessage)),
        ],
    )


def sends(home: Home) -> Panel | None:
    if not home.may_view(Update):
        return None
    extra = {"topics": None}
    more = [Link(_("All email updates"), changelist(Update))]
    if home.may_view(Topic):
        topics, topic_count = reports.subscribers_per_topic(limit=LENGTH)
        extra = {"topics": topics, "topic_count": topic_count}
        more.append(Link(_("All topics (%(count)s)") % {"count": topic_count}, changelist(Topic)))
    return Panel(
        "sends",
        _("Recent email sends"),
        "staffhome/panels/sends.html",
        rows=[
            {"send": send, "url": _change_url(Update, send.update.pk)}
            for send in reports.recent_sends(limit=LENGTH)
        ],
        more=more,
        extra=extra,
    )


def review_due(home: Home) -> Panel | None:
    models = [model for model in review.reviewable_models() if home.may_view(model)]
    if not models:
        return None
    rows, count, more = [], 0, []
    for model in models:
        due = list(
            review.due(model).select_related("owner").annotate(in_all=Window(Count("pk")))[:LENGTH]
        )
        in_all = due[0].in_all if due else 0
        count += in_all
        may_review = home.may_change(model)
        rows += [
            {
                "object": row,
                "kind": row._meta.verbose_name,
                "url": _change_url(model, row.pk),
                "review_url": _action_url("staffhome_reviewed", model, row.pk)
                if may_review
                else "",
            }
            for row in due
        ]
        if in_all:
            more.append(Link(f"{_plural(model)} ({in_all})", changelist(model, review="due")))
    rows.sort(key=lambda row: (row["object"].last_reviewed, row["object"].pk))
    return Panel(
        "review",
        _("Review due"),
        "staffhome/panels/review.html",
        rows=rows[:LENGTH],
        count=count,
        more=more,
        extra={"days": review.review_days()},
    )


def _action_url(name: str, model, pk) -> str:
    return reverse(f"admin:{name}", args=[model._meta.app_label, model._meta.model_name, pk])


def _change_url(model, pk) -> str:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:  # a model not in the admin
        return ""


# In the order they show: what to act on first.
PANELS = [waiting, scheduled, review_due, contact, sends, my_edits]


def build(request, site) -> list[Panel]:
    home = Home(request, site)
    return [panel for make in PANELS if (panel := make(home)) is not None]
