"""Organisations, their people, cluster memberships and partnerships."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel

from .. import trust
from ..choices import (
    TRL_CHOICES,
    NameReview,
    OrganisationKind,
    OrganisationSource,
    PartnerRole,
    SizeClass,
    VerificationStatus,
)
from ..countries import COUNTRY_CHOICES
from .reference import NaceCode, NutsRegion, ValueChain, ValueChainStep


def eu_size_class(staff_headcount: int | None, turnover_eur: int | None) -> str:
    """Size class by Commission Recommendation 2003/361/EC (headcount and turnover ceilings).

    Only headcount and turnover are recorded (the balance-sheet alternative is left out), so an
    enterprise is placed in the smallest class whose both ceilings it meets.
    """
    if staff_headcount is None:
        return SizeClass.UNKNOWN
    turnover = turnover_eur if turnover_eur is not None else 0
    if staff_headcount < 10 and turnover <= 2_000_000:
        return SizeClass.MICRO
    if staff_headcount < 50 and turnover <= 10_000_000:
        return SizeClass.SMALL
    if staff_headcount < 250 and turnover <= 50_000_000:
        return SizeClass.MEDIUM
    return SizeClass.LARGE


# What verification vouches for: changing one of these on a verified organisation lapses its verification.
CLAIMED_FIELDS = ("kind", "name", "country")


def verified_kind_q(kinds=None, prefix: str = "") -> models.Q:
    """The rule of `Organisation.has_verified_kind` as a filter (`prefix` e.g. "owner__" for related rows)."""
    q = models.Q(**{f"{prefix}verification_status": VerificationStatus.VERIFIED}) & ~models.Q(
        **{f"{prefix}name_review": NameReview.HELD})
    if kinds is not None:
        q &= models.Q(**{f"{prefix}kind__in": list(kinds)})
    return q


LANGUAGE_CODE_VALIDATOR = RegexValidator(r"^[a-z]{2,3}$", _("Use ISO 639-1 language codes such as 'da'."))


class Organisation(RestrictedModel):
    """A city, region, cluster, company, knowledge institution or EU office taking part."""

    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(_("legal name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, db_index=True)
    nuts_region = models.ForeignKey(
        NutsRegion, verbose_name=_("NUTS region"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="organisations",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(_("language of the description"), max_length=8, blank=True)
    staff_headcount = models.PositiveIntegerField(_("staff headcount"), null=True, blank=True)
    turnover_eur = models.PositiveBigIntegerField(_("annual turnover (EUR)"), null=True, blank=True)
    size_class = models.CharField(_("EU size class"), max_length=8, choices=SizeClass.choices, blank=True)
    nace_codes = models.ManyToManyField(NaceCode, verbose_name=_("NACE codes"), blank=True)
    value_chains = models.ManyToManyField(ValueChain, verbose_name=_("value chains"), blank=True)
    value_chain_steps = models.ManyToManyField(ValueChainStep, verbose_name=_("value-chain steps"), blank=True)
    trl = models.PositiveSmallIntegerField(
        _("TRL of the main offering"), choices=TRL_CHOICES, null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    source = models.CharField(max_length=8, choices=OrganisationSource.choices, default=OrganisationSource.MANUAL)
    external_id = models.CharField(
        _("external identifier"), max_length=64, null=True, blank=True, unique=True,
        help_text=_("E.g. the EU Participant Identification Code (PIC)."),
    )
    past_projects = models.PositiveIntegerField(
        _("past collaborative projects"), default=0, help_text=_("Track record used by matchmaking.")
    )
    # Trust (issue 9 §1): kind, legal name, country and website are claims until verified.
    verification_status = models.CharField(
        _("verification"), max_length=12, choices=VerificationStatus.choices, default=VerificationStatus.UNVERIFIED,
        db_index=True, editable=False,
    )
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    name_review = models.CharField(
        _("name review"), max_length=10, choices=NameReview.choices, default=NameReview.CLEAR, editable=False,
    )
    # trust.name_key of the legal and the short name: equal keys are names easily taken for each other.
    name_key = models.CharField(max_length=300, blank=True, db_index=True, editable=False)
    short_name_key = models.CharField(max_length=100, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "kind"]), models.Index(fields=["trl"])]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_sme(self) -> bool:
        return self.kind == OrganisationKind.SME

    @property
    def is_verified(self) -> bool:
        """Verified and not held: the claimed kind, legal name, country and website were checked."""
        return self.verification_status == VerificationStatus.VERIFIED and self.name_review != NameReview.HELD

    @property
    def verification_lapsed(self) -> bool:
        return self.verification_status == VerificationStatus.LAPSED

    @property
    def is_held(self) -> bool:
        """Its name is close to a verified one and awaits an administrator: not public, cannot act."""
        return self.name_review == NameReview.HELD

    def has_verified_kind(self, kinds) -> bool:
        """The one rule for powers that follow from the kind (owning challenges, organising as a public body,
        later Living Labs, support measures, boards): the kind must be one of `kinds` *and* verified.

        `verified_kind_q` is the same rule as a queryset filter.
        """
        return self.is_verified and self.kind in tuple(kinds)

    def refresh_name_keys(self) -> None:
        self.name_key = trust.name_key(self.name)[:300]
        self.short_name_key = trust.name_key(self.short_name)[:100]

    def save(self, *args, **kwargs):
        # Derived from the names, so every writer (services, imports, the demo loader) keeps them current.
        self.refresh_name_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "short_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_key", "short_name_key"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.nuts_region_id and self.nuts_region.country != self.country:
            errors["nuts_region"] = _("The region must lie in the organisation's country.")
        for code in self.languages or []:
            try:
                LANGUAGE_CODE_VALIDATOR(code)
            except ValidationError:
                errors["languages"] = _("'%(code)s' is not an ISO 639-1 language code.") % {"code": code}
        if errors:
            raise ValidationError(errors)
        self.size_class = eu_size_class(self.staff_headcount, self.turnover_eur)

    def search_text(self) -> str:
        return " ".join(filter(None, [self.name, self.short_name, self.city, self.description]))


class ContactPerson(PartOfPage, RestrictedModel):
    """A named contact of an organisation; shown publicly only with recorded GDPR consent."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    gdpr_consent = models.BooleanField(
        _("consents to being shown on the platform"), default=False,
        help_text=_("Consent under GDPR Art. 6(1)(a); the date is recorded."),
    )
    consent_date = models.DateTimeField(_("consent given on"), null=True, blank=True)
    page_of = "organisation"

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClusterMembership(PartOfPage, RestrictedModel):
    """An organisation is a member of a cluster organisation."""

    cluster = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="cluster_members")
    member = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="clusters")
    since = models.DateField(_("member since"), null=True, blank=True)
    page_of = "cluster"

    class Meta:
        verbose_name = _("cluster membership")
        verbose_name_plural = _("cluster memberships")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "member"], name="directory_clustermembership_unique"),
            models.CheckConstraint(condition=~models.Q(cluster=models.F("member")), name="directory_cluster_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.cluster}"

    def clean(self) -> None:
        if self.cluster_id and self.cluster.kind != OrganisationKind.CLUSTER:
            raise ValidationError({"cluster": _("Only a cluster organisation can have members.")})


class Partnership(RestrictedModel):
    """An interregional project or alliance, e.g. Northern Connections (Interreg North Sea)."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(unique=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    organisations = models.ManyToManyField(Organisation, through="Partner", related_name="partnerships")

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="directory_partnership_dates",
            )
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:partnership_detail", kwargs={"slug": self.slug})


class Partner(PartOfPage, RestrictedModel):
    """An organisation's role in a partnership; a partnership has at most one lead partner."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="partner_roles")
    role = models.CharField(_("role"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    page_of = "partnership"

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="directory_partner_unique"),
            models.UniqueConstraint(
                fields=["partnership"], condition=models.Q(role="lead"), name="directory_partner_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"
