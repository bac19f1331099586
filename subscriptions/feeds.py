from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Topic, Update


class AllUpdatesFeed(Feed):
    """Every sent update, in the URL's language (/es/updates/feed/ in Spanish; an update with
    no Spanish text shows its English text). Django marks the feed with the active language."""

    feed_type = Atom1Feed
    title = _("Clean Industry Initiative: email updates")
    subtitle = _("Every update sent to subscribers of Portland's Clean Industry Initiative.")

    def link(self):
        return reverse("subscriptions:archive")

    def items(self):
        return Update.objects.archived().order_by("-sent_at")[:30]

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
        return gettext("Email updates about %(topic)s.") % {"topic": topic.title}

    def link(self, topic):
        return reverse("subscriptions:archive") + f"?topic={topic.slug}"

    def items(self, topic):
        return Update.objects.archived().filter(topics=topic).order_by("-sent_at")[:30]
