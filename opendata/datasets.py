"""The portal's open datasets: what each row is, its fields, and where its published rows come from.

One definition per dataset drives the CSV, the JSON, the JSON Schema and the /data/ page, so the
documentation cannot drift from the files. Only published content is ever read (`published()`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessment.models import Finding, Indicator
from exchange.models import CollaborationTrack, Organisation, Recommendation
from publishing.models import Publishable
from roadmap.models import Action, Milestone, ProgressNote
from roadmap.services import published_actions
from subscriptions.models import Update

PUBLISHED = Publishable.Status.PUBLISHED

# The City may change the licence; files published under this one stay under it.
LICENCE_NAME = getattr(
    settings,
    "OPEN_DATA_LICENCE_NAME",
    "Open Data Commons Public Domain Dedication and License (PDDL) 1.0",
)
LICENCE_URL = getattr(
    settings, "OPEN_DATA_LICENCE_URL", "https://opendatacommons.org/licenses/pddl/1-0/"
)
LIST_SEPARATOR = ";"  # between the slugs of a list in a CSV cell; slugs never contain it

# JSON Schema type of each field type; "list" is a list of slugs.
JSON_TYPES = {
    "string": {"type": "string"},
    "text": {"type": "string"},
    "slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    "url": {"type": "string", "format": "uri"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "list": {"type": "array", "items": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}},
}

# Each field type as the /data/ page names it.
TYPE_LABELS = {
    "string": _("string"),
    "text": _("text"),
    "slug": _("slug"),
    "url": _("URL"),
    "integer": _("integer"),
    "number": _("number"),
    "boolean": _("boolean"),
    "date": _("date"),
    "datetime": _("date and time"),
    "list": _("list of slugs"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    get: Callable[[Any], Any]
    nullable: bool = False

    @property
    def type_label(self) -> str:
        label = TYPE_LABELS[self.type]
        return gettext("%(type)s, or empty") % {"type": label} if self.nullable else str(label)

    def json_schema(self) -> dict:
        schema = dict(JSON_TYPES[self.type], description=self.description)
        if self.nullable:
            schema["type"] = [schema["type"], "null"]
        return schema


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    queryset: Callable[[], Any]
    fields: list[Field] = field(default_factory=list)

    def rows(self):
        """Each published row as {field: value}, read in chunks: never the whole table at once."""
        for obj in self.queryset().iterator(chunk_size=500):
            yield {f.name: f.get(obj) for f in self.fields}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def slugs(objects) -> list[str]:
    return [obj.slug for obj in objects]


ROW_PAGE = _("The row's page on the portal.")


def url_field(description=ROW_PAGE):
    return Field("url", "url", description, lambda obj: absolute(obj.get_absolute_url()))


def slug_field(description):
    return Field("slug", "slug", description, lambda obj: obj.slug)


def published_prefetch(lookup, queryset):
    return Prefetch(lookup, queryset=queryset, to_attr=f"public_{lookup}")


def findings():
    return (
        Finding.objects.published()
        .select_related("sector")
        .prefetch_related(published_prefetch("actions", published_actions()))
    )


def indicators():
    # An indicator of a draft finding waits with it, as on the assessment page.
    return (
        Indicator.objects.published()
        .filter(Q(finding__isnull=True) | Q(finding__status=PUBLISHED))
        .select_related("finding", "source")
    )


def recommendations():
    return (
        Recommendation.objects.published()
        .filter(site_visit__status=PUBLISHED, site_visit__trip__status=PUBLISHED)
        .select_related("site_visit__trip", "site_visit__host")
    )


def target_moves():
    """Moved target dates, oldest first (the first one's previous date is the original)."""
    return ProgressNote.objects.filter(previous_target_date__isnull=False).order_by("date", "pk")


def actions():
    return (
        published_actions()
        .select_related("theme", "lead")
        .prefetch_related(
            published_prefetch("findings", Finding.objects.published()),
            published_prefetch("recommendations", recommendations()),
            published_prefetch("tracks", CollaborationTrack.objects.published()),
            published_prefetch("partners", Organisation.objects.published()),
            Prefetch(
                "progress_notes",
                target_moves().filter(milestone__isnull=True),
                to_attr="target_moves",
            ),
        )
    )


def milestones():
    return (
        Milestone.objects.filter(action__in=published_actions())
        .select_related("action")
        .prefetch_related(Prefetch("target_changes", target_moves(), to_attr="target_moves"))
        .order_by("action__theme__order", "action__order", "action__title", "order", "pk")
    )


def action_history():
    return (
        ProgressNote.objects.filter(action__in=published_actions())
        .select_related("action")
        .order_by("date", "pk")
    )


def original_target(row):
    """The first target date of an action or a milestone: the one before its first move."""
    moves = row.target_moves
    return moves[0].previous_target_date if moves else row.target_date


def updates():
    return Update.objects.archived().prefetch_related("topics").order_by("-sent_at", "pk")


def public_lead(action):
    return action.lead if action.lead and action.lead.is_published else None


def lead_slug(action):
    lead = public_lead(action)
    return lead.slug if lead else None


def lead_name(action):
    lead = public_lead(action)
    return ", ".join(filter(None, [lead.name if lead else "", action.lead_description])) or None


DATASETS = {
    dataset.name: dataset
    for dataset in [
        Dataset(
            "findings",
            _("Assessment findings"),
            _("What the Clean Industry Assessment found, one row per finding."),
            findings,
            [
                slug_field(_("Stable identifier of the finding.")),
                Field("title", "string", _("The finding in a few words."), lambda f: f.title),
                Field(
                    "kind",
                    "string",
                    format_lazy(_("One of: {values}."), values=", ".join(Finding.Kind.values)),
                    lambda f: f.kind,
                ),
                Field(
                    "summary",
                    "text",
                    _("The finding in one or two sentences."),
                    lambda f: f.summary,
                ),
                Field(
                    "sector",
                    "slug",
                    _("The industrial sector it is about."),
                    lambda f: f.sector.slug if f.sector and f.sector.is_published else None,
                    nullable=True,
                ),
                Field(
                    "actions",
                    "list",
                    _(
                        "Slugs of the roadmap actions that answer it (actions dataset); empty "
                        "when no action answers it yet."
                    ),
                    lambda f: slugs(f.public_actions),
                ),
                Field(
                    "action_count",
                    "integer",
                    _("How many roadmap actions answer it: 0 when none does yet."),
                    lambda f: len(f.public_actions),
                ),
                url_field(),
            ],
        ),
        Dataset(
            "indicators",
            _("Assessment indicators"),
            _("Measured figures from the assessment, each with its unit, year and source."),
            indicators,
            [
                slug_field(_("Stable identifier of the indicator.")),
                Field("name", "string", _("What is measured."), lambda i: i.name),
                Field("value", "number", _("The figure, in `unit`."), lambda i: i.value),
                Field("unit", "string", _('The unit, e.g. "%" or "jobs".'), lambda i: i.unit),
                Field(
                    "year", "integer", _("The year it describes."), lambda i: i.year, nullable=True
                ),
                Field(
                    "approximate",
                    "boolean",
                    _("True when the source gives the figure as an estimate."),
                    lambda i: i.approximate,
                ),
                Field(
                    "finding",
                    "slug",
                    _("The finding it supports (see the findings dataset)."),
                    lambda i: i.finding.slug if i.finding else None,
                    nullable=True,
                ),
                Field(
                    "source_publisher",
                    "string",
                    _("Who published the source."),
                    lambda i: i.source.publisher,
                ),
                Field("source_title", "string", _("The source's title."), lambda i: i.source.title),
                Field(
                    "source_url",
                    "url",
                    _("Where the source can be read."),
                    lambda i: i.source.url or None,
                    nullable=True,
                ),
                Field(
                    "note",
                    "text",
                    _("Anything a reader should know about the figure."),
                    lambda i: i.note,
                ),
                url_field(_("Where the figure appears on the portal.")),
            ],
        ),
        Dataset(
            "recommendations",
            _("Denmark exchange recommendations"),
            _("Advice the Danish experts gave Portland companies during site visits."),
            recommendations,
            [
                slug_field(_("Stable identifier of the recommendation.")),
                Field("title", "string", _("The advice in a few words."), lambda r: r.title),
                Field(
                    "summary", "text", _("The advice in one or two sentences."), lambda r: r.summary
                ),
                Field(
                    "site_visit",
                    "slug",
                    _("The site visit it came from."),
                    lambda r: r.site_visit.slug,
                ),
                Field(
                    "site_visit_title",
                    "string",
                    _("That visit's title."),
                    lambda r: r.site_visit.title,
                ),
                Field(
                    "host",
                    "string",
                    _("The organisation visited."),
                    lambda r: (
                        r.site_visit.host.name
                        if r.site_visit.host and r.site_visit.host.is_published
                        else None
                    ),
                    nullable=True,
                ),
                Field(
                    "trip",
                    "slug",
                    _("The exchange trip of the visit."),
                    lambda r: r.site_visit.trip.slug,
                ),
                url_field(),
            ],
        ),
        Dataset(
            "actions",
            _("Roadmap actions"),
            _(
                "The roadmap's next steps, with their status, lead and the findings, "
                "recommendations and collaboration tracks each one answers."
            ),
            actions,
            [
                slug_field(_("Stable identifier of the action.")),
                Field("title", "string", _("The step in a few words."), lambda a: a.title),
                Field(
                    "summary", "text", _("The step in one or two sentences."), lambda a: a.summary
                ),
                Field(
                    "theme", "slug", _("The roadmap theme it belongs to."), lambda a: a.theme.slug
                ),
                Field("theme_title", "string", _("That theme's title."), lambda a: a.theme.title),
                Field(
                    "progress",
                    "string",
                    format_lazy(
                        _("Its status today, one of: {values}."),
                        values=", ".join(Action.Progress.values),
                    ),
                    lambda a: a.progress,
                ),
                Field(
                    "lead",
                    "slug",
                    _("The organisation that leads it."),
                    lead_slug,
                    nullable=True,
                ),
                Field(
                    "lead_name",
                    "string",
                    _("Who leads it, in words."),
                    lead_name,
                    nullable=True,
                ),
                Field(
                    "partners",
                    "list",
                    _("Slugs of the partner organisations."),
                    lambda a: slugs(a.public_partners),
                ),
                Field(
                    "timeframe",
                    "string",
                    _('When, in words, e.g. "2023-2025".'),
                    lambda a: a.timeframe,
                ),
                Field(
                    "target_date",
                    "date",
                    _("When it is due to be complete, as the date stands today."),
                    lambda a: a.target_date,
                    nullable=True,
                ),
                Field(
                    "original_target_date",
                    "date",
                    _(
                        "Its first target date: different from target_date when the date has "
                        "moved (each move, with its note, is in the action_history dataset)."
                    ),
                    original_target,
                    nullable=True,
                ),
                Field(
                    "findings",
                    "list",
                    _("Slugs of the assessment findings it answers (findings dataset)."),
                    lambda a: slugs(a.public_findings),
                ),
                Field(
                    "recommendations",
                    "list",
                    _("Slugs of the Denmark recommendations it answers (recommendations dataset)."),
                    lambda a: slugs(a.public_recommendations),
                ),
                Field(
                    "tracks",
                    "list",
                    _("Slugs of the Portland-Denmark collaboration tracks it builds on."),
                    lambda a: slugs(a.public_tracks),
                ),
                url_field(),
            ],
        ),
        Dataset(
            "milestones",
            _("Roadmap milestones"),
            _(
                "The steps on the way to each roadmap action's completion, with their target "
                "date, the original one if it has moved, and the date each was reached."
            ),
            milestones,
            [
                Field("id", "integer", _("Stable identifier of the milestone."), lambda m: m.pk),
                Field(
                    "action",
                    "slug",
                    _("The action it belongs to (actions dataset)."),
                    lambda m: m.action.slug,
                ),
                Field("title", "string", _("The milestone in a few words."), lambda m: m.title),
                Field("order", "integer", _("Its place among the action's."), lambda m: m.order),
                Field(
                    "target_date",
                    "date",
                    _("When it is due, as the date stands today."),
                    lambda m: m.target_date,
                    nullable=True,
                ),
                Field(
                    "original_target_date",
                    "date",
                    _(
                        "Its first target date: different from target_date when the date has "
                        "moved (each move, with its note, is in the action_history dataset)."
                    ),
                    original_target,
                    nullable=True,
                ),
                Field(
                    "target_date_moves",
                    "integer",
                    _("How many times its target date has moved."),
                    lambda m: len(m.target_moves),
                ),
                Field(
                    "actual_date",
                    "date",
                    _("When it was reached; empty until then."),
                    lambda m: m.actual_date,
                    nullable=True,
                ),
                url_field(_("The milestone on its action's page.")),
            ],
        ),
        Dataset(
            "action_history",
            _("Roadmap history"),
            _(
                "Everything dated on the roadmap's actions, oldest first: progress notes, each "
                "change of status and each move of a target date, with the note that explains it."
            ),
            action_history,
            [
                Field("id", "integer", _("Stable identifier of the entry."), lambda n: n.pk),
                Field(
                    "action",
                    "slug",
                    _("The action (actions dataset)."),
                    lambda n: n.action.slug,
                ),
                Field("date", "date", _("When it happened."), lambda n: n.date),
                Field(
                    "progress",
                    "string",
                    format_lazy(
                        _("The action's status from that date, one of: {values}."),
                        values=", ".join(Action.Progress.values),
                    ),
                    lambda n: n.progress,
                ),
                Field(
                    "previous_progress",
                    "string",
                    _("For a change of status, the status before; empty otherwise."),
                    lambda n: n.previous_progress if n.is_status_change else None,
                    nullable=True,
                ),
                Field(
                    "milestone",
                    "integer",
                    _(
                        "For a moved target date, the milestone's id (milestones dataset); "
                        "empty for the action's own target date or another entry."
                    ),
                    lambda n: n.milestone_id,
                    nullable=True,
                ),
                Field(
                    "previous_target_date",
                    "date",
                    _("For a moved target date, the date before the move; empty otherwise."),
                    lambda n: n.previous_target_date,
                    nullable=True,
                ),
                Field(
                    "target_date",
                    "date",
                    _("For a moved target date, the date after the move (empty if removed)."),
                    lambda n: n.target_date if n.is_target_change else None,
                    nullable=True,
                ),
                Field("note", "text", _("What happened, or why, in words."), lambda n: n.text),
                url_field(_("The entry on its action's page.")),
            ],
        ),
        Dataset(
            "updates",
            _("Email updates sent"),
            _("Every email update sent to subscribers, newest first."),
            updates,
            [
                Field("id", "integer", _("Stable identifier of the update."), lambda u: u.pk),
                Field("subject", "string", _("The email's subject."), lambda u: u.subject),
                Field(
                    "sent_at",
                    "datetime",
                    _("When it was sent (ISO 8601, UTC)."),
                    lambda u: u.sent_at,
                ),
                Field(
                    "topics",
                    "list",
                    _("Slugs of the topics it was sent about."),
                    lambda u: slugs(u.topics.all()),
                ),
                Field("text", "text", _("The update's plain text."), lambda u: u.body_text),
                Field(
                    "link",
                    "url",
                    _("The page the update is about."),
                    lambda u: u.link or None,
                    nullable=True,
                ),
                url_field(_("The update's web version.")),
            ],
        ),
    ]
}


def to_json(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def to_csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Numbers, dates and times are written by this code (digits, "-", ".", ":"), so a
    # spreadsheet reads them as values: -3.5 stays a number, not text.
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, int | float):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return neutralise_formula(LIST_SEPARATOR.join(value))
    return neutralise_formula(str(value))


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """Text that a spreadsheet would run as a formula (`=HYPERLINK(...)`), prefixed with a
    single quote so that it is shown as text, as OWASP advises. Only the CSV does this: the
    JSON, read by programs, keeps the text as it is."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text
