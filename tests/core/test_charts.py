import datetime
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import translation
from django.utils.formats import get_format

from core.charts import Bar, bar_chart, format_number, stacked_bar_chart
from roadmap.models import Action
from roadmap.views import progress_by_year

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # fails unless the SVG is well-formed XML


def texts(root) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


def assert_named(root, chart_id):
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find(f"{SVG}title").get("id") == f"{chart_id}-title"
    assert root.find(f"{SVG}desc").get("id") == f"{chart_id}-desc"
    assert root.get("viewBox").startswith("0 0 ")
    assert root.get("width") == "100%" and root.get("height") is None  # reflows
    assert not [el for el in root.iter() if el.get("style") is not None]  # CSP: no style=""


def test_bar_chart_is_named_and_writes_its_values():
    svg = bar_chart(
        chart_id="jobs",
        title="Key figures",
        description="Share of jobs: about 22%.",
        bars=[Bar("Share of jobs", Decimal("22.00"), "about 22%"), Bar("Firms", 1500)],
    )

    root = parse(svg)
    assert_named(root, "jobs")
    assert root.find(f"{SVG}title").text == "Key figures"
    assert root.find(f"{SVG}desc").text == "Share of jobs: about 22%."
    assert texts(root) == ["Share of jobs", "about 22%", "Firms", "1,500"]


def test_a_single_percentage_is_drawn_against_100():
    root = parse(
        bar_chart(chart_id="c", title="t", description="d", bars=[Bar("x", 22)], maximum=100)
    )
    track, bar = (float(rect.get("width")) for rect in root.iter(f"{SVG}rect"))
    assert bar == pytest.approx(track * 0.22)


def test_labels_are_escaped():
    label = 'Heat <pumps> & "kilns"'
    svg = bar_chart(chart_id="c", title=f"{label} chart", description=label, bars=[Bar(label, 1)])

    root = parse(svg)
    assert "<pumps>" not in svg
    assert root.find(f"{SVG}title").text == f"{label} chart"
    assert label in texts(root)


def numbers(language):
    """1,500 and 22.5 as `language` writes them."""
    if language == "en":
        return "1,500", "22.5"
    # The separators of Django's Spanish number format, whatever the settings make them.
    thousands = get_format("THOUSAND_SEPARATOR", "es", use_l10n=True)
    decimal = get_format("DECIMAL_SEPARATOR", "es", use_l10n=True)
    return f"1{thousands}500", f"22{decimal}5"


def test_charts_write_their_own_words_and_numbers_in_the_page_language(language):
    with translation.override(language):
        stacked = parse(
            stacked_bar_chart(
                chart_id="c",
                title="t",
                description="d",
                categories=["2023"],
                series=[("Planificada", [1200]), ("Completada", [300])],
            )
        )
        bars = parse(
            bar_chart(chart_id="b", title="t", description="d", bars=[Bar("x", Decimal("22.50"))])
        )
        thousand_and_a_half, decimal = numbers(language)
        assert format_number(1500) == thousand_and_a_half
        assert format_number(Decimal("22.50")) == decimal
    assert f"Total {thousand_and_a_half}" in texts(stacked)
    assert decimal in texts(bars)


def test_stacked_chart_has_a_legend_in_words_and_counts_on_its_segments():
    svg = stacked_bar_chart(
        chart_id="progress",
        title="By year",
        description="2022: 1 planned. 2023: 1 planned, 2 complete.",
        categories=["2022", "2023"],
        series=[("Planned", [1, 1]), ("Complete", [0, 2])],
    )

    root = parse(svg)
    assert_named(root, "progress")
    words = texts(root)
    assert words[:2] == ["Planned", "Complete"]  # the legend names each series
    assert "Total 1" in words and "Total 3" in words
    assert words.count("2") == 1 and words.count("1") == 2
    # Series differ by pattern, not colour alone.
    patterns = [p.get("id") for p in root.iter(f"{SVG}pattern")]
    assert len(set(patterns)) == 2


def test_progress_by_year_counts_each_action_at_its_latest_status():
    P = Action.Progress
    notes = [
        (1, datetime.date(2022, 3, 1), P.PLANNED),
        (2, datetime.date(2022, 9, 1), P.IN_PROGRESS),
        (1, datetime.date(2024, 2, 1), P.COMPLETE),
    ]

    years, series = progress_by_year(notes)

    assert years == ["2022", "2023", "2024"]
    assert series == [
        ("Planned", [1, 1, 0]),
        ("In progress", [1, 1, 1]),
        ("Complete", [0, 0, 1]),
    ]
    assert progress_by_year([]) == ([], [])


def test_charts_read_right_to_left_on_arabic_pages():
    """Labels start at the right edge and bars grow leftwards, as the page reads; in English
    the same chart starts at the left."""

    def drawn(language):
        with translation.override(language):
            bars = parse(bar_chart(chart_id="c", title="t", description="d", bars=[Bar("a", 5)]))
            stacked = parse(
                stacked_bar_chart(
                    chart_id="s",
                    title="t",
                    description="d",
                    categories=["x"],
                    series=[("one", [2]), ("two", [3])],
                )
            )
        return bars, stacked

    bars, stacked = drawn("ar")
    assert bars.get("direction") == "rtl"
    label, value = bars.iter(f"{SVG}text")
    track, bar = bars.iter(f"{SVG}rect")
    assert float(label.get("x")) == 480  # the right edge: the text runs leftwards from it
    assert float(bar.get("x")) + float(bar.get("width")) == pytest.approx(480)
    assert float(track.get("x")) + float(track.get("width")) == pytest.approx(480)
    assert float(value.get("x")) < float(bar.get("x"))  # the value after the bar's end
    segments = [r for r in stacked.iter(f"{SVG}rect") if "url(" in (r.get("fill") or "")][2:]
    assert float(segments[0].get("x")) > float(segments[1].get("x"))  # series run leftwards

    english, _ = drawn("en")
    assert english.get("direction") is None
    assert float(next(english.iter(f"{SVG}text")).get("x")) == 0
