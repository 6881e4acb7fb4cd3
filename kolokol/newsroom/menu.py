"""Admin menu entries shown to those who hold a permission for at least one service."""

from wagtail.admin.menu import MenuItem

from kolokol.newsroom.permissions import services_with


class ServiceMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return services_with(request.user, self.permission).exists()
