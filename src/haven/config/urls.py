from django.contrib import admin
from django.urls import include, path

from haven.config.api import api
from haven.web import views as web_views

admin.site.site_header = "Haven"
admin.site.site_title = "Haven"

urlpatterns = [
    path("", include("haven.web.urls")),
    path("account/", include("haven.accounts.urls")),
    path("i18n/setlang/", web_views.set_language, name="set_language"),
    path("healthz", web_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("ledger/", include("haven.ledger.urls")),
    path("people/", include("haven.people.urls")),
    path("cases/", include("haven.casework.urls")),
    path("oversight/", include("haven.access.urls")),
    path("my-data/", include("haven.people.tracker_urls")),
    # Administrators log in through the same form as everyone, with its lock-out and second factor.
    path("admin/login/", web_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

handler400 = "haven.web.views.bad_request"
handler403 = "haven.web.views.permission_denied"
handler404 = "haven.web.views.page_not_found"
handler500 = "haven.web.views.server_error"
