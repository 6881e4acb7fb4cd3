"""Wagtail's users app, its user editor offering Kolokol's roles only (see ``users.py``).

An app config of its own module: Django picks a package's config from its
``apps.py``, which must stay the newsroom's.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class KolokolUsersConfig(WagtailUsersAppConfig):
    user_viewset = "kolokol.newsroom.users.KolokolUserViewSet"
