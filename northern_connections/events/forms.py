"""Forms of events: they parse input; every rule is checked by the services."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from northern_connections.challenges.choices import ACTIVE_STATUSES
from northern_connections.core.forms import DATETIME_WIDGET, LocalDateTimeMixin, in_zone
from northern_connections.core.widgets import FastSelectMultiple
from northern_connections.directory.countries import COUNTRY_CHOICES
from northern_connections.directory.models import Organisation

from .models import AgendaSession, Event, MarketplaceItem, MeetingBlock, Participant, Slot

EVENT_DATETIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


class EventForm(LocalDateTimeMixin, forms.ModelForm):
    """Dates are typed in the event's own time zone, whatever the browser's or the server's."""

    country = forms.ChoiceField(label=_("Country"), choices=[("", "—")] + list(COUNTRY_CHOICES), required=False)

    class Meta:
        model = Event
        fields = ["title", "kind", "summary", "description", "organisers", "venue", "city", "country", "online_url",
                  "time_zone", "starts_at", "ends_at", "registration_opens_at", "registration_closes_at", "capacity",
                  "approval_mode", "auto_accept_meetings", "meeting_request_hours", "max_meetings", "challenges"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}), "description": forms.Textarea(attrs={"rows": 6}),
            "organisers": FastSelectMultiple(attrs={"size": 8}), "challenges": FastSelectMultiple(attrs={"size": 6}),
            **{name: DATETIME_WIDGET for name in EVENT_DATETIMES},
        }

    local_datetime_fields = EVENT_DATETIMES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = Organisation.objects.order_by("name")
        self.fields["organisers"].help_text = _("Your organisation and any co-organisers (Ctrl-click for several).")
        self.fields["challenges"].queryset = self.fields["challenges"].queryset.filter(
            status__in=ACTIVE_STATUSES).order_by("title_en")
        self.fields["challenges"].required = False

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class SessionForm(forms.ModelForm):
    class Meta:
        model = AgendaSession
        fields = ["title", "starts_at", "ends_at", "location", "description"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET,
                   "description": forms.TextInput()}

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        for name in self.fields:
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if (data.get("title") or "").strip():
            for name in ("starts_at", "ends_at"):
                if not data.get(name):
                    self.add_error(name, _("Required for a session."))
            tz = self.event.tz if self.event else zoneinfo.ZoneInfo("UTC")
            data["starts_at"], data["ends_at"] = in_zone(data.get("starts_at"), tz), in_zone(data.get("ends_at"), tz)
        return data

    def _post_clean(self):
        pass  # the service validates the model; an empty row is simply skipped


class BaseSessionFormSet(forms.BaseFormSet):
    def __init__(self, *args, event=None, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"event": self.event}


SessionFormSet = forms.formset_factory(SessionForm, formset=BaseSessionFormSet, extra=3, max_num=40)


def session_initial(event: Event) -> list[dict]:
    return [{"title": s.title, "starts_at": event.local(s.starts_at).replace(tzinfo=None),
             "ends_at": event.local(s.ends_at).replace(tzinfo=None), "location": s.location,
             "description": s.description} for s in event.sessions.all()]


class IntListField(forms.CharField):
    """Slot numbers typed as "4, 8"."""

    def prepare_value(self, value):
        return ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        out = []
        for part in (value or "").replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not (part.isascii() and part.isdigit()):  # "²".isdigit() is True and int("²") fails
                raise forms.ValidationError(_("Give slot numbers separated by commas."))
            out.append(int(part))
        return out


class MeetingBlockForm(forms.ModelForm):
    breaks_after = IntListField(label=_("Breaks after slots"), required=False,
                                help_text=_("Slot numbers followed by a break, e.g. “4” or “3, 6”."))

    class Meta:
        model = MeetingBlock
        fields = ["name", "date", "start_time", "slot_minutes", "slot_count", "breaks_after", "break_minutes",
                  "tables"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def _post_clean(self):
        pass  # validated by the service, which knows the event

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class AvailabilityMixin:
    """Availability is asked positively ("blocks you can attend") and stored as the blocks one cannot."""

    def _setup_blocks(self, event, participant=None):
        blocks = event.blocks.all()
        self.blocks = list(blocks)
        self.fields["available_blocks"].queryset = blocks
        if not self.is_bound:
            unavailable = set(participant.unavailable_blocks.values_list("pk", flat=True)) if participant else set()
            self.initial["available_blocks"] = [b.pk for b in self.blocks if b.pk not in unavailable]
        if not self.blocks:
            del self.fields["available_blocks"]

    def unavailable_blocks(self) -> list:
        if "available_blocks" not in self.fields:
            return []
        chosen = {b.pk for b in self.cleaned_data.get("available_blocks") or []}
        return [b for b in self.blocks if b.pk not in chosen]


class RegistrationForm(AvailabilityMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=pgettext_lazy("event registration", "Register"),
                                          queryset=Organisation.objects.none())
    note = forms.CharField(label=_("Why you want to take part"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    max_meetings = forms.IntegerField(label=_("Maximum meetings"), required=False, min_value=0, max_value=200,
                                      help_text=_("Empty: the event's maximum."))
    available_blocks = forms.ModelMultipleChoiceField(label=_("Meeting blocks you can attend"), required=False,
                                                      queryset=MeetingBlock.objects.none(),
                                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, event, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self._setup_blocks(event)

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"organisation": data["organisation"], "note": data.get("note", ""),
                "max_meetings": data.get("max_meetings"), "unavailable_blocks": self.unavailable_blocks()}


class ParticipantForm(AvailabilityMixin, forms.ModelForm):
    available_blocks = forms.ModelMultipleChoiceField(label=_("Meeting blocks you can attend"), required=False,
                                                      queryset=MeetingBlock.objects.none(),
                                                      widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Participant
        fields = ["note", "max_meetings"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_blocks(self.instance.event, self.instance)

    def service_fields(self) -> dict:
        return {"note": self.cleaned_data.get("note", ""), "max_meetings": self.cleaned_data.get("max_meetings"),
                "unavailable_blocks": self.unavailable_blocks()}


class MarketplaceItemForm(forms.ModelForm):
    class Meta:
        model = MarketplaceItem
        fields = ["kind", "title", "description", "value_chains", "trl"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "value_chains": forms.CheckboxSelectMultiple}

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class MeetingRequestForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("Whom to meet"), queryset=Participant.objects.none())
    message = forms.CharField(label=_("Message"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("What would you like to discuss?"))

    def __init__(self, *args, others=None, **kwargs):
        super().__init__(*args, **kwargs)
        if others is not None:
            self.fields["recipient"].queryset = others


class MeetingAddForm(forms.Form):
    participant_a = forms.ModelChoiceField(label=_("Participant"), queryset=Participant.objects.none())
    participant_b = forms.ModelChoiceField(label=_("meets"), queryset=Participant.objects.none())
    priority = forms.IntegerField(label=_("Priority"), min_value=1, max_value=10, initial=1)

    def __init__(self, *args, participants=None, **kwargs):
        super().__init__(*args, **kwargs)
        if participants is not None:
            self.fields["participant_a"].queryset = participants
            self.fields["participant_b"].queryset = participants


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.block.name} · {obj}"


class MoveForm(forms.Form):
    slot = SlotChoiceField(label=_("Slot"), queryset=Slot.objects.none())
    table = forms.IntegerField(label=_("Table"), min_value=1)

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None:
            self.fields["slot"].queryset = (Slot.objects.filter(event=event).select_related("block", "event")
                                            .order_by("starts_at", "number"))


class ScheduleRunForm(forms.Form):
    time_limit = forms.IntegerField(label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=30,
                                    help_text=_("The optimiser stops at this limit with the best schedule found "
                                                "and says how far it may be from the optimum."))


class ScheduleImproveForm(forms.Form):
    """"Keep improving": the time for a run that starts from the current schedule."""

    time_limit = forms.IntegerField(label=_("Time to keep improving (seconds)"), min_value=1, max_value=600,
                                    initial=60)


class ScreenForm(forms.Form):
    participants = forms.ModelMultipleChoiceField(queryset=Participant.objects.none(), required=False)
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None:
            self.fields["participants"].queryset = Participant.objects.filter(event=event)
