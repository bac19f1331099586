from collections import Counter

from django.db.models import Prefetch
from django.views.generic import ListView

from assessment.models import Finding
from cleanindustry.models import Publishable
from cleanindustry.preview import PreviewDetailView
from exchange.models import CollaborationTrack, Organisation, Recommendation

from .models import Action, Theme
from .services import follow_topic_key


def published_actions():
    # An action under a draft theme is not on the public roadmap yet.
    return Action.objects.published().filter(theme__status=Publishable.Status.PUBLISHED)


class RoadmapIndexView(ListView):
    template_name = "roadmap/index.html"
    context_object_name = "themes"

    def get_queryset(self):
        actions = published_actions().select_related("lead")
        return Theme.objects.published().prefetch_related(
            Prefetch("actions", queryset=actions, to_attr="published_actions")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        themes = [theme for theme in context["themes"] if theme.published_actions]
        counts = Counter(action.progress for theme in themes for action in theme.published_actions)
        context.update(
            breadcrumbs=True,
            themes=themes,
            action_count=counts.total(),
            progress_counts=[
                (label, counts[value]) for value, label in Action.Progress.choices if counts[value]
            ],
        )
        return context


class ActionDetailView(PreviewDetailView):
    """Staff also see a draft action (or one under a draft theme), as a preview."""

    context_object_name = "action"
    published_lookups = ["status", "theme__status"]

    def get_queryset(self):
        def published(model, attr):
            return Prefetch(attr, queryset=model.objects.published(), to_attr=f"published_{attr}")

        self.queryset = Action.objects.select_related("theme", "lead", "image").prefetch_related(
            published(Organisation, "partners"),
            published(Finding, "findings"),
            published(Recommendation, "recommendations"),
            published(CollaborationTrack, "tracks"),
            "progress_notes",
        )
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=True, follow_topic_key=follow_topic_key(self.object), **kwargs
        )
