from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "egide.privacy"
    label = "privacy"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
