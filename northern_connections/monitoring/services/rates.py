"""The EU's monthly accounting rates (InforEuro), kept by platform administrators, and reminders."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.choices import EDITING_ROLES
from northern_connections.accounts.models import Membership, User
from northern_connections.core import clock
from northern_connections.core.permissions import require_add

from ..choices import ReportStatus
from ..models import ExchangeRate, PartnerReport, ReportingPeriod

REMINDER_DAYS = 14  # partners are reminded this many days before a period's reporting deadline


def exchange_rate_save(*, actor: User, currency: str, month: date, rate: Decimal) -> ExchangeRate:
    """Record (or correct) the rate of a month. Reports already submitted keep the rate they used."""
    with transaction.atomic():
        require_add(actor, ExchangeRate)
        currency = (currency or "").strip().upper()
        if month is None:
            raise ValidationError({"month": _("Give the month.")})
        found = ExchangeRate.objects.select_for_update().filter(currency=currency, month=month.replace(day=1)).first()
        row = found or ExchangeRate(currency=currency, month=month.replace(day=1))
        row.rate = rate
        row.full_clean()
        row.save()
    return row


def period_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail the editors of every partner that has not submitted its report of a period whose deadline is
    within REMINDER_DAYS; once per period. Returns the number of partners reminded."""
    now = now or clock.now()
    today = now.date()
    due = ReportingPeriod.objects.filter(deadline__gte=today, deadline__lte=today + timedelta(days=REMINDER_DAYS),
                                         reminder_sent_at__isnull=True).select_related("project")
    reminded = 0
    for period in due:
        with transaction.atomic():
            period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
            if period.reminder_sent_at:
                continue
            done = PartnerReport.objects.filter(period=period).exclude(status=ReportStatus.DRAFT).values(
                "project_partner_id")
            late = period.project.partners.exclude(pk__in=done).select_related("partner")
            for partner in late:
                emails = list(Membership.objects.filter(organisation_id=partner.partner.organisation_id,
                                                        role__in=EDITING_ROLES).values_list("user__email", flat=True))
                if emails:
                    reminded += 1
                    transaction.on_commit(lambda e=emails, p=period: _remind(e, p))
            period.reminder_sent_at = now
            period.save(update_fields=["reminder_sent_at", "updated"])
    return reminded


def _remind(emails: list[str], period: ReportingPeriod) -> None:
    subject = _("%(project)s: report for period %(number)s due on %(deadline)s") % {
        "project": period.project, "number": period.number, "deadline": period.deadline.isoformat()}
    body = _("The partner report for period %(number)s (%(start)s to %(end)s) is due on %(deadline)s.") % {
        "number": period.number, "start": period.start_date.isoformat(), "end": period.end_date.isoformat(),
        "deadline": period.deadline.isoformat()}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
