"""Every write of project monitoring, and every rule with it (DESIGN.md §4.2).

Pages, the API, commands and tasks call these functions only; each re-reads its object through
the permission gate inside a transaction and checks the status there.
"""

from .control import control_conclusion_save, item_control_save
from .joint import (
    available_reports,
    joint_report_create,
    joint_report_exclude,
    joint_report_include,
    joint_report_publish,
    joint_report_transition,
    joint_report_update,
)
from .rates import REMINDER_DAYS, exchange_rate_save, period_reminders_send
from .reports import (
    ITEM_FIELDS,
    contribution_save,
    item_create,
    item_delete,
    item_update,
    progress_save,
    report_create,
    report_delete,
    report_transition,
    report_update,
)

__all__ = [
    "ITEM_FIELDS",
    "REMINDER_DAYS",
    "available_reports",
    "contribution_save",
    "control_conclusion_save",
    "exchange_rate_save",
    "item_control_save",
    "item_create",
    "item_delete",
    "item_update",
    "joint_report_create",
    "joint_report_exclude",
    "joint_report_include",
    "joint_report_publish",
    "joint_report_transition",
    "joint_report_update",
    "period_reminders_send",
    "progress_save",
    "report_create",
    "report_delete",
    "report_transition",
    "report_update",
]
