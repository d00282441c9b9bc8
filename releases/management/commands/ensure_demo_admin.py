"""Create (or reset) the local demo superuser without any typing, and print its login."""
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = Path(settings.BASE_DIR) / "var" / "demo-admin-password"


class Command(BaseCommand):
    help = "Create or reset the superuser 'admin' for local use and print the login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo superuser with DJANGO_DEBUG off.")
        # One random password per checkout, kept out of git, so the printed login stays valid.
        if PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            PASSWORD_FILE.parent.mkdir(exist_ok=True)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(
            f"Admin login: http://127.0.0.1:8000/{settings.ADMIN_PATH}  "
            f"user '{username}'  password '{password}'"
        ))
