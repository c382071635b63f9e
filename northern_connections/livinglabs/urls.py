from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from . import views, views_rounds
from .models import Candidate, SelectionRound

app_name = "livinglabs"

urlpatterns = [
    path("", views.CandidateListView.as_view(), name="candidate_list"),
    path("labs/", views.LabListView.as_view(), name="lab_list"),
    path("propose/", views.CandidateCreateView.as_view(), name="candidate_add"),
    path("demonstrations/", views.DemonstrationListView.as_view(), name="demonstration_list"),
    path("demonstrations/<slug:slug>/", views.DemonstrationDetailView.as_view(), name="demonstration_detail"),
    path("demonstrations/<slug:slug>/edit/", views.DemonstrationEditView.as_view(), name="demonstration_edit"),
    path("demonstrations/<slug:slug>/delete/", views.DemonstrationDeleteView.as_view(), name="demonstration_delete"),
    path("interests/<int:pk>/withdraw/", views.InterestWithdrawView.as_view(), name="interest_withdraw"),
    path("comments/<int:pk>/delete/", views.CommentDeleteView.as_view(), name="comment_delete"),
    path("calls/<int:pk>/delete/", views.LabCallDeleteView.as_view(), name="labcall_delete"),
    path("rounds/", views_rounds.RoundListView.as_view(), name="round_list"),
    path("rounds/add/", views_rounds.RoundCreateView.as_view(), name="round_add"),
    path("rounds/<slug:slug>/", views_rounds.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<slug:slug>/edit/", views_rounds.RoundEditView.as_view(), name="round_edit"),
    path("rounds/<slug:slug>/delete/", views_rounds.RoundDeleteView.as_view(), name="round_delete"),
    path("rounds/<slug:slug>/criteria/", views_rounds.RoundCriteriaView.as_view(), name="round_criteria"),
    path("rounds/<slug:slug>/assessors/", views_rounds.RoundAssessorsView.as_view(), name="round_assessors"),
    path("rounds/<slug:slug>/assess/", views_rounds.RoundAssessView.as_view(), name="round_assess"),
    path("rounds/<slug:slug>/assess/<int:candidate>/", views_rounds.CandidateAssessView.as_view(),
         name="candidate_assess"),
    path("rounds/<slug:slug>/shortlist/", views_rounds.RoundShortlistView.as_view(), name="round_shortlist"),
    path("rounds/<slug:slug>/transition/", views_rounds.RoundTransitionView.as_view(), name="round_transition"),
    path("rounds/<slug:slug>/export.xlsx", views_rounds.RoundExportView.as_view(kind="xlsx"), name="round_xlsx"),
    path("rounds/<slug:slug>/export.pdf", views_rounds.RoundExportView.as_view(kind="pdf"), name="round_pdf"),
    path("rounds/<slug:slug>/history/", ObjectHistoryView.as_view(model=SelectionRound), name="round_history"),
    path("criteria/<int:pk>/delete/", views_rounds.CriterionDeleteView.as_view(), name="criterion_delete"),
    path("assessors/<int:pk>/remove/", views_rounds.AssessorRemoveView.as_view(), name="assessor_remove"),
    path("<slug:slug>/", views.CandidateDetailView.as_view(), name="candidate_detail"),
    path("<slug:slug>/edit/", views.CandidateEditView.as_view(), name="candidate_edit"),
    path("<slug:slug>/withdraw/", views.CandidateWithdrawView.as_view(), name="candidate_withdraw"),
    path("<slug:slug>/delete/", views.CandidateDeleteView.as_view(), name="candidate_delete"),
    path("<slug:slug>/history/", ObjectHistoryView.as_view(model=Candidate), name="candidate_history"),
    path("<slug:slug>/interest/", views.InterestRegisterView.as_view(), name="interest_register"),
    path("<slug:slug>/comment/", views.CommentAddView.as_view(), name="comment_add"),
    path("<slug:slug>/calls/add/", views.LabCallAddView.as_view(), name="labcall_add"),
    path("<slug:slug>/demonstrations/add/", views.DemonstrationCreateView.as_view(), name="demonstration_add"),
]
