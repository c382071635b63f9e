from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("surveys", views.SurveyViewSet, basename="survey")
urlpatterns = router.urls
