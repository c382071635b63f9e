"""Generic views shared by every app (the NetBox pattern: twelve apps, learned once).

They decide access only through the permission gate: lists and detail pages show
`Model.objects.restrict(user, "view")`, edit and delete pages look the object up in the "change"
or "delete" scope, and the service they call re-checks it inside its transaction. An object the
user may not see is a 404; one they may see but not change is a 403.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy
from django.views import View

from .paging import paginate_table
from .permissions import CHANGE, DELETE, VIEW, can_add


class GateMixin:
    """Looks objects up through the gate; anonymous users are sent to log in for actions."""

    model: type[models.Model]
    action: str = VIEW

    def get_queryset(self, action: str | None = None) -> models.QuerySet:
        return self.model.objects.restrict(self.request.user, action or self.action)

    def get_object(self, action: str | None = None) -> models.Model:
        action = action or self.action
        lookup = {"pk": self.kwargs["pk"]} if "pk" in self.kwargs else {"slug": self.kwargs["slug"]}
        obj = self.get_queryset(action).filter(**lookup).first()
        if obj is not None:
            return obj
        if not self.request.user.is_authenticated:
            self.deny()  # logging in may grant access: send them to the login page, revealing nothing
        if action != VIEW and self.get_queryset(VIEW).filter(**lookup).exists():
            self.deny()
        raise Http404(_("No such %(name)s.") % {"name": self.model._meta.verbose_name})

    def deny(self):
        if not self.request.user.is_authenticated:
            raise _LoginRequired
        raise PermissionDenied


class _LoginRequired(Exception):
    pass


class GateView(GateMixin, View):
    """A view behind the gate. Pages take `template_name`, or by Django's convention
    `<app>/<model>_<template_suffix>.html`, else the shared `default_template` of components/."""

    template_name: str | None = None
    template_suffix = ""
    default_template: str | None = None

    def get_template_names(self) -> list[str]:
        if self.template_name:
            return [self.template_name]
        meta = self.model._meta
        names = [f"{meta.app_label}/{meta.model_name}_{self.template_suffix}.html"]
        return names + ([self.default_template] if self.default_template else [])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().dispatch(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())


class ObjectListView(GateView):
    """Filtered, searchable, sortable, paginated list; HTMX requests get only the results."""

    filterset_class = None
    table_class = None
    selector = None  # optional: `selector(actor=user)` gives the rows (already restricted, with their joins)
    template_suffix, default_template = "list", "components/object_list.html"
    partial_template_name = "components/_object_list_results.html"
    default_page_size = 25

    def get_list_queryset(self) -> models.QuerySet:
        if type(self).selector is not None:
            return type(self).selector(actor=self.request.user)
        return self.get_queryset()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        queryset = self.get_list_queryset()
        filterset = self.filterset_class(request.GET or None, queryset=queryset, request=request)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
        if filterset.is_bound and not filterset.is_valid():
            rows = queryset.none()
        table = self.table_class(rows)
        paginate_table(request, table, default_page_size=self.default_page_size)
        context = {
            "model": self.model,
            "meta": self.model._meta,
            "filterset": filterset,
            "table": table,
            "can_add": can_add(request.user, self.model),
            **self.get_extra_context(),
        }
        htmx = getattr(request, "htmx", False)
        return render(request, self.partial_template_name if htmx else self.get_template_names(), context)

    def get_extra_context(self) -> dict[str, Any]:
        return {}


class ObjectDetailView(GateView):
    """One object's page: looked up through the gate, or by `selector(actor=user, **url kwargs)`
    where the page needs the selector's joins (None from the selector is a 404)."""

    template_suffix = "detail"
    selector = None

    def get_detail_object(self) -> models.Model:
        if type(self).selector is None:
            return self.get_object()
        obj = type(self).selector(actor=self.request.user, **self.kwargs)
        if obj is None:
            raise Http404(_("No such %(name)s.") % {"name": self.model._meta.verbose_name})
        return obj

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_detail_object()
        return render(request, self.get_template_names(), {"object": obj, **self.get_extra_context(obj)})

    def get_extra_context(self, obj: models.Model) -> dict[str, Any]:
        return {}


def object_parameter(service: Callable[..., Any], model: type[models.Model]) -> str:
    """The keyword under which `service` takes an object of `model`.

    The model's name (`event=` for an Event) when the service has that parameter, else the one
    annotated with the model (`document: ChallengeDocument`), so that views need not repeat what
    the service's signature already says.
    """
    name = model._meta.model_name
    parameters = inspect.signature(service).parameters
    if name in parameters:
        return name
    pattern = re.compile(rf"\b{model.__name__}\b")
    return next((p for p, param in parameters.items() if pattern.search(str(param.annotation))), name)


class ServiceViewMixin:
    """Calls the app's one service for a write (HackSoft style: the view only parses and renders).

    `service` is the service function itself (`service = services.event_publish`); it is called
    with `actor=` and the object under `object_argument` (default: `object_parameter()`, read
    from the service's signature), plus whatever `service_kwargs` adds. The service re-checks permission inside its
    transaction, so the view's own look-up is a convenience, never the rule.
    """

    service = None
    object_argument: str | None = None
    # Where the user goes afterwards: (URL name, dotted path from the object to the one whose slug
    # the URL takes, "" for the object itself), e.g. ("events:marketplace", "participant.event");
    # None: the object's own page.
    return_to: tuple[str, str] | None = None

    def url_after(self, obj: models.Model) -> str:
        if self.return_to is None:
            return obj.get_absolute_url()
        name, path = self.return_to
        target = attrgetter(path)(obj) if path else obj
        return reverse(name, kwargs={"slug": target.slug})

    def call_service(self, obj: models.Model | None = None, **kwargs: Any) -> Any:
        service = type(self).service
        if obj is not None:
            kwargs[self.object_argument or object_parameter(service, self.model)] = obj
        return service(actor=self.request.user, **kwargs)


class ObjectEditView(ServiceViewMixin, GateView):
    """Edit form: the write is the app's service, called with the form's `service_fields()`."""

    action = CHANGE
    form_class = None
    template_suffix, default_template = "form", "components/object_edit.html"
    success_message = _lazy("Saved.")

    def save(self, form, obj: models.Model) -> models.Model:
        return self.call_service(obj, **form.service_fields())

    def get_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        return self.render_form(self.get_form(obj), obj)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        form = self.get_form(obj, request.POST, request.FILES)
        if saved := submit_form(request, form, lambda **fields: self.save(form, obj), self.success_message):
            return redirect(self.get_success_url(saved.result))
        return self.render_form(form, obj, status=400)

    def get_success_url(self, obj: models.Model) -> str:
        return self.url_after(obj)

    def get_context(self, obj) -> dict[str, Any]:
        return {}

    def render_form(self, form, obj, status: int = 200) -> HttpResponse:
        context = {"form": form, "object": obj, "meta": self.model._meta, **self.get_context(obj)}
        return render(self.request, self.get_template_names(), context, status=status)


class ObjectCreateView(ServiceViewMixin, GateView):
    """Create form: GET shows it, POST calls the app's create service and goes to the new object.

    Who may add is the model policy's `can_add` (with `add_context()`, e.g. the parent object);
    anonymous visitors are sent to log in. `service_kwargs(form)` are passed beside the form's
    `service_fields()` (e.g. the parent event).
    """

    form_class = None
    template_suffix, default_template = "form", "components/object_edit.html"
    success_message = _lazy("Saved.")

    def add_context(self) -> dict[str, Any]:
        return {}

    def check_add(self) -> None:
        if not can_add(self.request.user, self.model, **self.add_context()):
            self.deny()

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, **self.get_form_kwargs())

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def service_kwargs(self, form) -> dict[str, Any]:
        return {}

    def create(self, form) -> models.Model:
        return self.call_service(**self.service_kwargs(form), **form.service_fields())

    def get_success_url(self, obj: models.Model) -> str:
        return self.url_after(obj)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_add()
        return self.render_form(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_add()
        form = self.get_form(request.POST, request.FILES)
        if created := submit_form(request, form, lambda **fields: self.create(form), self.success_message):
            return redirect(self.get_success_url(created.result))
        return self.render_form(form, status=400)

    def get_context(self) -> dict[str, Any]:
        return {}

    def render_form(self, form, status: int = 200) -> HttpResponse:
        context = {"form": form, "object": None, "meta": self.model._meta, **self.get_context()}
        return render(self.request, self.get_template_names(), context, status=status)


class ObjectActionView(ServiceViewMixin, GateView):
    """One action on one object: GET asks for confirmation, POST calls one service and redirects.

    A refusal of the service (`ValidationError`) becomes an error message on the page the user
    is sent back to, so no view repeats `try: service(...) except ValidationError`. A
    `PermissionDenied` raised by the service stays a 403. Set `model`, `action` (the gate scope
    the object is looked up in), `service`, `success_message` and, for the confirmation page,
    `confirm_question`; override `service_kwargs` to pass what the request adds (a reason, a
    version) and `return_to` (or `get_return_url`) to go back somewhere else than the object.
    """

    action = CHANGE
    template_name = "components/object_action.html"
    success_message = _lazy("Done.")
    confirm_question = _lazy("Do you want to go ahead?")
    confirm_label = pgettext_lazy("confirmation button", "Confirm")
    form_class = None  # optional: parses the POST; its `service_fields()` (or cleaned data) go to the service

    def get_form_kwargs(self, obj: models.Model) -> dict[str, Any]:
        return {}

    def service_kwargs(self, obj: models.Model) -> dict[str, Any]:
        """What the request adds to the service call; a ValidationError here is shown like the service's."""
        if self.form_class is None:
            return {}
        form = self.form_class(self.request.POST, self.request.FILES, **self.get_form_kwargs(obj))
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        return form_fields(form)

    def perform(self, obj: models.Model) -> Any:
        return self.call_service(obj, **self.service_kwargs(obj))

    def get_return_url(self, obj: models.Model) -> str:
        """Where the user goes back to after a refusal, and by default after success too."""
        return self.url_after(obj)

    def get_success_url(self, obj: models.Model, result: Any) -> str:
        return self.get_return_url(obj)

    def get_success_message(self, obj: models.Model, result: Any) -> str:
        return self.success_message

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        context = {"object": obj, "meta": self.model._meta, "question": self.confirm_question,
                   "label": self.confirm_label}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        try:
            result = self.perform(obj)
        except ValidationError as error:
            message_error(request, error)
            return redirect(self.get_return_url(obj))
        message = self.get_success_message(obj, result)
        if message:
            messages.success(request, message)
        return redirect(self.get_success_url(obj, result))


class TransitionActionView(ObjectActionView):
    """A move of an object's life cycle (core/workflow.py): the POST's `to_status` and `note` go to
    the app's transition service, whose workflow refuses an unknown move or a note that is too long."""

    def service_kwargs(self, obj: models.Model) -> dict[str, Any]:
        return {"to_status": self.request.POST.get("to_status", ""), "note": self.request.POST.get("note", "")}


@dataclass
class Submission:
    """What `submit_form` did: true when the write was made; `result` is what the service returned."""

    ok: bool
    result: Any = None

    def __bool__(self) -> bool:
        return self.ok


def form_fields(form) -> dict[str, Any]:
    """What a valid form hands to its service: its `service_fields()` where it has them, else its cleaned data."""
    return form.service_fields() if hasattr(form, "service_fields") else form.cleaned_data


def submit_form(request: HttpRequest, form, write: Callable[..., Any], success_message: str = "", *,
                errors_as_messages: bool = False) -> Submission:
    """Validate `form`, make the one write (`write(**form_fields(form))`, a service call) and say so.

    This is the body every form-posting view would otherwise repeat: a service's refusal
    (`ValidationError`) goes onto the form, or, for a page that redirects back instead of showing
    the form again, into an error message; on success the message is queued.
    """
    if not form.is_valid():
        return Submission(False)
    try:
        result = write(**form_fields(form))
    except ValidationError as error:
        if errors_as_messages:
            message_error(request, error)
        else:
            apply_validation_error(form, error)
        return Submission(False)
    if success_message:
        messages.success(request, success_message)
    return Submission(True, result)


# The types of the documents the platform generates (DESIGN.md: WeasyPrint, openpyxl, icalendar).
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICAL = "text/calendar; charset=utf-8"


def download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A generated document (PDF, workbook, calendar) that the browser saves as `filename`."""
    return HttpResponse(content, content_type=content_type,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def stored_file_download(file, title: str, content_type: str) -> FileResponse:
    """An uploaded file as a download named after its title (callers have passed the gate already)."""
    extension = file.name.rsplit(".", 1)[-1]
    return FileResponse(file.open("rb"), content_type=content_type, as_attachment=True,
                        filename=f"{title[:80]}.{extension}")


def apply_validation_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors by field, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def message_error(request: HttpRequest, error: Exception) -> None:
    """Show a service's refusal (ValidationError, PermissionDenied) as one error message on the next page."""
    messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))


class ObjectDeleteView(ServiceViewMixin, GateView):
    """Confirm, then delete through the app's service (`service`, called with the object)."""

    action = DELETE
    template_name = "components/object_delete.html"
    success_url: str

    def delete(self, obj: models.Model) -> None:
        self.call_service(obj)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return render(request, self.template_name, {"object": self.get_object(), "meta": self.model._meta})

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        try:
            self.delete(obj)
        except ValidationError as error:
            message_error(request, error)
            return redirect(obj.get_absolute_url())
        messages.success(request, _("Deleted."))
        return redirect(self.success_url)
