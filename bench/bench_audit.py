"""What the audit trail costs a write: organisation saves with and without django-auditlog.

Creates a throw-away test database (SQLite by default, PostgreSQL with DATABASE_URL), then times
`--writes` plain `save()` calls of a changed Organisation and `--writes` calls of the
`organisation_update` service, each once recorded and once inside `disable_auditlog()`.
Recording costs one SELECT of the old row and one INSERT per save.

    python bench/bench_audit.py [--writes N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def _time(writes: int, write) -> float:
    start = time.perf_counter()
    for i in range(writes):
        write(i)
    return 1000 * (time.perf_counter() - start) / writes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=300)
    args = parser.parse_args()
    import django

    django.setup()
    from auditlog.context import disable_auditlog
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from northern_connections.accounts.models import Membership, User
    from northern_connections.directory import services
    from northern_connections.directory.models import Organisation

    databases = setup_databases(verbosity=0, interactive=False)
    try:
        user = User.objects.create_user(email="bench@example.org", password="x")
        organisation = Organisation.objects.create(name="Bench", slug="bench", kind="sme", country="SE")
        Membership.objects.create(user=user, organisation=organisation, role="admin")

        def save(i):
            organisation.city = f"City {i}"
            organisation.save()

        def update(i):
            services.organisation_update(actor=user, organisation=organisation, city=f"Town {i}")

        print(f"database: {connection.vendor}, {args.writes} writes each")
        for name, write in (("save()", save), ("organisation_update", update)):
            with disable_auditlog():
                plain = _time(args.writes, write)
            recorded = _time(args.writes, write)
            print(f"{name:20s} without trail {plain:6.2f} ms  with trail {recorded:6.2f} ms  "
                  f"(+{recorded - plain:5.2f} ms per write)")
    finally:
        teardown_databases(databases, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
