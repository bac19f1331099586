from django.views.generic import DetailView, ListView

from .models import Finding


class AssessmentIndexView(ListView):
    queryset = Finding.objects.published()
    template_name = "assessment/index.html"
    context_object_name = "findings"


class FindingDetailView(DetailView):
    queryset = Finding.objects.published()
    context_object_name = "finding"
