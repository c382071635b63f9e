"""Directory pages: thin views that parse input, call one selector or service and render."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from northern_connections.accounts.services import membership_request_create
from northern_connections.core.permissions import CHANGE, DELETE, can
from northern_connections.core.views import (
    GateView,
    ObjectActionView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    apply_validation_error,
    message_error,
    stored_file_download,
    submit_form,
)

from . import selectors, services
from .filtersets import OrganisationFilterSet
from .forms import ContactPersonForm, OrganisationForm, VerificationDecisionForm, VerificationRequestForm
from .models import ContactPerson, Organisation, Partnership, VerificationRequest
from .permissions import DECIDE
from .svgmap import render_paths
from .tables import OrganisationTable
from .vocabularies import PARTNER_COUNTRIES


class OrganisationListView(ObjectListView):
    model = Organisation
    selector = selectors.organisation_list
    filterset_class = OrganisationFilterSet
    table_class = OrganisationTable


class OrganisationDetailView(ObjectDetailView):
    model = Organisation
    selector = selectors.organisation_get

    def get_extra_context(self, obj):
        return {"can_edit": can(self.request.user, CHANGE, obj),
                **selectors.organisation_detail_context(actor=self.request.user, organisation=obj)}


class OrganisationEditView(ObjectEditView):
    model = Organisation
    form_class = OrganisationForm

    def save(self, form, obj):
        return services.organisation_update(actor=self.request.user, organisation=obj, **form.service_fields())


@method_decorator(login_required, name="dispatch")
class OrganisationCreateView(View):
    def get(self, request):
        return render(request, "directory/organisation_form.html", {"form": OrganisationForm()})

    def post(self, request):
        form = OrganisationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                organisation = services.organisation_create(actor=request.user, **form.service_fields())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Your organisation's profile was created; you are its administrator."))
                return redirect(organisation.get_absolute_url())
        return render(request, "directory/organisation_form.html", {"form": form}, status=400)


@method_decorator(login_required, name="dispatch")
class OrganisationJoinView(View):
    """Ask to join an organisation; its administrators decide (accounts app)."""

    def post(self, request, slug):
        organisation = selectors.organisation_get(actor=request.user, slug=slug)
        if organisation is None:
            raise Http404
        try:
            membership_request_create(
                actor=request.user, organisation=organisation, message=request.POST.get("message", "")[:2000]
            )
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("Your request was sent to the organisation's administrators."))
        return redirect(organisation.get_absolute_url())


class OrganisationMapView(GateView):
    """Organisations per NUTS 2 region as an SVG choropleth; honours the list's filters."""

    model = Organisation

    def get(self, request):
        filterset = OrganisationFilterSet(
            request.GET or None, queryset=selectors.organisation_list(actor=request.user), request=request
        )
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        counts = selectors.organisations_per_nuts2(actor=request.user, queryset=queryset)
        rows = [
            (r.code, r.name, r.geometry) for r in selectors.nuts2_regions_with_geometry(countries=PARTNER_COUNTRIES)
        ]
        regions, height = render_paths(rows, counts)
        listed = sorted((r for r in regions if r.count), key=lambda r: (-r.count, r.code))
        query = request.GET.copy()
        query.pop("region", None)
        return render(
            request,
            "directory/organisation_map.html",
            {
                "filterset": filterset,
                "regions": regions,
                "listed": listed,
                "height": height,
                "width": 800,
                "total": sum(counts.values()),
                "query": query.urlencode(),
            },
        )


class ContactEditView(ObjectEditView):
    model = ContactPerson
    form_class = ContactPersonForm
    template_name = "directory/contact_form.html"

    def save(self, form, obj):
        return services.contact_person_save(
            actor=self.request.user, organisation=obj.organisation, contact=obj, **form.cleaned_data
        )


class ContactCreateView(GateView):
    model = Organisation
    action = CHANGE

    def get(self, request, slug):
        organisation = self.get_object()
        return render(
            request, "directory/contact_form.html", {"form": ContactPersonForm(), "organisation": organisation}
        )

    def post(self, request, slug):
        organisation = self.get_object()
        form = ContactPersonForm(request.POST)
        add = partial(services.contact_person_save, actor=request.user, organisation=organisation)
        if submit_form(request, form, add, _("Contact added.")):
            return redirect(organisation.get_absolute_url())
        return render(request, "directory/contact_form.html", {"form": form, "organisation": organisation}, status=400)


class ContactDeleteView(ObjectActionView):
    model = ContactPerson
    action = DELETE
    service = services.contact_person_delete
    success_message = _lazy("Contact removed.")


class PartnershipDetailView(ObjectDetailView):
    model = Partnership
    selector = selectors.partnership_get


def nuts_region_options(request):
    """HTMX helper: the NUTS regions of one country for the organisation form."""
    from .models import NutsRegion

    country = request.GET.get("country", "")[:2].upper()
    regions = NutsRegion.objects.filter(country=country, level__in=(2, 3)).order_by("code")
    return render(request, "directory/partials/_region_options.html", {"regions": regions})


class VerificationRequestCreateView(ObjectCreateView):
    """An organisation's administrator asks for verification, with the evidence (services decide who may)."""

    model = VerificationRequest
    form_class = VerificationRequestForm
    service = services.verification_request_create
    success_message = _lazy("Your verification request was sent; you will get an e-mail when it is decided.")

    @cached_property
    def organisation(self) -> Organisation:
        organisation = selectors.organisation_get(actor=self.request.user, slug=self.kwargs["slug"])
        if organisation is None:
            raise Http404
        return organisation

    def add_context(self):
        return {"organisation": self.organisation}

    def get_form_kwargs(self):
        return {"initial": {"website": self.organisation.website}}

    def service_kwargs(self, form):
        return {"organisation": self.organisation}

    def get_context(self):
        return {"organisation": self.organisation}


class VerificationQueueView(GateView):
    """The deciders' queue: pending requests the user may decide (empty for everyone else)."""

    model = VerificationRequest

    def get(self, request):
        if not request.user.is_authenticated:
            self.deny()
        return render(request, "directory/verification_queue.html",
                      {"requests": selectors.verification_queue(actor=request.user)})


class VerificationRequestDetailView(GateView):
    """The evidence and the decision of one request, for the organisation's administrators and the deciders."""

    model = VerificationRequest

    def get(self, request, pk):
        verification = selectors.verification_request_get(actor=request.user, pk=pk)
        if verification is None:
            self.get_object()  # not visible: raises the 404, or sends an anonymous visitor to log in
        context = {"object": verification, "decision_form": VerificationDecisionForm(),
                   **selectors.verification_request_context(actor=request.user, request=verification)}
        return render(request, "directory/verificationrequest_detail.html", context)


class VerificationDecideView(ObjectActionView):
    model = VerificationRequest
    action = DECIDE
    service = services.verification_request_decide
    object_argument = "request"
    form_class = VerificationDecisionForm
    success_message = _lazy("Decision recorded; the requester was told by e-mail.")

    def get_success_url(self, obj, result):
        return reverse("directory:verification_queue")


class VerificationDocumentView(GateView):
    """The supporting document, for the same people who may read the request."""

    model = VerificationRequest

    def get(self, request, pk):
        verification = self.get_object()
        if not verification.document:
            raise Http404
        return stored_file_download(verification.document, _("Verification document"), verification.document_type)
