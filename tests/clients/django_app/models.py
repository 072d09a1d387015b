from django.contrib.postgres.fields import (
    ArrayField, DateTimeRangeField, HStoreField, IntegerRangeField,
)
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100, unique=True)
    born = models.DateField(null=True)

    class Meta:
        app_label = "django_app"


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    title = models.CharField(max_length=200)
    pages = models.IntegerField(default=0)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True)
    published = models.DateTimeField(null=True)
    data = models.JSONField(default=dict, blank=True)
    tags = ArrayField(models.CharField(max_length=30), default=list, blank=True)
    cover = models.BinaryField(null=True)
    uid = models.UUIDField(null=True)

    class Meta:
        app_label = "django_app"


class Tagged(models.Model):
    """Fields that need psycopg2.extras.register_hstore (HStoreField)."""
    attrs = HStoreField(default=dict)

    class Meta:
        app_label = "django_app"


class Booking(models.Model):
    """Fields that need the psycopg2.extras range classes."""
    seats = IntegerRangeField(null=True)
    during = DateTimeRangeField(null=True)

    class Meta:
        app_label = "django_app"
