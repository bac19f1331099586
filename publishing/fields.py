from django.db import models

from .sanitize import clean_html


class SanitizedHTMLField(models.TextField):
    """Rich text that is cleaned against the allow-list every time it is saved."""

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
