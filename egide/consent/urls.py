from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("", views.register, name="register"),
    path("personnes/<int:pk>/", views.person_consents, name="person_consents"),
    path("personnes/<int:pk>/formulaire/<slug:code>/", views.print_form, name="print_form"),
    path("personnes/<int:pk>/ecran/<slug:code>/", views.screen, name="screen"),
    path("personnes/<int:pk>/sms/", views.sms, name="sms"),
    path("decisions/<int:pk>/scan/", views.scan, name="scan"),
]
