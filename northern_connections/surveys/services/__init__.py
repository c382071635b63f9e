"""Writes of the surveys app, one module per entity (surveys, questions, audiences and invitations, responses)."""

from .audiences import audience_add, audience_remove, invitations_deliver, invitations_send, reminders_send
from .questions import (
    question_create,
    question_delete,
    question_move,
    question_update,
    section_create,
    section_delete,
    section_update,
)
from .responses import (
    response_save,
    response_start_by_invitation,
    response_start_open,
    response_tag,
    unclaimed_ballots_discard,
)
from .surveys import (
    survey_close_due,
    survey_create,
    survey_create_from_template,
    survey_delete,
    survey_new_round,
    survey_publish_results,
    survey_transition,
    survey_update,
)
