from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.forms import ValidationError

from accounts import invitations, roles


class Command(BaseCommand):
    help = "Invite a member of staff: create the account and email a link to set a password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--group", required=True, choices=[roles.EDITORS, roles.PUBLISHERS], action="append"
        )

    def handle(self, *args, email, group, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email}") from error
        user = invitations.invite_staff(email=email, groups=group)
        self.stdout.write(f"Invited {user.email} ({', '.join(group)}); the email is on its way.")
