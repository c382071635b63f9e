from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from . import views
from .models import Decision

app_name = "strategy"

urlpatterns = [
    path("", views.StrategyListView.as_view(), name="strategy_list"),
    path("add/", views.StrategyCreateView.as_view(), name="strategy_add"),
    path("synergies/", views.SynergyView.as_view(), name="synergies"),
    path("scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("plan/goals/add/", views.GoalCreateView.as_view(), name="goal_add"),
    path("plan/goals/<int:pk>/edit/", views.GoalEditView.as_view(), name="goal_edit"),
    path("plan/goals/<int:pk>/actions/add/", views.PlanActionAddView.as_view(), name="plan_action_add"),
    path("plan/actions/<int:pk>/edit/", views.PlanActionEditView.as_view(), name="plan_action_edit"),
    path("boards/", views.BoardListView.as_view(), name="board_list"),
    path("boards/add/", views.BoardCreateView.as_view(), name="board_add"),
    path("boards/<slug:slug>/", views.BoardDetailView.as_view(), name="board_detail"),
    path("boards/<slug:slug>/edit/", views.BoardEditView.as_view(), name="board_edit"),
    path("boards/<slug:slug>/members/add/", views.BoardMemberAddView.as_view(), name="member_add"),
    path("boards/<slug:slug>/meetings/add/", views.MeetingCreateView.as_view(), name="meeting_add"),
    path("members/<int:pk>/remove/", views.BoardMemberRemoveView.as_view(), name="member_remove"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("meetings/<int:pk>/agenda/add/", views.AgendaItemAddView.as_view(), name="agenda_add"),
    path("meetings/<int:pk>/agenda/pair/", views.AgendaPairAddView.as_view(), name="agenda_pair_add"),
    path("meetings/<int:pk>/documents/add/", views.DocumentAddView.as_view(), name="document_add"),
    path("meetings/<int:pk>/decisions/add/", views.DecisionAddView.as_view(), name="decision_add"),
    path("meetings/<int:pk>/brief/", views.BriefGenerateView.as_view(), name="brief_generate"),
    path("agenda/<int:pk>/delete/", views.AgendaItemDeleteView.as_view(), name="agenda_delete"),
    path("documents/<int:pk>/", views.DocumentView.as_view(), name="document_detail"),
    path("documents/<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
    path("decisions/<int:pk>/edit/", views.DecisionEditView.as_view(), name="decision_edit"),
    path("decisions/<int:pk>/history/", ObjectHistoryView.as_view(model=Decision), name="decision_history"),
    path("decisions/<int:pk>/action-points/add/", views.ActionPointAddView.as_view(), name="action_point_add"),
    path("action-points/<int:pk>/status/", views.ActionPointTransitionView.as_view(),
         name="action_point_transition"),
    path("briefs/<int:pk>/", views.BriefDetailView.as_view(), name="brief_detail"),
    path("briefs/<int:pk>/edit/", views.BriefEditView.as_view(), name="brief_edit"),
    path("briefs/<int:pk>/status/", views.BriefTransitionView.as_view(), name="brief_transition"),
    path("briefs/<int:pk>/pdf/", views.BriefPdfView.as_view(), name="brief_pdf"),
    path("priorities/<int:pk>/edit/", views.PriorityEditView.as_view(), name="priority_edit"),
    path("priorities/<int:pk>/delete/", views.PriorityDeleteView.as_view(), name="priority_delete"),
    path("measures/<int:pk>/delete/", views.MeasureDeleteView.as_view(), name="measure_delete"),
    path("barriers/<int:pk>/delete/", views.BarrierDeleteView.as_view(), name="barrier_delete"),
    path("<slug:slug>/", views.StrategyDetailView.as_view(), name="strategy_detail"),
    path("<slug:slug>/edit/", views.StrategyEditView.as_view(), name="strategy_edit"),
    path("<slug:slug>/delete/", views.StrategyDeleteView.as_view(), name="strategy_delete"),
    path("<slug:slug>/priorities/add/", views.PriorityAddView.as_view(), name="priority_add"),
    path("<slug:slug>/measures/add/", views.MeasureAddView.as_view(), name="measure_add"),
    path("<slug:slug>/barriers/add/", views.BarrierAddView.as_view(), name="barrier_add"),
]
