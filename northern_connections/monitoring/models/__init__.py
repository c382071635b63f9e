from .joint import JointReport, JointReportTransition
from .reports import (
    ExchangeRate,
    ExpenditureItem,
    IndicatorContribution,
    PartnerReport,
    ProgressEntry,
    ReportTransition,
)
from .workplan import (
    Activity,
    BudgetLine,
    ControllerAssignment,
    Deliverable,
    Indicator,
    Project,
    ProjectPartner,
    ReportingPeriod,
    WorkPackage,
)

__all__ = [
    "Activity",
    "BudgetLine",
    "ControllerAssignment",
    "Deliverable",
    "ExchangeRate",
    "ExpenditureItem",
    "Indicator",
    "IndicatorContribution",
    "JointReport",
    "JointReportTransition",
    "PartnerReport",
    "ProgressEntry",
    "Project",
    "ProjectPartner",
    "ReportTransition",
    "ReportingPeriod",
    "WorkPackage",
]
