"""Controlled vocabularies that are facts rather than data files.

The renewable-energy value chains and their steps follow the segments used by IRENA and the
offshore wind supply-chain guides (DESIGN.md §5); the Technology Readiness Levels are the EU
definitions of the Horizon 2020 General Annex G. They live here as plain Python so that the
matching engine, demo generators and `load_reference_data` share one spelling of every slug
without importing Django.
"""


def gettext_noop(message: str) -> str:
    """Marks a label for makemessages without importing Django; it is translated where shown."""
    return message


VALUE_CHAINS: list[tuple[str, str]] = [
    ("offshore-wind", gettext_noop("Offshore wind")),
    ("onshore-wind", gettext_noop("Onshore wind")),
    ("ocean-energy", gettext_noop("Ocean energy")),
    ("solar", gettext_noop("Solar energy")),
    ("bioenergy", gettext_noop("Bioenergy")),
    ("hydrogen-ptx", gettext_noop("Hydrogen and power-to-X")),
    ("energy-storage", gettext_noop("Energy storage")),
    ("smart-grids", gettext_noop("Smart grids and energy systems")),
    ("heating-cooling", gettext_noop("Heating and cooling")),
]

VALUE_CHAIN_STEPS: list[tuple[str, str]] = [
    ("development-planning", gettext_noop("Development and planning")),
    ("research-design", gettext_noop("Research and design")),
    ("manufacturing-components", gettext_noop("Manufacturing and components")),
    ("installation-construction", gettext_noop("Installation and construction")),
    ("operation-maintenance", gettext_noop("Operation and maintenance")),
    ("decommissioning-recycling", gettext_noop("Decommissioning and recycling")),
    ("cross-cutting-services", gettext_noop("Cross-cutting services")),
]

# Horizon 2020 Work Programme 2018-2020, General Annex G.
TRL_DEFINITIONS: dict[int, str] = {
    1: gettext_noop("Basic principles observed"),
    2: gettext_noop("Technology concept formulated"),
    3: gettext_noop("Experimental proof of concept"),
    4: gettext_noop("Technology validated in lab"),
    5: gettext_noop(
        "Technology validated in relevant environment (industrially relevant environment in the case of key "
        "enabling technologies)"
    ),
    6: gettext_noop(
        "Technology demonstrated in relevant environment (industrially relevant environment in the case of key "
        "enabling technologies)"
    ),
    7: gettext_noop("System prototype demonstration in operational environment"),
    8: gettext_noop("System complete and qualified"),
    9: gettext_noop(
        "Actual system proven in operational environment (competitive manufacturing in the case of key enabling "
        "technologies; or in space)"
    ),
}

# The platform's working languages: UI translations and Snowball stemmers exist for each.
LANGUAGES: list[tuple[str, str]] = [
    ("en", "English"),
    ("da", "Danish"),
    ("nb", "Norwegian Bokmål"),
    ("sv", "Swedish"),
    ("nl", "Dutch"),
    ("de", "German"),
]

# Countries of the North Sea / Baltic partnership area, ISO 3166-1 alpha-2 (GB for Scotland).
PARTNER_COUNTRIES: list[str] = ["DK", "NO", "SE", "NL", "DE", "GB", "BE", "FI", "EE", "LV", "LT", "PL", "IS"]

ORGANISATION_KINDS: list[tuple[str, str]] = [
    ("municipality", "Municipality / city"),
    ("regional_authority", "Regional authority"),
    ("cluster", "Cluster organisation"),
    ("sme", "SME"),
    ("large_enterprise", "Large enterprise"),
    ("knowledge_institution", "Knowledge institution"),
    ("eu_office", "EU office or agency"),
    ("other", "Other"),
]
