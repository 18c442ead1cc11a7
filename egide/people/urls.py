from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("nouvelle/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/identite/", views.person_edit, name="edit"),
    path("<int:pk>/attribution/", views.person_assign, name="assign"),
    path("<int:pk>/foyer/", views.household_edit, name="household"),
    path("<int:pk>/foyer/rejoindre/", views.household_join, name="household_join"),
    path("<int:pk>/foyer/ajouter/", views.household_member_add, name="household_member_add"),
    path("<int:pk>/foyer/membres/<int:link_pk>/", views.household_member_edit, name="household_member_edit"),
    path(
        "<int:pk>/foyer/membres/<int:link_pk>/retirer/",
        views.household_member_remove,
        name="household_member_remove",
    ),
    path("<int:pk>/proches/", views.relatives, name="relatives"),
    path("<int:pk>/proches/<int:relative_pk>/retirer/", views.relative_remove, name="relative_remove"),
    path("<int:pk>/documents/ajouter/", views.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/documents/<int:document_pk>/supprimer/", views.document_delete, name="document_delete"),
]
