from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "egide.people"
    label = "people"
