from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("organisations/<slug:slug>/challenges/", views.ChallengesForOrganisationView.as_view(),
         name="challenges_for_organisation"),
    path("organisations/<slug:slug>/searches/new/", views.SavedSearchCreateView.as_view(), name="savedsearch_add"),
    path("organisations/<slug:slug>/feed/", views.FeedAcceptView.as_view(), name="savedsearch_feed"),
    path("challenges/<slug:slug>/organisations/", views.OrganisationsForChallengeView.as_view(),
         name="organisations_for_challenge"),
    path("searches/<int:pk>/edit/", views.SavedSearchEditView.as_view(), name="savedsearch_edit"),
    path("searches/<int:pk>/delete/", views.SavedSearchDeleteView.as_view(), name="savedsearch_delete"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
