from django.urls import path

from haven.casework import views

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("board/", views.case_list, name="board"),
    path("new/", views.case_open, name="open"),
    path("search/", views.case_search, name="search"),
    path("<uuid:case_id>/", views.case_detail, name="detail"),
    path("<uuid:case_id>/events/", views.case_event, name="event"),
    path("<uuid:case_id>/notes/", views.case_note, name="note"),
    path("<uuid:case_id>/decision/", views.case_decide, name="decide"),
    path("<uuid:case_id>/referrals/", views.referral_create, name="refer"),
    path("<uuid:case_id>/interviews/", views.interview_schedule, name="interview_schedule"),
    path("interviews/<uuid:interview_id>/", views.interview_page, name="interview"),
    path(
        "interviews/<uuid:interview_id>/invitation.ics",
        views.interview_invitation,
        name="interview_invitation",
    ),
    path(
        "interviews/<uuid:interview_id>/<slug:step>/", views.interview_step, name="interview_step"
    ),
    path("<uuid:case_id>/return/<slug:step>/", views.return_step, name="return_step"),
    path("visits/<int:visit_id>/", views.visit_record, name="visit_record"),
    path("<uuid:case_id>/documents/", views.document_upload, name="document_upload"),
    path("documents/<uuid:document_id>/", views.document_download, name="document"),
    path("referrals/", views.referral_inbox, name="referrals"),
    path("referrals/<uuid:referral_id>/", views.referral_detail, name="referral"),
    path("referrals/<uuid:referral_id>/<slug:step>/", views.referral_step, name="referral_step"),
]
