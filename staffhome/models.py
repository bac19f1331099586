from django.conf import settings
from django.db import models


class ReviewReminder(models.Model):
    """A reminder emailed to an owner of content due for review: at most one a week each
    (reminders.py). Kept as history; old rows may be deleted."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reminders"
    )
    sent_at = models.DateTimeField()
    items = models.PositiveIntegerField()  # how many items it listed

    class Meta:
        indexes = [models.Index(fields=["owner", "-sent_at"])]

    def __str__(self):
        return f"{self.owner} {self.sent_at:%Y-%m-%d}"
