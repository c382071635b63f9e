"""Templates for the common assessments, as data: a survey is made from one with
`services.survey_create_from_template`. Texts are English message ids (translated in this app's catalogue),
so a survey made in Danish and Swedish gets the Danish and Swedish wording of every question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

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


YES_NO_UNSURE = (("yes", N_("Yes")), ("no", N_("No")), ("unsure", N_("I don't know")))

PROCUREMENT = Template(
    key="procurement-readiness",
    title=N_("Innovative procurement: needs and readiness of municipalities"),
    introduction=N_("This survey asks municipal procurement offices about their experience with innovative "
                    "procurement and the support they need. It takes about ten minutes."),
    description=N_("For the procurement offices of a region's municipalities: experience, barriers, readiness, "
                   "skills and support needs."),
    anonymous=True,
    sections=(
        (N_("Your organisation"), (
            q("role", logic.SINGLE, N_("Which best describes your role?"), required=True, options=(
                ("procurement", N_("Procurement officer")), ("manager", N_("Head of a department or manager")),
                ("elected", N_("Elected representative")), ("other", N_("Other")))),
            q("procedures", logic.NUMBER, N_("About how many procurement procedures does your organisation run "
                                             "per year?"), minimum=0, maximum=100000),
        )),
        (N_("Experience and barriers"), (
            q("used", logic.SINGLE, N_("Has your organisation used innovative procurement in the last three "
                                       "years?"), required=True, options=YES_NO_UNSURE,
              help=N_("For example pre-commercial procurement, an innovation partnership or a competitive "
                      "dialogue.")),
            q("methods", logic.MULTIPLE, N_("Which procedures did you use?"), options=(
                ("pcp", N_("Pre-commercial procurement (PCP)")), ("ppi", N_("Public procurement of innovative "
                                                                             "solutions (PPI)")),
                ("partnership", N_("Innovation partnership")), ("dialogue", N_("Competitive dialogue")),
                ("market", N_("Early market dialogue")), ("contest", N_("Design contest"))),
              condition={"question": "used", "operator": logic.EQUALS, "value": "yes"}),
            q("barriers", logic.MULTIPLE, N_("What keeps your organisation from procuring innovation?"), options=(
                ("legal", N_("Legal uncertainty")), ("skills", N_("Lack of staff or skills")),
                ("budget", N_("Budget")), ("risk", N_("Fear of risk")), ("market", N_("No suitable suppliers")),
                ("political", N_("Lack of political support"))),
              condition={"question": "used", "operator": logic.ANY_OF, "value": ["no", "unsure"]}),
            q("readiness", logic.SCALE, N_("How ready is your organisation to run an innovative procurement?"),
              required=True, scale_min=1, scale_max=5, low_label=N_("Not ready"), high_label=N_("Fully ready")),
        )),
        (N_("Skills and priorities"), (
            q("skills", logic.MATRIX, N_("How do you rate your organisation's skills?"), rows=(
                ("dialogue", N_("Market dialogue")), ("requirements", N_("Writing functional requirements")),
                ("evaluation", N_("Evaluating innovative offers")), ("ipr", N_("Contracts and IPR"))),
              options=(("none", N_("None")), ("basic", N_("Basic")), ("good", N_("Good")),
                       ("expert", N_("Expert")))),
            q("priorities", logic.RANKING, N_("Rank these challenge areas by their importance to your "
                                              "municipality."), options=(
                ("energy", N_("Energy")), ("mobility", N_("Mobility")), ("care", N_("Health and care")),
                ("circular", N_("Circular economy")), ("digital", N_("Digital services")))),
            q("support", logic.MULTIPLE, N_("Which support would help you most?"), max_choices=3, options=(
                ("training", N_("Training")), ("peers", N_("Exchange with other municipalities")),
                ("toolbox", N_("Templates and a toolbox")), ("helpdesk", N_("Legal helpdesk")),
                ("joint", N_("Joint procurement with others")), ("funding", N_("Funding")))),
            q("comments", logic.TEXT, N_("Is there anything else you want to tell us?")),
        )),
    ),
)

INTERNATIONALISATION = Template(
    key="sme-internationalisation",
    title=N_("SME internationalisation needs"),
    introduction=N_("Your cluster asks its members what they need to grow across borders."),
    description=N_("For the members of a cluster: markets, barriers and the support that would help."),
    anonymous=False,
    sections=(
        (N_("Markets"), (
            q("exporting", logic.SINGLE, N_("Does your company sell abroad?"), required=True, options=(
                ("regularly", N_("Yes, regularly")), ("occasionally", N_("Occasionally")),
                ("not_yet", N_("Not yet")))),
            q("markets", logic.MULTIPLE, N_("Which countries would you like to enter?"), options=(
                ("dk", N_("Denmark")), ("de", N_("Germany")), ("nl", N_("The Netherlands")),
                ("no", N_("Norway")), ("se", N_("Sweden")), ("uk", N_("The United Kingdom")),
                ("other", N_("Other")))),
            q("staff", logic.NUMBER, N_("How many of your staff work on international sales?"), minimum=0,
              maximum=100000, condition={"question": "exporting", "operator": logic.NOT_EQUALS,
                                         "value": "not_yet"}),
            q("trl", logic.SCALE, N_("How mature is your main offering (technology readiness level)?"),
              scale_min=1, scale_max=9, low_label=N_("Basic principles observed"),
              high_label=N_("Proven in operation")),
        )),
        (N_("Barriers and support"), (
            q("barriers", logic.MATRIX, N_("How much is each of these a barrier for you?"), required=True, rows=(
                ("partners", N_("Finding partners")), ("rules", N_("Regulations and certification")),
                ("finance", N_("Financing")), ("culture", N_("Language and culture")),
                ("tenders", N_("Public tenders abroad"))),
              options=(("no", N_("No barrier")), ("minor", N_("Minor barrier")), ("major", N_("Major barrier")))),
            q("support", logic.RANKING, N_("Rank the support you would find most useful."), options=(
                ("matchmaking", N_("Matchmaking events")), ("market_info", N_("Market information")),
                ("finance", N_("Export financing")), ("legal", N_("Legal advice")),
                ("testbeds", N_("Test and demonstration sites")))),
            q("comments", logic.TEXT, N_("What else would help you grow abroad?")),
        )),
    ),
)

EVENT_FEEDBACK = Template(
    key="event-feedback",
    title=N_("Event feedback"),
    introduction=N_("Thank you for taking part. Your feedback shapes the next Living Lab event."),
    description=N_("After a Living Lab event or brokerage day: overall rating, meetings and follow-up."),
    anonymous=True,
    sections=(
        (N_("Your feedback"), (
            q("overall", logic.SCALE, N_("How satisfied were you with the event overall?"), required=True,
              scale_min=1, scale_max=5, low_label=N_("Not at all"), high_label=N_("Very satisfied")),
            q("useful", logic.MULTIPLE, N_("Which parts were useful to you?"), options=(
                ("sessions", N_("Sessions and talks")), ("b2b", N_("B2B meetings")),
                ("visits", N_("Site visits")), ("networking", N_("Networking")))),
            q("meetings", logic.NUMBER, N_("How many B2B meetings did you have?"), minimum=0, maximum=100),
            q("follow_up", logic.SINGLE, N_("Do you expect a follow-up (a collaboration, an offer, a project)?"),
              options=(("yes", N_("Yes")), ("maybe", N_("Maybe")), ("no", N_("No")))),
            q("follow_up_what", logic.TEXT, N_("What kind of follow-up?"),
              condition={"question": "follow_up", "operator": logic.EQUALS, "value": "yes"}),
            q("recommend", logic.SCALE, N_("How likely are you to recommend the event to a colleague?"),
              scale_min=0, scale_max=10, low_label=N_("Not likely"), high_label=N_("Very likely")),
            q("improve", logic.TEXT, N_("What should we improve?")),
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
