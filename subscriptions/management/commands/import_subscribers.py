"""Import a subscriber list moved from another service (the people on it already opted in)."""

import csv
from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from subscriptions import services
from subscriptions.models import Subscriber, Topic

CHUNK = 2000


class Command(BaseCommand):
    help = (
        "Import confirmed subscribers from a CSV file with the columns email, topics "
        "(topic keys or slugs separated by ';'), language and consent date. Bad rows are "
        "reported by line number; a re-run skips addresses already present. Suppressed "
        "addresses (bounced, complained, ...) are skipped and listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file, import nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        topics = {}
        for topic in Topic.objects.all():
            topics[topic.key.lower()] = topics[topic.slug.lower()] = topic
        languages = {code for code, _ in settings.LANGUAGES}
        good, errors, seen = [], [], {}
        try:
            handle = open(file, newline="", encoding="utf-8-sig")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        with handle:
            reader = csv.DictReader(handle)
            missing = {"email", "topics", "language", "consent date"} - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"{file}: missing column(s): {', '.join(sorted(missing))}")
            for row in reader:
                line = reader.line_num
                try:
                    record = self.parse(row, topics, languages)
                except ValueError as error:
                    errors.append(f"line {line}: {error}")
                    continue
                if record[0] in seen:
                    errors.append(f"line {line}: {record[0]} appears earlier in the file")
                    continue
                seen[record[0]] = line
                good.append(record)
        for error in errors:
            self.stderr.write(error)
        suppressed = set()
        for start in range(0, len(good), CHUNK):
            suppressed |= services.suppressed_among(r[0] for r in good[start : start + CHUNK])
        for email in sorted(suppressed, key=seen.get):
            self.stdout.write(f"line {seen[email]}: {email} is suppressed: skipped")
        good = [record for record in good if record[0] not in suppressed]
        # The file's name only: a server path says nothing about the consent, and may about us.
        source = f"import:{Path(file).name}"
        created = 0 if dry_run else self.save(good, source=source)
        self.stdout.write(
            f"{len(good)} good row(s), {created} imported, {len(good) - created} already present, "
            f"{len(errors)} bad row(s), {len(suppressed)} suppressed (skipped)"
            f"{' (dry run)' if dry_run else ''}"
        )

    def parse(self, row, topics, languages):
        email = (row.get("email") or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise ValueError(f"invalid email address {email!r}") from None
        keys = [k.strip().lower() for k in (row.get("topics") or "").split(";") if k.strip()]
        if not keys:
            raise ValueError("no topics")
        unknown = [k for k in keys if k not in topics]
        if unknown:
            raise ValueError(f"unknown topic(s) {', '.join(unknown)}")
        language = (row.get("language") or "").strip() or settings.LANGUAGE_CODE
        if language not in languages:
            raise ValueError(f"unknown language {language!r}")
        raw = (row.get("consent date") or "").strip()
        consent = parse_datetime(raw) if "T" in raw or " " in raw else None
        if consent is None:
            try:
                day = parse_date(raw)
            except ValueError:
                day = None
            if day is None:
                raise ValueError(f"invalid consent date {raw!r} (use YYYY-MM-DD)")
            consent = datetime.combine(day, time.min)
        if timezone.is_naive(consent):
            consent = timezone.make_aware(consent)
        return email, {topics[k].pk for k in keys}, language, consent

    def save(self, records, *, source) -> int:
        created = 0
        through = Subscriber.topics.through
        now = timezone.now()
        for start in range(0, len(records), CHUNK):
            chunk = records[start : start + CHUNK]
            with transaction.atomic():
                emails = [email for email, *_ in chunk]
                existing = set(
                    Subscriber.objects.filter(email__in=emails).values_list("email", flat=True)
                )
                new = [r for r in chunk if r[0] not in existing]
                Subscriber.objects.bulk_create(
                    [
                        Subscriber(
                            email=email,
                            language=language,
                            status=Subscriber.Status.CONFIRMED,
                            confirmed_at=now,
                            consent_at=consent,
                            consent_source=source[:500],
                            consent_text="Consent given to the previous email service; imported.",
                        )
                        for email, _, language, consent in new
                    ],
                    ignore_conflicts=True,
                )
                ids = dict(
                    Subscriber.objects.filter(email__in=[r[0] for r in new]).values_list(
                        "email", "pk"
                    )
                )
                through.objects.bulk_create(
                    [
                        through(subscriber_id=ids[email], topic_id=topic_id)
                        for email, topic_ids, *_ in new
                        if email in ids
                        for topic_id in topic_ids
                    ],
                    ignore_conflicts=True,
                )
                created += len(new)
        return created
