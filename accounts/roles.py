"""Staff roles: the Editors and Publishers groups and the permissions each one holds.

Migration cleanindustry/0002 creates the groups; `sync_roles` gives them their permissions after
every `migrate`, so a model a content app adds later is covered without a new migration here.

Editors add, change and view every content model (each app registers its own with
`publishing.register_content`), and view the email-update records (an app asks for rights on
its own records with a `staff_permissions()` method on its AppConfig).
Publishers hold all that, plus `pages.publish_content` (drafts go public only through
it), and may compose and send email updates (`subscriptions.send_update`). Nobody in either
group may delete.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Model, Q

from publishing import services as publishing

EDITORS = "Editors"
PUBLISHERS = "Publishers"
EDIT = ["add", "change", "view"]


def _asked(group: str) -> list[tuple[type[Model], str]]:
    """What apps ask `group` to hold on their own records besides content: an AppConfig may
    define `staff_permissions()`, {group name: [(model, codename), ...]}."""
    return [
        pair
        for config in apps.get_app_configs()
        if hasattr(config, "staff_permissions")
        for pair in config.staff_permissions().get(group, [])
    ]


def content_models() -> list[type[Model]]:
    """What staff edit: every app registers its own (`publishing.register_content`)."""
    return publishing.content_models()


def _perm(model: type[Model], codename: str) -> tuple[str, str]:
    return (model._meta.app_label, codename)


def editor_permissions() -> list[tuple[str, str]]:
    perms = [
        _perm(model, f"{action}_{model._meta.model_name}")
        for model in content_models()
        for action in EDIT
    ]
    return perms + [_perm(model, codename) for model, codename in _asked(EDITORS)]


def publisher_permissions() -> list[tuple[str, str]]:
    perms = editor_permissions()
    # The one right the admin checks for publishing any content (declared on Page's Meta).
    app_label, codename = publishing.PUBLISH_PERMISSION.split(".")
    perms.append((app_label, codename))
    # Publishers answer for what goes public, so they read the audit log of who did what.
    perms.append(("admin", "view_logentry"))
    return perms + [_perm(model, codename) for model, codename in _asked(PUBLISHERS)]


def _permission_set(pairs, using: str) -> list[Permission]:
    query = Q(pk__in=[])
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.using(using).filter(query))


def sync_roles(*, using: str = "default") -> None:
    """Create both groups if missing and set exactly the permissions each one holds."""
    roles = [(EDITORS, editor_permissions()), (PUBLISHERS, publisher_permissions())]
    # Every app's own permissions must exist before the groups can be given them.
    for label in sorted({app_label for _, pairs in roles for app_label, _ in pairs}):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    for name, pairs in roles:
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(_permission_set(pairs, using))


def sync_roles_after_migrate(sender, using="default", **kwargs) -> None:
    # Runs once per `migrate` (connected for this app only), after every migration;
    # sync_roles creates the other apps' permissions itself, so it need not wait for
    # their own post_migrate handlers.
    sync_roles(using=using)
