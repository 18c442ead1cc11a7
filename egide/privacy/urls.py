from django.urls import path

from . import otp, views

app_name = "privacy"

urlpatterns = [
    path("personnes/<int:pk>/export/", views.export_page, name="export"),
    path("personnes/<int:pk>/export.json", views.export_json, name="export_json"),
    path("personnes/<int:pk>/demandes/", views.person_requests, name="person_requests"),
    path("demandes/", views.requests_list, name="requests"),
    path("demandes/<int:pk>/", views.request_detail, name="request_detail"),
    path("double-authentification/", otp.otp_setup, name="otp_setup"),
    path("double-authentification/verification/", otp.otp_verify, name="otp_verify"),
]
