from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/token/", views.ApiTokenView.as_view(), name="api_token"),
    path("profile/token/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("privacy/my-data.json", views.personal_data_download, name="personal_data"),
    path("organisations/<slug:slug>/people/", views.OrganisationPeopleView.as_view(), name="organisation_people"),
    path("memberships/<int:pk>/role/", views.MembershipRoleView.as_view(), name="membership_role"),
    path("memberships/<int:pk>/remove/", views.MembershipRemoveView.as_view(), name="membership_remove"),
    path("requests/<int:pk>/decide/", views.MembershipRequestDecideView.as_view(), name="membershiprequest_decide"),
    path("invitations/<int:pk>/revoke/", views.InvitationRevokeView.as_view(), name="invitation_revoke"),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
]
