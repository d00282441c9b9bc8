"""Create (or update) an editor's account for a script and print its API token."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from rest_framework.authtoken.models import Token

from releases.services.editorial_groups import EDITORS, PUBLISHERS


class Command(BaseCommand):
    help = ("Create or update a staff account in the Editors group (Publishers with --publisher) "
            "and print only its API token, for scripts: Authorization: Token <token>.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--publisher", action="store_true",
                            help="Publishers instead of Editors: may also publish and delete.")

    def handle(self, *args, username, publisher, **options):
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            # A script's account logs in with its token only, never with a password.
            user.set_unusable_password()
        user.is_staff = True
        user.save()
        # Exactly one editorial group, so a rerun without --publisher takes the right away.
        user.groups.remove(*Group.objects.filter(name__in=[EDITORS, PUBLISHERS]))
        user.groups.add(Group.objects.get(name=PUBLISHERS if publisher else EDITORS))
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
