"""Staff invitations: an account without a password and an email with a link to set one."""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext


def invite_staff(*, email: str, groups: list[str]):
    """Create (or promote) a staff account in `groups` and email it a link to set a password.

    A new account has no usable password until its owner follows the link; the address counts
    as verified because only its owner can follow that link.
    """
    email = email.strip().lower()
    with transaction.atomic():
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(username=email, email=email)
            user.set_unusable_password()
        user.is_staff = user.is_active = True
        user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))
        address, _ = EmailAddress.objects.get_or_create(
            user=user, email__iexact=email, defaults={"email": email, "primary": True}
        )
        if not address.verified:
            address.verified = True
            address.save(update_fields=["verified"])
        transaction.on_commit(lambda: send_staff_invitation(user_id=user.pk))
    return user


def send_staff_invitation(*, user_id: int) -> None:
    user = get_user_model().objects.get(pk=user_id)
    key = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key}
    )
    context = {
        "user": user,
        "url": settings.SITE_URL + path,
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
    }
    # The staff area is in English: so is the invitation to it.
    with translation.override("en"):
        send_mail(
            subject=gettext("[%(site)s] You are invited to the staff admin")
            % {"site": gettext(settings.SITE_NAME)},
            message=render_to_string("account/email/staff_invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
