"""The applicant's pages: start, edit, submit or withdraw an application, partners, attachments."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from northern_connections.core.paging import paginate_table
from northern_connections.core.permissions import CHANGE, can
from northern_connections.core.views import GateView, ObjectActionView, message_error, stored_file_download, submit_form

from .. import selectors, services
from ..choices import ApplicationStatus, ChallengeStatus, PartnerStatus
from ..forms import ApplicationForm, AttachmentForm, PartnerInviteForm, StartApplicationForm
from ..models import Application, ApplicationPartner, Attachment, Challenge
from ..permissions import LEAD, RECEIPT
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
        paginate_table(request, table, default_page_size=25)
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
            "is_lead": can(user, LEAD, application),
            "is_owner": is_owner,
            "form": form or (ApplicationForm(instance=application) if may_edit else None),
            "partner_form": PartnerInviteForm(),
            "attachment_form": AttachmentForm(),
            "my_invitations": [p for p in application.partners.all() if p.status == PartnerStatus.INVITED
                               and can(user, CHANGE, p)],
            "decided": application.status in (ApplicationStatus.SELECTED, ApplicationStatus.REJECTED)
            and challenge.status in (ChallengeStatus.DECIDED, ChallengeStatus.ARCHIVED),
            "applicant_side": can(user, RECEIPT, application),
            "deadline_local": services.format_deadline(challenge),
        }

    def get(self, request, pk):
        application = selectors.application_get(actor=request.user, pk=pk)
        if application is None:
            self.get_object()  # 302 to log in, or 404
        if not selectors.application_identified(actor=request.user, application=application):
            # A blind jury reads what was proposed, never who proposed it (no names, people or file names).
            return render(request, "challenges/application_blind.html", {
                "object": application, "challenge": application.challenge, "label": application.blind_label})
        return render(request, "challenges/application_detail.html", self._context(application))

    def post(self, request, pk):
        application = self.get_object(CHANGE)
        form = ApplicationForm(request.POST, instance=application)
        update = partial(services.application_update, actor=request.user, application=application)
        if submit_form(request, form, lambda **fields: update(version=form.cleaned_data["version"], **fields),
                       _("Saved.")):
            return redirect(application.get_absolute_url())
        application = selectors.application_get(actor=request.user, pk=pk)
        return render(request, "challenges/application_detail.html", self._context(application, form), status=400)


class ApplicationActionView(ObjectActionView):
    """Submit or withdraw (POST with the version the page showed, so a stale page is refused)."""

    model = Application

    def service_kwargs(self, obj):
        version = self.request.POST.get("version", "")
        return {"version": int(version) if version.isascii() and version.isdigit() else None}


class ApplicationSubmitView(ApplicationActionView):
    service = services.application_submit
    success_message = _lazy("Submitted. A receipt with a PDF of your application is on its way by e-mail.")


class ApplicationWithdrawView(ApplicationActionView):
    service = services.application_withdraw
    success_message = _lazy("Your application was withdrawn. You can submit it again until the deadline.")


class PartnerInviteView(ObjectActionView):
    model = Application
    form_class = PartnerInviteForm
    service = services.partner_invite
    success_message = _lazy("Invitation sent.")


class PartnerRespondView(ObjectActionView):
    model = ApplicationPartner
    service = services.partner_respond
    success_message = _lazy("Your answer was recorded.")

    def service_kwargs(self, obj):
        return {"accept": self.request.POST.get("accept") == "1"}

    def get_return_url(self, obj):
        return obj.application.get_absolute_url()


class AttachmentCreateView(ObjectActionView):
    model = Application
    form_class = AttachmentForm
    service = services.attachment_add
    success_message = _lazy("File attached.")


class AttachmentDownloadView(GateView):
    model = Attachment

    def get(self, request, pk):
        attachment = self.get_object()
        identified = selectors.application_identified(actor=request.user, application=attachment.application)
        return stored_file_download(attachment.file, attachment.title if identified else attachment.blind_title,
                                    attachment.content_type)


