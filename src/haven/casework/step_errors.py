"""The errors a casework step answers with when its input does not allow it: a page shows the
message, the API answers 422 with it."""

from haven.casework.documents import DocumentError
from haven.casework.interviews import InterviewError
from haven.casework.referrals import ReferralError
from haven.casework.returns import ReturnError
from haven.casework.services import CaseInputError

STEP_ERRORS = (CaseInputError, ReferralError, InterviewError, ReturnError, DocumentError)
