from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("challenges", views.ChallengeViewSet, basename="challenge")
router.register("clarifications", views.ClarificationViewSet, basename="clarification")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("scores", views.ScoreViewSet, basename="score")
urlpatterns = router.urls
