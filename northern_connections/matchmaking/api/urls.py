from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("matchmaking/saved-searches", views.SavedSearchViewSet, basename="savedsearch")
urlpatterns = [
    path("matchmaking/organisations/<slug:slug>/challenges/", views.ChallengesForOrganisationView.as_view(),
         name="matchmaking-challenges-for-organisation"),
    path("matchmaking/challenges/<slug:slug>/organisations/", views.OrganisationsForChallengeView.as_view(),
         name="matchmaking-organisations-for-challenge"),
    *router.urls,
]
