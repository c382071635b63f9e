"""`code_label`: every code on a page shown with its label, in the reader's language where the list has one.

    {% load codes %}
    {{ object.procedure_type|code_label:"procedure" }}   eForms procedure type → "Negotiated with prior call"
    {{ object.nuts_region|code_label }}                  a NUTS, CPV or NACE row → "Västra Götalands län (SE232)"
    {{ object.eligible_countries|code_label:"country" }}  a list of codes → labels joined with ", "
    {{ object.eligible_kinds|code_label:"kind" }}         organisation kinds → "Municipality, SME"

A code a list does not (or no longer) know is shown as it is rather than hidden: the reader can
still look it up, and a wrong code in the database stays visible.
"""

from django import template
from django.db import models

from ..choices import OrganisationKind
from ..countries import country_name
from ..models import CpvCode, EformsCode, NaceCode, NutsRegion

register = template.Library()

# Vocabulary name in templates → eForms code list name.
EFORMS_LISTS = {"procedure": "procurement-procedure-type"}
CODE_MODELS = {"cpv": CpvCode, "nace": NaceCode, "nuts": NutsRegion}


def eforms_label(list_name: str, code: str) -> str:
    entry = EformsCode.objects.filter(list_name=list_name, code=code).first()
    return entry.label() if entry else code


def row_label(row: models.Model) -> str:
    """A vocabulary row as "name (code)": the name is what a reader understands, the code what a tender cites."""
    if isinstance(row, EformsCode):
        return row.label()
    return f"{row.name} ({row.code})"


def label_for(value, vocabulary: str = "") -> str:
    """The label of one code (a string) or one vocabulary row, for templates and Python alike."""
    if value is None or value == "":
        return ""
    if isinstance(value, models.Model):
        return row_label(value)
    if vocabulary in EFORMS_LISTS:
        return eforms_label(EFORMS_LISTS[vocabulary], value)
    if vocabulary == "country":
        return country_name(value)
    if vocabulary == "kind":
        return str(dict(OrganisationKind.choices).get(value, value))
    if vocabulary in CODE_MODELS:
        row = CODE_MODELS[vocabulary].objects.filter(code=value).first()
        return row_label(row) if row else value
    return str(value)


@register.filter
def code_label(value, vocabulary: str = "") -> str:
    """One code, one vocabulary row, or a list / related manager of them, as labels."""
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, (list, tuple, models.QuerySet)):
        return ", ".join(label_for(item, vocabulary) for item in value)
    return label_for(value, vocabulary)
