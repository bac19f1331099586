import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from opendata.datasets import DATASETS, LICENCE_NAME
from publishing.models import Publishable
from roadmap.models import Action, Milestone, ProgressNote
from subscriptions.models import Topic, Update
from tests.assessment.factories import FindingFactory, IndicatorFactory
from tests.exchange.factories import RecommendationFactory
from tests.languages import get
from tests.outline import assert_accessible
from tests.roadmap.factories import (
    ActionFactory,
    CollaborationTrackFactory,
    OrganisationFactory,
    ProgressNoteFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
DRAFT = Publishable.Status.DRAFT
SITE = "https://portal.example.org"
DAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def get_csv(client, name):
    response = client.get(reverse("opendata:csv", args=[name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text))), text.splitlines()[0]


def get_json(client, name):
    response = client.get(reverse("opendata:json", args=[name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.json"'
    return json.loads(response.content)


def get_schema(client, name):
    response = client.get(reverse("opendata:schema", args=[name]))
    assert response["Content-Type"] == "application/schema+json"
    return json.loads(response.content)


TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
}


def validate(instance, schema, path="$"):
    """Enough of JSON Schema for our schemas: type, const, properties, required, items."""
    if "const" in schema:
        assert instance == schema["const"], path
    types = schema.get("type")
    if types:
        types = types if isinstance(types, list) else [types]
        ok = any(
            isinstance(instance, TYPES[t]) and not (t in ("integer", "number") and instance is True)
            for t in types
        )
        assert ok, f"{path}: {instance!r} is not {types}"
    if isinstance(instance, dict):
        assert set(schema.get("required", [])) <= set(instance), path
        if schema.get("additionalProperties") is False:
            assert set(instance) <= set(schema["properties"]), path
        for key, value in instance.items():
            if key in schema.get("properties", {}):
                validate(value, schema["properties"][key], f"{path}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            validate(item, schema["items"], f"{path}[{index}]")


@pytest.fixture
def world():
    finding = FindingFactory(slug="heat", title="High-temperature heat")
    FindingFactory(slug="secret-finding", status=DRAFT)
    IndicatorFactory(slug="jobs-share", finding=finding, value="22.00", approximate=True)
    IndicatorFactory(slug="draft-indicator", status=DRAFT, finding=None)
    IndicatorFactory(slug="of-a-draft-finding", finding__status=DRAFT)
    recommendation = RecommendationFactory(slug="recover-heat")
    RecommendationFactory(slug="draft-advice", status=DRAFT)
    RecommendationFactory(slug="of-a-draft-trip", site_visit__trip__status=DRAFT)
    lead = OrganisationFactory(slug="city", name="City of Portland")
    action = ActionFactory(
        slug="build-hub",
        lead=lead,
        findings=[finding, FindingFactory(slug="hidden-finding", status=DRAFT)],
        recommendations=[recommendation],
        tracks=[CollaborationTrackFactory(slug="g2g")],
        partners=[OrganisationFactory(slug="pba"), OrganisationFactory(status=DRAFT)],
    )
    hidden = [
        ActionFactory(slug="draft-action", status=DRAFT),
        ActionFactory(slug="under-draft-theme", theme=ThemeFactory(status=DRAFT)),
    ]
    # A milestone whose target date moved once: one milestone, one entry in the history.
    milestone = Milestone.objects.create(
        action=action, title="Draft strategy", target_date=datetime.date(2026, 12, 1)
    )
    milestone.target_date = datetime.date(2027, 3, 1)
    milestone.history_note = {"en": "The council review moved."}
    milestone.save()
    for other in hidden:
        Milestone.objects.create(
            action=other, title="Hidden", target_date=datetime.date(2026, 1, 1)
        )
        ProgressNoteFactory(action=other)
    topic = Topic.objects.create(key="section:roadmap", title="Roadmap", slug="roadmap")
    sent = Update.objects.create(
        subject="Hub strategy out", status=Update.Status.SENT, sent_at=timezone.now()
    )
    sent.topics.set([topic])
    Update.objects.create(subject="Not sent yet")
    return {
        "finding": finding,
        "recommendation": recommendation,
        "action": action,
        "sent": sent,
        "milestone": milestone,
        "move": ProgressNote.objects.get(milestone=milestone),
    }


EXPECTED_SLUGS = {
    "findings": ["heat"],
    "indicators": ["jobs-share"],
    "recommendations": ["recover-heat"],
    "actions": ["build-hub"],
}


@pytest.mark.parametrize("name", DATASETS)
def test_csv_has_the_documented_header_and_only_published_rows(client, world, name):
    rows, header = get_csv(client, name)

    assert header.split(",") == [field.name for field in DATASETS[name].fields]
    by_id = {"updates": "sent", "milestones": "milestone", "action_history": "move"}
    key = "id" if name in by_id else "slug"
    expected = [str(world[by_id[name]].pk)] if name in by_id else EXPECTED_SLUGS[name]
    assert [row[key] for row in rows] == expected
    assert all(row["url"].startswith(SITE + "/") for row in rows)


@pytest.mark.parametrize("name", DATASETS)
def test_json_validates_against_its_schema(client, world, name):
    document, schema = get_json(client, name), get_schema(client, name)

    validate(document, schema)
    assert schema["$id"] == SITE + reverse("opendata:schema", args=[name])
    assert document["schema"] == schema["$id"]
    assert document["licence"]["name"] == LICENCE_NAME
    assert len(document["rows"]) == 1
    assert list(document["rows"][0]) == [field.name for field in DATASETS[name].fields]


def test_actions_carry_their_links_to_published_rows_only(client, world):
    rows, _ = get_csv(client, "actions")
    row = rows[0]
    assert row["findings"] == "heat"
    assert row["recommendations"] == "recover-heat"
    assert row["tracks"] == "g2g"
    assert row["partners"] == "pba"
    assert row["lead"] == "city"
    assert row["lead_name"] == "City of Portland"
    assert row["url"] == SITE + world["action"].get_absolute_url()

    action = get_json(client, "actions")["rows"][0]
    assert action["findings"] == ["heat"]
    assert action["recommendations"] == ["recover-heat"]
    assert action["tracks"] == ["g2g"]


def test_findings_carry_their_coverage_by_published_actions_only(client, world):
    ActionFactory(slug="also-heat", findings=[world["finding"]])
    ActionFactory(slug="draft-heat", findings=[world["finding"]], status=DRAFT)
    FindingFactory(slug="unanswered")

    rows = {row["slug"]: row for row in get_csv(client, "findings")[0]}
    assert sorted(rows["heat"]["actions"].split(";")) == ["also-heat", "build-hub"]
    assert rows["heat"]["action_count"] == "2"
    assert rows["unanswered"]["actions"] == "" and rows["unanswered"]["action_count"] == "0"

    rows = {row["slug"]: row for row in get_json(client, "findings")["rows"]}
    assert sorted(rows["heat"]["actions"]) == ["also-heat", "build-hub"]
    assert rows["heat"]["action_count"] == 2
    assert rows["unanswered"]["actions"] == [] and rows["unanswered"]["action_count"] == 0


def test_values_keep_their_types(client, world):
    indicator = get_json(client, "indicators")["rows"][0]
    assert indicator["value"] == 22
    assert indicator["approximate"] is True
    assert indicator["finding"] == "heat"
    assert get_csv(client, "indicators")[0][0]["value"] == "22"
    update = get_json(client, "updates")["rows"][0]
    assert update["topics"] == ["roadmap"]
    assert datetime.datetime.fromisoformat(update["sent_at"]) == world["sent"].sent_at


def test_a_moved_target_date_stays_in_the_open_data(client, world):
    action = world["action"]
    action.target_date = datetime.date(2027, 1, 1)
    action.save()
    action.target_date = datetime.date(2027, 6, 1)
    action.history_note = {"en": "Funding arrives later."}
    action.save()

    [row] = get_json(client, "actions")["rows"]
    assert (row["target_date"], row["original_target_date"]) == ("2027-06-01", "2027-01-01")
    [milestone] = get_json(client, "milestones")["rows"]
    assert milestone["target_date"] == "2027-03-01"
    assert milestone["original_target_date"] == "2026-12-01"
    assert milestone["target_date_moves"] == 1
    assert milestone["url"] == SITE + action.get_absolute_url() + f"#milestone-{milestone['id']}"
    moves = [
        (r["milestone"], r["previous_target_date"], r["target_date"], r["note"])
        for r in get_json(client, "action_history")["rows"]
    ]
    assert moves == [
        (milestone["id"], "2026-12-01", "2027-03-01", "The council review moved."),
        (None, "2027-01-01", "2027-06-01", "Funding arrives later."),
    ]
    rows, _ = get_csv(client, "action_history")
    assert rows[1]["milestone"] == "" and rows[1]["previous_target_date"] == "2027-01-01"


def test_csv_escapes_commas_quotes_and_newlines(client):
    FindingFactory(title='Heat, "steam"\nand power')
    rows, _ = get_csv(client, "findings")
    assert rows[0]["title"] == 'Heat, "steam"\nand power'


FORMULAS = ['=HYPERLINK("http://evil","x")', "@SUM(1)", "+1", "-1", "\tcmd", "\rcmd"]


def test_csv_text_that_a_spreadsheet_would_run_is_neutralised(client):
    for number, title in enumerate(FORMULAS):
        FindingFactory(slug=f"finding-{number}", title=title, summary=title)
        ActionFactory(slug=f"action-{number}", title=title, lead=None, lead_description=title)

    for name, fields in [("findings", ["title", "summary"]), ("actions", ["title", "lead_name"])]:
        rows = sorted(get_csv(client, name)[0], key=lambda row: row["slug"])
        for row, title in zip(rows, FORMULAS, strict=True):
            assert [row[field] for field in fields] == ["'" + title] * len(fields), name
        json_rows = sorted(get_json(client, name)["rows"], key=lambda row: row["slug"])
        assert [row["title"] for row in json_rows] == FORMULAS  # exactly as published


def test_csv_numbers_and_harmless_text_are_left_as_they_are(client):
    IndicatorFactory(name="Net change in jobs", value="-3.50", unit="% - of all jobs", year=2024)
    row = get_csv(client, "indicators")[0][0]
    assert row["value"] == "-3.5"
    assert row["unit"] == "% - of all jobs"
    assert row["year"] == "2024"


def test_unknown_dataset_is_not_found(client):
    assert client.get("/data/secrets.csv").status_code == 404
    assert client.get("/data/secrets.json").status_code == 404
    assert client.get("/data/secrets.schema.json").status_code == 404


def _many(count):
    theme, lead = ThemeFactory(), OrganisationFactory()
    tracks = [
        CollaborationTrackFactory(kind=kind, slug=kind) for kind in ("government", "industry")
    ]
    for _ in range(count):
        finding = FindingFactory()
        IndicatorFactory(finding=finding)
        ActionFactory(
            theme=theme,
            lead=lead,
            findings=[finding, FindingFactory()],
            recommendations=[RecommendationFactory()],
            tracks=tracks,
            partners=[OrganisationFactory()],
        )
        update = Update.objects.create(
            subject="Sent", status=Update.Status.SENT, sent_at=timezone.now()
        )
        update.topics.add(Topic.objects.get_or_create(key="k", slug="k", title="K")[0])
        action = Action.objects.latest("pk")
        milestone = Milestone.objects.create(action=action, title="M", target_date=DAY)
        milestone.target_date = DAY + datetime.timedelta(days=30)
        milestone.save()
        action.progress = Action.Progress.COMPLETE
        action.save()


def _queries(client, name) -> int:
    with CaptureQueriesContext(connection) as context:
        b"".join(client.get(reverse("opendata:csv", args=[name])).streaming_content)
        client.get(reverse("opendata:json", args=[name]))
    return len(context.captured_queries)


@pytest.mark.parametrize("name", DATASETS)
def test_query_count_does_not_grow_with_rows(client, name):
    _many(1)
    few = _queries(client, name)
    _many(9)
    assert _queries(client, name) == few  # ten times the rows, the same queries


DATA_PAGE = {
    "en": (
        "<h1>Open data</h1>",
        "The City may change the licence",
        '<th scope="col">Field</th><th scope="col">Type</th>',
        "Stable identifier of the finding.",
        "<td>slug, or empty</td>",
        "begins with an added single quote",
    ),
    "es": (
        "<h1>Datos abiertos</h1>",
        "La Ciudad puede cambiar la licencia",
        '<th scope="col">Campo</th><th scope="col">Tipo</th>',
        "Identificador estable del hallazgo.",
        "<td>slug, o vacío</td>",
        "empieza con un apóstrofo añadido",
    ),
}


def test_data_page_documents_each_dataset_and_the_licence(client, language):
    with translation.override(language):
        links = {
            name: [reverse(f"opendata:{route}", args=[name]) for route in ("csv", "json", "schema")]
            for name in DATASETS
        }

    response, content = get(client, reverse("opendata:index"), language)

    assert_accessible(response)
    assert LICENCE_NAME in content
    for text in DATA_PAGE[language]:
        assert text in content
    for name, dataset in DATASETS.items():
        for link in links[name]:
            assert f'href="{link}"' in content
        for field in dataset.fields:  # the field names stay as in the files
            assert f"<code>{field.name}</code>" in content


def test_open_data_files_keep_english_keys_in_spanish(client):
    document = json.loads(client.get("/es/data/findings.json").content)
    assert set(document) == {"dataset", "title", "licence", "schema", "rows"}
    schema = json.loads(client.get("/es/data/findings.schema.json").content)
    assert set(schema["properties"]["rows"]["items"]["properties"]) == {
        "slug", "title", "kind", "summary", "sector", "actions", "action_count", "url"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("assessment:index", "findings"),
        ("assessment:index", "indicators"),
        ("roadmap:index", "actions"),
        ("subscriptions:archive", "updates"),
        ("exchange:index", "recommendations"),
    ],
)
def test_list_pages_link_to_their_data(client, world, page, name):
    content = client.get(reverse(page)).content.decode()
    assert f'href="{reverse("opendata:csv", args=[name])}"' in content
    assert f'href="{reverse("opendata:json", args=[name])}"' in content
