"""Detail pages join the rows they point to and fetch the rows pointing to them separately."""

from django.db.models import Prefetch

from exchange.models import Recommendation, Trip
from publishing.preview import points_to_one
from roadmap.models import Action


def test_rows_a_page_points_to_are_joined_to_its_query():
    assert points_to_one(Action, "theme")
    assert points_to_one(Recommendation, "site_visit__trip")


def test_rows_pointing_to_it_and_filtered_sets_come_separately():
    assert not points_to_one(Action, "findings")  # many-to-many
    assert not points_to_one(Trip, "site_visits")  # the reverse of a foreign key
    assert not points_to_one(Action, "partners")
    assert not points_to_one(Trip, Prefetch("events"))
