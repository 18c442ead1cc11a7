from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "egide.common"
    label = "common"
