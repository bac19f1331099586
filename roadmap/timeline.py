"""An action's timeline, from what its page already fetched (no query here): the stages of its
status with the dates it reached them, and its milestones' and its own target dates with every
move, oldest first, so that a slip stays in sight next to the date it replaced."""

from dataclasses import dataclass, field

from .models import Action

P = Action.Progress
# The way an action goes; "on hold" is a pause off it.
PATH = [P.PROPOSED, P.PLANNED, P.IN_PROGRESS, P.COMPLETE]


@dataclass
class Stage:
    value: str
    label: str
    state: str  # "done", "current" or "to come"
    date: object = None  # when the action reached it, if the history says


@dataclass
class Target:
    """A target date as it stands, and each move that brought it there (ProgressNotes)."""

    date: object
    moves: list = field(default_factory=list)

    @property
    def original(self):
        return self.moves[0].previous_target_date if self.moves else self.date

    @property
    def earlier_moves(self):
        """Each move but the last, which brought the date as it stands."""
        return self.moves[:-1]

    @property
    def last_move(self):
        return self.moves[-1] if self.moves else None


def stages(action, notes) -> list[Stage]:
    """The path planned → in progress → complete (from "proposed"), each stage done, current
    or to come, with the first date the history shows the action at it; "on hold", when the
    action is paused, follows the stage it paused at."""
    reached = {}
    for note in sorted(notes, key=lambda note: (note.date, note.pk)):
        # A moved date says nothing of when the status began; a change of status or a note
        # staff wrote at that status does.
        if note.is_status_change or not note.is_target_change:
            reached.setdefault(note.progress, note.date)
    labels = dict(P.choices)
    if action.progress == P.ON_HOLD:
        # Paused at the furthest stage it reached before, if the history says.
        at = max((PATH.index(value) for value in reached if value in PATH), default=-1)
    else:
        at = PATH.index(action.progress)
    result = []
    for index, value in enumerate(PATH):
        if index < at or (index == at and action.progress == P.ON_HOLD):
            state = "done"
        elif index == at:
            state = "current"
        else:
            state = "to come"
        result.append(Stage(value, str(labels[value]), state, reached.get(value)))
    if action.progress == P.ON_HOLD:
        stage = Stage(P.ON_HOLD, str(labels[P.ON_HOLD]), "current", reached.get(P.ON_HOLD))
        result.insert(at + 1, stage)
    return result


def build(action, notes, milestones) -> dict:
    """The timeline of `action`, from its `notes` (ProgressNotes, with their milestone) and its
    `milestones`, each in its model's order."""
    moves = sorted(
        (note for note in notes if note.is_target_change), key=lambda note: (note.date, note.pk)
    )
    for milestone in milestones:
        milestone.target = Target(
            milestone.target_date, [m for m in moves if m.milestone_id == milestone.pk]
        )
    done = sum(milestone.is_done for milestone in milestones)
    return {
        "stages": stages(action, notes),
        "milestones": milestones,
        "milestones_done": done,
        "target": Target(action.target_date, [m for m in moves if m.milestone_id is None]),
    }
