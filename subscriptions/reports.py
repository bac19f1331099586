"""What staff see of email updates at a glance (the staff home): scheduled updates, the latest
sends with their deliveries counted by status, and subscribers per topic. Reads only; a fixed
number of queries whatever the number of updates, deliveries or subscribers."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q, Window
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import Delivery, Removal, Subscriber, Topic, Update


def scheduled(*, limit: int) -> tuple[list[Update], int]:
    """Updates waiting for their time, soonest first, and how many there are."""
    rows = list(
        Update.objects.filter(status=Update.Status.SCHEDULED)
        .annotate(in_all=Window(Count("pk")))
        .order_by("scheduled_at", "pk")[:limit]
    )
    return rows, (rows[0].in_all if rows else 0)


@dataclass
class Send:
    update: Update
    # (status value, its label, how many deliveries), in the order of Delivery.Status, then any
    # status the code does not name (yet) by its value: a new status shows without a change here.
    counts: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(n for _status, _label, n in self.counts)


def recent_sends(*, limit: int) -> list[Send]:
    """The latest updates and digests that went out or are going out, newest first."""
    updates = list(
        Update.objects.filter(status__in=[Update.Status.SENDING, Update.Status.SENT]).order_by(
            "-sending_started_at", "-sent_at", "-pk"
        )[:limit]
    )
    sends = {update.pk: Send(update) for update in updates}
    rows = (
        Delivery.objects.filter(update__in=list(sends))
        .values_list("update_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = dict(Delivery.Status.choices)
    order = {status: place for place, status in enumerate(labels)}
    for update_id, status, n in rows:
        sends[update_id].counts.append((status, labels.get(status, status), n))
    for send in sends.values():
        send.counts.sort(key=lambda count: (order.get(count[0], len(order)), count[0]))
    return list(sends.values())


def subscribers_per_topic(*, limit: int) -> tuple[list[Topic], int]:
    """The topics with the most confirmed subscribers (`subscriber_count`), and how many topics
    there are."""
    confirmed = Q(subscribers__status=Subscriber.Status.CONFIRMED)
    rows = Topic.objects.annotate(subscriber_count=Count("subscribers", filter=confirmed))
    return list(
        rows.order_by("-subscriber_count", "kind", "order", "pk")[:limit]
    ), Topic.objects.count()


@dataclass
class RemovalMonth:
    month: date  # its first day
    counts: list[int]  # one per Removal.Reason, in its order

    @property
    def total(self) -> int:
        return sum(self.counts)


def removals_by_month(*, months: int = 12, today: date | None = None) -> list[RemovalMonth]:
    """Subscribers who left, by month (the last `months`, this one first, empty ones too) and
    by reason (models.Removal): one query."""
    today = today or timezone.localdate()
    firsts = []
    year, month = today.year, today.month
    for _ in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    since = timezone.make_aware(datetime.combine(firsts[-1], time.min))
    rows = (
        Removal.objects.filter(removed_at__gte=since)
        .annotate(month=TruncMonth("removed_at"))
        .values_list("month", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reasons = list(Removal.Reason.values)
    table = {first: RemovalMonth(first, [0] * len(reasons)) for first in firsts}
    for month, reason, n in rows:
        first = (timezone.localtime(month) if timezone.is_aware(month) else month).date()
        if first in table and reason in reasons:
            table[first].counts[reasons.index(reason)] += n
    return list(table.values())
