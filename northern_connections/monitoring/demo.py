"""Demo monitoring: the Northern Connections project with the directory demo's 22 partners, six work
packages, indicators, four reporting periods (two completed: every partner's report certified and
both joint reports finalised and published; the third under way), controllers and monthly rates.

Deterministic (seeded) and idempotent: the work plan is updated in place; reports are made once
(when the project has none). Reports are written directly, not through the services, because they
are history (submitted in past months at those months' rates); the figures obey the same rules
(declared = eligible + deducted + parked per item, parked items carried into the next report).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from northern_connections.accounts.models import Membership, User
from northern_connections.directory.models import Partner, Partnership

from . import money
from .choices import ControlConclusion, CostCategory, DeliverableStatus, ErrorType, JointReportStatus, ReportStatus
from .models import (
    Activity,
    BudgetLine,
    ControllerAssignment,
    Deliverable,
    ExchangeRate,
    ExpenditureItem,
    Indicator,
    IndicatorContribution,
    JointReport,
    JointReportTransition,
    PartnerReport,
    ProgressEntry,
    Project,
    ProjectPartner,
    ReportingPeriod,
    ReportTransition,
    WorkPackage,
)

S = ReportStatus
CURRENCY_OF_COUNTRY = {"DK": "DKK", "NO": "NOK", "SE": "SEK", "GB": "GBP"}
BASE_RATES = {"DKK": Decimal("7.4600"), "NOK": Decimal("11.6500"), "SEK": Decimal("11.2400"), "GBP": Decimal("0.8450")}
PERIODS = [(date(2025, 1, 1), date(2025, 6, 30), date(2025, 9, 30)),
           (date(2025, 7, 1), date(2025, 12, 31), date(2026, 3, 31)),
           (date(2026, 1, 1), date(2026, 6, 30), date(2026, 9, 30)),
           (date(2026, 7, 1), date(2026, 12, 31), date(2027, 3, 31))]
# (title, objective, activities)
WORK_PACKAGES = [
    ("Project management", "Run the partnership: coordination, finance, reporting and quality.",
     ["Coordination and partnership meetings", "Financial management and reporting"]),
    ("Communication", "Make the project's results known to cities, clusters and SMEs around the North Sea.",
     ["Website and newsletters", "Events and campaigns"]),
    ("Analysis of regional innovation strategies", "Map the partner regions' RIS3 priorities, synergies and "
     "internationalisation barriers.", ["Regional strategy reviews", "Synergy and barrier analysis"]),
    ("Cluster capacity and toolbox", "Build the clusters' capacity to involve SMEs in public demand.",
     ["Innovation procurement toolbox", "Cluster staff training"]),
    ("Living Labs", "Select and run Living Labs where SMEs demonstrate solutions for public challenges.",
     ["Living Lab selection", "SME demonstrations"]),
    ("Policy", "Bring the lessons to regional, national and EU policy.",
     ["Policy briefs", "Political Board meetings"]),
]
INDICATORS = [
    ("output", "O1", "Organisations cooperating across borders", "organisations", 0, 22),
    ("output", "O2", "Pilot actions (Living Lab demonstrations) developed jointly", "pilots", 0, 12),
    ("output", "O3", "Jointly developed solutions", "solutions", 0, 6),
    ("output", "O4", "Participations in joint training schemes", "participations", 0, 300),
    ("result", "R1", "Solutions taken up or up-scaled by organisations", "solutions", 0, 4),
    ("result", "R2", "Organisations with increased institutional capacity", "organisations", 0, 40),
]
ITEM_TEXTS = {
    CostCategory.STAFF: ["Project manager, {m}", "Innovation adviser, {m}", "Procurement officer, {m}"],
    CostCategory.TRAVEL: ["Partner meeting travel", "Train and hotel, Living Lab visit", "Flight to Brussels"],
    CostCategory.EXTERNAL: ["Facilitation of regional workshop", "Translation of toolbox", "Legal advice on PCP"],
    CostCategory.EQUIPMENT: ["Sensor kit for the Living Lab", "Laptop for the project manager"],
}
# Indicator code: (chance that a partner contributes in a period, lowest and highest value)
CONTRIBUTIONS = {"O1": (0.4, 1, 1), "O2": (0.12, 1, 1), "O3": (0.05, 1, 1), "O4": (1.0, 1, 6), "R1": (0.03, 1, 1),
                 "R2": (0.3, 1, 1)}
CONTROLLERS = {"controller@example.org": "Demo first-level controller", "controller.dk@example.org":
               "Demo first-level controller, Denmark"}
DEMO_PASSWORD = "northern-demo"


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_fixed_timezone(0))


def _rates(rng: random.Random) -> dict[tuple[str, date], Decimal]:
    rates = {}
    for year in (2025, 2026, 2027):
        for month in range(1, 13):
            for currency, base in BASE_RATES.items():
                wobble = Decimal(rng.randint(-150, 150)) / Decimal(10000)
                rate = (base * (1 + wobble)).quantize(Decimal("0.0001"))
                ExchangeRate.objects.update_or_create(currency=currency, month=date(year, month, 1),
                                                      defaults={"rate": rate})
                rates[(currency, date(year, month, 1))] = rate
    return rates


def _work_plan(project: Project, partners: list[ProjectPartner], rng: random.Random):
    periods = []
    for number, (start, end, deadline) in enumerate(PERIODS, 1):
        period, _ = ReportingPeriod.objects.update_or_create(project=project, number=number, defaults={
            "start_date": start, "end_date": end, "deadline": deadline})
        periods.append(period)
    deliverables = []
    for number, (title, objective, activities) in enumerate(WORK_PACKAGES, 1):
        wp, _ = WorkPackage.objects.update_or_create(project=project, number=number, defaults={
            "title": title, "objective": objective, "lead": partners[(number - 1) * 3 % len(partners)]})
        for a_number, a_title in enumerate(activities, 1):
            activity, _ = Activity.objects.update_or_create(work_package=wp, number=a_number,
                                                            defaults={"title": a_title})
            for d_number in (1, 2):
                due = periods[min(len(periods) - 1, (number + a_number + d_number) % 4)]
                deliverable, _ = Deliverable.objects.update_or_create(
                    activity=activity, number=d_number,
                    defaults={"title": f"{a_title}: {'report' if d_number == 1 else 'results'}", "due_period": due,
                              "status": DeliverableStatus.DONE if due.number <= 2 else DeliverableStatus.PLANNED})
                deliverables.append(deliverable)
    indicators = []
    for kind, code, name, unit, baseline, target in INDICATORS:
        indicator, _ = Indicator.objects.update_or_create(project=project, code=code, defaults={
            "kind": kind, "name": name, "unit": unit, "baseline": Decimal(baseline), "target": Decimal(target),
            "work_package": WorkPackage.objects.get(project=project, number=5 if code in ("O2", "R1") else 4)})
        indicators.append(indicator)
    for partner in partners:
        lead = partner.role == "lead"
        for period in periods:
            for category, low, high in ((CostCategory.STAFF, 12, 22), (CostCategory.TRAVEL, 2, 5),
                                        (CostCategory.EXTERNAL, 2, 6), (CostCategory.EQUIPMENT, 0, 3)):
                amount = Decimal(rng.randint(low, high) * 1000 * (2 if lead else 1))
                BudgetLine.objects.update_or_create(project_partner=partner, period=period, category=category,
                                                    defaults={"amount": amount})
            BudgetLine.objects.update_or_create(project_partner=partner, period=period,
                                                category=CostCategory.OFFICE,
                                                defaults={"amount": Decimal(rng.randint(2, 3) * 1000)})
    return periods, deliverables, indicators


def _controllers(partners: list[ProjectPartner]) -> dict[int, User]:
    users = {}
    for email, name in CONTROLLERS.items():
        user = User.objects.filter(email=email).first() or User.objects.create_user(email=email,
                                                                                    password=DEMO_PASSWORD)
        user.full_name, user.is_demo = name, True
        user.save(update_fields=["full_name", "is_demo"])
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        users[email] = user
    assigned = {}
    for partner in partners:
        danish = partner.partner.organisation.country == "DK"
        user = users["controller.dk@example.org" if danish else "controller@example.org"]
        ControllerAssignment.objects.get_or_create(project_partner=partner, user=user)
        assigned[partner.pk] = user
    return assigned


@transaction.atomic
def load(*, seed: int = 2024) -> dict[str, int]:
    rng = random.Random(seed + 14)
    partnership = Partnership.objects.filter(slug="northern-connections").first()
    if partnership is None:
        raise RuntimeError("Load the directory demo first (the Northern Connections partnership)")
    project, _ = Project.objects.update_or_create(slug="northern-connections", defaults={
        "partnership": partnership, "name": "Northern Connections", "acronym": "NC",
        "programme": "Interreg North Sea Region 2021-2027", "start_date": date(2025, 1, 1),
        "end_date": date(2027, 12, 31), "office_flat_rate": Decimal(15)})
    directory_partners = sorted(Partner.objects.filter(partnership=partnership).select_related("organisation"),
                                key=lambda p: (p.role != "lead", p.organisation.name))
    partners = []
    for number, partner in enumerate(directory_partners, 1):
        pp, _ = ProjectPartner.objects.update_or_create(partner=partner, defaults={"project": project,
                                                                                    "number": number})
        partners.append(pp)
    rates = _rates(rng)
    periods, deliverables, indicators = _work_plan(project, partners, rng)
    controllers = _controllers(partners)
    reports = 0
    if not PartnerReport.objects.filter(project_partner__project=project).exists():
        reports = _history(project, partners, periods, deliverables, indicators, controllers, rates, rng)
    return {"partners": len(partners), "work packages": len(WORK_PACKAGES), "indicators": len(indicators),
            "reports": reports}


def _history(project, partners, periods, deliverables, indicators, controllers, rates, rng) -> int:
    """Two completed periods (certified, in published joint reports) and the third under way."""
    editors = dict(Membership.objects.filter(organisation__in=[p.partner.organisation_id for p in partners])
                   .values_list("organisation_id", "user_id"))
    parked: dict[int, list[ExpenditureItem]] = {}
    count = 0
    for index, period in enumerate(periods[:2]):
        joint = JointReport.objects.create(project=project, period=period, number=index + 1,
                                           narrative=f"In period {period.number} the partners ran the work plan "
                                           "as planned; see the work packages below.",
                                           public_summary=_summary(period.number))
        for partner in partners:
            report = _certified_report(partner, period, index, parked, controllers, editors, rates, rng)
            report.joint_report = joint
            report.save(update_fields=["joint_report"])
            _progress(report, partner, period, deliverables, indicators, rng)
            count += 1
        finalised = _aware(period.deadline + timedelta(days=75))
        JointReport.objects.filter(pk=joint.pk).update(status=JointReportStatus.FINALISED,
                                                       submitted_at=_aware(period.deadline + timedelta(days=40)),
                                                       finalised_at=finalised,
                                                       published_at=finalised + timedelta(days=2))
        for source, target, days in ((JointReportStatus.DRAFT, JointReportStatus.SUBMITTED, 40),
                                     (JointReportStatus.SUBMITTED, JointReportStatus.IN_VERIFICATION, 50),
                                     (JointReportStatus.IN_VERIFICATION, JointReportStatus.FINALISED, 75)):
            JointReportTransition.objects.create(joint_report=joint, from_status=source, to_status=target,
                                                 at=_aware(period.deadline + timedelta(days=days)))
    count += _period_under_way(partners, periods[2], parked, controllers, editors, rates, rng)
    return count


def _summary(number: int) -> str:
    if number == 1:
        return ("The 22 partners from six North Sea countries started the project: the regional innovation "
                "strategies of the partner regions were reviewed and the Living Lab candidates identified.")
    return ("The partners published the innovation procurement toolbox, trained cluster staff and selected the "
            "first Living Labs, where SMEs now demonstrate solutions for public challenges.")


def _items(report, partner, submitted: datetime, rates, rng, how_many: int) -> list[ExpenditureItem]:
    country = partner.partner.organisation.country
    currency = CURRENCY_OF_COUNTRY.get(country, "EUR")
    month = submitted.date().replace(day=1)
    rate = Decimal(1) if currency == "EUR" else rates[(currency, month)]
    items = []
    categories = [CostCategory.STAFF, CostCategory.STAFF, CostCategory.TRAVEL, CostCategory.EXTERNAL,
                  CostCategory.EQUIPMENT, CostCategory.STAFF]
    start = report.period.start_date
    for number in range(1, how_many + 1):
        category = categories[(number - 1) % len(categories)]
        eur = Decimal(rng.randint(400, 9000 if category == CostCategory.STAFF else 4000))
        amount = money.cents(eur * rate)
        invoice = start + timedelta(days=rng.randint(5, 150))
        declared = money.to_eur(amount, rate)
        items.append(ExpenditureItem(
            report=report, number=number, category=category,
            description=rng.choice(ITEM_TEXTS[category]).format(m=invoice.strftime("%B %Y")),
            invoice_number=f"{country}-{report.project_partner.number:02d}-{report.number}-{number:03d}",
            invoice_date=invoice, payment_date=invoice + timedelta(days=rng.randint(3, 25)), amount=amount,
            vat=Decimal("0.00"), currency=currency, rate=rate, declared_eur=declared, eligible_eur=declared))
    return items


def _control(item: ExpenditureItem, rng: random.Random, *, allow_parking: bool) -> None:
    item.in_sample = rng.random() < 0.6
    item.controlled = True
    roll = rng.random()
    if item.in_sample and allow_parking and roll < 0.05:
        figures = money.item_figures(declared=item.declared_eur, parked=True, in_sample=True)
        item.control_comment = "The procurement file is not available yet: parked to the next report."
    elif item.in_sample and roll < 0.25:
        deducted = money.cents(item.declared_eur * Decimal(rng.choice([5, 10, 20, 100])) / 100)
        figures = money.item_figures(declared=item.declared_eur, deducted=deducted, in_sample=True)
        item.error_type = rng.choice([ErrorType.NO_EVIDENCE, ErrorType.INELIGIBLE, ErrorType.CALCULATION,
                                      ErrorType.VAT])
        item.control_comment = "Part of the amount is not supported by the documents provided."
    else:
        figures = money.item_figures(declared=item.declared_eur, in_sample=item.in_sample)
    item.eligible_eur, item.deducted_eur, item.parked_eur = figures.eligible, figures.deducted, figures.parked


def _certified_report(partner, period, index, parked, controllers, editors, rates, rng) -> PartnerReport:
    submitted = _aware(period.deadline - timedelta(days=rng.randint(3, 20)))
    certified = submitted + timedelta(days=rng.randint(20, 35))
    report = PartnerReport.objects.create(
        project_partner=partner, period=period, number=index + 1, status=S.CERTIFIED, submitted_at=submitted,
        certified_at=certified, highlights=f"PP{partner.number} contributed to the work packages as planned.",
        control_conclusion=ControlConclusion.UNQUALIFIED)
    items = _items(report, partner, submitted, rates, rng, rng.randint(4, 7))
    carried = parked.pop(partner.pk, [])
    for item in items:
        _control(item, rng, allow_parking=index == 0)
    ExpenditureItem.objects.bulk_create(items)
    for offset, original in enumerate(carried, len(items) + 1):
        ExpenditureItem.objects.create(
            report=report, number=offset, category=original.category, description=original.description,
            invoice_number=original.invoice_number, invoice_date=original.invoice_date,
            payment_date=original.payment_date, amount=original.amount, vat=original.vat,
            currency=original.currency, rate=original.rate, declared_eur=original.parked_eur,
            eligible_eur=original.parked_eur, in_sample=True, controlled=True, parked_from=original,
            control_comment="The procurement file was provided: accepted.")
    parked[partner.pk] = list(report.items.filter(parked_eur__gt=0))
    if report.items.filter(deducted_eur__gt=0).exists():
        report.control_conclusion = ControlConclusion.QUALIFIED
        report.control_follow_up = "Keep timesheets signed monthly; recoverable VAT is not eligible."
        report.save(update_fields=["control_conclusion", "control_follow_up"])
    partner_user, controller = editors.get(partner.partner.organisation_id), controllers[partner.pk]
    for source, target, at, by in ((S.DRAFT, S.SUBMITTED, submitted, partner_user),
                                   (S.SUBMITTED, S.IN_CONTROL, submitted + timedelta(days=4), controller.pk),
                                   (S.IN_CONTROL, S.CERTIFIED, certified, controller.pk)):
        ReportTransition.objects.create(report=report, from_status=source, to_status=target, at=at, by_id=by)
    return report


def _progress(report, partner, period, deliverables, indicators, rng) -> None:
    wps = list(WorkPackage.objects.filter(project=partner.project).prefetch_related("activities"))
    for wp in rng.sample(wps, 2):
        activity = rng.choice(list(wp.activities.all()))
        ProgressEntry.objects.create(report=report, work_package=wp, activity=activity,
                                     contribution=f"PP{partner.number} worked on {activity.title.lower()} "
                                     f"in period {period.number}.")
    due = [d for d in deliverables if d.due_period_id == period.pk]
    if due:
        report.deliverables_done.add(*rng.sample(due, min(len(due), 2)))
    for indicator in indicators:  # plausible shares of the targets over the project's four periods
        chance, low, high = CONTRIBUTIONS[indicator.code]
        if rng.random() < chance:
            IndicatorContribution.objects.create(report=report, indicator=indicator,
                                                 value=Decimal(rng.randint(low, high)))


def _period_under_way(partners, period, parked, controllers, editors, rates, rng) -> int:
    """Period 3: most partners have submitted; some are in control, one is reopened, the demo partners draft."""
    count = 0
    demo_slugs = {"goteborgs-stad", "aberdeen-city-council"}
    for partner in partners:
        slug = partner.partner.organisation.slug
        status = S.DRAFT if slug in demo_slugs else rng.choice([S.SUBMITTED, S.SUBMITTED, S.IN_CONTROL,
                                                                 S.REOPENED_SUBMITTED_LIMITED])
        submitted = None if status == S.DRAFT else _aware(period.deadline - timedelta(days=rng.randint(2, 10)))
        report = PartnerReport.objects.create(project_partner=partner, period=period, number=3, status=status,
                                              submitted_at=submitted)
        items = _items(report, partner, submitted or timezone.now(), rates, rng, 3)
        if status == S.DRAFT:
            for item in items:
                item.rate = item.declared_eur = None
                item.eligible_eur = Decimal("0.00")
        ExpenditureItem.objects.bulk_create(items)
        for original in parked.pop(partner.pk, []):  # parked in period 2, declared again here
            ExpenditureItem.objects.create(
                report=report, number=report.items.count() + 1, category=original.category,
                description=original.description, invoice_number=original.invoice_number,
                invoice_date=original.invoice_date, payment_date=original.payment_date, amount=original.amount,
                vat=original.vat, currency=original.currency, rate=original.rate, declared_eur=original.parked_eur,
                eligible_eur=original.parked_eur, parked_from=original)
        moves = [] if status == S.DRAFT else [(S.DRAFT, S.SUBMITTED, "")]
        if status == S.IN_CONTROL:
            moves.append((S.SUBMITTED, S.IN_CONTROL, ""))
        if status == S.REOPENED_SUBMITTED_LIMITED:
            moves.append((S.SUBMITTED, S.REOPENED_SUBMITTED_LIMITED,
                          "Please describe the contribution to WP5 and attach the attendance lists."))
        for n, (source, target, note) in enumerate(moves):
            by = editors.get(partner.partner.organisation_id) if n == 0 else controllers[partner.pk].pk
            ReportTransition.objects.create(report=report, from_status=source, to_status=target,
                                            at=submitted + timedelta(days=n * 3), by_id=by, note=note)
        count += 1
    return count
