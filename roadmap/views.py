from collections import Counter

from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, ngettext
from django.views.generic import TemplateView

from core import charts
from core.templatetags.translated import is_untranslated
from publishing.preview import PreviewDetailView

from . import timeline
from .models import Action, Milestone, ProgressNote, Theme
from .services import follow_topic_key, published_actions


def progress_count(value: str, count: int) -> str:
    """A count of actions at one status, in the page's language: "2 planned", "1 complete"."""
    P = Action.Progress
    # Whole phrases: a status word agrees with the count (and, in Spanish, with "acción").
    texts = {
        P.PROPOSED: lambda: ngettext("%(count)s proposed", "%(count)s proposed", count),
        P.PLANNED: lambda: ngettext("%(count)s planned", "%(count)s planned", count),
        P.IN_PROGRESS: lambda: ngettext("%(count)s in progress", "%(count)s in progress", count),
        P.COMPLETE: lambda: ngettext("%(count)s complete", "%(count)s complete", count),
        P.ON_HOLD: lambda: ngettext("%(count)s on hold", "%(count)s on hold", count),
    }
    return texts[value]() % {"count": charts.format_number(count)}


def progress_by_year(notes):
    """How many actions stood at each status at the end of each year, from dated notes.

    `notes` are (action id, date, progress) in date order; an action counts from its first note
    on, at the status of its latest note so far. Returns ([year], [(status label, [count])]),
    the labels in the active language.
    """
    notes = list(notes)
    if not notes:
        return [], []
    years = list(range(notes[0][1].year, notes[-1][1].year + 1))
    latest, counts, position = {}, [], 0
    for year in years:
        while position < len(notes) and notes[position][1].year <= year:
            action_id, _, progress = notes[position]
            latest[action_id] = progress
            position += 1
        counts.append(Counter(latest.values()))
    series = [
        (str(label), [count[value] for count in counts])
        for value, label in Action.Progress.choices
        if any(count[value] for count in counts)
    ]
    return [str(year) for year in years], series


def status_chart(progress_counts):
    """`progress_counts` is [(status, label, count)]."""
    if not progress_counts:
        return ""
    return charts.bar_chart(
        chart_id="status-chart",
        title=gettext("Roadmap steps by status"),
        description="; ".join(
            f"{label}: {charts.format_number(count)}" for _, label, count in progress_counts
        )
        + ".",
        bars=[charts.Bar(label, count) for _, label, count in progress_counts],
    )


def progress_chart(years, series):
    if not years:
        return ""
    status_of = {str(label): value for value, label in Action.Progress.choices}
    description = " ".join(
        f"{year}: "
        + ", ".join(progress_count(status_of[label], counts[i]) for label, counts in series)
        + "."
        for i, year in enumerate(years)
    )
    return charts.stacked_bar_chart(
        chart_id="progress-chart",
        title=gettext("Roadmap steps by status at the end of each year"),
        description=gettext("From the dated progress updates. %(years)s") % {"years": description},
        categories=years,
        series=series,
    )


def milestone_count(**filters):
    """How many milestones an action has (matching `filters`), as a subquery of the action's
    row: the roadmap counts them without fetching a milestone."""
    milestones = (
        Milestone.objects.filter(action=OuterRef("pk"), **filters)
        .order_by()
        .values("action")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(milestones, output_field=IntegerField()), 0)


# How many of the most recently changed actions the home page lists.
HOME_RECENT_ACTIONS = 3


def front_page() -> dict:
    """The roadmap at a glance on the home page (pages.front): how many actions stand at each
    status, and the actions whose dated history (a note, a change of status, a moved target
    date) moved last. A minor edit leaves no history, so it does not count as a change."""
    actions = published_actions()
    counts = dict(actions.order_by().values_list("progress").annotate(count=Count("pk")))
    recent = (
        actions.annotate(last_changed=Max("progress_notes__date"))
        .filter(last_changed__isnull=False)
        .order_by("-last_changed", "-pk")[:HOME_RECENT_ACTIONS]
    )
    return {
        "roadmap_total": sum(counts.values()),
        # "2 planned, 1 complete": the statuses in the roadmap's order, those with actions.
        "roadmap_summary": ", ".join(
            progress_count(value, counts[value])
            for value, _ in Action.Progress.choices
            if counts.get(value)
        ),
        "recent_actions": list(recent),
    }


class RoadmapIndexView(TemplateView):
    """The whole roadmap. Below its heading the page is a cached fragment, with the translation
    notice that looks at its rows (templates/roadmap/index.html), the same for every visitor
    until the content changes: what it shows is passed lazily and read only when it is rebuilt."""

    template_name = "roadmap/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=True, roadmap=SimpleLazyObject(self.listing), **kwargs
        )

    def listing(self):
        actions = (
            published_actions()
            .select_related("lead")
            .annotate(
                milestones_total=milestone_count(),
                milestones_done=milestone_count(actual_date__isnull=False),
            )
        )
        all_themes = Theme.objects.published().prefetch_related(
            Prefetch("actions", queryset=actions, to_attr="published_actions")
        )
        themes = [theme for theme in all_themes if theme.published_actions]
        counts = Counter(action.progress for theme in themes for action in theme.published_actions)
        progress_counts = [
            (value, str(label), counts[value])
            for value, label in Action.Progress.choices
            if counts[value]
        ]
        notes = (
            ProgressNote.objects.filter(action__in=published_actions())
            .order_by("date", "pk")
            .values_list("action_id", "date", "progress")
        )
        years, series = progress_by_year(notes)
        return {
            "themes": themes,
            "action_count": counts.total(),
            "progress_counts": [(label, count) for _, label, count in progress_counts],
            "progress_summary": ", ".join(
                progress_count(value, count) for value, _, count in progress_counts
            ),
            "status_chart": status_chart(progress_counts),
            "progress_chart": progress_chart(years, series),
            "progress_series": [label for label, _ in series],
            "progress_years": [
                (year, [values[index] for _, values in series]) for index, year in enumerate(years)
            ],
            "untranslated_item": next(
                (
                    item
                    for theme in themes
                    for item in (theme, *theme.published_actions)
                    if is_untranslated(item)
                ),
                None,
            ),
        }


class ActionDetailView(PreviewDetailView):
    """Staff also see a draft action (or one under a draft theme), as a preview.

    One query for the action with its theme, lead and image; the rest of the page is a cached
    fragment (templates/roadmap/action_detail.html), the same for every visitor until the
    content changes, so what it shows is passed lazily and read only when it is rebuilt."""

    context_object_name = "action"
    published_lookups = ["status", "theme__status"]
    related = ["theme", "lead", "image"]

    queryset = Action.objects.all()

    def get_context_data(self, **kwargs):
        action = self.object
        return super().get_context_data(
            breadcrumbs=True,
            follow_topic_key=follow_topic_key(action),
            # Lazy QuerySets, one query each.
            partners=action.partners.published(),
            findings=action.findings.published(),
            recommendations=action.recommendations.published(),
            tracks=action.tracks.published(),
            timeline=SimpleLazyObject(lambda: action_timeline(action)),
            **kwargs,
        )


def action_timeline(action) -> dict:
    """The action's timeline (roadmap.timeline) and its history, newest first, for the page's
    cached fragment: two queries, the notes with their milestone."""
    notes = list(action.progress_notes.select_related("milestone"))
    milestones = list(action.milestones.all())
    return {**timeline.build(action, notes, milestones), "progress_notes": notes}
