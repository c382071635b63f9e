from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("monitoring/projects", views.ProjectViewSet, basename="monitoringproject")
router.register("monitoring/partner-reports", views.PartnerReportViewSet, basename="partnerreport")
router.register("monitoring/expenditure", views.ExpenditureItemViewSet, basename="expenditureitem")
router.register("monitoring/joint-reports", views.JointReportViewSet, basename="jointreport")
router.register("monitoring/exchange-rates", views.ExchangeRateViewSet, basename="exchangerate")
urlpatterns = router.urls
