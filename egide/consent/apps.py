from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "egide.consent"
    label = "consent"
