"""Admin for platform administrators: organisations and the reference vocabularies.

Writes through the admin bypass the services on purpose (it is the administrators' repair
tool); saving an organisation still refreshes its search entry.
"""

from django.contrib import admin

from .models import (
    ClusterMembership,
    ContactPerson,
    CpvCode,
    EformsCode,
    NaceCode,
    NutsRegion,
    Organisation,
    Partner,
    Partnership,
    S3Category,
    ValueChain,
    ValueChainStep,
)
from .services import organisation_index


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "nuts_region", "city", "source", "updated"]
    list_filter = ["kind", "source", "country"]
    search_fields = ["name", "short_name", "city", "external_id"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["nuts_region"]
    filter_horizontal = ["value_chains", "value_chain_steps"]
    raw_id_fields = ["nace_codes"]
    inlines = [ContactInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        organisation_index(form.instance)


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "programme", "start_date", "end_date"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerInline]


@admin.register(NutsRegion)
class NutsRegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "country", "cohesion_category"]
    list_filter = ["level", "cohesion_category", "country"]
    list_editable = ["cohesion_category"]
    search_fields = ["code", "name"]
    exclude = ["geometry"]


@admin.register(NaceCode, CpvCode)
class CodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(EformsCode, S3Category)
class ListAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code"]
    search_fields = ["code", "name"]


@admin.register(ValueChain, ValueChainStep)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]


admin.site.register(ClusterMembership, raw_id_fields=["cluster", "member"], list_display=["cluster", "member", "since"])
