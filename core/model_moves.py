"""Moving a model to another app without touching its table (for the moving migration).

The move itself is `SeparateDatabaseAndState`: the new app's migration creates the model in
Django's state only (its Meta keeps the old `db_table`), the old app's deletes it from the state
only. What still names the old app is data: the content type (and so the model's permissions,
the groups holding them, admin log entries and revisions, which all point at it by key) and
django-reversion's stored versions, which name the model by its label ("cleanindustry.page").
`relabel` moves both; run it with `RunPython(forwards, backwards)` from the new app's migration.
"""

import json

BATCH = 500


def relabel(apps, schema_editor, *, old: str, new: str, models: list[str]) -> None:
    """Content types and stored revisions of `models` (model names, lower case) from app label
    `old` to `new`. A content type already under `new` (a partial earlier run) is left alone."""
    db = schema_editor.connection.alias
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(db)
    for model in models:
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)
    labels = {f"{old}.{model}": f"{new}.{model}" for model in models}
    versions = apps.get_model("reversion", "Version").objects.using(db)
    changed = []
    for version in versions.filter(
        content_type__app_label=new, content_type__model__in=models, format="json"
    ).iterator(chunk_size=BATCH):
        objects = json.loads(version.serialized_data)
        for obj in objects:
            obj["model"] = labels.get(obj.get("model"), obj.get("model"))
        version.serialized_data = json.dumps(objects)
        changed.append(version)
        if len(changed) == BATCH:
            versions.bulk_update(changed, ["serialized_data"])
            changed = []
    versions.bulk_update(changed, ["serialized_data"])
