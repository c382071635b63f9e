"""Templates for the common assessments, as data: a survey is made from one with
`services.survey_create_from_template`. Texts are English message ids (translated in this app's catalogue),
so a survey made in Danish and Swedish gets the Danish and Swedish wording of every question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _  # marks the texts; translated in localize()

from . import logic


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    introduction: str
    description: str
    anonymous: bool
    sections: tuple[tuple[str, tuple[dict, ...]], ...] = field(default_factory=tuple)


def q(key: str, kind: str, text: str, **extra) -> dict:
    return {"key": key, "kind": kind, "text": text, **extra}


YES_NO_UNSURE = (("yes", _("Yes")), ("no", _("No")), ("unsure", _("I don't know")))

PROCUREMENT = Template(
    key="procurement-readiness",
    title=_("Innovative procurement: needs and readiness of municipalities"),
    introduction=_("This survey asks municipal procurement offices about their experience with innovative "
                    "procurement and the support they need. It takes about ten minutes."),
    description=_("For the procurement offices of a region's municipalities: experience, barriers, readiness, "
                   "skills and support needs."),
    anonymous=True,
    sections=(
        (_("Your organisation"), (
            q("role", logic.SINGLE, _("Which best describes your role?"), required=True, options=(
                ("procurement", _("Procurement officer")), ("manager", _("Head of a department or manager")),
                ("elected", _("Elected representative")), ("other", _("Other")))),
            q("procedures", logic.NUMBER, _("About how many procurement procedures does your organisation run "
                                             "per year?"), minimum=0, maximum=100000),
        )),
        (_("Experience and barriers"), (
            q("used", logic.SINGLE, _("Has your organisation used innovative procurement in the last three "
                                       "years?"), required=True, options=YES_NO_UNSURE,
              help=_("For example pre-commercial procurement, an innovation partnership or a competitive "
                      "dialogue.")),
            q("methods", logic.MULTIPLE, _("Which procedures did you use?"), options=(
                ("pcp", _("Pre-commercial procurement (PCP)")), ("ppi", _("Public procurement of innovative "
                                                                             "solutions (PPI)")),
                ("partnership", _("Innovation partnership")), ("dialogue", _("Competitive dialogue")),
                ("market", _("Early market dialogue")), ("contest", _("Design contest"))),
              condition={"question": "used", "operator": logic.EQUALS, "value": "yes"}),
            q("barriers", logic.MULTIPLE, _("What keeps your organisation from procuring innovation?"), options=(
                ("legal", _("Legal uncertainty")), ("skills", _("Lack of staff or skills")),
                ("budget", _("Budget")), ("risk", _("Fear of risk")), ("market", _("No suitable suppliers")),
                ("political", _("Lack of political support"))),
              condition={"question": "used", "operator": logic.ANY_OF, "value": ["no", "unsure"]}),
            q("readiness", logic.SCALE, _("How ready is your organisation to run an innovative procurement?"),
              required=True, scale_min=1, scale_max=5, low_label=_("Not ready"), high_label=_("Fully ready")),
        )),
        (_("Skills and priorities"), (
            q("skills", logic.MATRIX, _("How do you rate your organisation's skills?"), rows=(
                ("dialogue", _("Market dialogue")), ("requirements", _("Writing functional requirements")),
                ("evaluation", _("Evaluating innovative offers")), ("ipr", _("Contracts and IPR"))),
              options=(("none", _("No experience")), ("basic", _("Basic")), ("good", _("Good")),
                       ("expert", _("Expert")))),
            q("priorities", logic.RANKING, _("Rank these challenge areas by their importance to your "
                                              "municipality."), options=(
                ("energy", _("Energy")), ("mobility", _("Mobility")), ("care", _("Health and care")),
                ("circular", _("Circular economy")), ("digital", _("Digital services")))),
            q("support", logic.MULTIPLE, _("Which support would help you most?"), max_choices=3, options=(
                ("training", _("Training")), ("peers", _("Exchange with other municipalities")),
                ("toolbox", _("Templates and a toolbox")), ("helpdesk", _("Legal helpdesk")),
                ("joint", _("Joint procurement with others")), ("funding", _("Funding")))),
            q("comments", logic.TEXT, _("Is there anything else you want to tell us?")),
        )),
    ),
)

INTERNATIONALISATION = Template(
    key="sme-internationalisation",
    title=_("SME internationalisation needs"),
    introduction=_("Your cluster asks its members what they need to grow across borders."),
    description=_("For the members of a cluster: markets, barriers and the support that would help."),
    anonymous=False,
    sections=(
        (_("Markets"), (
            q("exporting", logic.SINGLE, _("Does your company sell abroad?"), required=True, options=(
                ("regularly", _("Yes, regularly")), ("occasionally", _("Occasionally")),
                ("not_yet", _("Not yet")))),
            q("markets", logic.MULTIPLE, _("Which countries would you like to enter?"), options=(
                ("dk", _("Denmark")), ("de", _("Germany")), ("nl", _("The Netherlands")),
                ("no", _("Norway")), ("se", _("Sweden")), ("uk", _("The United Kingdom")),
                ("other", _("Other")))),
            q("staff", logic.NUMBER, _("How many of your staff work on international sales?"), minimum=0,
              maximum=100000, condition={"question": "exporting", "operator": logic.NOT_EQUALS,
                                         "value": "not_yet"}),
            q("trl", logic.SCALE, _("How mature is your main offering (technology readiness level)?"),
              scale_min=1, scale_max=9, low_label=_("Basic principles observed"),
              high_label=_("Proven in operation")),
        )),
        (_("Barriers and support"), (
            q("barriers", logic.MATRIX, _("How much is each of these a barrier for you?"), required=True, rows=(
                ("partners", _("Finding partners")), ("rules", _("Regulations and certification")),
                ("finance", _("Financing")), ("culture", _("Language and culture")),
                ("tenders", _("Public tenders abroad"))),
              options=(("no", _("No barrier")), ("minor", _("Minor barrier")), ("major", _("Major barrier")))),
            q("support", logic.RANKING, _("Rank the support you would find most useful."), options=(
                ("matchmaking", _("Matchmaking events")), ("market_info", _("Market information")),
                ("finance", _("Export financing")), ("legal", _("Legal advice")),
                ("testbeds", _("Test and demonstration sites")))),
            q("comments", logic.TEXT, _("What else would help you grow abroad?")),
        )),
    ),
)

EVENT_FEEDBACK = Template(
    key="event-feedback",
    title=_("Event feedback"),
    introduction=_("Thank you for taking part. Your feedback shapes the next Living Lab event."),
    description=_("After a Living Lab event or brokerage day: overall rating, meetings and follow-up."),
    anonymous=True,
    sections=(
        (_("Your feedback"), (
            q("overall", logic.SCALE, _("How satisfied were you with the event overall?"), required=True,
              scale_min=1, scale_max=5, low_label=_("Not at all"), high_label=_("Very satisfied")),
            q("useful", logic.MULTIPLE, _("Which parts were useful to you?"), options=(
                ("sessions", _("Sessions and talks")), ("b2b", _("B2B meetings")),
                ("visits", _("Site visits")), ("networking", _("Networking")))),
            q("meetings", logic.NUMBER, _("How many B2B meetings did you have?"), minimum=0, maximum=100),
            q("follow_up", logic.SINGLE, _("Do you expect a follow-up (a collaboration, an offer, a project)?"),
              options=(("yes", _("Yes")), ("maybe", _("Maybe")), ("no", _("No")))),
            q("follow_up_what", logic.TEXT, _("What kind of follow-up?"),
              condition={"question": "follow_up", "operator": logic.EQUALS, "value": "yes"}),
            q("recommend", logic.SCALE, _("How likely are you to recommend the event to a colleague?"),
              scale_min=0, scale_max=10, low_label=_("Not likely"), high_label=_("Very likely")),
            q("improve", logic.TEXT, _("What should we improve?")),
        )),
    ),
)

TEMPLATES = {t.key: t for t in (PROCUREMENT, INTERNATIONALISATION, EVENT_FEEDBACK)}


def _texts(message: str, languages: list[str]) -> dict[str, str]:
    result = {}
    for language in languages:
        with translation.override(language):
            result[language] = gettext(message)
    return result


def _choices(pairs, languages) -> list[dict]:
    return [{"value": value, "label": _texts(label, languages)} for value, label in pairs]


def localize(template: Template, languages: list[str]) -> dict:
    """The template's texts in each language: the fields of the survey, its sections and questions."""
    text_fields = ("text", "help", "low_label", "high_label")
    sections = []
    for title, questions in template.sections:
        rows = []
        for data in questions:
            question = {k: v for k, v in data.items() if k not in (*text_fields, "options", "rows")}
            question.update({name: _texts(data[name], languages) for name in text_fields if data.get(name)})
            question.update({name: _choices(data[name], languages) for name in ("options", "rows") if name in data})
            rows.append(question)
        sections.append({"title": _texts(title, languages), "questions": rows})
    return {"title": _texts(template.title, languages), "introduction": _texts(template.introduction, languages),
            "sections": sections}
