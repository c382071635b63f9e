from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("challenges", views.ChallengeViewSet, basename="challenge")
router.register("clarifications", views.ClarificationViewSet, basename="clarification")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("scores", views.ScoreViewSet, basename="score")
router.register("application-partners", views.ApplicationPartnerViewSet, basename="applicationpartner")
router.register("attachments", views.AttachmentViewSet, basename="attachment")
router.register("jury", views.JuryAssignmentViewSet, basename="juryassignment")
router.register("conflicts", views.ConflictDeclarationViewSet, basename="conflictdeclaration")
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
urlpatterns = router.urls
