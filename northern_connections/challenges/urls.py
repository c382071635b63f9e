from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from . import views
from .feeds import ChallengeFeed
from .models import Challenge

app_name = "challenges"

urlpatterns = [
    path("", views.ChallengeListView.as_view(), name="challenge_list"),
    path("new/", views.ChallengeCreateView.as_view(), name="challenge_add"),
    path("feed/", ChallengeFeed(), name="challenge_feed"),
    path("deadlines.ics", views.ical_deadlines, name="challenge_ical"),
    path("ocds.json", views.ocds_package, name="ocds_package"),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("applications/<int:pk>/submit/", views.ApplicationSubmitView.as_view(), name="application_submit"),
    path("applications/<int:pk>/withdraw/", views.ApplicationWithdrawView.as_view(), name="application_withdraw"),
    path("applications/<int:pk>/partners/", views.PartnerInviteView.as_view(), name="partner_invite"),
    path("applications/<int:pk>/attachments/", views.AttachmentCreateView.as_view(), name="attachment_add"),
    path("applications/<int:pk>/score/", views.ScoreView.as_view(), name="application_score"),
    path("applications/<int:pk>/conflict/", views.ConflictDeclareView.as_view(), name="conflict_declare"),
    path("applications/<int:pk>/shortlist/", views.ShortlistView.as_view(), name="application_shortlist"),
    path("applications/<int:pk>/decide/", views.DecideView.as_view(), name="application_decide"),
    path("applications/<int:pk>/receipt.pdf", views.ApplicationReceiptView.as_view(), name="application_receipt"),
    path("applications/<int:pk>/feedback/", views.FeedbackLetterView.as_view(), name="application_feedback"),
    path("applications/<int:pk>/feedback.pdf", views.FeedbackLetterView.as_view(pdf=True),
         name="application_feedback_pdf"),
    path("jury/<int:pk>/exception/", views.ConflictExceptionView.as_view(), name="conflict_exception"),
    path("partners/<int:pk>/respond/", views.PartnerRespondView.as_view(), name="partner_respond"),
    path("documents/<int:pk>/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("documents/<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
    path("translations/<int:pk>/delete/", views.TranslationDeleteView.as_view(), name="translation_delete"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("clarifications/<int:pk>/answer/", views.ClarificationAnswerView.as_view(), name="clarification_answer"),
    path("<slug:slug>/", views.ChallengeDetailView.as_view(), name="challenge_detail"),
    path("<slug:slug>/edit/", views.ChallengeEditView.as_view(), name="challenge_edit"),
    path("<slug:slug>/criteria/", views.ChallengeCriteriaView.as_view(), name="challenge_criteria"),
    path("<slug:slug>/status/", views.ChallengeTransitionView.as_view(), name="challenge_transition"),
    path("<slug:slug>/clarifications/", views.ClarificationCreateView.as_view(), name="clarification_add"),
    path("<slug:slug>/apply/", views.ApplicationStartView.as_view(), name="application_add"),
    path("<slug:slug>/documents/", views.ChallengeDocumentsView.as_view(), name="challenge_documents"),
    path("<slug:slug>/translations/", views.ChallengeTranslationsView.as_view(), name="challenge_translations"),
    path("<slug:slug>/jury/", views.JuryView.as_view(), name="challenge_jury"),
    path("<slug:slug>/evaluate/", views.EvaluateView.as_view(), name="challenge_evaluate"),
    path("<slug:slug>/ranking/", views.RankingView.as_view(), name="challenge_ranking"),
    path("<slug:slug>/ranking.xlsx", views.RankingExcelView.as_view(), name="challenge_ranking_xlsx"),
    path("<slug:slug>/reach/", views.ReachView.as_view(), name="challenge_reach"),
    path("<slug:slug>/history/", ObjectHistoryView.as_view(model=Challenge), name="challenge_history"),
    path("<slug:slug>/recommend/", views.RecommendView.as_view(), name="challenge_recommend"),
    path("<slug:slug>/ocds.json", views.ChallengeOcdsView.as_view(), name="challenge_ocds"),
]
