from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from core.cache import reads_query_params

from . import registry


@reads_query_params("q")
def search(request):
    query = registry.normalise(request.GET.get("q", ""))

    groups = registry.search(query) if query else []
    context = {"query": query, "groups": groups, "total": sum(len(found) for _, found in groups)}
    return render(request, "search/search.html", context)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /updates/manage/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
