from django.views.generic import DetailView, ListView

from .models import Action


class RoadmapIndexView(ListView):
    queryset = Action.objects.published()
    template_name = "roadmap/index.html"
    context_object_name = "actions"


class ActionDetailView(DetailView):
    queryset = Action.objects.published()
    context_object_name = "action"
