from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("appels/nouveau/", views.call_create, name="call_create"),
    path("appels/<int:pk>/", views.call_detail, name="call_detail"),
    path("appels/<int:pk>/import/", views.call_import, name="call_import"),
    path("appels/<int:pk>/ateliers/nouveau/", views.workshop_create, name="workshop_create"),
    path("appels/<int:pk>/synthese/", views.synthesis_create, name="synthesis_create"),
    path("appels/<int:pk>/export/<str:fmt>/", views.call_export, name="call_export"),
    path("ateliers/<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("contributions/<int:pk>/verifier/", views.contribution_check, name="contribution_check"),
    path("syntheses/<int:pk>/", views.synthesis_detail, name="synthesis_detail"),
    path("chartes/nouvelle/", views.charter_create, name="charter_create"),
    path("chartes/<int:pk>/", views.charter_detail, name="charter_detail"),
    path("chartes/<int:pk>/versions/<int:number>/", views.version_detail, name="version_detail"),
    path("candidater/<int:pk>/", views.apply, name="apply"),
    path("participant/<str:token>/", views.volunteer_home, name="volunteer_home"),
    path("participant/<str:token>/contribuer/", views.volunteer_contribute, name="volunteer_contribute"),
    path("participant/<str:token>/voter/<int:proposal>/", views.volunteer_vote, name="volunteer_vote"),
    path(
        "participant/<str:token>/proposer/<int:charter>/", views.volunteer_propose, name="volunteer_propose"
    ),
    path(
        "participant/<str:token>/commenter/<int:proposal>/", views.volunteer_comment, name="volunteer_comment"
    ),
    path("participant/<str:token>/affichage/", views.volunteer_display, name="volunteer_display"),
    path("participant/<str:token>/retrait/", views.volunteer_withdraw, name="volunteer_withdraw"),
]
