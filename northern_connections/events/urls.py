from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="event_list"),
    path("new/", views.EventCreateView.as_view(), name="event_add"),
    path("blocks/<int:pk>/edit/", views.BlockEditView.as_view(), name="block_edit"),
    path("blocks/<int:pk>/delete/", views.BlockDeleteView.as_view(), name="block_delete"),
    path("participants/<int:pk>/edit/", views.ParticipantEditView.as_view(), name="participant_edit"),
    path("participants/<int:pk>/cancel/", views.ParticipantCancelView.as_view(), name="participant_cancel"),
    path("participants/<int:pk>/agenda/", views.AgendaView.as_view(), name="participant_agenda"),
    path("participants/<int:pk>/agenda.pdf", views.AgendaPdfView.as_view(), name="participant_agenda_pdf"),
    path("participants/<int:pk>/agenda.ics", views.AgendaIcalView.as_view(), name="participant_agenda_ical"),
    path("marketplace/<int:pk>/edit/", views.MarketplaceItemEditView.as_view(), name="marketplaceitem_edit"),
    path("marketplace/<int:pk>/delete/", views.MarketplaceItemDeleteView.as_view(), name="marketplaceitem_delete"),
    path("requests/<int:pk>/accept/", views.MeetingRequestAcceptView.as_view(), name="meetingrequest_accept"),
    path("requests/<int:pk>/decline/", views.MeetingRequestDeclineView.as_view(), name="meetingrequest_decline"),
    path("requests/<int:pk>/cancel/", views.MeetingRequestCancelView.as_view(), name="meetingrequest_cancel"),
    path("meetings/<int:pk>/move/", views.MeetingMoveView.as_view(), name="meeting_move"),
    path("meetings/<int:pk>/lock/", views.MeetingLockView.as_view(), name="meeting_lock"),
    path("meetings/<int:pk>/unschedule/", views.MeetingUnscheduleView.as_view(), name="meeting_unschedule"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("<slug:slug>/event.ics", views.EventIcalView.as_view(), name="event_ical"),
    path("<slug:slug>/edit/", views.EventEditView.as_view(), name="event_edit"),
    path("<slug:slug>/publish/", views.EventPublishView.as_view(), name="event_publish"),
    path("<slug:slug>/programme/", views.EventSessionsView.as_view(), name="event_sessions"),
    path("<slug:slug>/blocks/", views.BlockListView.as_view(), name="block_list"),
    path("<slug:slug>/register/", views.RegisterView.as_view(), name="event_register"),
    path("<slug:slug>/participants/", views.ParticipantListView.as_view(), name="participant_list"),
    path("<slug:slug>/participants/screen/", views.ParticipantScreenView.as_view(), name="participant_screen"),
    path("<slug:slug>/marketplace/", views.MarketplaceView.as_view(), name="marketplace"),
    path("<slug:slug>/marketplace/new/", views.MarketplaceItemCreateView.as_view(), name="marketplaceitem_add"),
    path("<slug:slug>/meetings/", views.MeetingRequestListView.as_view(), name="meetingrequest_list"),
    path("<slug:slug>/meetings/request/", views.MeetingRequestCreateView.as_view(), name="meetingrequest_add"),
    path("<slug:slug>/schedule/", views.ScheduleGridView.as_view(), name="schedule_grid"),
    path("<slug:slug>/schedule/run/", views.ScheduleRunView.as_view(), name="schedule_run"),
    path("<slug:slug>/schedule/improve/", views.ScheduleImproveView.as_view(), name="schedule_improve"),
    path("<slug:slug>/schedule/publish/", views.SchedulePublishView.as_view(), name="schedule_publish"),
    path("<slug:slug>/schedule/meetings/new/", views.MeetingAddView.as_view(), name="meeting_add"),
]
