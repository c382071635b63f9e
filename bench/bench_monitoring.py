"""A joint report over 22 partners with 500 expenditure items each (issue 14: aggregation < 2 s, PDF < 10 s).

Migrates a fresh SQLite file, builds a project of 22 partners (budgets for four periods and six cost
categories, 15 % office flat rate), one certified report per partner with 500 controlled items (in
five currencies, a third sampled, some deducted, some parked) and a joint report that includes them,
then times, `--repeat` times:

* the aggregation: `selectors.joint_figures` (every control overview, the partner x category matrix,
  budget monitoring up to the period, work-package progress, deliverables, indicators), queries included;
* the joint report's PDF (WeasyPrint) and Excel workbook (openpyxl).

Prints the median and worst wall time and the median CPU time, checks that the joint total equals the
sum of the certified parts to the cent, and exits 1 when a median reaches its target.

    python bench/bench_monitoring.py [--repeat N] [--partners N] [--items N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGETS = {"aggregation": 2.0, "PDF": 10.0}


def setup_django(path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    for name in ("weasyprint", "fontTools"):  # their progress lines would drown the figures
        logging.getLogger(name).setLevel(logging.WARNING)

    call_command("migrate", verbosity=0)


def build(partners: int, items: int, seed: int = 14):
    from northern_connections.directory.models import Organisation, Partner, Partnership
    from northern_connections.monitoring import money
    from northern_connections.monitoring.choices import CostCategory, ReportStatus
    from northern_connections.monitoring.models import (
        BudgetLine,
        ExpenditureItem,
        Indicator,
        IndicatorContribution,
        JointReport,
        PartnerReport,
        Project,
        ProjectPartner,
        ReportingPeriod,
        WorkPackage,
    )

    rng = random.Random(seed)
    partnership = Partnership.objects.create(name="Bench partnership", slug="bench-partnership")
    project = Project.objects.create(partnership=partnership, name="Bench project", slug="bench-project",
                                     start_date=date(2025, 1, 1), end_date=date(2027, 12, 31),
                                     office_flat_rate=Decimal(15))
    periods = [ReportingPeriod.objects.create(project=project, number=n, start_date=date(2025, 1, 1),
                                              end_date=date(2025, 6, 30), deadline=date(2025, 9, 30))
               for n in range(1, 5)]
    wp = WorkPackage.objects.create(project=project, number=1, title="Management")
    indicator = Indicator.objects.create(project=project, kind="output", code="O1", name="Pilots", unit="pilots",
                                         target=Decimal(40), work_package=wp)
    joint = JointReport.objects.create(project=project, period=periods[0], number=1, narrative="Bench narrative.")
    real = [c for c in CostCategory.values if c != CostCategory.OFFICE]
    rates = {"EUR": Decimal(1), "DKK": Decimal("7.4612"), "NOK": Decimal("11.6534"), "SEK": Decimal("11.2456"),
             "GBP": Decimal("0.8451")}
    budget, rows = [], []
    for number in range(1, partners + 1):
        organisation = Organisation.objects.create(name=f"Bench partner {number}", slug=f"bench-partner-{number}",
                                                   kind="municipality", country="DK")
        partner = Partner.objects.create(partnership=partnership, organisation=organisation,
                                         role="lead" if number == 1 else "partner")
        pp = ProjectPartner.objects.create(project=project, partner=partner, number=number)
        budget += [BudgetLine(project_partner=pp, period=p, category=c, amount=Decimal(rng.randint(5, 90) * 1000))
                   for p in periods for c in CostCategory.values]
        report = PartnerReport.objects.create(project_partner=pp, period=periods[0], number=1,
                                              status=ReportStatus.CERTIFIED, joint_report=joint,
                                              control_conclusion="qualified",
                                              certified_at=datetime(2025, 10, 20, tzinfo=UTC))
        IndicatorContribution.objects.create(report=report, indicator=indicator, value=Decimal(1))
        for n in range(1, items + 1):
            currency = rng.choice(list(rates))
            amount = Decimal(rng.randint(1000, 900000)) / 100
            declared = money.to_eur(amount, rates[currency])
            roll = rng.random()
            sample = roll < 0.33
            deducted = money.cents(declared * Decimal(rng.randint(1, 100)) / 100) if sample and roll < 0.06 else 0
            parked = sample and 0.06 <= roll < 0.08
            figures = money.item_figures(declared=declared, deducted=deducted, parked=parked, in_sample=sample)
            rows.append(ExpenditureItem(
                report=report, number=n, category=rng.choice(real), description=f"Item {n}", amount=amount,
                currency=currency, rate=rates[currency], declared_eur=declared, eligible_eur=figures.eligible,
                deducted_eur=figures.deducted, parked_eur=figures.parked, in_sample=sample, controlled=True,
                error_type="other" if figures.deducted else ""))
    BudgetLine.objects.bulk_create(budget)
    ExpenditureItem.objects.bulk_create(rows, batch_size=2000)
    return joint, rows


def check_total(figures, rows, joint) -> None:
    """The joint total, recomputed from the items by hand: each report's items plus its own 15 % flat rate."""
    from collections import defaultdict

    from northern_connections.monitoring import money

    eligible, staff = defaultdict(lambda: money.ZERO), defaultdict(lambda: money.ZERO)
    for row in rows:
        eligible[row.report_id] += row.eligible_eur
        if row.category == "staff":
            staff[row.report_id] += row.eligible_eur
    expected = sum((eligible[r] + money.percent_of(staff[r], Decimal(15)) for r in eligible), money.ZERO)
    total = figures.aggregate.total
    assert total.balanced and total.eligible == expected, (total.eligible, expected)
    print(f"             joint total {total.eligible} EUR certified of {total.declared} declared: the sum of its "
          "parts to the cent")


def timed(function, repeat: int) -> tuple[list[float], list[float], object]:
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--partners", type=int, default=22)
    parser.add_argument("--items", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        from northern_connections.monitoring import documents, selectors

        start = time.perf_counter()
        joint, rows = build(args.partners, args.items)
        print(f"built {args.partners} partners x {args.items} items in {time.perf_counter() - start:.1f} s")
        runs = {
            "aggregation": lambda: selectors.joint_figures(joint),
            "PDF": lambda: documents.joint_pdf(joint),
            "Excel": lambda: documents.joint_xlsx(joint),
        }
        status = 0
        for name, function in runs.items():
            walls, cpus, result = timed(function, args.repeat if name != "PDF" else max(1, args.repeat // 2))
            target = TARGETS.get(name)
            median = statistics.median(walls)
            verdict = "" if target is None else (" OK" if median < target else f" SLOWER THAN {target} s")
            print(f"{name:12s} median {median:.3f} s, worst {max(walls):.3f} s, CPU median "
                  f"{statistics.median(cpus):.3f} s{'' if target is None else f' (target < {target} s)'}{verdict}")
            if target is not None and median >= target:
                status = 1
            if name == "aggregation":
                check_total(result, rows, joint)
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
        return status


if __name__ == "__main__":
    sys.exit(main())
