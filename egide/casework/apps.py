from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "egide.casework"
    label = "casework"
