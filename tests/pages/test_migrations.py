"""Page, PageSection and ContactMessage moved from cleanindustry to pages with their tables: a
database migrated from before the move keeps every row, and what points at them: content
types, permissions (publish_content among them, held by the Publishers group), admin log
entries, revisions and the search index's labels."""

import pytest
from django.contrib.auth.models import Group, User

from accounts import roles
from pages.models import ContactMessage, Page, PageSection
from publishing import services as publishing
from search.models import SearchDocument
from tests.migrations import assert_trail_follows, leave_a_trail, migrate_to

BEFORE_THE_MOVE = [("cleanindustry", "0005_search_document"), ("search", None), ("pages", None)]


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_pages_and_what_points_at_them():
    old = migrate_to(BEFORE_THE_MOVE)
    image = old.get_model("media", "Image").objects.create(
        file="images/2026/harbour.jpg", width=40, height=30, alt="The harbour", alt_en="The harbour"
    )
    page = old.get_model("cleanindustry", "Page").objects.create(
        title="About", title_en="About", title_es="Acerca de", slug="about",
        summary="The initiative.", summary_en="The initiative.", summary_es="La iniciativa.",
        status="published", image=image,
    )  # fmt: skip
    section = old.get_model("cleanindustry", "PageSection").objects.create(
        page=page, heading="Goals", heading_en="Goals", anchor="goals",
        body="<p>Clean</p>", body_en="<p>Clean</p>", body_es="<p>Limpia</p>", order=2,
    )  # fmt: skip
    message = old.get_model("cleanindustry", "ContactMessage").objects.create(
        name="Ana", email="ana@example.org", subject="Hello", message="A question."
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.get(app_label="cleanindustry", model="page")
    document = old.get_model("cleanindustry", "SearchDocument").objects.create(
        entry="cleanindustry.Page", content_type=page_type, object_id=page.pk, language="en",
        title="About", url="/about/",
    )  # fmt: skip
    trails = {
        Page: leave_a_trail(old, page, title="About", slug="about"),
        PageSection: leave_a_trail(old, section, heading="Goals", order=2),
        ContactMessage: leave_a_trail(old, message),  # not versioned: no fields
    }
    publisher = old.get_model("auth", "User").objects.create(username="publisher")
    publisher.groups.add(old.get_model("auth", "Group").objects.get(name=roles.PUBLISHERS))

    migrate_to()

    moved = Page.objects.get(pk=page.pk)
    assert (moved.title, moved.title_es, moved.summary_es, moved.slug, moved.status) == (
        "About", "Acerca de", "La iniciativa.", "about", "published"
    )  # fmt: skip
    assert moved.image.alt == "The harbour"  # the foreign key to media still resolves
    assert [(s.heading, s.body_es, s.order) for s in moved.sections.all()] == [
        ("Goals", "<p>Limpia</p>", 2)
    ]
    assert ContactMessage.objects.get(pk=message.pk).email == "ana@example.org"
    assert (Page._meta.db_table, PageSection._meta.db_table, ContactMessage._meta.db_table) == (
        "cleanindustry_page", "cleanindustry_pagesection", "cleanindustry_contactmessage"
    )  # fmt: skip
    for model, trail in trails.items():
        assert_trail_follows(trail, model.objects.get(pk=trail["object"]))
    # The publishing right moved with Page's content type and is still the Publishers'.
    assert publishing.PUBLISH_PERMISSION == "pages.publish_content"
    publishers = Group.objects.get(name=roles.PUBLISHERS)
    assert publishers.permissions.filter(
        content_type__app_label="pages", codename="publish_content"
    ).exists()
    assert publishing.can_publish(User.objects.get(pk=publisher.pk))
    # The search index groups results by model label: the document follows the model.
    assert SearchDocument.objects.get(pk=document.pk).entry == "pages.Page"
