from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from core.cache import reads_query_params

from . import registry


@reads_query_params("q")
def search(request):
    query = registry.normalise(request.GET.get("q", ""))
    # The results are a cached fragment per query (templates/search/search.html), renewed with
    # the content version, which any change to the index bumps: searched for lazily, only
    # when it is rebuilt. (The page cache stores a page per query the same way.)
    results = SimpleLazyObject(lambda: found(query))
    return render(request, "search/search.html", {"query": query, "results": results})


def found(query: str) -> dict:
    groups = registry.search(query) if query else []
    return {"groups": groups, "total": sum(len(results) for _, results in groups)}


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
