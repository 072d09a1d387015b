from django.apps import AppConfig


class ClientsAppConfig(AppConfig):
    name = "clients.django_app"
    label = "django_app"
    default_auto_field = "django.db.models.BigAutoField"
