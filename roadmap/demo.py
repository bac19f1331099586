"""Example roadmap records for development and benchmarks: every title starts with "Example"."""

import datetime
import uuid

from django.utils import timezone

from assessment.models import Finding
from publishing.models import ChangeNote

from .models import Action, Milestone, ProgressNote, Theme

PUBLISHED = Action.Status.PUBLISHED


def create(scale: int = 1) -> int:
    # A fresh token per run keeps slugs unique however often the command is run.
    run = uuid.uuid4().hex[:8]
    now = timezone.now()  # bulk_create skips Publishable.save(), which stamps this
    progress = list(Action.Progress)

    themes = Theme.objects.bulk_create(
        Theme(
            title=f"Example theme {i + 1} ({run})",
            slug=f"example-theme-{run}-{i}",
            description="An example theme created for development.",
            order=100 + i,
            status=PUBLISHED,
            published_at=now,
        )
        for i in range(3 * scale)
    )
    actions = Action.objects.bulk_create(
        Action(
            theme=themes[i % len(themes)],
            title=f"Example action {i + 1} ({run})",
            slug=f"example-action-{run}-{i}",
            summary="An example next step created for development. It is not real content.",
            progress=progress[i % len(progress)],
            lead_description="Example lead",
            timeframe="Example timeframe",
            order=i,
            target_date=datetime.date(2027, 1 + i % 12, 1),
            status=PUBLISHED,
            published_at=now,
        )
        for i in range(30 * scale)
    )
    start = datetime.date(2023, 1, 1)
    notes = ProgressNote.objects.bulk_create(
        ProgressNote(
            action=action,
            date=start + datetime.timedelta(days=30 * n + i),
            progress=progress[n % len(progress)],
            text=f"Example progress note {n + 1}.",
        )
        for i, action in enumerate(actions)
        for n in range(2)
    )
    # Three milestones each, the first one done; every third action's second one has slipped.
    milestones = Milestone.objects.bulk_create(
        Milestone(
            action=action,
            title=f"Example milestone {n + 1}",
            target_date=start + datetime.timedelta(days=90 * (n + 1)),
            actual_date=start + datetime.timedelta(days=90) if n == 0 else None,
            order=n,
        )
        for action in actions
        for n in range(3)
    )
    slips = ProgressNote.objects.bulk_create(
        ProgressNote(
            action_id=milestone.action_id,
            date=start + datetime.timedelta(days=60),
            progress=Action.Progress.IN_PROGRESS,
            milestone=milestone,
            previous_target_date=milestone.target_date - datetime.timedelta(days=30),
            target_date=milestone.target_date,
            text="Example: the milestone moved by a month.",
        )
        for i, milestone in enumerate(milestones)
        if i % 9 == 1
    )
    # A major change on every other action, as staff would note one.
    changes = ChangeNote.objects.bulk_create(
        ChangeNote(content_object=action, changed_at=now, text="Example change note.")
        for action in actions[::2]
    )
    # Link each action to a few example findings, when the assessment demo has made some.
    findings = list(
        Finding.objects.filter(title__startswith="Example").values_list("pk", flat=True)[:50]
    )
    if findings:
        Action.findings.through.objects.bulk_create(
            Action.findings.through(
                action_id=action.pk, finding_id=findings[(i + k) % len(findings)]
            )
            for i, action in enumerate(actions)
            for k in range(min(2, len(findings)))
        )
    return len(themes) + len(actions) + len(notes) + len(milestones) + len(slips) + len(changes)
