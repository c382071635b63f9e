from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from . import views
from .models import Organisation

app_name = "directory"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation_add"),
    path("organisations/map/", views.OrganisationMapView.as_view(), name="organisation_map"),
    path("organisations/regions/", views.nuts_region_options, name="nuts_region_options"),
    path("organisations/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisations/<slug:slug>/edit/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path("organisations/<slug:slug>/history/", ObjectHistoryView.as_view(model=Organisation),
         name="organisation_history"),
    path("organisations/<slug:slug>/join/", views.OrganisationJoinView.as_view(), name="organisation_join"),
    path("organisations/<slug:slug>/contacts/new/", views.ContactCreateView.as_view(), name="contactperson_add"),
    path("contacts/<int:pk>/edit/", views.ContactEditView.as_view(), name="contactperson_edit"),
    path("contacts/<int:pk>/delete/", views.ContactDeleteView.as_view(), name="contactperson_delete"),
    path("organisations/<slug:slug>/verification/", views.VerificationRequestCreateView.as_view(),
         name="verificationrequest_add"),
    path("verification/", views.VerificationQueueView.as_view(), name="verification_queue"),
    path("verification/<int:pk>/", views.VerificationRequestDetailView.as_view(), name="verificationrequest_detail"),
    path("verification/<int:pk>/decide/", views.VerificationDecideView.as_view(), name="verificationrequest_decide"),
    path("verification/<int:pk>/document/", views.VerificationDocumentView.as_view(),
         name="verificationrequest_document"),
    path("partnerships/<slug:slug>/", views.PartnershipDetailView.as_view(), name="partnership_detail"),
]
