from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from publishing.models import EditingLanguages


class EditingLanguagesForm(forms.ModelForm):
    """Which languages' tabs a staff member sees on content forms, besides English."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you write content in, besides English"),
        choices=[
            (code, name)
            for code, name in settings.LANGUAGES
            if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Content forms show a tab for English and for each language chosen here. The text "
            "already written in the other languages is kept as it is when you save."
        ),
    )

    class Meta:
        model = EditingLanguages
        fields = ["languages"]
