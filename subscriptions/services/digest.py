"""The weekly digest: last week's bulletins, to the subscribers who chose a weekly email."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from ..models import Topic, Update
from .sending import send_update


def digest_subject(week, language: str) -> str:
    """The subject of the digest of `week` (its Monday), in `language`."""
    with translation.override(language):
        # Translators: a date format (Django's "date" filter letters) for the digest's subject:
        # "F j, Y" is "November 16, 2026"; escape letters meant literally ("j \d\e F").
        when = formats.date_format(week, pgettext("digest subject date format", "F j, Y"))
        return gettext("This week's Clean Industry updates (%(week)s)") % {"week": when}


def build_weekly_digest(*, now=None) -> Update | None:
    """The digest of last week's bulletins (Monday to Sunday), created once per week."""
    now = timezone.localtime(now or timezone.now())
    this_monday = (now - timedelta(days=now.weekday())).date()
    week = this_monday - timedelta(days=7)
    existing = Update.objects.filter(digest_week=week).first()
    if existing is not None:
        return existing
    start = timezone.make_aware(timezone.datetime.combine(week, timezone.datetime.min.time()))
    items = Update.objects.archived().filter(
        sent_at__gte=start, sent_at__lt=start + timedelta(days=7)
    )
    if not items.exists():
        return None
    try:
        with transaction.atomic():
            digest = Update(kind=Update.Kind.DIGEST, digest_week=week)
            for language in AVAILABLE_LANGUAGES:  # a subject in every language
                field = build_localized_fieldname("subject", language)
                setattr(digest, field, digest_subject(week, language))
            digest.save()
            digest.digest_items.set(items)
            digest.topics.set(Topic.objects.filter(updates__in=items).distinct())
    except IntegrityError:
        return Update.objects.get(digest_week=week)
    return digest


def send_weekly_digest(*, now=None) -> Update | None:
    digest = build_weekly_digest(now=now)
    if digest is not None:
        send_update(update=digest)
    return digest
