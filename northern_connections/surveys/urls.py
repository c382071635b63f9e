from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from .models import Survey
from .views import answering, builder, results, surveys

app_name = "surveys"

urlpatterns = [
    path("", surveys.SurveyListView.as_view(), name="survey_list"),
    path("add/", surveys.SurveyCreateView.as_view(), name="survey_add"),
    path("invitation/<str:token>/", answering.InvitationAnswerView.as_view(), name="invitation_answer"),
    path("<slug:slug>/", surveys.SurveyDetailView.as_view(), name="survey_detail"),
    path("<slug:slug>/edit/", surveys.SurveyEditView.as_view(), name="survey_edit"),
    path("<slug:slug>/delete/", surveys.SurveyDeleteView.as_view(), name="survey_delete"),
    path("<slug:slug>/status/", surveys.SurveyTransitionView.as_view(), name="survey_transition"),
    path("<slug:slug>/history/", ObjectHistoryView.as_view(model=Survey), name="survey_history"),
    path("<slug:slug>/new-round/", surveys.SurveyNewRoundView.as_view(), name="survey_new_round"),
    path("<slug:slug>/publish/", surveys.SurveyPublishView.as_view(), name="survey_publish"),
    path("<slug:slug>/invite/", surveys.SurveyInviteView.as_view(), name="survey_invite"),
    path("<slug:slug>/remind/", surveys.SurveyRemindView.as_view(), name="survey_remind"),
    path("<slug:slug>/questions/add/", builder.QuestionCreateView.as_view(), name="question_add"),
    path("<slug:slug>/questions/<int:pk>/edit/", builder.QuestionEditView.as_view(), name="question_edit"),
    path("<slug:slug>/questions/<int:pk>/delete/", builder.QuestionDeleteView.as_view(), name="question_delete"),
    path("<slug:slug>/questions/<int:pk>/move/", builder.QuestionMoveView.as_view(), name="question_move"),
    path("<slug:slug>/sections/add/", builder.SectionCreateView.as_view(), name="section_add"),
    path("<slug:slug>/sections/<int:pk>/edit/", builder.SectionEditView.as_view(), name="section_edit"),
    path("<slug:slug>/sections/<int:pk>/delete/", builder.SectionDeleteView.as_view(), name="section_delete"),
    path("<slug:slug>/audience/add/", builder.AudienceCreateView.as_view(), name="audience_add"),
    path("<slug:slug>/audience/<int:pk>/delete/", builder.AudienceDeleteView.as_view(), name="audience_delete"),
    path("<slug:slug>/answer/", answering.SurveyAnswerView.as_view(), name="survey_answer"),
    path("<slug:slug>/ballot/<str:key>/", answering.BallotView.as_view(), name="ballot"),
    path("<slug:slug>/thanks/", answering.ThanksView.as_view(), name="survey_thanks"),
    path("<slug:slug>/results/", results.ResultsView.as_view(), name="survey_results"),
    path("<slug:slug>/results/export/", results.ResultsExportView.as_view(), name="results_export"),
    path("<slug:slug>/results/compare/", results.CompareView.as_view(), name="survey_compare"),
    path("<slug:slug>/responses/<uuid:pk>/tags/", results.ResponseTagView.as_view(), name="response_tag"),
    path("<slug:slug>/published/", results.PublishedResultsView.as_view(), name="survey_published"),
]
