from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ContactMessage


class ContactForm(forms.ModelForm):
    # A honeypot: hidden from people (and screen readers), filled in by form-filling robots.
    HONEYPOT = "website"
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "message"]
        labels = {
            "name": _("Name"),
            "email": _("Email address"),
            "subject": _("Subject"),
            "message": _("Your message"),
        }
        help_texts = {"email": _("We only use it to answer you.")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "name": {"required": _("Enter your name.")},
            "email": {
                "required": _("Enter your email address so we can reply."),
                "invalid": _("Enter an email address in the form name@example.com."),
            },
            "subject": {"required": _("Enter a subject.")},
            "message": {"required": _("Enter your message.")},
        }

    def clean_subject(self):
        # A subject is copied into the staff notification's header: one line only.
        return " ".join(self.cleaned_data["subject"].split())

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.pop(self.HONEYPOT, ""):
            raise forms.ValidationError(
                _(
                    "Your message was not sent because it looked automated. Please send it "
                    "again; if that fails, write to us by email."
                )
            )
        return cleaned_data
