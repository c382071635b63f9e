"""First-level control of a partner report: sample, per-item outcome, conclusion (certification is a transition)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import locked_for

from .. import money
from ..models import ExpenditureItem, PartnerReport
from ..permissions import CONTROL


def _in_control(actor: User, report: PartnerReport) -> PartnerReport:
    report = locked_for(actor, CONTROL, report)
    if not report.is_in_control:
        raise ValidationError(_("The report is “%(status)s”: control work is recorded while it is in control.")
                              % {"status": report.get_status_display()}, code="not_in_control")
    return report


def item_control_save(*, actor: User, item: ExpenditureItem, in_sample: bool = False,
                      deducted: Decimal | str | int = 0, parked: bool = False, error_type: str = "",
                      comment: str = "") -> ExpenditureItem:
    """The controller's outcome for one item: eligible as declared, partly deducted, or parked.

    Eligible is what remains of the declared amount after the deduction; a parked item is neither
    accepted nor deducted now and moves to the partner's next report.
    """
    with transaction.atomic():
        report = _in_control(actor, item.report)
        item = ExpenditureItem.objects.select_for_update().get(pk=item.pk, report=report)
        if hasattr(item, "carried_to") and bool(parked) != item.is_parked:
            raise ValidationError(_("This item was parked and moved to a later report: its parking stays."))
        try:
            figures = money.item_figures(declared=item.declared_eur, deducted=Decimal(deducted or 0),
                                         parked=bool(parked), in_sample=bool(in_sample))
        except (money.MoneyError, ArithmeticError) as error:
            raise ValidationError({"deducted": _("The deduction must be between 0 and the declared amount, and a "
                                                 "parked item has none.")}) from error
        item.in_sample, item.controlled = bool(in_sample), True
        item.eligible_eur, item.deducted_eur, item.parked_eur = figures.eligible, figures.deducted, figures.parked
        item.error_type = error_type if figures.deducted else ""
        item.control_comment = (comment or "").strip()
        if figures.deducted and not item.control_comment:
            raise ValidationError({"comment": _("Explain the deduction in a comment.")})
        item.full_clean()
        item.save()
    return item


def control_conclusion_save(*, actor: User, report: PartnerReport, conclusion: str, follow_up: str = ""
                            ) -> PartnerReport:
    with transaction.atomic():
        report = _in_control(actor, report)
        report.control_conclusion, report.control_follow_up = conclusion, (follow_up or "").strip()
        report.full_clean()
        report.save(update_fields=["control_conclusion", "control_follow_up", "updated"])
    return report
