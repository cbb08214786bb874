"""Where a protocol sits in the School Site Protocol Cycle, and what a team runs next."""


def _sequence(fw):
    """[(stage, choice)] in the order a school runs them."""
    return [(stage, choice) for stage in fw.protocol_cycle for choice in stage.protocols]


def stage_of(fw, key):
    """The cycle stage whose protocols include `key`."""
    return next(stage for stage, choice in _sequence(fw) if key in choice)


def _names(fw, keys):
    return " or ".join(fw.protocol(k).name for k in keys)


def next_lines(fw, key):
    """Plain sentences naming what follows `key` in the cycle, read from the cycle's data."""
    sequence = _sequence(fw)
    index = next(i for i, (_, choice) in enumerate(sequence) if key in choice)
    stage, choice = sequence[index]
    following = sequence[index + 1] if index + 1 < len(sequence) else None
    lines = []
    if following and (following[0] is stage or not stage.repeats):
        lines.append(f"Next in the cycle: {_names(fw, following[1])}.")
    elif stage.repeats:
        first = next(c for s, c in sequence if s is stage)
        lines.append(f"Next, the teaching and learning cycle repeats: {_names(fw, first)}.")
        last = fw.protocol_cycle[-1]
        if not last.protocols:
            lines.append(f"When the improvement cycle ends ({last.label}): {last.activity}")
    if len(choice) > 1:
        others = [k for k in choice if k != key]
        lines.append(f"This step of the cycle could also be {_names(fw, others)}.")
    return tuple(lines)
