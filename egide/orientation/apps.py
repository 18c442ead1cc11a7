from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "egide.orientation"
    label = "orientation"
