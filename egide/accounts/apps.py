from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "egide.accounts"
    label = "accounts"
