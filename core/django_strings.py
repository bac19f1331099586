"""Django's own words that public pages and emails show, listed here so that `make messages`
copies them into the portal's catalogues.

Django ships catalogues for every language on the City's list but Somali and Lao; without these
entries a Somali or Lao page would show English month names and form errors. Our catalogue comes
first (LOCALE_PATHS), so the same words are also ours to correct in the other languages.
Nothing imports this module: it exists to be read by xgettext.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MONTHS = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)

# Errors of the fields the public forms use (sign-up, preferences, contact, search).
FORM_ERRORS = (
    _("This field is required."),
    _("Enter a valid email address."),
    _("Enter a valid value."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("Select a valid choice. That choice is not one of the available choices."),
    _("Enter a list of values."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    _("Null characters are not allowed."),
)
