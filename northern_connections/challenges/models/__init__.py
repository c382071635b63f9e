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
from .evaluation import ConflictDeclaration, ConflictException, JuryAssignment, Recommendation, Score

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
    "ConflictException",
    "EvaluationCriterion",
    "JuryAssignment",
    "Recommendation",
    "Score",
]
