"""Moving a model between apps keeps its rows and what points at them (tests/*/test_migrations.py).

`migrate_to` runs the real migrations on the test database and returns the models as they
were at that point; `leave_a_trail` gives a row what a live site holds about it: a permission
held by a group, an admin log entry and a django-reversion version, all through its content type.
"""

import json

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from reversion.models import Version

PERMISSION_CODENAME = "view_{model}"


def migrate_to(targets=None):
    """Migrate the test database to `targets` (migrate's (app, name) pairs, name None for
    "none of this app's"; by default every app's latest) and return the models of that state."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    executor.migrate(targets or graph.leaf_nodes())
    applied = MigrationExecutor(connection).loader.applied_migrations
    # Every app as migrated: the latest of those untouched, the targets of the others.
    nodes = [node for node in graph.leaf_nodes() if node in applied]
    nodes += [target for target in targets or [] if target[1] is not None]
    return executor.loader.project_state(nodes).apps


def leave_a_trail(apps, obj, **fields) -> dict:
    """A group holding a permission on `obj`'s model, a LogEntry and a Version of `obj` that
    holds `fields` (serialized as django-reversion does, under the model's label)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=obj._meta.app_label, model=obj._meta.model_name
    )
    Permission = apps.get_model("auth", "Permission")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=PERMISSION_CODENAME.format(model=obj._meta.model_name),
        defaults={"name": f"Can view {obj._meta.model_name}"},
    )
    group = apps.get_model("auth", "Group").objects.create(name=f"Readers of {obj._meta.label}")
    group.permissions.add(permission)
    user = apps.get_model("auth", "User").objects.create(username=f"editor-{obj._meta.label}")
    log_entry = apps.get_model("admin", "LogEntry").objects.create(
        user=user,
        content_type=content_type,
        object_id=str(obj.pk),
        object_repr="before the move",
        action_flag=2,
        change_message="[]",
    )
    revision = apps.get_model("reversion", "Revision").objects.create(
        user=user, comment="before the move", date_created=timezone.now()
    )
    version = apps.get_model("reversion", "Version").objects.create(
        revision=revision,
        object_id=str(obj.pk),
        content_type=content_type,
        db="default",
        format="json",
        serialized_data=json.dumps(
            [{"model": obj._meta.label_lower, "pk": obj.pk, "fields": fields}]
        ),
        object_repr="before the move",
    )
    return {
        "object": obj.pk,
        "fields": fields,
        "content_type": content_type.pk,
        "permission": permission.pk,
        "group": group.pk,
        "log_entry": log_entry.pk,
        "version": version.pk,
    }


def assert_trail_follows(trail: dict, obj) -> None:
    """Everything `leave_a_trail` made now points at `obj`'s model in its new app."""
    ContentType.objects.clear_cache()
    content_type = ContentType.objects.get_for_model(obj)
    assert content_type.pk == trail["content_type"]  # the same row, relabelled
    assert not ContentType.objects.filter(app_label="cleanindustry", model=content_type.model)
    codename = PERMISSION_CODENAME.format(model=obj._meta.model_name)
    held = Group.objects.get(pk=trail["group"]).permissions.get()
    assert (held.pk, held.content_type, held.codename) == (
        trail["permission"],
        content_type,
        codename,
    )
    assert LogEntry.objects.get(pk=trail["log_entry"]).get_edited_object() == obj
    version = Version.objects.get(pk=trail["version"])
    assert version.object == obj
    # The revision still restores: its data names the model by its new label.
    assert {name: version.field_dict[name] for name in trail["fields"]} == trail["fields"]
