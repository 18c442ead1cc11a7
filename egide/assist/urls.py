from django.urls import path

from . import views

app_name = "assist"

urlpatterns = [
    path("notes/<int:pk>/assistant/", views.note_assistant, name="note_assistant"),
    path("suggestions/<int:pk>/decision/", views.suggestion_decide_view, name="suggestion_decide"),
    path("notes/<int:pk>/pseudonymisee/", views.note_pseudonymised, name="note_pseudonymised"),
]
