from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.templatetags.translated import shown_language

from .models import Subscriber, Suppression, Topic, normalise_email


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, topic):
        # A title with no translation shows in English: say so to screen readers (lang).
        shown = shown_language(topic, "title")
        if shown != get_language():
            return format_html('<span lang="{}">{}</span>', shown, topic.title)
        return topic.title


class LanguageSelect(forms.Select):
    """Each language named in itself (settings.LANGUAGES) and marked with its own lang, so a
    screen reader says "Español" in Spanish on an English page."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["lang"] = value
        return option


class LanguageField(forms.ChoiceField):
    """The language of a subscriber's emails: one of settings.LANGUAGES, read when the form is
    made (Subscriber.language has no choices, so adding a language needs no migration)."""

    widget = LanguageSelect
    default_error_messages = {
        "invalid_choice": _("Choose one of the languages offered for the emails."),
        "required": _("Choose the language of the emails."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Language of the emails"))
        super().__init__(choices=lambda: list(settings.LANGUAGES), **kwargs)


class SubscribeForm(forms.Form):
    # EmailField rejects newlines and everything else a header injection needs.
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topics = TopicChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="key",
        label=_("Topics"),
        error_messages={"required": _("Choose at least one topic.")},
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.IMMEDIATELY,
        widget=forms.RadioSelect,
    )
    # Optional: a form without it (the follow form, an older cached page) signs up in the
    # page's language, which is also what the field shows first (the view's initial, from the
    # URL).
    language = LanguageField(required=False)

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topics is not None:
            self.fields["topics"].queryset = topics

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PreferencesForm(forms.ModelForm):
    topics = TopicChoiceField(queryset=Topic.objects.all(), required=False, label=_("Topics"))
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Subscriber.Frequency.choices, widget=forms.RadioSelect
    )
    language = LanguageField()

    class Meta:
        model = Subscriber
        fields = ["topics", "frequency", "language"]


class ChangeEmailForm(forms.Form):
    """A subscriber's new address, asked for on their manage page."""

    email = forms.EmailField(
        label=_("New email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, subscriber, **kwargs):
        super().__init__(*args, **kwargs)
        self.subscriber = subscriber

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email == self.subscriber.email:
            raise forms.ValidationError(
                _("This is already the address of your email updates."), code="unchanged"
            )
        return email


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Send at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class TestSendForm(forms.Form):
    """Staff's test copy of an update: in one language, or one copy in each."""

    ALL = "all"
    language = forms.ChoiceField(label=_("Test in"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(self.ALL, _("Every language")), *settings.LANGUAGES]

    def languages(self) -> list[str] | None:
        """The languages chosen; None for every language."""
        chosen = self.cleaned_data.get("language")
        return None if chosen in ("", self.ALL) else [chosen]


class SuppressionForm(forms.ModelForm):
    """Staff suppressing an address by hand (the admin's add form), saying why."""

    class Meta:
        model = Suppression
        fields = ["email", "detail"]
        labels = {"detail": _("Why")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("email", "detail"):
            if name in self.fields:  # (the change view shows them read-only)
                self.fields[name].required = True

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if Suppression.objects.active().filter(email=email).exists():
            raise forms.ValidationError(_("This address is suppressed already."))
        return email


class LiftSuppressionForm(forms.Form):
    note = forms.CharField(
        label=_("Why may we email this address again?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log with your name."),
    )
