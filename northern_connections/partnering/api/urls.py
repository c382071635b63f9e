from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("funding-calls", views.FundingCallViewSet, basename="fundingcall")
router.register("partner-requests", views.PartnerRequestViewSet, basename="partnerrequest")
router.register("consortia", views.ConsortiumViewSet, basename="consortium")
urlpatterns = router.urls
