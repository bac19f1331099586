from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import MaxSizeValidator, WebImageValidator
from publishing.models import TimeStampedModel

ALT_OR_DECORATIVE = _('Describe the image, or tick "decorative" if it adds nothing a reader needs.')
NO_ALT_WHEN_DECORATIVE = _("A decorative image has no alt text: clear one or the other.")


class Image(TimeStampedModel):
    """A photo or figure with the words a screen reader says for it (or none, if decorative)."""

    file = models.ImageField(
        upload_to="images/%Y/",
        width_field="width",
        height_field="height",
        validators=[WebImageValidator(), MaxSizeValidator("MAX_IMAGE_UPLOAD_SIZE")],
        help_text=_(
            "The photo (JPEG, PNG or WebP); the site shows resized WebP copies wherever the image "
            "is chosen."
        ),
    )
    width = models.PositiveIntegerField(
        null=True, editable=False, help_text=_("Measured from the file when it is uploaded.")
    )
    height = models.PositiveIntegerField(
        null=True, editable=False, help_text=_("Measured from the file when it is uploaded.")
    )
    alt = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, in a sentence, for people who cannot see it."),
    )
    decorative = models.BooleanField(
        default=False,
        help_text=_("Tick only if the image adds nothing a reader needs: it then has no alt text."),
    )
    caption = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "Shown under the image on the page, for everyone; the alt text is for who cannot see "
            "it."
        ),
    )
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The photographer or owner, shown with the caption."),
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # The database holds the rule too: alt text, or an explicit "decorative".
            models.CheckConstraint(
                condition=models.Q(decorative=True, alt="")
                | (models.Q(decorative=False) & ~models.Q(alt="")),
                name="image_alt_text_or_decorative",
            ),
        ]

    def __str__(self):
        return self.alt or self.caption or self.file.name

    def clean(self):
        # The alt text is written per language (alt_en, alt_es: media/translation.py); English
        # is the one every page falls back to, so it is the one required.
        english = f"alt_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
        alts = {}
        for code in settings.MODELTRANSLATION_LANGUAGES:
            name = f"alt_{code.replace('-', '_')}"
            alts[name] = (getattr(self, name, "") or "").strip()
            setattr(self, name, alts[name])
        if self.decorative and (given := [name for name, text in alts.items() if text]):
            raise ValidationError({given[0]: NO_ALT_WHEN_DECORATIVE})
        if not self.decorative and not alts[english]:
            raise ValidationError({english: ALT_OR_DECORATIVE})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from . import renditions

        renditions.generate(self)

    @property
    def alt_text(self) -> str:
        return "" if self.decorative else self.alt
