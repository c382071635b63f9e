"""Partnering: funding calls, partner requests and expressions of interest, consortium workspaces."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord
from northern_connections.directory.choices import TRL_CHOICES
from northern_connections.directory.models import Organisation, ValueChainStep

from .choices import (
    COUNTED_MEMBER_STATUSES,
    EDITABLE_REQUEST_STATUSES,
    PUBLIC_REQUEST_STATUSES,
    CallSource,
    CallStage,
    CallStatus,
    CohesionCategory,
    ConsortiumStatus,
    InterestStatus,
    MemberRole,
    MemberStatus,
    PartnershipType,
    RequestKind,
    RequestStatus,
)


def _country_list_problems(value) -> list[str]:
    if not isinstance(value, list) or any(not isinstance(c, str) or len(c) != 2 or not c.isascii()
                                          or not c.isupper() for c in value):
        return [_("Give countries as two-letter codes (NO, DK, SE).")]
    return []


class FundingCall(RestrictedModel):
    """A funding call topic (Interreg, Horizon Europe, I3, Digital Europe, LIFE, a national scheme).

    Imported topics keep the portal's identifier (`topic_identifier`) so a new import updates them.
    The eligibility rules (`min_partners`, `eligible_countries`, `required_categories`, budget per
    proposal) are what a consortium's checklist evaluates; empty means the call sets no such rule.
    """

    programme = models.CharField(_("programme"), max_length=200)
    call_identifier = models.CharField(_("call identifier"), max_length=200, blank=True)
    topic_identifier = models.CharField(_("topic identifier"), max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=500)
    call_title = models.CharField(_("call title"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    action_type = models.CharField(_("type of action"), max_length=200, blank=True)
    stage = models.CharField(_("stages"), max_length=16, choices=CallStage.choices, default=CallStage.SINGLE)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    second_deadline = models.DateField(_("second-stage deadline"), null=True, blank=True)
    deadline_model = models.CharField(_("deadline model"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=CallStatus.choices, default=CallStatus.OPEN,
                              db_index=True)
    budget_min_eur = models.PositiveBigIntegerField(_("smallest grant (EUR)"), null=True, blank=True)
    budget_max_eur = models.PositiveBigIntegerField(_("largest grant (EUR)"), null=True, blank=True)
    expected_grants = models.PositiveIntegerField(_("expected grants"), null=True, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    eligible_countries = models.JSONField(_("eligible countries"), default=list, blank=True,
                                          help_text=_("Two-letter codes; empty: no restriction."))
    min_partners = models.PositiveSmallIntegerField(_("minimum partners"), null=True, blank=True)
    min_countries = models.PositiveSmallIntegerField(_("minimum countries"), null=True, blank=True)
    required_categories = models.JSONField(_("region categories required"), default=list, blank=True,
                                           help_text=_("EU cohesion-policy categories the partners must include."))
    source = models.CharField(max_length=8, choices=CallSource.choices, default=CallSource.MANUAL, editable=False)
    published_by = models.ForeignKey(Organisation, verbose_name=_("entered by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="funding_calls", editable=False,
                                     help_text=_("The organisation that entered a national or regional call."))

    is_open = status_in(CallStatus.OPEN, CallStatus.FORTHCOMING)

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["deadline", "topic_identifier"]

    def __str__(self) -> str:
        return f"{self.topic_identifier}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partnering:call_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.budget_min_eur and self.budget_max_eur and self.budget_max_eur < self.budget_min_eur:
            errors["budget_max_eur"] = _("The largest grant must not be below the smallest.")
        if self.second_deadline and self.deadline and self.second_deadline < self.deadline:
            errors["second_deadline"] = _("The second stage comes after the first.")
        if problems := _country_list_problems(self.eligible_countries):
            errors["eligible_countries"] = problems
        categories = [c for c in CohesionCategory.values if c]
        if not isinstance(self.required_categories, list) or any(c not in categories for c in self.required_categories):
            errors["required_categories"] = _("Unknown region category.")
        if errors:
            raise ValidationError(errors)


class PartnerRequest(RestrictedModel):
    """A partnering profile: a business or technology offer or request, or an R&D request.

    `reference` is public and stable, in the enterprise networks' style: kind, the owner's country,
    the date of first publication and a number of that day (``TODK20261201001``). A published request
    is valid until `valid_until` (a year), may be extended once, and expires after that.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True, editable=False)
    kind = models.CharField(_("type"), max_length=3, choices=RequestKind.choices)
    owner = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                              related_name="partner_requests")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    call = models.ForeignKey(FundingCall, verbose_name=_("funding call"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="partner_requests")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=1000)
    description = models.TextField(_("description"), blank=True)
    partner_sought = models.TextField(_("partner sought"), blank=True)
    partnership_type = models.CharField(_("type of partnership"), max_length=16, choices=PartnershipType.choices)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    value_chain_steps = models.ManyToManyField(ValueChainStep, verbose_name=_("value-chain steps"), blank=True,
                                               related_name="+")
    trl = models.PositiveSmallIntegerField(_("TRL"), choices=TRL_CHOICES, null=True, blank=True,
                                           validators=[MinValueValidator(1), MaxValueValidator(9)])
    target_countries = models.JSONField(_("target countries"), default=list, blank=True,
                                        help_text=_("Two-letter codes; empty: any country."))
    interest_deadline = models.DateField(_("deadline for expressions of interest"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, editable=False)
    extended = models.BooleanField(_("extended"), default=False, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.DRAFT,
                              db_index=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    is_draft = status_in(RequestStatus.DRAFT)
    is_public = status_in(*PUBLIC_REQUEST_STATUSES)
    is_editable = status_in(*EDITABLE_REQUEST_STATUSES)

    class Meta:
        verbose_name = _("partner request")
        verbose_name_plural = _("partner requests")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference or _('draft')}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partnering:request_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if problems := _country_list_problems(self.target_countries):
            errors["target_countries"] = problems
        if not isinstance(self.keywords, list) or any(not isinstance(k, str) for k in self.keywords):
            errors["keywords"] = _("Keywords are a list of words.")
        if errors:
            raise ValidationError(errors)

    @property
    def can_be_extended(self) -> bool:
        """Once, while published or after expiry (the owner keeps the reference)."""
        return not self.extended and self.status in (RequestStatus.PUBLISHED, RequestStatus.EXPIRED)

    def search_text(self) -> str:
        return " ".join(filter(None, [self.title, self.summary, self.description, self.partner_sought,
                                      " ".join(self.keywords or [])]))


class PartnerRequestTransition(TransitionRecord, RestrictedModel):
    """One move in a partner request's life cycle."""

    request = models.ForeignKey(PartnerRequest, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("partner request status change")
        verbose_name_plural = _("partner request status changes")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} → {self.to_status}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()


class ExpressionOfInterest(PartOfPage, RestrictedModel):
    """An organisation's answer to a published partner request; the request's owner accepts or declines."""

    page_of = "request"

    request = models.ForeignKey(PartnerRequest, verbose_name=_("partner request"), on_delete=models.CASCADE,
                                related_name="interests")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="partner_interests")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", editable=False)
    message = models.TextField(_("message"), max_length=4000)
    answer = models.TextField(_("answer"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=16, choices=InterestStatus.choices,
                              default=InterestStatus.PENDING, db_index=True, editable=False)

    is_pending = status_in(InterestStatus.PENDING)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["request", "organisation"], name="partnering_one_interest")]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.request}"


class InterestTransition(TransitionRecord, RestrictedModel):
    """One move of an expression of interest (pending → accepted / declined / withdrawn)."""

    interest = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRecord.Meta):
        verbose_name = _("expression of interest status change")
        verbose_name_plural = _("expression of interest status changes")

    def __str__(self) -> str:
        return f"{self.interest_id}: {self.from_status} → {self.to_status}"

    def get_absolute_url(self) -> str:
        return self.interest.get_absolute_url()


class Consortium(RestrictedModel):
    """A consortium preparing an application to a call: its workspace is its members' only."""

    call = models.ForeignKey(FundingCall, verbose_name=_("funding call"), on_delete=models.PROTECT,
                             related_name="consortia")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    status = models.CharField(_("status"), max_length=16, choices=ConsortiumStatus.choices,
                              default=ConsortiumStatus.PREPARATION, db_index=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnering:consortium_detail", kwargs={"slug": self.slug})


class ConsortiumMember(PartOfPage, RestrictedModel):
    """An organisation in a consortium: its role, the work packages it leads, its share of the budget."""

    page_of = "consortium"

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="consortium_memberships")
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.PARTNER)
    status = models.CharField(_("status"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.INVITED,
                              editable=False)
    work_packages_led = models.CharField(_("work packages led"), max_length=100, blank=True,
                                         help_text=_("For example: WP1, WP4"))
    budget_eur = models.PositiveBigIntegerField(_("budget (EUR)"), default=0)
    why = models.CharField(_("why in the consortium"), max_length=500, blank=True)

    is_counted = status_in(*COUNTED_MEMBER_STATUSES)
    is_invited = status_in(MemberStatus.INVITED)

    class Meta:
        verbose_name = _("consortium member")
        verbose_name_plural = _("consortium members")
        ordering = ["consortium", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["consortium", "organisation"], name="partnering_member_once")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ConsortiumTask(PartOfPage, RestrictedModel):
    """Something to do for the application, with an owner (a member) and a deadline."""

    page_of = "consortium"

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(ConsortiumMember, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="tasks")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done", "deadline", "pk"]

    def __str__(self) -> str:
        return self.title


class ConsortiumDocument(PartOfPage, RestrictedModel):
    """A document shared in the workspace (a draft proposal, a budget sheet, a letter of support)."""

    page_of = "consortium"

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="partnering/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)

    class Meta:
        verbose_name = _("shared document")
        verbose_name_plural = _("shared documents")
        ordering = ["-created", "pk"]

    def __str__(self) -> str:
        return self.title
