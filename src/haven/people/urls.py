from django.urls import path

from haven.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_new, name="new"),
    path("<uuid:person_id>/", views.person_detail, name="detail"),
    path("<uuid:person_id>/emergency/", views.person_override, name="override"),
    path("<uuid:person_id>/consents/", views.consent_add, name="consent_add"),
    path(
        "<uuid:person_id>/consents/<uuid:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<uuid:person_id>/special/", views.special_set, name="special_set"),
    path("<uuid:person_id>/access-code/", views.access_code_issue, name="access_code"),
    path("<uuid:person_id>/erase/", views.person_erase, name="erase"),
]
