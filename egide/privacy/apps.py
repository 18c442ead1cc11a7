from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "egide.privacy"
    label = "privacy"
