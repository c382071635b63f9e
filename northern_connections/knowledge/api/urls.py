from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("procurement-cases", views.ProcurementCaseViewSet, basename="procurementcase")
router.register("toolbox-items", views.ToolboxItemViewSet, basename="toolboxitem")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("community-questions", views.CommunityQuestionViewSet, basename="communityquestion")
router.register("self-assessments", views.AssessmentViewSet, basename="assessment")
urlpatterns = [
    path("knowledge-search/", views.KnowledgeSearchView.as_view(), name="knowledge-search"),
    *router.urls,
]
