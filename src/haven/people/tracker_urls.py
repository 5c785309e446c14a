from django.urls import path

from haven.people import tracker

app_name = "tracker"

urlpatterns = [
    path("", tracker.start, name="start"),
    path("overview/", tracker.overview, name="overview"),
    path("access/<int:index>/", tracker.access_proof, name="proof"),
    path("download.json", tracker.download_json, name="download_json"),
    path("download/", tracker.download_page, name="download"),
    path("consents/<uuid:consent_id>/withdraw/", tracker.consent_withdraw, name="withdraw"),
    path("return/<uuid:case_id>/withdraw/", tracker.return_withdraw, name="return_withdraw"),
    path("sign-out/", tracker.sign_out, name="sign_out"),
]
