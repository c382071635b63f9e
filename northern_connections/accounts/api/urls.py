from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("memberships", views.MembershipViewSet, basename="membership")
urlpatterns = router.urls
