from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from . import views
from .models import PartnerRequest

app_name = "partnering"

urlpatterns = [
    path("", views.CallListView.as_view(), name="call_list"),
    path("calls/<slug:slug>/", views.CallDetailView.as_view(), name="call_detail"),
    path("calls/<slug:slug>/consortium/", views.ConsortiumCreateView.as_view(), name="consortium_add"),
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/add/", views.RequestCreateView.as_view(), name="request_add"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", views.RequestEditView.as_view(), name="request_edit"),
    path("requests/<int:pk>/status/", views.RequestTransitionView.as_view(), name="request_transition"),
    path("requests/<int:pk>/extend/", views.RequestExtendView.as_view(), name="request_extend"),
    path("requests/<int:pk>/interest/", views.InterestSendView.as_view(), name="interest_add"),
    path("requests/<int:pk>/history/", ObjectHistoryView.as_view(model=PartnerRequest), name="request_history"),
    path("interests/<int:pk>/status/", views.InterestTransitionView.as_view(), name="interest_transition"),
    path("consortia/", views.ConsortiumListView.as_view(), name="consortium_list"),
    path("consortia/<slug:slug>/", views.ConsortiumDetailView.as_view(), name="consortium_detail"),
    path("consortia/<slug:slug>/builder/", views.ConsortiumBuilderView.as_view(), name="consortium_builder"),
    path("consortia/<slug:slug>/invite/", views.MemberInviteView.as_view(), name="member_invite"),
    path("consortia/<slug:slug>/tasks/", views.TaskAddView.as_view(), name="task_add"),
    path("consortia/<slug:slug>/documents/", views.DocumentAddView.as_view(), name="document_add"),
    path("members/<int:pk>/respond/", views.MemberRespondView.as_view(), name="member_respond"),
    path("tasks/<int:pk>/toggle/", views.TaskToggleView.as_view(), name="task_toggle"),
    path("documents/<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
]
