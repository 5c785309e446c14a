from django.urls import path

from haven.access import views

app_name = "access"

urlpatterns = [
    path("overrides/", views.override_list, name="overrides"),
    path("overrides/<int:override_id>/reviewed/", views.override_review, name="override_review"),
]
