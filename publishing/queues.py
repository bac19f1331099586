"""What waits for a publisher: each content model's drafts and scheduled rows, for the staff home.

One query per model, whatever its size: the newest drafts and the soonest scheduled rows (at most
`limit` of each) and how many there are in all; then one query for who edited the rows shown
last (the audit log).
"""

from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.db.models import Case, Count, F, Q, When
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber

from .models import Publishable

Status = Publishable.Status


@dataclass
class Queue:
    model: type[Publishable]
    drafts: list = field(default_factory=list)
    scheduled: list = field(default_factory=list)
    draft_count: int = 0
    scheduled_count: int = 0


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


def last_editors(rows) -> dict[tuple[str, str], str]:
    """Who last changed each of `rows` (content of any models) in the admin or published it,
    by (model label, pk): their full name, else their username. One query."""
    if not rows:
        return {}
    wanted = Q(pk__in=[])
    for row in rows:
        opts = row._meta
        wanted |= Q(
            content_type__app_label=opts.app_label,
            content_type__model=opts.model_name,
            object_id=str(row.pk),
        )
    latest = (
        LogEntry.objects.filter(wanted)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("content_type_id"), F("object_id")],
                order_by=[F("action_time").desc(), F("pk").desc()],
            )
        )
        .filter(place=1)
        .select_related("user", "content_type")
    )
    return {
        (f"{entry.content_type.app_label}.{entry.content_type.model}", entry.object_id): (
            entry.user.get_full_name() or entry.user.get_username()
        )
        for entry in latest
    }
