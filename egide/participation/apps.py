from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "egide.participation"
    label = "participation"
