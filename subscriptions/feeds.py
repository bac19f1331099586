"""Atom feeds: every sent update, and one per topic that also carries the major changes to the
pages the topic follows (their change notes, `publishing.changes`)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from publishing.models import ChangeNote

from . import services
from .models import Topic, Update

FEED_LENGTH = 30


class AllUpdatesFeed(Feed):
    """Every sent update, in the URL's language (/es/updates/feed/ in Spanish; an update with
    no Spanish text shows its English text). Django marks the feed with the active language."""

    feed_type = Atom1Feed
    title = _("Clean Industry Initiative: email updates")
    subtitle = _("Every update sent to subscribers of Portland's Clean Industry Initiative.")

    def link(self):
        return reverse("subscriptions:archive")

    def items(self):
        return Update.objects.archived().order_by("-sent_at")[:FEED_LENGTH]

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.sent_at

    def item_updateddate(self, item):
        return item.sent_at


class TopicFeed(AllUpdatesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return gettext("Clean Industry Initiative: %(topic)s") % {"topic": topic.title}

    def subtitle(self, topic):
        return gettext("Email updates about %(topic)s, and the major changes to its pages.") % {
            "topic": topic.title
        }

    def link(self, topic):
        return reverse("subscriptions:archive") + f"?topic={topic.slug}"

    def items(self, topic):
        sent = Update.objects.archived().filter(topics=topic).order_by("-sent_at")
        notes = ChangeNote.objects.none()
        for rows in services.topic_content(topic.key):
            notes |= ChangeNote.objects.about(rows)
        notes = notes.order_by("-changed_at", "-pk").prefetch_related("content_object")
        items = [*sent[:FEED_LENGTH], *notes[:FEED_LENGTH]]
        return sorted(items, key=self.item_pubdate, reverse=True)[:FEED_LENGTH]

    # A change note: "Updated: <title>", its note, a link to it in the page's list of updates.

    def item_title(self, item):
        if isinstance(item, ChangeNote):
            return gettext("Updated: %(title)s") % {"title": item.content_object}
        return super().item_title(item)

    def item_description(self, item):
        return item.text if isinstance(item, ChangeNote) else super().item_description(item)

    def item_pubdate(self, item):
        return item.changed_at if isinstance(item, ChangeNote) else super().item_pubdate(item)

    def item_updateddate(self, item):
        return self.item_pubdate(item)
