"""The event form staff fill in: days and times of day as people say them, in Portland's time.

An event is stored as two aware datetimes (exchange.models.Event), but staff think "Tuesday
10 January, 6 to 8 pm", or only "10 January" when the time is not known: a blank start time
makes a date-only event. A moved event keeps the start it had before it moved.
"""

from django import forms
from django.contrib.admin import widgets
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publishing.admin_mixins import ChangeNoteForm

from .models import Event


def formfield(field, **kwargs):
    # Editors paste bare domains: assume https, as the admin does (publishing.admin_mixins).
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


# On ChangeNoteForm: a save of a published event asks minor or major, as every page with
# change notes does (publishing.changes).
class EventAdminForm(ChangeNoteForm):
    start_date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=widgets.AdminDateWidget,
        help_text=_("Leave empty if the date is not known."),
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=widgets.AdminTimeWidget,
        help_text=_("Portland time. Leave empty for a date-only event."),
    )
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=widgets.AdminDateWidget,
        help_text=_("Only for an event over several days."),
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=widgets.AdminTimeWidget)

    class Meta:
        model = Event
        # Every field but those the days and times above make.
        exclude = ["starts_at", "ends_at", "all_day"]
        formfield_callback = formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.starts_at:
            start = timezone.localtime(event.starts_at)
            self.initial.setdefault("start_date", start.date())
            if not event.all_day:
                self.initial.setdefault("start_time", start.time())
            if event.last_day != event.first_day:
                self.initial.setdefault("end_date", event.last_day)
            if event.ends_at and not event.all_day:
                self.initial.setdefault("end_time", timezone.localtime(event.ends_at).time())

    def clean(self):
        cleaned = super().clean()
        first_day, start_time = cleaned.get("start_date"), cleaned.get("start_time")
        last_day, end_time = cleaned.get("end_date"), cleaned.get("end_time")
        if first_day is None and (start_time or last_day or end_time):
            self.add_error("start_date", _("Give the date, or leave every time empty."))
            return cleaned
        if end_time and not start_time:
            self.add_error("start_time", _("An event with an end time needs a start time."))
            return cleaned
        if last_day and first_day and last_day < first_day:
            self.add_error("end_date", _("The last day cannot come before the first."))
            return cleaned
        event = self.instance
        stored_start = event.starts_at
        event.set_dates(first_day, start_time, last_day, end_time)
        if event.ends_at and event.ends_at < event.starts_at:
            self.add_error("end_time", _("The event cannot end before it starts."))
            return cleaned
        # Moved: the start it had is kept, unless staff gave it themselves.
        moving = cleaned.get("state") == Event.State.MOVED
        if moving and not cleaned.get("moved_from") and stored_start != event.starts_at:
            cleaned["moved_from"] = stored_start
        return cleaned
