"""Models of the knowledge centre: cases, toolbox, self-assessment, publications, peer connection and Q&A."""

from .assessment import Assessment, AssessmentQuestion, AssessmentShare, Dimension, Questionnaire
from .cases import CaseTransition, ProcurementCase
from .community import AbuseReport, CommunityAnswer, CommunityQuestion, Conversation, Message
from .publications import Publication, Tag
from .toolbox import LearnerProgress, Lesson, QuizQuestion, ToolboxItem, ToolboxTransition, ToolboxVersion

__all__ = [
    "AbuseReport", "Assessment", "AssessmentQuestion", "AssessmentShare", "CaseTransition", "CommunityAnswer",
    "CommunityQuestion", "Conversation", "Dimension", "LearnerProgress", "Lesson", "Message", "ProcurementCase",
    "Publication", "Questionnaire", "QuizQuestion", "Tag", "ToolboxItem", "ToolboxTransition", "ToolboxVersion",
]
