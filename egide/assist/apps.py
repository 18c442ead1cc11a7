from django.apps import AppConfig


class AssistConfig(AppConfig):
    name = "egide.assist"
    label = "assist"
