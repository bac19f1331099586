"""The roadmap overview: a status summary and progress over time, as charts and tables."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from publishing.models import Publishable
from roadmap.models import Action
from tests.languages import get
from tests.outline import assert_accessible
from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
INDEX = reverse("roadmap:index")
P = Action.Progress
SVG = "{http://www.w3.org/2000/svg}"


def svg(content, chart_id):
    match = re.search(rf'<svg [^>]*id="{chart_id}".*?</svg>', content, re.DOTALL)
    return ElementTree.fromstring(match.group())  # well-formed, or this fails


def texts(root):
    return [element.text for element in root.iter(f"{SVG}text")]


def test_index_charts_actions_by_status_with_a_table(client):
    ActionFactory.create_batch(2, progress=P.PLANNED)
    ActionFactory(progress=P.COMPLETE)
    ActionFactory(progress=P.COMPLETE, status=Publishable.Status.DRAFT)

    response = client.get(INDEX)

    content = response.content.decode()
    assert_accessible(response)
    chart = svg(content, "status-chart")
    assert chart.get("role") == "img"
    assert "Planned: 2; Complete: 1." in content
    assert '<tr><th scope="row">Planned</th><td>2</td></tr>' in content
    assert '<tr><th scope="row">Complete</th><td>1</td></tr>' in content
    assert "No dated progress updates have been posted yet" in content


def test_index_charts_progress_over_time_from_dated_notes(client):
    first, second = ActionFactory(), ActionFactory()
    ProgressNoteFactory(action=first, date=datetime.date(2022, 5, 1), progress=P.PLANNED)
    ProgressNoteFactory(action=first, date=datetime.date(2023, 5, 1), progress=P.COMPLETE)
    ProgressNoteFactory(action=second, date=datetime.date(2023, 1, 1), progress=P.IN_PROGRESS)
    hidden = ActionFactory(status=Publishable.Status.DRAFT)
    ProgressNoteFactory(action=hidden, date=datetime.date(2021, 1, 1), progress=P.ON_HOLD)

    response = client.get(INDEX)

    content = response.content.decode()
    assert_accessible(response)
    chart = svg(content, "progress-chart")
    assert "2022: 1 planned, 0 in progress, 0 complete." in chart.findtext(
        "{http://www.w3.org/2000/svg}desc"
    )
    assert "2021" not in content  # only the draft action had a note then
    assert '<tr><th scope="row">2023</th><td>0</td><td>1</td><td>1</td></tr>' in content
    assert "On hold" not in content


CHARTS = {
    "en": {
        "status": (
            "Roadmap steps by status",
            "Planned: 1; In progress: 1.",
            ["Planned", "1", "In progress", "1"],
        ),
        "progress": (
            "Roadmap steps by status at the end of each year",
            "From the dated progress updates. 2022: 1 planned, 0 in progress. "
            "2023: 0 planned, 1 in progress.",
            ["Planned", "In progress"],
        ),
    },
    "es": {
        "status": (
            "Acciones de la hoja de ruta por estado",
            "Planificada: 1; En curso: 1.",
            ["Planificada", "1", "En curso", "1"],
        ),
        "progress": (
            "Acciones de la hoja de ruta por estado al final de cada año",
            "Según los avances registrados con fecha. 2022: 1 planificada, 0 en curso. "
            "2023: 0 planificadas, 1 en curso.",
            ["Planificada", "En curso"],
        ),
    },
}


def test_charts_speak_the_page_language(client, roadmap, language):
    _, html = get(client, INDEX, language)

    title, description, words = CHARTS[language]["status"]
    status = svg(html, "status-chart")
    assert status.find(f"{SVG}title").text == title
    assert status.find(f"{SVG}desc").text == description
    assert texts(status) == words

    title, description, legend = CHARTS[language]["progress"]
    progress = svg(html, "progress-chart")
    assert progress.find(f"{SVG}title").text == title
    assert progress.find(f"{SVG}desc").text == description
    words = texts(progress)
    assert words[:2] == legend
    assert words.count("Total 1") == 2
