"""Where staff and leaders place their school on Figure 4.1, without showing anyone's answer.

Each respondent picks, for each of the three key indicators, the profile whose text
fits the school best. Results are shares, pluralities and a placement per round and
role, never a respondent's row. A round and role with fewer than `MIN_N` respondents
shows only that it has fewer: five is the usual floor of staff climate surveys, below
which a room can tell who said what (the same reasoning as `suppress`, for adults).
The count of a hidden group is not shown either.

Limit: results are live, so someone who reads the profile just before and just after
one colleague answers can work out that answer. Show the profile when a round closes.
"""

from dataclasses import dataclass

import pandas as pd

from ..framework import load_framework

MIN_N = 5
"""The fewest respondents in a round and role whose answers are shown."""

COLUMNS = ["respondent", "round", "role", "indicator", "profile"]
ROLES = ("staff", "leadership")


def hidden_note(min_n=MIN_N):
    """What a round and role under `min_n` shows instead of results."""
    return f"fewer than {min_n} responses"


@dataclass(frozen=True)
class RoundProfile:
    """One round and role. When hidden (`placement` is None) only `round`, `role` and `note` say anything.

    `shares` is indicator × profile, the percent of respondents choosing each profile;
    `choices` counts each profile's choices over the three indicators; `pluralities`
    gives each indicator's most chosen profile(s), several when tied; `tied` lists the
    profiles that tied for the placement, when the tie rule decided it.
    """

    round: str
    role: str
    note: str
    n: int | None = None
    shares: pd.DataFrame | None = None
    choices: pd.Series | None = None
    pluralities: dict | None = None
    placement: str | None = None
    tied: tuple = ()
    question: str | None = None


def latest_answers(responses):
    """One row per round, respondent and indicator: the respondent's latest answer.

    Rows are in the order they were given (the store's loader sorts by save time), so
    a later row replaces an earlier one; a respondent's role is the latest they gave.
    """
    _check(responses)
    latest = responses[COLUMNS].drop_duplicates(["round", "respondent", "indicator"], keep="last")
    role = responses.groupby(["round", "respondent"], sort=False)["role"].last()
    return latest.drop(columns="role").join(role, on=["round", "respondent"])[COLUMNS].reset_index(drop=True)


def _check(responses):
    fw = load_framework()
    missing = [c for c in COLUMNS if c not in responses.columns]
    if missing:
        raise ValueError(f"responses need the column(s) {', '.join(missing)}")
    allowed = {"role": ROLES, "indicator": [i.key for i in fw.capacity_survey], "profile": [p.key for p in fw.profiles]}
    for column, values in allowed.items():
        wrong = sorted(set(responses[column]) - set(values))
        if wrong:
            raise ValueError(f"unknown {column} {', '.join(map(str, wrong))}; expected one of {', '.join(values)}")


def capacity_profile(responses, min_n=MIN_N):
    """A `RoundProfile` for each round (in the order rounds were first answered) and each role.

    Placement: the profile chosen most often over all three indicators. Tie rule: when
    several profiles share the most choices, the school is placed at the one listed
    first in Figure 4.1 (compliant, resistant, fragmented, coherent), the furthest
    from coherence, so a tie never overstates progress; `tied` names them all.
    """
    answers = latest_answers(responses)
    rounds = list(dict.fromkeys(answers["round"]))
    return [_round_profile(answers, r, role, min_n) for r in rounds for role in ROLES]


def _round_profile(answers, round_name, role, min_n):
    fw = load_framework()
    group = answers.loc[(answers["round"] == round_name) & (answers["role"] == role)]
    n = group["respondent"].nunique()
    if n < min_n:
        return RoundProfile(round_name, role, hidden_note(min_n))
    indicators, profiles = [i.key for i in fw.capacity_survey], [p.key for p in fw.profiles]
    counts = pd.crosstab(group["indicator"], group["profile"]).reindex(index=indicators, columns=profiles, fill_value=0)
    choices = counts.sum(axis=0)
    tied = tuple(p for p in profiles if choices[p] == choices.max())
    pluralities = {i: tuple(p for p in profiles if counts.at[i, p] == counts.loc[i].max()) for i in indicators}
    return RoundProfile(
        round_name, role, "", n=n,
        shares=counts.div(counts.sum(axis=1).where(lambda s: s > 0), axis=0) * 100,
        choices=choices, pluralities=pluralities, placement=tied[0],
        tied=tied if len(tied) > 1 else (), question=fw.profile(tied[0]).question,
    )


def _names(keys):
    fw = load_framework()
    return " and ".join(fw.profile(k).name for k in keys)


def summary(result):
    """One plain sentence (no HTML) saying where a round and role placed the school, and why."""
    if result.placement is None:
        return f"{result.round}, {result.role}: {result.note}."
    fw = load_framework()
    placement = fw.profile(result.placement).name
    total = int(result.choices.sum())
    why = f"chosen {int(result.choices[result.placement])} times of {total}"
    if result.tied:
        why = f"tied with {_names([p for p in result.tied if p != result.placement])} at {int(result.choices[result.placement])} of {total} choices; a tie places the school at the profile furthest from coherence"
    most = "; ".join(f"{_names(result.pluralities[i.key])} for {i.name.lower()}" for i in fw.capacity_survey)
    return f"{result.round}: {result.n} {result.role} respondents place the school as {placement} ({why}). Most chose {most}."


def rounds_table(responses, min_n=MIN_N):
    """How the placement moved from round to round, one row per round and role.

    `change` compares with the same role's previous round that was shown: "first
    shown round", "no change" or "from <profile>".
    """
    fw = load_framework()
    rows, previous = [], {}
    for result in capacity_profile(responses, min_n):
        row = {"round": result.round, "role": result.role, "respondents": result.n if result.placement else result.note}
        if result.placement is None:
            rows.append(row | {"placement": result.note, "change": ""})
            continue
        before = previous.get(result.role)
        change = "first shown round" if before is None else "no change" if before == result.placement else f"from {fw.profile(before).name}"
        previous[result.role] = result.placement
        rows.append(row | {"placement": fw.profile(result.placement).name, "change": change})
    return pd.DataFrame(rows, columns=["round", "role", "respondents", "placement", "change"])


def leadership_vs_staff(responses, round_name, min_n=MIN_N):
    """The leadership team's view beside the staff's for one round.

    Rows: each indicator's most chosen profile(s), then the placement. Columns staff,
    leadership, and `same` (True/False; None when either side is hidden). A side under
    `min_n` shows only "fewer than 5 responses".
    """
    fw = load_framework()
    results = {r.role: r for r in capacity_profile(responses, min_n) if r.round == round_name}
    if not results:
        raise KeyError(f"no answers for round {round_name!r}")
    rows = [(i.name, lambda r, key=i.key: r.pluralities[key]) for i in fw.capacity_survey]
    rows.append(("Placement", lambda r: (r.placement,)))
    table = []
    for label, pick in rows:
        views = {role: pick(results[role]) if results[role].placement else None for role in ROLES}
        same = None if None in views.values() else views["staff"] == views["leadership"]
        table.append({"indicator": label} | {role: _names(v) if v else results[role].note for role, v in views.items()} | {"same": same})
    return pd.DataFrame(table, columns=["indicator", *ROLES, "same"]).set_index("indicator")
