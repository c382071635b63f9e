from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("verification-requests", views.VerificationRequestViewSet, basename="verificationrequest")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("nuts-regions", views.NutsRegionViewSet, basename="nutsregion")
urlpatterns = [
    path("vocabularies/", views.VocabularyView.as_view(), name="vocabulary-list"),
    *router.urls,
]
