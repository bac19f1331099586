from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext


class StaffMFARequiredMiddleware:
    """No admin page for a staff account until it has set up two-factor authentication.

    allauth asks for the second factor at every sign-in once an authenticator exists; this
    makes sure one exists before the admin shows anything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and request.path.startswith(reverse("admin:index"))
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                gettext(
                    "Set up two-factor authentication with an authenticator app before using "
                    "the admin. You will also get recovery codes: keep them somewhere safe."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
