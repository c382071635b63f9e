from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("support-measures", views.SupportMeasureViewSet, basename="supportmeasure")
urlpatterns = [
    path("support-coverage/", views.CoverageView.as_view(), name="support-coverage"),
    *router.urls,
]
