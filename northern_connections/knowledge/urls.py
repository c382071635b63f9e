from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from . import views
from .feeds import PublicationFeed
from .models import ProcurementCase, ToolboxItem

app_name = "knowledge"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/add/", views.CaseCreateView.as_view(), name="case_add"),
    path("cases/<slug:slug>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<slug:slug>/edit/", views.CaseEditView.as_view(), name="case_edit"),
    path("cases/<slug:slug>/delete/", views.CaseDeleteView.as_view(), name="case_delete"),
    path("cases/<slug:slug>/status/", views.CaseTransitionView.as_view(), name="case_transition"),
    path("cases/<slug:slug>/history/", ObjectHistoryView.as_view(model=ProcurementCase), name="case_history"),
    path("cases/<slug:slug>/peers/", views.CasePeersView.as_view(), name="case_peers"),
    path("cases/<slug:slug>/contact/", views.CaseContactView.as_view(), name="case_contact"),
    path("toolbox/", views.ToolboxListView.as_view(), name="toolbox_list"),
    path("toolbox/add/", views.ToolboxCreateView.as_view(), name="toolbox_add"),
    path("toolbox/<slug:slug>/", views.ToolboxDetailView.as_view(), name="toolbox_detail"),
    path("toolbox/<slug:slug>/edit/", views.ToolboxEditView.as_view(), name="toolbox_edit"),
    path("toolbox/<slug:slug>/status/", views.ToolboxTransitionView.as_view(), name="toolbox_transition"),
    path("toolbox/<slug:slug>/history/", ObjectHistoryView.as_view(model=ToolboxItem), name="toolbox_history"),
    path("toolbox/<slug:slug>/quiz/", views.QuizSubmitView.as_view(), name="quiz_submit"),
    path("lessons/<int:pk>/done/", views.LessonCompleteView.as_view(), name="lesson_complete"),
    path("self-assessment/", views.AssessmentHomeView.as_view(), name="assessment_home"),
    path("self-assessment/<slug:slug>/start/", views.AssessmentStartView.as_view(), name="assessment_start"),
    path("self-assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("self-assessments/<int:pk>/answer/", views.AssessmentAnswerView.as_view(), name="assessment_answer"),
    path("self-assessments/<int:pk>/share/", views.AssessmentShareView.as_view(), name="assessment_share"),
    path("shares/<int:pk>/delete/", views.ShareDeleteView.as_view(), name="share_delete"),
    path("publications/", views.PublicationListView.as_view(), name="publication_list"),
    path("publications/add/", views.PublicationCreateView.as_view(), name="publication_add"),
    path("publications/feed/", PublicationFeed(), name="publication_feed"),
    path("publications/<slug:slug>/", views.PublicationDetailView.as_view(), name="publication_detail"),
    path("publications/<slug:slug>/edit/", views.PublicationEditView.as_view(), name="publication_edit"),
    path("publications/<slug:slug>/publish/", views.PublicationPublishView.as_view(), name="publication_publish"),
    path("messages/", views.ConversationListView.as_view(), name="conversation_list"),
    path("messages/<int:pk>/", views.ConversationDetailView.as_view(), name="conversation_detail"),
    path("questions/", views.QuestionListView.as_view(), name="question_list"),
    path("questions/ask/", views.QuestionCreateView.as_view(), name="question_add"),
    path("questions/moderation/", views.ModerationView.as_view(), name="moderation"),
    path("questions/report/", views.ReportCreateView.as_view(), name="report_add"),
    path("questions/<slug:slug>/", views.QuestionDetailView.as_view(), name="question_detail"),
    path("questions/<slug:slug>/moderate/", views.QuestionModerateView.as_view(), name="question_moderate"),
    path("answers/<int:pk>/accept/", views.AnswerAcceptView.as_view(), name="answer_accept"),
    path("reports/<int:pk>/decide/", views.ReportDecideView.as_view(), name="report_decide"),
]
