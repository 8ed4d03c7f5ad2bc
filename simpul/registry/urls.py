from django.urls import path

from .views import owner, staff, wizard

app_name = "registry"

urlpatterns = [
    path("usaha/", owner.MyEnterprisesView.as_view(), name="mine"),
    path("ikm/", staff.EnterpriseListView.as_view(), name="list"),
    path("ikm/antrian/", staff.QueueView.as_view(), name="queue"),
    path("ikm/baru/", wizard.RegistrationStepView.as_view(), name="start"),
    path("ikm/<int:pk>/", staff.EnterpriseDetailView.as_view(), name="detail"),
    path("ikm/<int:pk>/langkah/<int:step>/", wizard.RegistrationStepView.as_view(), name="wizard"),
    path("ikm/<int:pk>/riwayat/", staff.EnterpriseHistoryView.as_view(), name="history"),
    path("ikm/<int:pk>/putuskan/", staff.DecisionView.as_view(), name="decide"),
    path("ikm/<int:pk>/nik/", staff.NikRevealView.as_view(), name="nik"),
]
