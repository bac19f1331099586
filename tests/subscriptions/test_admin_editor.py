"""Writing an email update as staff write a page (issue 18, item 3): the same rich-text editor,
sanitising and language tabs, with a live preview of the email beside the form, in a real
browser under the site's strict Content-Security-Policy."""

import pytest
from django.urls import reverse

from subscriptions.models import Topic, Update
from tests.publishing import test_admin_languages as languages
from tests.publishing.test_admin_languages import assert_nothing_refused, spanish_tab

staff_page = languages.staff_page  # the signed-in tab, recording what the CSP refuses

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def preview_text(page) -> str:
    return page.frame_locator("#update-preview-frame").locator("body").inner_text()


def test_a_formatted_update_is_written_in_the_editor_without_html(live_server, staff_page):
    topic = Topic.objects.create(key="hub", title="Clean industry hub", slug="hub")
    page = staff_page
    page.goto(live_server.url + reverse("admin:subscriptions_update_add"))
    page.locator(".prose-editor .ProseMirror").first.wait_for(state="attached")  # editor ready
    assert_nothing_refused(page)
    frame = page.locator("#update-preview-frame")
    assert frame.get_attribute("sandbox") == ""  # no scripts, no same-origin rights

    page.locator("#id_subject_en").fill("Hub news")
    editor = page.locator(".prose-editor:has(#id_body_html_en) .tiptap.ProseMirror")
    editor.click()
    # Markdown-style keys the editor turns into structure: no HTML is typed.
    page.keyboard.type("## What happened")
    page.keyboard.press("Enter")
    page.keyboard.type("- Partners met")
    page.keyboard.press("Enter")
    page.keyboard.type("Sites chosen")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.type("Read the roadmap")
    page.keyboard.press("Shift+Home")
    # The toolbar's link button, enabled once the editor has the selection.
    insert_link = page.locator(".prose-editor:has(#id_body_html_en) [data-name=link]")
    insert_link.and_(page.locator(":not(.disabled)")).click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("URL").fill("https://example.org/roadmap/")
    dialog.get_by_role("button", name="Update").click()
    # The preview follows the writing: the email as sent, heading, list and link included.
    email = page.frame_locator("#update-preview-frame")
    email.locator("h2", has_text="What happened").wait_for()
    assert email.locator("h1").inner_text() == "Hub news"
    assert email.locator("h2 + ul li").all_inner_texts() == ["Partners met", "Sites chosen"]
    link = email.get_by_role("link", name="Read the roadmap")
    assert link.get_attribute("href") == "https://example.org/roadmap/"

    # Spanish in its own tab, previewed in Spanish.
    spanish_tab(page, "id_subject_es")
    page.locator("#id_subject_es").fill("Noticias del polo")
    page.locator("#id_preview_language").select_option("es")
    email.locator("h1", has_text="Noticias del polo").wait_for()

    page.locator("#id_topics_from option", has_text="Clean industry hub").dblclick()
    assert_nothing_refused(page)
    page.locator("input[name=_continue]").first.click()
    page.wait_for_url("**/change/")
    assert_nothing_refused(page)

    update = Update.objects.get()
    assert list(update.topics.all()) == [topic]
    assert update.subject_en == "Hub news" and update.subject_es == "Noticias del polo"
    assert update.body_html_en.startswith(
        "<h2>What happened</h2><ul><li><p>Partners met</p></li><li><p>Sites chosen</p></li></ul>"
        '<p><a href="https://example.org/roadmap/"'
    )
    assert update.body_html_en.endswith(">Read the roadmap</a></p>")
    assert not update.body_html_es  # left empty: Spanish readers get the English body
    assert "What happened" in update.body_text_en
    # The saved update's form shows its email beside it too.
    email.locator("h2", has_text="What happened").wait_for()
