import datetime

import pytest

from roadmap.models import Action
from tests.roadmap.factories import (
    ActionFactory,
    OrganisationFactory,
    ProgressNoteFactory,
    ThemeFactory,
)


@pytest.fixture
def roadmap():
    """A theme translated into Spanish with an action translated too, led by an organisation
    with a Spanish name and with dated progress notes; and an action and theme in English only."""
    theme = ThemeFactory(title="Innovation hub", title_es="Polo de innovación", order=1)
    other_theme = ThemeFactory(title="Learning with Denmark", order=2)
    translated = ActionFactory(
        theme=theme,
        title="Write the strategy",
        title_es="Escribir la estrategia",
        summary="A strategy for the hub.",
        summary_es="Una estrategia para el polo.",
        progress=Action.Progress.IN_PROGRESS,
        lead=OrganisationFactory(name="City of Portland", name_es="Ciudad de Portland"),
        timeframe="2023",
    )
    english_only = ActionFactory(
        theme=other_theme,
        title="Explore agreements",
        summary="Talks with Danish partners.",
        progress=Action.Progress.PLANNED,
    )
    ProgressNoteFactory(
        action=translated,
        date=datetime.date(2022, 3, 1),
        progress=Action.Progress.PLANNED,
        text="Kick-off.",
        text_es="Inicio.",
    )
    ProgressNoteFactory(
        action=translated,
        date=datetime.date(2023, 6, 9),
        progress=Action.Progress.IN_PROGRESS,
        text="Draft shared.",
    )
    return translated, english_only
