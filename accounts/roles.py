"""Staff roles: the Editors and Publishers groups and the permissions each one holds.

Migration 0002 creates the groups; `sync_roles` gives them their permissions after every
`migrate`, so a model a content app adds later is covered without a new migration here.

Editors add, change and view every content model, and view the email-update records.
Publishers hold all that, plus `pages.publish_content` (drafts go public only through
it), and may compose and send email updates (`subscriptions.send_update`). Nobody in either
group may delete.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Model, Q

EDITORS = "Editors"
PUBLISHERS = "Publishers"
CONTENT_APPS = ["exchange", "assessment", "roadmap", "media"]  # media: photos editors upload
SITE_CONTENT_MODELS = ["pages.Page", "pages.PageSection"]
EDIT = ["add", "change", "view"]
UPDATE_MODEL = "subscriptions.Update"


def content_models() -> list[type[Model]]:
    models = [apps.get_model(label) for label in SITE_CONTENT_MODELS]
    for label in CONTENT_APPS:
        if apps.is_installed(label):
            models += apps.get_app_config(label).get_models()
    return models


def _update_model() -> type[Model] | None:
    try:
        return apps.get_model(UPDATE_MODEL)
    except LookupError:
        return None


def _perm(model: type[Model], codename: str) -> tuple[str, str]:
    return (model._meta.app_label, codename)


def editor_permissions() -> list[tuple[str, str]]:
    perms = [
        _perm(model, f"{action}_{model._meta.model_name}")
        for model in content_models()
        for action in EDIT
    ]
    if apps.is_installed("subscriptions"):
        perms += [
            _perm(model, f"view_{model._meta.model_name}")
            for model in apps.get_app_config("subscriptions").get_models()
        ]
    return perms


def publisher_permissions() -> list[tuple[str, str]]:
    perms = editor_permissions()
    # The one right the admin checks for publishing any content (declared on Page's Meta).
    perms.append(("pages", "publish_content"))
    # Publishers answer for what goes public, so they read the audit log of who did what.
    perms.append(("admin", "view_logentry"))
    if update := _update_model():
        perms += [_perm(update, f"{action}_update") for action in EDIT]
        perms.append(_perm(update, "send_update"))
    return perms


def _permission_set(pairs, using: str) -> list[Permission]:
    query = Q(pk__in=[])
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.using(using).filter(query))


def sync_roles(*, using: str = "default") -> None:
    """Create both groups if missing and set exactly the permissions each one holds."""
    # Every app's own permissions must exist before the groups can be given them.
    for label in ["admin", "pages", *CONTENT_APPS, "subscriptions"]:
        if apps.is_installed(label):
            create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    for name, pairs in [(EDITORS, editor_permissions()), (PUBLISHERS, publisher_permissions())]:
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(_permission_set(pairs, using))


def sync_roles_after_migrate(sender, using="default", **kwargs) -> None:
    # Runs once per `migrate` (connected for this app only), after every migration;
    # sync_roles creates the other apps' permissions itself, so it need not wait for
    # their own post_migrate handlers.
    sync_roles(using=using)
