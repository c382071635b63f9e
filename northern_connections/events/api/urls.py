from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("events", views.EventViewSet, basename="event")
router.register("event-registrations", views.RegistrationViewSet, basename="registration")
router.register("meeting-requests", views.MeetingRequestViewSet, basename="meetingrequest")
router.register("agenda", views.AgendaViewSet, basename="agenda")
urlpatterns = router.urls
