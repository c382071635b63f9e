"""The applicant's pages: start, edit, submit or withdraw an application, partners, attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from northern_connections.core.permissions import CHANGE, can
from northern_connections.core.views import (
    GateView,
    apply_validation_error,
    message_error,
    stored_file_download,
)

from .. import selectors, services
from ..choices import ApplicationStatus, ChallengeStatus, PartnerStatus
from ..forms import (
    ApplicationForm,
    AttachmentForm,
    PartnerInviteForm,
    StartApplicationForm,
)
from ..models import (
    Application,
    ApplicationPartner,
    Attachment,
    Challenge,
)
from ..permissions import applicant_side, is_lead_applicant
from ..tables import ApplicationTable
from .challenges import _editable_organisations


@method_decorator(login_required, name="dispatch")
class ApplicationStartView(GateView):
    model = Challenge

    def post(self, request, slug):
        challenge = self.get_object()
        form = StartApplicationForm(request.POST, organisations=_editable_organisations(request.user))
        if not form.is_valid():
            messages.error(request, _("Choose an organisation you edit."))
            return redirect(challenge.get_absolute_url())
        try:
            application = services.application_create(actor=request.user, challenge=challenge,
                                                      applicant=form.cleaned_data["applicant"])
        except ValidationError as error:
            message_error(request, error)
            return redirect(challenge.get_absolute_url())
        messages.success(request, _("Draft application started."))
        return redirect(application.get_absolute_url())


@method_decorator(login_required, name="dispatch")
class ApplicationListView(View):
    def get(self, request):
        table = ApplicationTable(selectors.application_list(actor=request.user))
        table.paginate(page=request.GET.get("page", 1), per_page=25)
        return render(request, "challenges/application_list.html", {"table": table})


class ApplicationDetailView(GateView):
    """The application, its form (for editors, with the version it was opened at), partners and files."""

    model = Application

    def _context(self, application, form=None):
        user = self.request.user
        may_edit = can(user, CHANGE, application)
        challenge = application.challenge
        is_owner = can(user, CHANGE, challenge)
        return {
            "object": application,
            "challenge": challenge,
            "may_edit": may_edit and challenge.is_open,
            "is_lead": is_lead_applicant(user, application),
            "is_owner": is_owner,
            "form": form or (ApplicationForm(instance=application) if may_edit else None),
            "partner_form": PartnerInviteForm(),
            "attachment_form": AttachmentForm(),
            "my_invitations": [p for p in application.partners.all() if p.status == PartnerStatus.INVITED
                               and can(user, CHANGE, p)],
            "decided": application.status in (ApplicationStatus.SELECTED, ApplicationStatus.REJECTED)
            and challenge.status in (ChallengeStatus.DECIDED, ChallengeStatus.ARCHIVED),
            "applicant_side": applicant_side(user, application),
            "deadline_local": services.format_deadline(challenge),
        }

    def get(self, request, pk):
        application = selectors.application_get(actor=request.user, pk=pk)
        if application is None:
            self.get_object()  # 302 to log in, or 404
        return render(request, "challenges/application_detail.html", self._context(application))

    def post(self, request, pk):
        application = self.get_object(CHANGE)
        form = ApplicationForm(request.POST, instance=application)
        if form.is_valid():
            try:
                services.application_update(actor=request.user, application=application,
                                            version=form.cleaned_data["version"], **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(application.get_absolute_url())
        application = selectors.application_get(actor=request.user, pk=pk)
        return render(request, "challenges/application_detail.html", self._context(application, form), status=400)


class ApplicationActionView(GateView):
    """Submit or withdraw (POST with the version the page showed)."""

    model = Application
    action = CHANGE
    service = None
    done = ""

    def post(self, request, pk):
        application = self.get_object()
        version = request.POST.get("version")
        try:
            type(self).service(actor=request.user, application=application,
                               version=int(version) if version and version.isdigit() else None)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, self.done)
        return redirect(application.get_absolute_url())


class ApplicationSubmitView(ApplicationActionView):
    service = services.application_submit
    done = _("Submitted. A receipt with a PDF of your application is on its way by e-mail.")


class ApplicationWithdrawView(ApplicationActionView):
    service = services.application_withdraw
    done = _("Your application was withdrawn. You can submit it again until the deadline.")


class PartnerInviteView(GateView):
    model = Application
    action = CHANGE

    def post(self, request, pk):
        application = self.get_object()
        form = PartnerInviteForm(request.POST)
        if form.is_valid():
            try:
                services.partner_invite(actor=request.user, application=application, **form.cleaned_data)
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("Invitation sent."))
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(application.get_absolute_url())


class PartnerRespondView(GateView):
    model = ApplicationPartner
    action = CHANGE

    def post(self, request, pk):
        partner = self.get_object()
        try:
            services.partner_respond(actor=request.user, partner=partner, accept=request.POST.get("accept") == "1")
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Your answer was recorded."))
        return redirect(partner.application.get_absolute_url())


class AttachmentCreateView(GateView):
    model = Application
    action = CHANGE

    def post(self, request, pk):
        application = self.get_object()
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.attachment_add(actor=request.user, application=application, **form.cleaned_data)
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("File attached."))
        else:
            messages.error(request, _("Choose a file."))
        return redirect(application.get_absolute_url())


class AttachmentDownloadView(GateView):
    model = Attachment

    def get(self, request, pk):
        attachment = self.get_object()
        return stored_file_download(attachment.file, attachment.title, attachment.content_type)


