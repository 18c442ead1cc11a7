from django.urls import path

from . import views

app_name = "orientation"

urlpatterns = [
    path("", views.search, name="search"),
    path("personnes/<int:pk>/", views.person_referrals, name="person"),
    path("personnes/<int:pk>/orienter/<int:service_pk>/", views.refer, name="refer"),
    path("personnes/<int:pk>/orientations/<int:referral_pk>/reponse/", views.answer, name="answer"),
]
