"""Board pages: thin views that parse input, call one selector or service and render.

Every object is looked up through the gate (GateView / selectors); every write goes to a
service, which re-checks permission and rules inside its transaction.
"""

from .applications import (
    ApplicationActionView,
    ApplicationDetailView,
    ApplicationListView,
    ApplicationStartView,
    ApplicationSubmitView,
    ApplicationWithdrawView,
    AttachmentCreateView,
    AttachmentDownloadView,
    PartnerInviteView,
    PartnerRespondView,
)
from .bridging import ChallengeOcdsView, ReachView, RecommendView, ical_deadlines, ocds_package
from .challenges import (
    ChallengeCreateView,
    ChallengeCriteriaView,
    ChallengeDetailView,
    ChallengeEditView,
    ChallengeListView,
    ChallengeTransitionView,
)
from .clarifications import ClarificationAnswerView, ClarificationCreateView
from .documents import (
    ChallengeDocumentsView,
    ChallengeTranslationsView,
    DocumentDeleteView,
    DocumentDownloadView,
    TranslationDeleteView,
)
from .evaluation import (
    ConflictDeclareView,
    ConflictExceptionView,
    DecideView,
    EvaluateView,
    JuryView,
    RankingExcelView,
    RankingView,
    ScoreView,
    ShortlistView,
)
from .letters import ApplicationReceiptView, FeedbackLetterView
