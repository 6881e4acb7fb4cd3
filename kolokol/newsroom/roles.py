"""The editorial roles of a service, as data, and the code that gives them to groups.

Each role is one Django group per service (with a ``ServiceTeam`` row naming
the service and role). What the group may do is said in ``ROLES`` in terms
Wagtail already enforces: page permissions on part of the service's page
tree, collection permissions on the service's image and document
collection, and plain Django permissions (admin access, breaking news,
comment moderation, fact-check ratings). ``setup_service`` makes a service's groups match the
table and may be run any number of times.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from kolokol.newsroom.models import Role, ServiceTeam

logger = logging.getLogger(__name__)

# Where a role's page permissions are given: on each section of the service
# (articles live in sections) or on the service home page, which covers the
# whole service including the home page itself.
SECTIONS = "sections"
HOME = "home"

# Audio and video (wagtailmedia) have no "choose": its chooser offers what a
# user may change, which "add" gives for their own uploads.
MEDIA_CONTRIBUTOR = [
    "add_image", "choose_image", "add_document", "choose_document", "add_media",
]  # fmt: skip
MEDIA_EDITOR = [*MEDIA_CONTRIBUTOR, "change_image", "change_document", "change_media"]
BREAKING_NEWS = [
    "breaking.add_breakingnews",
    "breaking.change_breakingnews",
    "breaking.delete_breakingnews",
    "breaking.view_breakingnews",
]


# Sending newsletters, and the subscribers' addresses (export, deletion on request).
NEWSLETTERS = [
    "newsletters.add_issue",
    "newsletters.view_subscriber",
    "newsletters.delete_subscriber",
]

# Live blogs' posts: every role that writes posts to them; editors publish them.
LIVE_POSTING = ["live.add_livepost", "live.change_livepost", "live.view_livepost"]
LIVE_EDITING = [*LIVE_POSTING, "live.delete_livepost", "live.publish_livepost"]
# The service's fact-check rating scale (kolokol.factchecks): its editors keep
# it up; taking a verdict off the scale is the chief editor's call.
FACT_CHECK_RATINGS = ["factchecks.add_rating", "factchecks.change_rating", "factchecks.view_rating"]
FACT_CHECK_SCALE = [*FACT_CHECK_RATINGS, "factchecks.delete_rating"]
# The service's Telegram channel: its settings and its posts.
TELEGRAM = ["telegram.add_channel", "telegram.change_channel", "telegram.view_post"]


@dataclass(frozen=True)
class RoleSpec:
    group_label: str
    # Wagtail page permission types ("add" lets a user edit only pages they own).
    page_permissions: list[str] = field(default_factory=list)
    pages: str = SECTIONS
    collection_permissions: list[str] = field(default_factory=list)
    # "app_label.codename"; a permission whose app is not installed is skipped with a warning.
    permissions: list[str] = field(default_factory=list)
    reviews: bool = False  # approves in the service's review workflow


ROLES: dict[str, RoleSpec] = {
    Role.REPORTER: RoleSpec(
        group_label=_("Reporters"),
        page_permissions=["add"],
        collection_permissions=MEDIA_CONTRIBUTOR,
        permissions=["wagtailadmin.access_admin", *LIVE_POSTING],
    ),
    Role.EDITOR: RoleSpec(
        group_label=_("Editors"),
        page_permissions=["add", "change", "publish", "lock", "unlock"],
        collection_permissions=MEDIA_EDITOR,
        permissions=["wagtailadmin.access_admin", *LIVE_EDITING, *FACT_CHECK_RATINGS],
        reviews=True,
    ),
    Role.CHIEF_EDITOR: RoleSpec(
        group_label=_("Chief editors"),
        page_permissions=["add", "change", "publish", "lock", "unlock"],
        pages=HOME,
        collection_permissions=MEDIA_EDITOR,
        permissions=[
            "wagtailadmin.access_admin",
            *BREAKING_NEWS,
            *NEWSLETTERS,
            *TELEGRAM,
            *LIVE_EDITING,
            *FACT_CHECK_SCALE,
        ],
        reviews=True,
    ),
    Role.MODERATOR: RoleSpec(
        group_label=_("Moderators"),
        permissions=["wagtailadmin.access_admin", "comments.moderate_comment"],
    ),
}


def find_permission(name: str) -> Permission | None:
    app_label, codename = name.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def service_collection(home: Page, reporters: Group | None = None) -> Collection:
    """The service's own collection for images and documents, created once.

    Found through the reporters' collection permission first, so renaming
    the service or the collection does not create a second one.
    """
    if reporters is not None:
        held = (
            GroupCollectionPermission.objects.filter(group=reporters)
            .exclude(collection__depth=1)
            .select_related("collection")
            .first()
        )
        if held:
            return held.collection
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=home.title).first()
    return existing or root.add_child(name=home.title)


def team_group(home: Page, role: str) -> Group:
    """The group of ``role`` for the service ``home``, created (or renamed) as needed."""
    name = f"{home.title}: {ROLES[role].group_label}"
    team = ServiceTeam.objects.filter(service=home, role=role).select_related("group").first()
    if team:
        if team.group.name != name and not Group.objects.filter(name=name).exists():
            team.group.name = name
            team.group.save(update_fields=["name"])
        return team.group
    group, _created = Group.objects.get_or_create(name=name)
    ServiceTeam.objects.create(group=group, service=home, role=role)
    return group


def grant_section(section: Page) -> None:
    """Give the service's teams their page permissions on a (new) section."""
    home = section.get_parent().specific
    for team in ServiceTeam.objects.filter(service=home).select_related("group"):
        spec = ROLES[team.role]
        if spec.pages == SECTIONS:
            for kind in spec.page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=team.group, page=section, permission=_page_permission(kind)
                )


def _page_permission(kind: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")


def _media_permission(codename: str) -> Permission:
    # Wagtail checks image and document permissions on its own models, even
    # with a custom image model; wagtailmedia does the same for audio and video.
    app_label = {"image": "wagtailimages", "document": "wagtaildocs", "media": "wagtailmedia"}[
        codename.rpartition("_")[2]
    ]
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def setup_service(home: Page, warn=logger.warning) -> dict[str, Group]:
    """Create or complete the role groups and the review workflow of one service.

    Their names are in the service's language ("Русская служба: Корреспонденты"):
    they are stored once, and the service's own editors and administrators read them.
    """
    with translation.override(getattr(home.specific, "language", None)):
        return _setup_service(home, warn)


def _setup_service(home: Page, warn) -> dict[str, Group]:
    from kolokol.sections.models import SectionPage

    groups = {role: team_group(home, role) for role in ROLES}
    collection = service_collection(home, groups[Role.REPORTER])
    sections = list(SectionPage.objects.child_of(home))
    for role, spec in ROLES.items():
        group = groups[role]
        for name in spec.permissions:
            permission = find_permission(name)
            if permission is None:
                warn(f"{home.title}: {spec.group_label}: no permission {name} yet, skipped")
                continue
            group.permissions.add(permission)
        pages = [home] if spec.pages == HOME else sections
        for page in pages:
            for kind in spec.page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_page_permission(kind)
                )
        for codename in spec.collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_media_permission(codename),
            )
        if spec.collection_permissions:
            # Choosing from the whole library: the demo's and older images live at its root.
            for codename in ("choose_image", "choose_document"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=Collection.get_first_root_node(),
                    permission=_media_permission(codename),
                )
    setup_workflow(home, [groups[r] for r, spec in ROLES.items() if spec.reviews])
    return groups


def _named(thing, name: str, home: Page):
    """``thing`` (a workflow or task this module made) under ``name``.

    One that an administrator renamed (no longer "<service>: …") keeps its name;
    ours follow the service's language, e.g. after an upgrade that translated them.
    """
    if thing.name != name and thing.name.startswith(f"{home.title}: "):
        thing.name = name
        thing.save(update_fields=["name"])
    return thing


def setup_workflow(home: Page, reviewers: list[Group]) -> Workflow:
    """The service's "Review" workflow: one approval task for its editors, on its home page."""
    assigned = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
    review = _("Review")  # apart from the f-string, where makemessages would not find it
    name = f"{home.title}: {review}"
    if assigned:
        workflow = _named(assigned.workflow, name, home)
    else:
        workflow = Workflow.objects.create(name=name)
        WorkflowPage.objects.create(page=home, workflow=workflow)
    task = (
        GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
        if workflow.workflow_tasks.exists()
        else None
    )
    approval = _("Editors approve")
    name = f"{home.title}: {approval}"
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    else:
        task = _named(task, name, home)
    task.groups.add(*reviewers)
    return workflow


# Wagtail's first migration makes two groups with rights over the whole
# tree; in a newsroom they would cut across every service's roles.
WAGTAIL_GROUPS = ("Moderators", "Editors")


@transaction.atomic
def retire_wagtail_groups(warn=logger.warning) -> list[str]:
    """Delete Wagtail's starter groups, or empty them of rights if people are in them.

    Returns the names of the groups dealt with. Recognised by their name and
    their rights over the tree's root, which no Kolokol role has.
    """
    retired, retired_ids = [], set()
    root = Page.get_first_root_node()
    for group in Group.objects.filter(name__in=WAGTAIL_GROUPS):
        if not GroupPagePermission.objects.filter(group=group, page=root).exists():
            continue  # a group of the newsroom's own that happens to share the name
        members = list(group.user_set.values_list("username", flat=True))
        retired.append(group.name)
        retired_ids.add(group.pk)
        if members:
            group.permissions.clear()
            GroupPagePermission.objects.filter(group=group).delete()
            GroupCollectionPermission.objects.filter(group=group).delete()
            warn(
                f"Wagtail's group {group.name!r} grants nothing any more; give its members "
                f"({', '.join(members)}) a service role with 'kolokol newsroom grant'"
            )
        else:
            group.delete()
    # Wagtail's starter workflow on the root asked those Moderators to approve;
    # each service's own "Review" workflow covers its pages.
    for workflow in Workflow.objects.filter(workflow_pages__page=root):
        tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow)
        if not any(task.groups.exclude(pk__in=retired_ids).exists() for task in tasks):
            WorkflowPage.objects.filter(page=root, workflow=workflow).delete()
            workflow.deactivate()
    return retired
