"""What waits for a publisher: each content model's drafts and scheduled rows, for the staff home.

One query per model, whatever its size: the newest drafts and the soonest scheduled rows (at most
`limit` of each), how many there are in all, and who edited each row last (the audit log).
"""

from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.db.models import Case, CharField, Count, F, OuterRef, Subquery, TextField, Value, When
from django.db.models.expressions import Window
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, RowNumber, Trim

from .models import Publishable

Status = Publishable.Status


@dataclass
class Queue:
    model: type[Publishable]
    drafts: list = field(default_factory=list)
    scheduled: list = field(default_factory=list)
    draft_count: int = 0
    scheduled_count: int = 0


def _last_editor(model) -> Subquery:
    """The name (or username) of whoever last changed the row in the admin or published it."""
    entries = LogEntry.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id=Cast(OuterRef("pk"), TextField()),
    ).order_by("-action_time", "-pk")
    full_name = Trim(Concat("user__first_name", Value(" "), "user__last_name"))
    who = Coalesce(NullIf(full_name, Value("")), "user__username", output_field=CharField())
    return Subquery(entries.annotate(who=who).values("who")[:1])


def queue(model: type[Publishable], *, limit: int) -> Queue:
    """`model`'s drafts (most recently edited first) and scheduled rows (soonest first)."""
    soonest_then_newest = [
        Case(When(status=Status.SCHEDULED, then=F("publish_at"))).asc(nulls_last=True),
        F("updated_at").desc(),
        F("pk").desc(),
    ]
    rows = (
        model._default_manager.filter(status__in=[Status.DRAFT, Status.SCHEDULED])
        .annotate(
            place=Window(RowNumber(), partition_by=[F("status")], order_by=soonest_then_newest),
            in_all=Window(Count("pk"), partition_by=[F("status")]),
        )
        .filter(place__lte=limit)
        .annotate(last_editor=_last_editor(model))
        .order_by()
    )
    found = Queue(model)
    for row in rows:
        if row.status == Status.DRAFT:
            found.drafts.append(row)
            found.draft_count = row.in_all
        else:
            found.scheduled.append(row)
            found.scheduled_count = row.in_all
    found.drafts.sort(key=lambda row: row.updated_at, reverse=True)
    found.scheduled.sort(key=lambda row: (row.publish_at is None, row.publish_at or row.updated_at))
    return found
