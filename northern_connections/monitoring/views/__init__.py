"""Pages of project monitoring, one module per entity (the challenges pattern)."""

from .control import ConclusionView, ControlDocumentView, ItemControlView
from .joint import (
    JointCreateView,
    JointDetailView,
    JointExportView,
    JointListView,
    JointPublishView,
    JointSelectionView,
    JointTransitionView,
    PublicSummaryView,
)
from .rates import ExchangeRateView
from .reports import (
    ContributionAddView,
    EvidenceDownloadView,
    ItemAddView,
    ItemAttachmentView,
    ItemDeleteView,
    ItemEditView,
    ProgressAddView,
    ReportCreateView,
    ReportDeleteView,
    ReportDetailView,
    ReportListView,
    ReportTransitionView,
)
from .workplan import PartnerDetailView, ProjectDetailView, ProjectListView

__all__ = [
    "ConclusionView", "ContributionAddView", "ControlDocumentView", "EvidenceDownloadView", "ExchangeRateView",
    "ItemAddView",
    "ItemAttachmentView", "ItemControlView", "ItemDeleteView", "ItemEditView", "JointCreateView", "JointDetailView",
    "JointExportView", "JointListView", "JointPublishView", "JointSelectionView", "JointTransitionView",
    "PartnerDetailView", "ProgressAddView", "ProjectDetailView", "ProjectListView", "PublicSummaryView",
    "ReportCreateView", "ReportDeleteView", "ReportDetailView", "ReportListView", "ReportTransitionView",
]
