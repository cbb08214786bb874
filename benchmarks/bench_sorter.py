"""Time the student sorter's recompute on a 70,000-student district.

Run:  python benchmarks/bench_sorter.py                   (100 schools x 700 students)
      python benchmarks/bench_sorter.py --schools 20 --students 500

Generates the district into a temporary folder and loads it, then times (best of 5) what
the data wall recomputes when a team changes a choice: baseline bands from two measures
(`lowest`), growth targets (`same_distance`) and band x subgroup counts for every group
column. It also times our single-measure bands with one group's counts against plain
pandas doing the same (a merge, np.select and a groupby count) and checks that the
counts agree. Timings stay out of the unit tests, where they would only be noise.
"""

import os
import platform

import numpy as np
from timing import best_of, district_arguments, generated_district

from onthemove_widgets.analysis.baseline import baseline_bands
from onthemove_widgets.analysis.subgroups import band_by_group, group_columns
from onthemove_widgets.analysis.targets import growth_targets

MEASURES = [("sbac", "ELA"), ("cycle_check", "ELA")]
GROUP = "english_learner"


def recompute(d):
    frame = baseline_bands(d.students, d.assessments, d.cut_scores, MEASURES, "lowest")
    targets = growth_targets(frame, d.cut_scores, *MEASURES[0], "same_distance")
    counts = [band_by_group(frame, column) for column in group_columns(d.students)]
    return frame, targets, counts


def ours(d):
    """Our functions for one measure and one group: what the plain-pandas version does."""
    frame = baseline_bands(d.students, d.assessments, d.cut_scores, MEASURES[:1])
    return band_by_group(frame, GROUP).pivot(index="group", columns="band", values="students")


def plain_pandas(d):
    """The shortest correct pandas: merge scores and cut scores, np.select, groupby count."""
    a = d.assessments
    scores = a.loc[(a["measure"] == "sbac") & (a["subject"] == "ELA") & (a["window"] == "baseline"), ["student_id", "measure", "subject", "score"]]
    merged = scores.merge(d.students[["student_id", "grade", GROUP]], on="student_id").merge(d.cut_scores, on=["measure", "subject", "grade"])
    s = merged["score"]
    merged["band"] = np.select([s >= merged["above"], s >= merged["at"], s >= merged["near"]], ["above", "at", "near"], "below")
    return merged.groupby([GROUP, "band"]).size().unstack(fill_value=0)


def main():
    args = district_arguments(__doc__.splitlines()[0])
    d, setup = generated_district(args.schools, args.students)
    frame, _, counts = recompute(d)
    rows = [
        ("baseline bands, 2 measures, lowest", best_of(args.repeats, lambda: baseline_bands(d.students, d.assessments, d.cut_scores, MEASURES, "lowest"))[0]),
        ("growth targets, same_distance", best_of(args.repeats, lambda: growth_targets(frame, d.cut_scores, *MEASURES[0], "same_distance"))[0]),
        (f"band x subgroup counts, {len(counts)} columns", best_of(args.repeats, lambda: [band_by_group(frame, c) for c in group_columns(d.students)])[0]),
        ("whole recompute (the three above)", best_of(args.repeats, lambda: recompute(d))[0]),
    ]
    ours_time, ours_counts = best_of(args.repeats, lambda: ours(d))
    plain_time, plain_counts = best_of(args.repeats, lambda: plain_pandas(d))
    ours_by_value = ours_counts.loc[["English learners", "Not English learners"]].to_numpy()
    agree = (ours_by_value == plain_counts.reindex(index=[True, False], columns=["below", "near", "at", "above"]).to_numpy()).all()
    rows += [
        ("ours: 1 measure + 1 group's counts", ours_time),
        ("plain pandas: merge + np.select + groupby", plain_time),
    ]
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"district: {len(d.students):,} students, {len(d.assessments):,} assessment rows (generated and loaded in {setup:.1f} s)\n")
    print(f"{'step (best of ' + str(args.repeats) + ')':<46}{'seconds':>9}")
    for label, seconds in rows:
        print(f"{label:<46}{seconds:>9.3f}")
    print(f"{'ratio ours / plain pandas':<46}{ours_time / plain_time:>9.2f}")
    print(f"{'counts agree with plain pandas':<46}{'yes' if agree else 'NO':>9}")


if __name__ == "__main__":
    main()
