from django.urls import path

from .views import matches, needs, partners

app_name = "partnerships"

urlpatterns = [
    path("", matches.HomeView.as_view(), name="home"),
    path("mitra/", partners.PartnerListView.as_view(), name="partners"),
    path("mitra/baru/", partners.PartnerCreateView.as_view(), name="partner_create"),
    path("mitra/<str:key>/", partners.PartnerDetailView.as_view(), name="partner"),
    path("mitra/<str:key>/undang/", partners.InviteView.as_view(), name="invite"),
    path("mitra/<str:key>/kebutuhan/baru/", needs.NeedCreateView.as_view(), name="need_create"),
    path("kebutuhan/<str:key>/", needs.NeedDetailView.as_view(), name="need"),
    path("kebutuhan/<str:key>/tutup/", needs.NeedCloseView.as_view(), name="need_close"),
    path("kebutuhan/<str:key>/perkenalkan/", needs.IntroduceView.as_view(), name="introduce"),
    path("pencocokan/", matches.BoardView.as_view(), name="board"),
    path("pencocokan/<str:key>/", matches.MatchDetailView.as_view(), name="match"),
    path("pencocokan/<str:key>/ubah/", matches.MatchAdvanceView.as_view(), name="advance"),
    path("saya/", matches.MineView.as_view(), name="mine"),
]
