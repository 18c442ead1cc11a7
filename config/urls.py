from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("egide.common.urls")),
    path("compte/", include("egide.accounts.urls")),
    path("personnes/", include("egide.people.urls")),
    path("suivi/", include("egide.casework.urls")),
    path("consentements/", include("egide.consent.urls")),
    path("journal/", include("egide.audit.urls")),
    path("confidentialite/", include("egide.privacy.urls")),
    path("assistant/", include("egide.assist.urls")),
    path("droits/", include("egide.rights.urls")),
    path("orientation/", include("egide.orientation.urls")),
    path("gouvernance/", include("egide.governance.urls")),
    path("etude/", include("egide.participation.urls")),
    path("exploitation/", admin.site.urls),
]
