from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.dpo_log, name="dpo_log"),
    path("personnes/<int:pk>/", views.person_history, name="person_history"),
    path("personnes/<int:pk>/imprimer/", views.person_history_print, name="person_history_print"),
    path("alertes/", views.notifications, name="notifications"),
    path("alertes/<int:pk>/lue/", views.notification_read, name="notification_read"),
    path("alertes/<int:pk>/revoquer/", views.break_glass_revoke_view, name="break_glass_revoke"),
    path("acces-exceptionnel/<int:pk>/", views.break_glass, name="break_glass"),
]
