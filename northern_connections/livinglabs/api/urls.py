from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("living-lab-candidates", views.CandidateViewSet, basename="candidate")
router.register("living-lab-rounds", views.RoundViewSet, basename="selectionround")
router.register("living-lab-demonstrations", views.DemonstrationViewSet, basename="demonstration")
urlpatterns = router.urls
