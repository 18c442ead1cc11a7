from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "egide.rights"
    label = "rights"
