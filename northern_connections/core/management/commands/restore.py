"""`manage.py restore FOLDER`: a backup made by `manage.py backup` back into the database and MEDIA_ROOT."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from northern_connections.core.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup folder (checksums checked first): PostgreSQL with pg_restore --clean in one "
            "transaction, SQLite with the backup API; MEDIA_ROOT is replaced by the saved files. Stop the web "
            "processes and workers first. --database-url restores into another database (e.g. to test a backup).")

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--database-url", help="restore into this database instead of DATABASE_URL's")
        parser.add_argument("--media-root", type=Path, help="restore the files here instead of MEDIA_ROOT")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, folder: Path, database_url, media_root, yes, **options):
        if not yes and input(f"Replace the database and uploaded files with {folder}? [y/N] ").lower() != "y":
            raise CommandError("nothing was restored")
        try:
            manifest = restore(folder, database_url=database_url, media_root=media_root)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored the {manifest['engine']} backup of {manifest['created']}; "
                          "run `manage.py migrate` if this code is newer than the backup")
