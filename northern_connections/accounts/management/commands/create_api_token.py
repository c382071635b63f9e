"""Print a new API key for one person, once (scripts such as the schemathesis run use it)."""

from django.core.management.base import BaseCommand, CommandError

from northern_connections.accounts import services
from northern_connections.accounts.models import User


class Command(BaseCommand):
    help = "Create (or replace) the API token of the user with this e-mail and print the key once."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="e-mail address of an existing, active user")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the e-mail address {email!r}.")
        # The operator acts for the person: the same service as the profile page, with them as actor.
        self.stdout.write(services.api_token_create(actor=user))
