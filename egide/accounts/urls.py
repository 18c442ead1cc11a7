from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from . import views
from .forms import ThrottledAuthenticationForm

app_name = "accounts"

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=ThrottledAuthenticationForm
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/oubli/",
        login_not_required(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/password_reset.html",
                email_template_name="accounts/password_reset_email.txt",
                subject_template_name="accounts/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        login_not_required(
            auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
        ),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:login"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/changer/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url=reverse_lazy("common:home")
        ),
        name="password_change",
    ),
    path("structure/", views.structure_settings, name="settings"),
    path("structure/informations/", views.settings_structure, name="settings_structure"),
    path("structure/sites/", views.settings_site_add, name="settings_site_add"),
    path("structure/equipes/", views.settings_team_add, name="settings_team_add"),
    path("structure/membres/", views.settings_member_add, name="settings_member_add"),
    path("structure/membres/<int:pk>/", views.settings_member_edit, name="settings_member_edit"),
    path(
        "structure/membres/<int:pk>/activation/", views.settings_member_active, name="settings_member_active"
    ),
]
