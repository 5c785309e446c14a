from django.urls import path

from haven.ledger import views

app_name = "ledger"

urlpatterns = [
    path("", views.about, name="about"),
    path("checkpoint", views.checkpoint, name="checkpoint"),
    path("key", views.verifier_key, name="key"),
    path("entries", views.entries, name="entries"),
    path("proof/inclusion", views.inclusion, name="inclusion"),
    path("proof/consistency", views.consistency, name="consistency"),
]
