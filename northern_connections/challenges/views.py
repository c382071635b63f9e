"""Board pages: thin views that parse input, call one selector or service and render.

Every object is looked up through the gate (GateView / selectors); every write goes to a
service, which re-checks permission and rules inside its transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from northern_connections.accounts.choices import EDITING_ROLES
from northern_connections.accounts.models import User
from northern_connections.core.permissions import CHANGE, DELETE, VIEW, can, can_add
from northern_connections.core.views import (
    GateView,
    ObjectListView,
    apply_validation_error,
    message_error,
    stored_file_download,
)
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import ClusterMembership, Organisation
from northern_connections.directory.selectors import organisations_acting_for

from . import documents, ocds, selectors, services
from .choices import TRANSITION_LABELS, TRANSITIONS, ApplicationStatus, ChallengeStatus, PartnerStatus
from .filtersets import ChallengeFilterSet
from .forms import (
    AnswerForm,
    ApplicationForm,
    AttachmentForm,
    ChallengeForm,
    ClarificationForm,
    ConflictForm,
    CriteriaFormSet,
    DecisionForm,
    DocumentForm,
    JurorForm,
    PartnerInviteForm,
    RecommendForm,
    ScoreForm,
    StartApplicationForm,
    TranslationForm,
)
from .models import (
    Application,
    ApplicationPartner,
    Attachment,
    Challenge,
    ChallengeDocument,
    ChallengeTranslation,
    Clarification,
    Score,
)
from .permissions import EVALUATE, OWNER_KINDS, applicant_side, is_lead_applicant, may_read_feedback
from .tables import ApplicationTable, ChallengeTable


def _editable_organisations(user, kinds=None):
    return organisations_acting_for(actor=user, roles=EDITING_ROLES, kinds=kinds)


class ChallengeListView(ObjectListView):
    model = Challenge
    filterset_class = ChallengeFilterSet
    table_class = ChallengeTable
    template_name = "challenges/challenge_list.html"

    def get_list_queryset(self):
        return selectors.challenge_list(actor=self.request.user)


class ChallengeDetailView(GateView):
    model = Challenge

    def get(self, request, slug):
        challenge = selectors.challenge_get(actor=request.user, slug=slug)
        if challenge is None:
            raise Http404
        if challenge.status != ChallengeStatus.DRAFT:
            services.challenge_view_record(challenge=challenge, user=request.user)
        context = selectors.challenge_detail_context(actor=request.user, challenge=challenge)
        context.update({
            "object": challenge,
            "transitions_allowed": [(s, TRANSITION_LABELS[s]) for s in TRANSITIONS[challenge.status]],
            "clarification_form": ClarificationForm(organisations=selectors.user_organisations(request.user)),
            "start_form": StartApplicationForm(organisations=_editable_organisations(request.user))
            if request.user.is_authenticated else None,
            "deadline_local": services.format_deadline(challenge) if challenge.application_deadline else "",
            "can_recommend": request.user.is_authenticated and challenge.is_open and _editable_organisations(
                request.user, [OrganisationKind.CLUSTER]).exists(),
        })
        return render(request, "challenges/challenge_detail.html", context)


@method_decorator(login_required, name="dispatch")
class ChallengeCreateView(View):
    def _owners(self, request):
        return organisations_acting_for(actor=request.user, roles=EDITING_ROLES, kinds=OWNER_KINDS,
                                        all_for_admins=True)

    def get(self, request):
        if not can_add(request.user, Challenge):
            raise PermissionDenied
        return render(request, "challenges/challenge_form.html", {"form": ChallengeForm(owners=self._owners(request))})

    def post(self, request):
        if not can_add(request.user, Challenge):
            raise PermissionDenied
        form = ChallengeForm(request.POST, owners=self._owners(request))
        if form.is_valid():
            try:
                challenge = services.challenge_create(actor=request.user, **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Draft saved. Add the evaluation criteria, then publish."))
                return redirect("challenges:challenge_criteria", slug=challenge.slug)
        return render(request, "challenges/challenge_form.html", {"form": form}, status=400)


class ChallengeEditView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        return render(request, "challenges/challenge_form.html", {"form": ChallengeForm(instance=challenge),
                                                                  "object": challenge})

    def post(self, request, slug):
        challenge = self.get_object()
        form = ChallengeForm(request.POST, instance=challenge)
        if form.is_valid():
            try:
                challenge = services.challenge_update(actor=request.user, challenge=challenge, **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(challenge.get_absolute_url())
        return render(request, "challenges/challenge_form.html", {"form": form, "object": challenge}, status=400)


class ChallengeCriteriaView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        initial = [{"name": c.name, "description": c.description, "weight": c.weight} for c in challenge.criteria.all()]
        return render(request, "challenges/challenge_criteria.html",
                      {"formset": CriteriaFormSet(initial=initial), "object": challenge})

    def post(self, request, slug):
        challenge = self.get_object()
        formset = CriteriaFormSet(request.POST)
        if formset.is_valid():
            try:
                services.challenge_criteria_set(actor=request.user, challenge=challenge,
                                                criteria=[f.cleaned_data for f in formset if f.cleaned_data])
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(request, _("Criteria saved."))
                return redirect(challenge.get_absolute_url())
        return render(request, "challenges/challenge_criteria.html", {"formset": formset, "object": challenge},
                      status=400)


class ChallengeTransitionView(GateView):
    model = Challenge
    action = CHANGE

    def post(self, request, slug):
        challenge = self.get_object()
        try:
            services.challenge_transition(actor=request.user, challenge=challenge,
                                          to_status=request.POST.get("to_status", ""),
                                          note=request.POST.get("note", "")[:500])
        except ValidationError as error:
            message_error(request, error)
        except KeyError as error:
            raise Http404 from error
        else:
            messages.success(request, _("The challenge's status was changed."))
        return redirect(challenge.get_absolute_url())


@method_decorator(login_required, name="dispatch")
class ClarificationCreateView(GateView):
    model = Challenge

    def post(self, request, slug):
        challenge = self.get_object()
        form = ClarificationForm(request.POST, organisations=selectors.user_organisations(request.user))
        if form.is_valid():
            try:
                services.clarification_ask(actor=request.user, challenge=challenge, **form.cleaned_data)
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("Your question was sent; the answer will be published for everyone."))
        else:
            messages.error(request, _("Choose your organisation and write a question."))
        return redirect(challenge.get_absolute_url() + "#clarifications")


class ClarificationAnswerView(GateView):
    model = Clarification
    action = CHANGE

    def post(self, request, pk):
        clarification = self.get_object()
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.clarification_answer(actor=request.user, clarification=clarification,
                                              answer=form.cleaned_data["answer"])
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("Answer published."))
        return redirect(clarification.challenge.get_absolute_url() + "#clarifications")


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


# --- documents and translations of a challenge (owners) ---------------------------------------------------------


class ChallengeDocumentsView(GateView):
    """The owner's list of the call's documents, with the upload form."""

    model = Challenge
    action = CHANGE

    def get(self, request, slug, form=None, status=200):
        challenge = self.get_object()
        return render(request, "challenges/challenge_documents.html", {
            "object": challenge, "documents": challenge.documents.order_by("pk"), "form": form or DocumentForm()},
            status=status)

    def post(self, request, slug):
        challenge = self.get_object()
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.challenge_document_add(actor=request.user, challenge=challenge, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Document added."))
                return redirect("challenges:challenge_documents", slug=slug)
        return self.get(request, slug, form=form, status=400)


class DocumentDownloadView(GateView):
    """A document through the gate: a draft's documents are the owner's until it is published."""

    model = ChallengeDocument

    def get(self, request, pk):
        document = self.get_object()
        return stored_file_download(document.file, document.title, document.content_type)


class DocumentDeleteView(GateView):
    model = ChallengeDocument
    action = DELETE

    def post(self, request, pk):
        document = self.get_object()
        slug = document.challenge.slug
        try:
            services.challenge_document_delete(actor=request.user, document=document)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Document removed."))
        return redirect("challenges:challenge_documents", slug=slug)


class ChallengeTranslationsView(GateView):
    """Further translations of the title and summary, beyond the original and English."""

    model = Challenge
    action = CHANGE

    def get(self, request, slug, form=None, status=200):
        challenge = self.get_object()
        return render(request, "challenges/challenge_translations.html", {
            "object": challenge, "translations": challenge.translations.order_by("language"),
            "form": form or TranslationForm(challenge=challenge)}, status=status)

    def post(self, request, slug):
        challenge = self.get_object()
        form = TranslationForm(request.POST, challenge=challenge)
        if form.is_valid():
            try:
                services.challenge_translation_save(actor=request.user, challenge=challenge, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Translation saved."))
                return redirect("challenges:challenge_translations", slug=slug)
        return self.get(request, slug, form=form, status=400)


class TranslationDeleteView(GateView):
    model = ChallengeTranslation
    action = DELETE

    def post(self, request, pk):
        translation = self.get_object()
        slug = translation.challenge.slug
        try:
            services.challenge_translation_delete(actor=request.user, translation=translation)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Translation removed."))
        return redirect("challenges:challenge_translations", slug=slug)


# --- the applicant's documents: receipt and feedback letter ---------------------------------------------------


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ApplicationReceiptView(GateView):
    """The PDF receipt of what is submitted, also sent by e-mail at submission; for the applicant's side."""

    model = Application

    def get(self, request, pk):
        application = self.get_object()
        if not applicant_side(request.user, application):
            self.deny()
        if application.submitted_at is None:
            raise Http404(_("This application has not been submitted."))
        return _pdf_response(documents.application_pdf(application), f"application-{application.pk}-receipt.pdf")


class FeedbackLetterView(GateView):
    """The feedback letter once the challenge is decided: for the applicant's side and the owners."""

    model = Application
    pdf = False

    def get(self, request, pk):
        application = self.get_object()
        if not may_read_feedback(request.user, application):
            self.deny()
        context = documents.feedback_letter_context(application)
        if context is None:
            raise Http404(_("The decision on this application has not been published yet."))
        if self.pdf:
            return _pdf_response(documents.feedback_letter_pdf(context), f"feedback-{application.pk}.pdf")
        return render(request, "challenges/feedback_letter.html", context)


class JuryView(GateView):
    """The owner assigns jurors by e-mail address."""

    model = Challenge
    action = CHANGE

    def get(self, request, slug, form=None, status=200):
        challenge = self.get_object()
        return render(request, "challenges/challenge_jury.html", {
            "object": challenge, "form": form or JurorForm(), "jury": challenge.jury.select_related("user")},
            status=status)

    def post(self, request, slug):
        challenge = self.get_object()
        form = JurorForm(request.POST)
        if form.is_valid():
            user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
            if user is None:
                form.add_error("email", _("No registered user has this address; ask them to register first."))
            else:
                try:
                    services.jury_assign(actor=request.user, challenge=challenge, user=user)
                except ValidationError as error:
                    apply_validation_error(form, error)
                else:
                    messages.success(request, _("Juror added and notified."))
                    return redirect("challenges:challenge_jury", slug=slug)
        return self.get(request, slug, form=form, status=400)


class EvaluateView(GateView):
    """A juror's list: the applications, their conflicts and own progress."""

    model = Challenge
    action = EVALUATE

    def get(self, request, slug):
        challenge = self.get_object()
        return render(request, "challenges/challenge_evaluate.html", {
            "object": challenge, "rows": selectors.evaluation_rows(actor=request.user, challenge=challenge),
            "conflict_form": ConflictForm()})


class ScoreView(GateView):
    model = Application

    def _application(self):
        application = self.get_object()
        if not Challenge.objects.restrict(self.request.user, EVALUATE).filter(pk=application.challenge_id).exists():
            self.deny()
        return application

    def _render(self, application, form, status=200):
        challenge = application.challenge
        return render(self.request, "challenges/application_score.html", {
            "object": application, "challenge": challenge, "form": form,
            "label": selectors.applicant_label(application, blind=challenge.blind_evaluation)}, status=status)

    def get(self, request, pk):
        application = self._application()
        existing = {s.criterion_id: s for s in Score.objects.filter(application=application,
                                                                    assignment__user=request.user)}
        return self._render(application, ScoreForm(criteria=application.challenge.criteria.all(), scores=existing))

    def post(self, request, pk):
        application = self._application()
        form = ScoreForm(request.POST, criteria=application.challenge.criteria.all())
        if form.is_valid():
            try:
                services.scores_save(actor=request.user, application=application, scores=form.scores())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Scores saved."))
                return redirect("challenges:challenge_evaluate", slug=application.challenge.slug)
        return self._render(application, form, status=400)


class ConflictDeclareView(ScoreView):
    def get(self, request, pk):
        raise Http404

    def post(self, request, pk):
        application = self._application()
        form = ConflictForm(request.POST)
        form.is_valid()
        services.conflict_declare(actor=request.user, challenge=application.challenge, application=application,
                                  reason=form.cleaned_data.get("reason", ""))
        messages.success(request, _("Conflict of interest recorded; you will not score this application."))
        return redirect("challenges:challenge_evaluate", slug=application.challenge.slug)


class RankingView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        return render(request, "challenges/challenge_ranking.html", {
            "object": challenge, "rows": selectors.challenge_ranking(challenge=challenge),
            "criteria": list(challenge.criteria.all()), "decision_form": DecisionForm(),
            "can_decide": challenge.status == ChallengeStatus.UNDER_EVALUATION})


class RankingExcelView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        content = documents.evaluation_xlsx(challenge, selectors.challenge_ranking(challenge=challenge),
                                            list(challenge.criteria.all()))
        response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml"
                                                      ".sheet")
        response["Content-Disposition"] = f'attachment; filename="evaluation-{challenge.slug}.xlsx"'
        return response


class ShortlistView(GateView):
    model = Application

    def post(self, request, pk):
        application = self.get_object()
        try:
            services.application_shortlist(actor=request.user, application=application,
                                           shortlisted=request.POST.get("shortlisted", "1") == "1")
        except ValidationError as error:
            message_error(request, error)
        return redirect("challenges:challenge_ranking", slug=application.challenge.slug)


class DecideView(GateView):
    model = Application

    def post(self, request, pk):
        application = self.get_object()
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.application_decide(actor=request.user, application=application, **form.cleaned_data)
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("Decision recorded; letters go out when the challenge is decided."))
        return redirect("challenges:challenge_ranking", slug=application.challenge.slug)


class ReachView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        return render(request, "challenges/challenge_reach.html",
                      {"object": challenge, **selectors.challenge_reach(challenge=challenge)})


@method_decorator(login_required, name="dispatch")
class RecommendView(GateView):
    model = Challenge

    def _form(self, data=None):
        clusters = _editable_organisations(self.request.user, [OrganisationKind.CLUSTER])
        members = Organisation.objects.filter(
            pk__in=ClusterMembership.objects.filter(cluster__in=clusters).values("member_id"),
            kind=OrganisationKind.SME).order_by("name")
        return RecommendForm(data, clusters=clusters, members=members)

    def get(self, request, slug, form=None, status=200):
        challenge = self.get_object()
        if not can_add(request.user, _recommendation_model()):
            raise PermissionDenied
        return render(request, "challenges/challenge_recommend.html",
                      {"object": challenge, "form": form or self._form()}, status=status)

    def post(self, request, slug):
        challenge = self.get_object()
        if not can_add(request.user, _recommendation_model()):
            raise PermissionDenied
        form = self._form(request.POST)
        if form.is_valid():
            try:
                created = services.recommendation_create(actor=request.user, challenge=challenge, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("%(n)s organisations were notified.") % {"n": len(created)})
                return redirect(challenge.get_absolute_url())
        return self.get(request, slug, form=form, status=400)


def _recommendation_model():
    from .models import Recommendation

    return Recommendation


class ChallengeOcdsView(GateView):
    model = Challenge

    def get(self, request, slug):
        challenge = selectors.public_challenges().filter(slug=slug).first()
        if challenge is None or not can(request.user, VIEW, challenge):
            raise Http404
        return JsonResponse(ocds.release(challenge, request.build_absolute_uri("/").rstrip("/")),
                            json_dumps_params={"ensure_ascii": False})


def ocds_package(request):
    """Every published challenge as one OCDS release package."""
    base = request.build_absolute_uri("/").rstrip("/")
    package = ocds.release_package(selectors.public_challenges(), uri=request.build_absolute_uri(), base_url=base)
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False})


def ical_deadlines(request):
    """The deadlines of open challenges as an iCalendar feed (subscribable in any calendar)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Northern Connections//Challenge deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Challenge deadlines"))
    base = request.build_absolute_uri("/").rstrip("/")
    for challenge in selectors.public_challenges().filter(status=ChallengeStatus.PUBLISHED)[:500]:
        event = Event()
        event.add("uid", f"challenge-{challenge.pk}-deadline@northern-connections")
        event.add("summary", _("Deadline: %(title)s") % {"title": challenge.display_title})
        event.add("dtstart", challenge.application_deadline)
        event.add("dtend", challenge.application_deadline)
        event.add("dtstamp", challenge.updated)
        event.add("url", base + challenge.get_absolute_url())
        event.add("description", challenge.display_summary)
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


