"""Admin menu entries only administrators see (pages that can show any service's data)."""

from wagtail.admin.menu import MenuItem


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser
