"""The admin's index grouped by task, in the order staff think in, instead of Django's
alphabetical list of every app.

Each app keeps its own section (Django's app dict, with its models in a useful order), placed in
a task group; an app not named here lands in "Other", a model not named at the end of its app's
list, so what other apps add later still shows. Records the machinery keeps (sign-in, sending,
the audit trail) are for superusers only, in a group of their own; everyone else sees what they
may change (what they may only read, they reach from the staff home's panels).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass
class Group:
    key: str
    name: str
    app_labels: tuple[str, ...] = ()
    apps: list[dict] = field(default_factory=list)


def task_groups() -> list[Group]:
    return [
        Group(
            "content",
            _("Content"),
            ("exchange", "assessment", "roadmap", "pages", "media", "publishing"),
        ),
        Group("email", _("Email updates"), ("subscriptions",)),
        Group("people", _("People and access"), ("auth", "account", "mfa")),
        Group("other", _("Other")),  # any app not named above
        Group("technical", _("Technical records (administrators only)")),
    ]


# Within an app, what staff reach for first; models not named follow in alphabetical order.
MODEL_ORDER = {
    "exchange": [
        "trip", "sitevisit", "recommendation", "collaborationtrack", "event", "organisation",
        "component",
    ],
    "assessment": ["finding", "indicator", "report", "sector", "source"],
    "roadmap": ["action", "theme", "progressnote", "milestone"],
    "pages": ["page", "contactmessage"],
    "subscriptions": ["update", "topic", "subscriber", "suppression"],
    "auth": ["user", "group"],
}  # fmt: skip

# The machinery's records: superusers only. Model labels, lower case.
TECHNICAL = {
    "account.emailaddress",
    "admin.logentry",
    "auth.permission",
    "contenttypes.contenttype",
    "mfa.authenticator",
    "reversion.revision",
    "reversion.version",
    "sessions.session",
    "subscriptions.delivery",
    "subscriptions.owedemail",
    "subscriptions.trackingevent",
}


def is_technical(model_dict: dict) -> bool:
    return model_dict["model"]._meta.label_lower in TECHNICAL


def _may_change(model_dict: dict) -> bool:
    perms = model_dict["perms"]
    return bool(perms.get("add") or perms.get("change"))


def _ordered(app: dict) -> dict:
    order = MODEL_ORDER.get(app["app_label"], [])

    def place(model_dict):
        name = model_dict["object_name"].lower()
        return (order.index(name) if name in order else len(order), str(model_dict["name"]))

    return {**app, "models": sorted(app["models"], key=place)}


def for_user(apps: list[dict], user, *, changeable_only: bool = True) -> list[dict]:
    """Django's app dicts (AdminSite._build_app_dict) cut to what `user` should see, each app's
    models in order: technical models left out for anyone but a superuser, and with
    `changeable_only`, models they may only read."""
    shown = []
    for app in apps:
        models = [
            model_dict
            for model_dict in app["models"]
            if user.is_superuser
            or (not is_technical(model_dict) and (_may_change(model_dict) or not changeable_only))
        ]
        if models:
            shown.append(_ordered({**app, "models": models}))
    return shown


def grouped(apps: list[dict], user) -> list[Group]:
    """The groups that hold something for `user`, each with its app sections in order."""
    groups = task_groups()
    by_key = {group.key: group for group in groups}
    home = {label: group for group in groups for label in group.app_labels}
    technical = by_key["technical"]
    for app in sorted(for_user(apps, user), key=lambda app: str(app["name"]).lower()):
        models = [model_dict for model_dict in app["models"] if not is_technical(model_dict)]
        if models:
            home.get(app["app_label"], by_key["other"]).apps.append({**app, "models": models})
        if len(models) < len(app["models"]):  # a superuser's technical models
            technical.apps.append(_technical_section(app))
    for group in groups:
        if group.app_labels:
            group.apps.sort(key=lambda app: group.app_labels.index(app["app_label"]))
        for app in group.apps:
            app["group"] = group
    return [group for group in groups if group.apps]


def _technical_section(app: dict) -> dict:
    return {
        **app,
        "models": [model_dict for model_dict in app["models"] if is_technical(model_dict)],
    }
