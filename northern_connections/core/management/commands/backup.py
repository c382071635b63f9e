"""`manage.py backup DIR`: the database and the uploaded files into a new folder in DIR (core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from northern_connections.core.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Back up the database (PostgreSQL: pg_dump custom format; SQLite: the online backup API) and "
            "MEDIA_ROOT into a new folder nc-backup-<UTC time> inside DIR, with a manifest of checksums. "
            "Prints the folder's path.")

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="folder that receives the backup folder")

    def handle(self, *args, destination: Path, **options):
        try:
            folder = backup(destination)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
