"""A room run's summary and its printed table (pure: built from the visit records)."""

from .stats import spread


def missing_widgets(record, baseline):
    """True when a ready page shows fewer widget views than the calm open did, or a view whose model has no state."""
    return len(record["views"]) < len(baseline["views"]) or bool(record["missing_views"])


def summarise(records, baseline):
    """Spreads of page ready and its parts, interactions and their kernel CPU, and the failures by kind."""
    ready = [r for r in records if r["ok"]]
    clicks = [s for r in ready for s in r.get("interactions_s", [])]
    cpu = [c for r in ready for c in r.get("interaction_cpu_s", []) if c is not None]
    return {
        "users": len(records),
        "ready_s": spread([r["ready_s"] for r in ready]),
        "html_s": spread([r["html_s"] for r in ready]),
        "files_s": spread([r["files_s"] for r in ready]),
        "state_s": spread([r["ready_s"] - r["html_s"] - r["files_s"] for r in ready]),
        "interactions_s": spread(clicks),
        "interaction_cpu_s": spread(cpu),
        "never_ready": len(records) - len(ready),
        "missing_widgets": sum(missing_widgets(r, baseline) for r in ready),
        "pages_without_clock": sum(1 for r in ready if not r.get("interactions_s")),
        "failed_files": sum(len(r["failed_files"]) for r in ready),
        "files_per_page": max((r["files"] for r in ready), default=0),
        "mb_per_page": round(max((r["bytes"] for r in ready), default=0) / 1e6, 2),
        "errors": sorted({r["error"] for r in records if not r["ok"]} | {r["interaction_error"] for r in ready if "interaction_error" in r}),
    }


def _cell(part):
    return "—" if part["p50"] is None else f"{part['p50']:.2f} / {part['p95']:.2f} / {part['max']:.2f}"


def _cpu(cpu, seconds):
    if not cpu:
        return "—"
    return f"{cpu['server']} / {cpu['kernels']} / {cpu['clients']} / {cpu['idle']} (in {seconds} s)"


def table(summary, server):
    """The lines printed at the end of a run."""
    rows = [("users opening at once", summary["users"]),
            ("page ready p50 / p95 / max (s)", _cell(summary["ready_s"])),
            ("  HTML", _cell(summary["html_s"])), ("  front-end files", _cell(summary["files_s"])),
            ("  widget state", _cell(summary["state_s"])),
            ("interactions p50 / p95 / max (s)", _cell(summary["interactions_s"])),
            ("kernel CPU-s per interaction p50 / p95 / max", _cell(summary["interaction_cpu_s"])),
            ("pages never ready", f"{summary['never_ready']} of {summary['users']}"),
            ("pages missing widgets", f"{summary['missing_widgets']} of {summary['users'] - summary['never_ready']}"),
            ("front-end files / MB sent per page", f"{summary['files_per_page']} / {summary['mb_per_page']}"),
            ("peak memory, server + kernels (GB)", server.get("peak_gb", "—")),
            ("CPU-s in the burst: server / kernels / clients / idle", _cpu(server.get("cpu_s"), server.get("burst_s"))),
            ("pool refilled after the calm open (s)", server.get("pool_refilled_s") or "—"),
            ("kernels alive 10 s / 60 s after all left", f"{server.get('alive_10s', '—')} / {server.get('alive_60s', '—')}")]
    width = max(len(label) for label, _ in rows)
    return [f"{label:<{width}}  {value}" for label, value in rows] + [f"error: {e}" for e in summary["errors"]]
