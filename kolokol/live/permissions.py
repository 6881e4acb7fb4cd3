"""Who may post to a live blog, and who may publish a post.

Posting follows the service's roles: reporters, editors and chief editors
of a service hold ``live.add_livepost`` through their service's group and
post to that service's live blogs only. Publishing a post takes
``live.publish_livepost`` (editors and chief editors), unless the live
blog lets reporters publish their own posts (``posts_need_review`` off).
"""

from __future__ import annotations

from kolokol.newsroom.permissions import can_act_for, services_with


def live_blogs_for(user, action: str = "add"):
    """The live blogs in the services where ``user`` may ``action`` posts."""
    from kolokol.live.models import LiveBlogPage

    services = services_with(user, f"live.{action}_livepost")
    paths = list(services.values_list("path", flat=True))
    blogs = LiveBlogPage.objects.none()
    for path in paths:
        blogs = blogs | LiveBlogPage.objects.filter(path__startswith=path)
    return blogs


def may_post(user, page) -> bool:
    return page.service is not None and can_act_for(user, "live.add_livepost", page.service)


def may_publish(user, page) -> bool:
    """Publish posts on ``page`` directly (no editor's review)."""
    if page.service is None:
        return False
    if can_act_for(user, "live.publish_livepost", page.service):
        return True
    return not page.posts_need_review and may_post(user, page)


def may_change(user, post) -> bool:
    """Editors change any post of their service's blogs; a reporter their own unpublished ones."""
    page = post.page
    if page.service is None:
        return False
    if can_act_for(user, "live.publish_livepost", page.service):
        return True
    if not can_act_for(user, "live.change_livepost", page.service):
        return False
    own = post.created_by_id == user.pk
    return own and (post.status != post.Status.PUBLISHED or may_publish(user, page))
