from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from . import views
from .models import JointReport, PartnerReport

app_name = "monitoring"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("rates/", views.ExchangeRateView.as_view(), name="rate_list"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/status/", views.ReportTransitionView.as_view(), name="report_transition"),
    path("reports/<int:pk>/delete/", views.ReportDeleteView.as_view(), name="report_delete"),
    path("reports/<int:pk>/progress/", views.ProgressAddView.as_view(), name="progress_add"),
    path("reports/<int:pk>/indicators/", views.ContributionAddView.as_view(), name="contribution_add"),
    path("reports/<int:pk>/items/", views.ItemAddView.as_view(), name="item_add"),
    path("reports/<int:pk>/conclusion/", views.ConclusionView.as_view(), name="report_conclusion"),
    path("reports/<int:pk>/certificate.pdf", views.ControlDocumentView.as_view(kind="certificate"),
         name="report_certificate"),
    path("reports/<int:pk>/control-report.pdf", views.ControlDocumentView.as_view(kind="control"),
         name="report_control_pdf"),
    path("reports/<int:pk>/history/", ObjectHistoryView.as_view(model=PartnerReport), name="report_history"),
    path("items/<int:pk>/edit/", views.ItemEditView.as_view(), name="item_edit"),
    path("items/<int:pk>/delete/", views.ItemDeleteView.as_view(), name="item_delete"),
    path("items/<int:pk>/control/", views.ItemControlView.as_view(), name="item_control"),
    path("items/<int:pk>/attachment/", views.ItemAttachmentView.as_view(), name="item_attachment"),
    path("progress/<int:pk>/evidence/", views.EvidenceDownloadView.as_view(), name="progress_evidence"),
    path("partners/<int:pk>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path("partners/<int:pk>/reports/new/", views.ReportCreateView.as_view(), name="report_add"),
    path("joint/", views.JointListView.as_view(), name="joint_list"),
    path("joint/<int:pk>/", views.JointDetailView.as_view(), name="joint_detail"),
    path("joint/<int:pk>/include/", views.JointSelectionView.as_view(include=True), name="joint_include"),
    path("joint/<int:pk>/exclude/", views.JointSelectionView.as_view(include=False), name="joint_exclude"),
    path("joint/<int:pk>/status/", views.JointTransitionView.as_view(), name="joint_transition"),
    path("joint/<int:pk>/publish/", views.JointPublishView.as_view(), name="joint_publish"),
    path("joint/<int:pk>/report.pdf", views.JointExportView.as_view(kind="pdf"), name="joint_pdf"),
    path("joint/<int:pk>/report.xlsx", views.JointExportView.as_view(kind="xlsx"), name="joint_xlsx"),
    path("joint/<int:pk>/summary/", views.PublicSummaryView.as_view(), name="joint_public"),
    path("joint/<int:pk>/history/", ObjectHistoryView.as_view(model=JointReport), name="joint_history"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<slug:slug>/joint/new/", views.JointCreateView.as_view(), name="joint_add"),
]
