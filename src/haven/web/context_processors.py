from django.conf import settings
from django.http import HttpRequest

from haven.config.languages import INTERFACE_LANGUAGES
from haven.web.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, object]:
    actor = getattr(request, "actor", None)
    return {
        "actor": actor,
        "navigation": navigation_for(request.user, actor),
        "interface_languages": INTERFACE_LANGUAGES,
        "demo_mode": settings.HAVEN_MODE == "demo",
    }
