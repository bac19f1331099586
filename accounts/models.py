# Staff are django.contrib.auth users in the Editors and Publishers groups (roles.py). Besides
# them, only what a staff member chooses for themselves is stored here.
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditingLanguages(models.Model):
    """The languages a staff member writes content in: with eleven languages, the admin's
    language tabs show English and these only (the others keep their text untouched)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editing_languages"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)

    class Meta:
        verbose_name = _("editing languages")
        verbose_name_plural = _("editing languages")

    def __str__(self):
        return f"{self.user}: {', '.join(self.languages) or '-'}"


# Before a staff member chooses: the language the portal had content in before the others.
DEFAULT_EDITING_LANGUAGES = ("es",)


def editing_languages(user) -> list[str]:
    """The content languages `user` sees in the admin: English first, then their choice."""
    try:
        chosen = user.editing_languages.languages
    except (EditingLanguages.DoesNotExist, AttributeError):
        chosen = DEFAULT_EDITING_LANGUAGES
    english = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [english] + [
        code for code in settings.MODELTRANSLATION_LANGUAGES if code in chosen and code != english
    ]
