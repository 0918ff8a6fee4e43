"""Children: their records, まじくる and the high-school entrance support."""

from django.urls import path

from tsunagu.children import views, views_classes, views_entrance

app_name = "children"

urlpatterns = [
    path("", views.child_list, name="child_list"),
    path("household/<int:person_id>/add/", views.child_add, name="child_add"),
    path("<int:child_id>/", views.child_detail, name="child_detail"),
    path("<int:child_id>/edit/", views.child_edit, name="child_edit"),
    # High-school entrance support (高校進学支援)
    path("entrance/", views_entrance.entrance, name="entrance"),
    path("<int:child_id>/entrance/add/", views_entrance.pupil_add, name="pupil_add"),
    path("entrance/<int:pupil_id>/", views_entrance.pupil_detail, name="pupil_detail"),
    path("entrance/<int:pupil_id>/plan/", views_entrance.pupil_plan, name="pupil_plan"),
    path("entrance/<int:pupil_id>/outcome/", views_entrance.pupil_outcome, name="pupil_outcome"),
    path(
        "entrance/<int:pupil_id>/sessions/add/", views_entrance.parent_session_add, name="parent_session_add"
    ),
    path("entrance/<int:pupil_id>/applications/add/", views_entrance.application_add, name="application_add"),
    path("entrance/references/<int:reference_id>/", views_entrance.reference_edit, name="reference_edit"),
    # まじくる: the learning support classes
    path("<int:child_id>/enrol/", views_classes.child_enrol, name="child_enrol"),
    path("<int:child_id>/notes/add/", views_classes.note_add, name="note_add"),
    path(
        "<int:child_id>/guardian-contacts/add/",
        views_classes.guardian_contact_add,
        name="guardian_contact_add",
    ),
    path("classes/", views_classes.class_list, name="class_list"),
    path("classes/<int:class_id>/", views_classes.class_detail, name="class_detail"),
    path("classes/<int:class_id>/tutors/add/", views_classes.tutor_add, name="tutor_add"),
]
