"""Every write of the challenge board, and every rule with it (DESIGN.md §4.2).

Web pages, the API, commands and the Celery task call these functions only; each one starts by
re-reading its object through the permission gate inside a transaction, so a rule cannot be
bypassed by a different front door. Deadlines are checked here on every application write,
against the server's clock (`clock.now`), whatever any page displayed.
"""

from .applications import (
    APPLICATION_FIELDS,
    STALE_MESSAGE,
    application_create,
    application_delete,
    application_receipt_send,
    application_submit,
    application_update,
    application_withdraw,
    attachment_add,
    attachment_delete,
    eligibility_problems,
    format_deadline,
    partner_invite,
    partner_remove,
    partner_respond,
    require_open,
    submission_problems,
)
from .bridging import recommendation_create
from .challenges import (
    CHALLENGE_M2M,
    UPLOAD_MESSAGES,
    challenge_create,
    challenge_criteria_set,
    challenge_document_add,
    challenge_document_delete,
    challenge_index,
    challenge_transition,
    challenge_translation_delete,
    challenge_translation_save,
    challenge_update,
    challenge_view_record,
    challenges_close_due,
)
from .clarifications import clarification_answer, clarification_ask
from .evaluation import (
    application_decide,
    application_shortlist,
    conflict_declare,
    conflict_exception_grant,
    jury_assign,
    jury_assign_by_email,
    jury_remove,
    scores_save,
)
