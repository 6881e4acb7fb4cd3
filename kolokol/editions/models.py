"""Each service's signing key and its latest signed offline editions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionKey(models.Model):
    """The Ed25519 key pair a service signs its offline editions with.

    In the database so that every server signs with the same key and a
    restore brings it back. The private half is encrypted with a key derived
    from SECRET_KEY (``kolokol.editions.keys``): whoever reads only the
    database (a leaked dump, a replica) cannot sign in the service's name.
    """

    service = models.OneToOneField(
        "services.ServiceHomePage",
        on_delete=models.CASCADE,
        related_name="edition_key",
        verbose_name=_("service"),
    )
    public_key = models.BinaryField(_("public key"), max_length=32)
    private_key = models.TextField(_("encrypted private key"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("edition signing key")

    def __str__(self) -> str:
        return f"{self.service_id}"


class Edition(models.Model):
    """One signed file of a service's offline edition, kept for the public page.

    Kept as bytes in the database rather than one server's folder: any
    server answers ``/ru/offline/`` with the files the one worker made.
    """

    class Kind(models.TextChoices):
        HTML = "html", "HTML"
        EPUB = "epub", "EPUB"

    service = models.ForeignKey(
        "services.ServiceHomePage", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=4, choices=Kind.choices)
    name = models.CharField(max_length=100, unique=True)
    made_on = models.DateField()
    content = models.BinaryField()
    signature = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["service", "kind", "made_on"], name="one_edition_a_day")
        ]

    def __str__(self) -> str:
        return self.name
