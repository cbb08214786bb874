"""Time growth, effect sizes and equity gaps for every school of a 70,000-student district.

Run:  python benchmarks/bench_growth.py                   (100 schools x 700 students)
      python benchmarks/bench_growth.py --schools 20 --students 500

Generates the district into a temporary folder and loads it, joins the cycle_check
scores to the students once, then times (best of 5) what a continuous-improvement view
recomputes: each student's baseline → end-of-year growth, every school's effect size
with its interval, and every school's English-learner gaps per window with their trend.
The same three answers from the shortest plain pandas (pivot, groupby, unstack) are timed
beside them, and the two are checked to agree. Timings stay out of the unit tests.
"""

import os
import platform

import numpy as np
from timing import best_of, district_arguments, generated_district

from onthemove_widgets.analysis.gaps import equity_gaps, gap_trend
from onthemove_widgets.analysis.growth import effect_size, growth
from onthemove_widgets.analysis.scores import student_scores

GROUP = "english_learner"


def ours(scored):
    effects = effect_size(growth(scored), "school_id")
    gaps = equity_gaps(scored, GROUP, reference=False, by="school_id")
    return effects, gaps, gap_trend(gaps, by="school_id")


def plain_pandas(scored):
    """The shortest correct pandas: pivot two windows, groupby-agg, a per-school corr, and unstacked means."""
    two = scored.loc[scored["window"].isin(["baseline", "end_of_year"])]
    wide = two.pivot(index=["school_id", "student_id"], columns="window", values="score").dropna()
    by_school = wide.groupby(level="school_id")
    stats = by_school.agg(["mean", "std"])
    r = by_school.apply(lambda g: g["baseline"].corr(g["end_of_year"]))
    n = by_school.size()
    d = (stats[("end_of_year", "mean")] - stats[("baseline", "mean")]) / ((stats[("baseline", "std")] + stats[("end_of_year", "std")]) / 2)
    se = np.sqrt(2 * (1 - r) / n + d**2 / (2 * n))
    effects = d.to_frame("d").assign(ci_low=d - 1.96 * se, ci_high=d + 1.96 * se)
    means = scored.groupby(["school_id", "window", GROUP])["score"].mean().unstack()
    gaps = means.sub(scored.groupby(["school_id", "window"])["score"].mean(), axis=0)
    change = gaps.xs("end_of_year", level="window").abs() - gaps.xs("baseline", level="window").abs()
    return effects, gaps, change


def agree(mine, theirs):
    """Same effect sizes and same English-learner gaps, school by school and window by window."""
    effects, gaps, trend = mine
    their_effects, their_gaps, their_change = theirs
    d = np.allclose(effects.set_index("school_id")["d"], their_effects["d"])
    learners = gaps.loc[gaps["group"] == "English learners"].astype({"window": str}).set_index(["school_id", "window"])["gap"]
    gap = np.allclose(learners.sort_index(), their_gaps[True].sort_index())
    change = np.allclose(trend.loc[trend["group"] == "English learners"].set_index("school_id")["change"], their_change[True])
    return d and gap and change


def main():
    args = district_arguments(__doc__.splitlines()[0])
    d, setup = generated_district(args.schools, args.students)
    join_time, scored = best_of(args.repeats, lambda: student_scores(d.students, d.assessments, "cycle_check", "ELA"))
    growth_time, frame = best_of(args.repeats, lambda: growth(scored))
    rows = [
        ("join cycle_check scores to students", join_time),
        ("growth, baseline -> end_of_year", growth_time),
        ("effect sizes + 95% intervals, every school", best_of(args.repeats, lambda: effect_size(frame, "school_id"))[0]),
        ("EL gaps per window + trend, every school", best_of(args.repeats, lambda: gap_trend(equity_gaps(scored, GROUP, reference=False, by="school_id"), by="school_id"))[0]),
    ]
    ours_time, mine = best_of(args.repeats, lambda: ours(scored))
    plain_time, theirs = best_of(args.repeats, lambda: plain_pandas(scored))
    rows += [("ours: the three above", ours_time), ("plain pandas: pivot + groupby + unstack", plain_time)]
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"district: {len(d.students):,} students in {len(d.schools)} schools, {len(scored):,} cycle_check rows, "
          f"{frame.attrs['missing']:,} students without both windows (generated and loaded in {setup:.1f} s)\n")
    print(f"{'step (best of ' + str(args.repeats) + ')':<46}{'seconds':>9}")
    for label, seconds in rows:
        print(f"{label:<46}{seconds:>9.3f}")
    print(f"{'ratio ours / plain pandas':<46}{ours_time / plain_time:>9.2f}")
    print(f"{'results agree with plain pandas':<46}{'yes' if agree(mine, theirs) else 'NO':>9}")


if __name__ == "__main__":
    main()
