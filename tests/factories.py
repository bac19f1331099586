"""Factories and helpers shared by every app's tests (app factories live beside their tests)."""


def give_second_factor(user):
    """The admin turns staff without MFA away (accounts.middleware); give them TOTP."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    return user
