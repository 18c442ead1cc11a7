from django.urls import path

from . import views

app_name = "rights"

urlpatterns = [
    path("personnes/<int:pk>/", views.person, name="person"),
    path("personnes/<int:pk>/trace/", views.trace, name="trace"),
    path("personnes/<int:pk>/completer/<str:field>/", views.complete, name="complete"),
    path("equipes/<int:team_pk>/non-recours/", views.nontakeup, name="nontakeup"),
]
