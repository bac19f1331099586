import csv

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse

from .datasets import DATASETS, LICENCE_NAME, LICENCE_URL, absolute, to_csv, to_json


def _dataset(name):
    try:
        return DATASETS[name]
    except KeyError:
        raise Http404("No such dataset.") from None


def _open(response, filename, disposition="attachment"):
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Open data: any site or notebook may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def index(request):
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": DATASETS.values(),
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "breadcrumbs": True,
        },
    )


class _Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def dataset_csv(request, name):
    dataset = _dataset(name)
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([f.name for f in dataset.fields])
        for row in dataset.rows():
            yield writer.writerow([to_csv(value) for value in row.values()])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return _open(response, f"{name}.csv")


def dataset_json(request, name):
    dataset = _dataset(name)
    document = {
        "dataset": name,
        "title": dataset.title,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "schema": absolute(reverse("opendata:schema", args=[name])),
        "rows": [{key: to_json(value) for key, value in row.items()} for row in dataset.rows()],
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    return _open(response, f"{name}.json")


def dataset_schema(request, name):
    dataset = _dataset(name)
    row = {
        "type": "object",
        "properties": {f.name: f.json_schema() for f in dataset.fields},
        "required": [f.name for f in dataset.fields],
        "additionalProperties": False,
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(reverse("opendata:schema", args=[name])),
        "title": dataset.title,
        "description": dataset.description,
        "type": "object",
        "properties": {
            "dataset": {"const": name},
            "title": {"type": "string"},
            "licence": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                },
                "required": ["name", "url"],
            },
            "schema": {"type": "string", "format": "uri"},
            "rows": {"type": "array", "items": row},
        },
        "required": ["dataset", "title", "licence", "schema", "rows"],
    }
    response = JsonResponse(
        schema, content_type="application/schema+json", json_dumps_params={"indent": 2}
    )
    return _open(response, f"{name}.schema.json", disposition="inline")
