"""``manage.py import_region_categories``: the 2021-2027 cohesion-policy category of each NUTS 2 region."""

from django.core.management.base import BaseCommand

from northern_connections.partnering import regions


class Command(BaseCommand):
    help = (f"Set the EU cohesion-policy category (more developed, transition, less developed) of the NUTS 2 "
            f"regions listed in the app's reference file, transcribed from {regions.SOURCE}. Safe to run again.")

    def handle(self, *args, **options):
        changed = regions.region_categories_load()
        self.stdout.write(f"{len(regions.categories())} regions in the reference file; {changed} categories set")
