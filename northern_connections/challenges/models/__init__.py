from .applications import Application, ApplicationPartner, Attachment
from .challenges import (
    Challenge,
    ChallengeDocument,
    ChallengeTransition,
    ChallengeTranslation,
    ChallengeView,
    Clarification,
    EvaluationCriterion,
)
from .evaluation import ConflictDeclaration, JuryAssignment, Recommendation, Score

__all__ = [
    "Application",
    "ApplicationPartner",
    "Attachment",
    "Challenge",
    "ChallengeDocument",
    "ChallengeTransition",
    "ChallengeTranslation",
    "ChallengeView",
    "Clarification",
    "ConflictDeclaration",
    "EvaluationCriterion",
    "JuryAssignment",
    "Recommendation",
    "Score",
]
