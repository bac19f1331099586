from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """Staff accounts: sign-in (allauth + MFA), invitations and the Editors/Publishers roles."""

    name = "accounts"

    def ready(self):
        from .roles import sync_roles_after_migrate

        # Once per `migrate`, when this app's turn comes (it needs a models module for that).
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="accounts.roles")
