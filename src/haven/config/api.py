from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from haven import __version__
from haven.accounts.api import router as accounts_router
from haven.accounts.api_auth import BrowserSession, PersonalToken
from haven.casework.api import router as cases_router
from haven.casework.api_steps import router as casework_steps_router
from haven.people.api import router as people_router
from haven.web.problems import install_problem_handlers

api = NinjaAPI(
    title="Haven API",
    version="1",
    description=(
        "Haven's JSON API. Authenticate with a browser session (CSRF token required for writes) "
        "or a personal API token (`Authorization: Bearer hvn_…`). Errors are RFC 9457 problem "
        "details."
    ),
    auth=[PersonalToken(), BrowserSession()],
    urls_namespace="api",
)
install_problem_handlers(api)


class HealthOut(Schema):
    status: str
    version: str


@api.get("/health", auth=None, response=HealthOut, tags=["meta"], summary="Liveness")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok", "version": __version__}


api.add_router("/", accounts_router)
api.add_router("/", people_router)
api.add_router("/", cases_router)
api.add_router("/", casework_steps_router)
