from django import forms
from django.conf import settings

from .models import Subscriber, Topic


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class SubscribeForm(forms.Form):
    # EmailField rejects newlines and everything else a header injection needs.
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topics = TopicChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="key",
        label="Topics",
        error_messages={"required": "Choose at least one topic."},
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.IMMEDIATELY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topics is not None:
            self.fields["topics"].queryset = topics

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PreferencesForm(forms.ModelForm):
    topics = TopicChoiceField(queryset=Topic.objects.all(), required=False, label="Topics")

    class Meta:
        model = Subscriber
        fields = ["topics", "frequency", "language"]
        widgets = {"frequency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label="Send at", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
