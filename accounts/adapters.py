from allauth.account.adapter import DefaultAccountAdapter


class StaffOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are for staff, and staff are invited (`manage.py invite_staff`): no sign-up."""

    def is_open_for_signup(self, request):
        return False
