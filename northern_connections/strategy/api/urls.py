from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("strategies", views.StrategyViewSet, basename="regionalstrategy")
router.register("boards", views.BoardViewSet, basename="board")
router.register("board-meetings", views.MeetingViewSet, basename="boardmeeting")
router.register("meeting-documents", views.DocumentViewSet, basename="meetingdocument")
router.register("board-decisions", views.DecisionViewSet, basename="boarddecision")
router.register("action-points", views.ActionPointViewSet, basename="actionpoint")
router.register("policy-briefs", views.BriefViewSet, basename="policybrief")
router.register("action-plan", views.PlanViewSet, basename="plangoal")
urlpatterns = [
    path("strategy-synergies/", views.SynergyView.as_view(), name="strategy-synergies"),
    path("strategy-scorecard/", views.ScorecardView.as_view(), name="strategy-scorecard"),
    *router.urls,
]
