from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.models import Finding
from exchange.models import CollaborationTrack, Organisation, Recommendation
from publishing.fields import SanitizedHTMLField
from publishing.models import SLUG_HELP_TEXT, Publishable, TimeStampedModel
from publishing.review import Reviewable


class Theme(Publishable):
    title = models.CharField(
        max_length=200,
        help_text=_("The heading of the theme's section on the roadmap and of its page."),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    description = models.TextField(
        blank=True, help_text=_("Plain text shown under the theme's title on the roadmap.")
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position on the roadmap: lower numbers first.")
    )

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roadmap:index") + f"#{self.slug}"


class Action(Publishable, Reviewable):
    """A next step on the roadmap, traced to the findings and recommendations it answers."""

    class Progress(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETE = "complete", _("Complete")
        ON_HOLD = "on_hold", _("On hold")

    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text=_("The roadmap theme the action is listed under."),
    )
    title = models.CharField(
        max_length=200, help_text=_("The heading of the action's page and its name on the roadmap.")
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title, on the roadmap and in search "
            "results."
        )
    )
    body = SanitizedHTMLField(blank=True, help_text=_("The main text of the action's page."))
    progress = models.CharField(
        max_length=20,
        choices=Progress.choices,
        default=Progress.PROPOSED,
        db_index=True,
        help_text=_(
            "Where the action stands, shown as its status on the roadmap and its page; a change is "
            "recorded in its history."
        ),
    )
    lead = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
        help_text=_("The organisation that leads it, shown and linked on the action's page."),
    )
    lead_description = models.CharField(
        max_length=200, blank=True, help_text=_("Who leads, when it is not one organisation.")
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partner_actions",
        help_text=_("Organisations working on it, listed on the action's page."),
    )
    timeframe = models.CharField(
        max_length=100,
        blank=True,
        help_text=_('For example "2023–2025".'),  # noqa: RUF001
    )
    target_date = models.DateField(
        _("target date"),
        null=True,
        blank=True,
        help_text=_(
            "When the step is due to be complete. If it moves, the page keeps showing the "
            "original date and each change, with the note that explains it."
        ),
    )
    findings = models.ManyToManyField(
        Finding,
        blank=True,
        related_name="actions",
        help_text=_("Assessment findings it answers, linked from the action's page."),
    )
    recommendations = models.ManyToManyField(
        Recommendation,
        blank=True,
        related_name="actions",
        help_text=_("Exchange recommendations it takes up, linked from the action's page."),
    )
    tracks = models.ManyToManyField(
        CollaborationTrack,
        blank=True,
        related_name="actions",
        help_text=_("Peer-to-peer tracks it draws on, linked from the action's page."),
    )
    image = models.ForeignKey(
        "media.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The lead photo of the action's page (its alt text is set on the image)."),
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position within its theme on the roadmap: lower numbers first.")
    )

    class Meta:
        ordering = ["theme__order", "order", "title"]
        indexes = [models.Index(fields=["status", "progress"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roadmap:action", kwargs={"slug": self.slug})


class Milestone(TimeStampedModel):
    """A step on the way to an action's completion, with the date it is due and the date it was
    reached. A target date that moves keeps its history (ProgressNote, roadmap.history)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("A step of the action, listed with its dates on the action's page."),
    )
    target_date = models.DateField(
        _("target date"),
        null=True,
        blank=True,
        help_text=_(
            "When it is due, shown beside it; a moved date is recorded in the action's history."
        ),
    )
    actual_date = models.DateField(
        _("date reached"), null=True, blank=True, help_text=_("Left empty until it is reached.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Position in the action's list of milestones: lower numbers first."),
    )

    class Meta:
        ordering = ["action", "order", "target_date", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.action.get_absolute_url()}#milestone-{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.actual_date is not None


class ProgressNote(TimeStampedModel):
    """What happened on an action, dated: the roadmap's history. Staff write notes; a change
    of the action's status, or of its target date or a milestone's, is recorded here by every
    route that saves one (roadmap.history), with the note that explains it."""

    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        related_name="progress_notes",
        help_text=_("The action whose history shows this note."),
    )
    date = models.DateField(help_text=_("The date shown beside the note in the action's history."))
    # The action's status from this date on.
    progress = models.CharField(
        max_length=20,
        choices=Action.Progress.choices,
        help_text=_("The action's status at that date, shown with the note."),
    )
    text = models.TextField(
        blank=True,
        help_text=_("What happened, in plain words, shown in the action's history on its page."),
    )
    # A change of status: what it was before.
    previous_progress = models.CharField(
        max_length=20, choices=Action.Progress.choices, blank=True, editable=False
    )
    # A target date that moved: the action's own (no milestone) or a milestone's, from what to
    # what. The first `previous_target_date` of a milestone is its original target.
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="target_changes",
        editable=False,
    )
    previous_target_date = models.DateField(null=True, blank=True, editable=False)
    target_date = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["action", "-date", "-pk"]
        indexes = [models.Index(fields=["action", "-date"])]

    def __str__(self):
        return f"{self.action}: {self.date}"

    def get_absolute_url(self):
        return f"{self.action.get_absolute_url()}#note-{self.pk}"

    @property
    def is_status_change(self) -> bool:
        return bool(self.previous_progress) and self.previous_progress != self.progress

    @property
    def is_target_change(self) -> bool:
        previous = self.previous_target_date
        return previous is not None and previous != self.target_date
