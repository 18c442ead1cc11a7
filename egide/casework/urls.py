from django.urls import path

from .views import agenda, budget, followups, notes, plan, resources

app_name = "casework"

urlpatterns = [
    # Follow-ups
    path("personnes/<int:pk>/accompagnements/nouveau/", followups.followup_create, name="followup_create"),
    path("accompagnements/<int:pk>/modifier/", followups.followup_edit, name="followup_edit"),
    path("accompagnements/<int:pk>/clore/", followups.followup_close, name="followup_close"),
    # Notes
    path("personnes/<int:pk>/notes/", notes.person_notes, name="person_notes"),
    path("personnes/<int:pk>/notes/nouvelle/", notes.note_create, name="note_create"),
    path("notes/recherche/", notes.note_search, name="note_search"),
    path("notes/<int:pk>/", notes.note_detail, name="note_detail"),
    path("notes/<int:pk>/modifier/", notes.note_edit, name="note_edit"),
    # Action plan
    path("personnes/<int:pk>/objectifs/nouveau/", plan.objective_create, name="objective_create"),
    path("objectifs/<int:pk>/modifier/", plan.objective_edit, name="objective_edit"),
    path("objectifs/<int:pk>/statut/", plan.objective_status, name="objective_status"),
    path("objectifs/<int:pk>/actions/nouvelle/", plan.action_create, name="action_create"),
    path("actions/<int:pk>/modifier/", plan.action_edit, name="action_edit"),
    path("actions/<int:pk>/statut/", plan.action_status, name="action_status"),
    # Agenda and appointments
    path("agenda/", agenda.agenda, name="agenda"),
    path("rendez-vous/nouveau/", agenda.appointment_create, name="appointment_create"),
    path("rendez-vous/<int:pk>/modifier/", agenda.appointment_edit, name="appointment_edit"),
    path("rendez-vous/<int:pk>/statut/", agenda.appointment_status, name="appointment_status"),
    # Resources and bookings
    path("ressources/", resources.resources, name="resources"),
    path("ressources/<int:pk>/", resources.resource_detail, name="resource_detail"),
    path("ressources/<int:pk>/activation/", resources.resource_toggle, name="resource_toggle"),
    path("reservations/nouvelle/", resources.booking_create, name="booking_create"),
    path("reservations/<int:pk>/annuler/", resources.booking_cancel, name="booking_cancel"),
    # Budget
    path("personnes/<int:pk>/budget/ajouter/", budget.budget_add, name="budget_add"),
    path("budget/<int:pk>/supprimer/", budget.budget_remove, name="budget_remove"),
]
