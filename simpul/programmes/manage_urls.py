"""Officers' programme setup, mounted at /kelola/program/."""

from django.urls import path

from .views import manage, manage_setup

app_name = "programme_admin"

urlpatterns = [
    path("", manage.ProgrammeListView.as_view(), name="list"),
    path("baru/", manage.ProgrammeCreateView.as_view(), name="create"),
    path("<str:key>/", manage.ProgrammeDetailView.as_view(), name="detail"),
    path("<str:key>/ubah/", manage.ProgrammeEditView.as_view(), name="edit"),
    path("<str:key>/status/", manage.ProgrammeStatusView.as_view(), name="status"),
    path("<str:key>/pertanyaan/", manage_setup.QuestionAddView.as_view(), name="question_add"),
    path(
        "<str:key>/pertanyaan/<int:pk>/ubah/",
        manage_setup.QuestionEditView.as_view(),
        name="question_edit",
    ),
    path(
        "<str:key>/pertanyaan/<int:pk>/hapus/",
        manage_setup.QuestionRemoveView.as_view(),
        name="question_remove",
    ),
    path("<str:key>/syarat/", manage_setup.RuleAddView.as_view(), name="rule_add"),
    path(
        "<str:key>/syarat/<int:pk>/hapus/",
        manage_setup.RuleRemoveView.as_view(),
        name="rule_remove",
    ),
    path("<str:key>/tahap/", manage_setup.StageAddView.as_view(), name="stage_add"),
    path(
        "<str:key>/tahap/<int:pk>/hapus/",
        manage_setup.StageRemoveView.as_view(),
        name="stage_remove",
    ),
    path(
        "<str:key>/tahap/<int:pk>/kriteria/",
        manage_setup.CriterionAddView.as_view(),
        name="criterion_add",
    ),
    path(
        "<str:key>/tahap/<int:pk>/kriteria/<int:criterion_pk>/hapus/",
        manage_setup.CriterionRemoveView.as_view(),
        name="criterion_remove",
    ),
    path(
        "<str:key>/tahap/<int:pk>/panelis/",
        manage_setup.PanelistAddView.as_view(),
        name="panelist_add",
    ),
    path(
        "<str:key>/tahap/<int:pk>/undang/",
        manage_setup.PanelistInviteView.as_view(),
        name="panelist_invite",
    ),
    path(
        "<str:key>/tahap/<int:pk>/panelis/<int:user_pk>/hapus/",
        manage_setup.PanelistRemoveView.as_view(),
        name="panelist_remove",
    ),
]
