"""A room of participants opening one app in the same second, against a real `onthemove serve` (issue #20).

Run:  python benchmarks/bench_room.py                       (30 users; starts its own server)
      python benchmarks/bench_room.py --users 10 --serve-args "--room 30" --wait-ready 600
      python benchmarks/bench_room.py --url http://127.0.0.1:8866/ --app "protocols/examining_data.ipynb?school={school}"

Each participant is a protocol-level client: it GETs the page, fetches the front-end files a browser
loads (recorded once with Chromium on a calm open, plus the charts' script that a step with a chart
loads; without a browser only the files the HTML and page config name), opens the kernel websocket
with the protocol a browser asks for (v1, whose frames the server passes through), loads the widget
state as ipywidgets 8 does, then presses the protocol clock's Next step five times, each timed until
the kernel is idle again. A calm single open first sets the baseline: the widget views a page must
carry. With a warm pool (`--room`), the room comes in once the pool has replaced the kernel the calm
open took, as after a coach's own check of the app. Prints a table; writes every record to
artifacts/bench_room.json.
"""

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from room import browser_files, server
from room.apps import DEFAULT_APP, page_urls
from room.report import summarise, table
from room.visit import BROWSER_CONNECTIONS, visit
from tornado.httpclient import AsyncHTTPClient

ROOT = Path(__file__).resolve().parents[1]
AFTER = (10, 60)  # seconds after everyone left at which live kernels are counted


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--url", help="measure this running server instead of starting one")
    parser.add_argument("--serve-args", default="", help='extra `onthemove serve` arguments, e.g. "--room 30"')
    parser.add_argument("--wait-ready", type=float, default=0, metavar="SECONDS",
                        help="wait up to this long for the server's 'Room ready' line (0: only for the port)")
    parser.add_argument("--app", default=DEFAULT_APP, help="page under /voila/render/, with {school}, {grade} and {user}")
    parser.add_argument("--clicks", type=int, default=5)
    parser.add_argument("--page-timeout", type=float, default=300, help="seconds before a page counts as never ready")
    parser.add_argument("--no-browser", action="store_true", help="do not record the browser's files with Chromium")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "bench_room.json")
    return parser.parse_args()


RECORDED = "recorded with Chromium"


def browser_list(url, skip):
    """The calm browser's file list, or [] (and why) when there is no browser here."""
    if skip:
        return [], "page only (--no-browser)"
    try:
        return browser_files.record(url), RECORDED
    except Exception as error:  # no Playwright or no Chromium: say so and go on with the page's own list
        return [], f"page only ({type(error).__name__}: {error})"


async def room(calm, urls, files, watch, timeout, clicks, log=None, pooled=False, taken=(0, 0)):
    """The calm baseline visit, then every participant at once; then live kernels at each AFTER mark.

    With a warm pool (`pooled`, and the server's `log` to read), the room comes in once the
    pool has replaced every kernel taken before it. `taken` is (the refills the log had counted
    before any was taken, the pages opened before the calm open: Chromium's recording).
    """
    sampler = asyncio.ensure_future(watch.sample())
    refills, opened = taken
    baseline = await visit(calm, files, timeout, 0, watch.cpu_seconds)
    if not baseline["ok"]:
        raise SystemExit(f"the calm open failed, nothing to compare with: {baseline['error']}")
    # As when a coach checks the app before the room comes in: the pool replaces the kernels the
    # recording and the calm open took (once the machine is quiet) before the participants arrive.
    refill_s = await server.refilled(log, refills + opened) if pooled and log else None
    before = watch.memory()[0]
    watch.peak_bytes = 0
    started, cpu_before = time.perf_counter(), watch.cpu_split()
    records = await asyncio.gather(*(visit(u, files, timeout, clicks, watch.cpu_seconds) for u in urls))
    cpu = {part: round(used - cpu_before[part], 1) for part, used in watch.cpu_split().items()}
    kernels, left, alive = [r["kernel"] for r in records if r.get("kernel")], time.perf_counter(), {}
    for mark in AFTER:
        await asyncio.sleep(max(0.0, left + mark - time.perf_counter()))
        alive[f"alive_{mark}s"] = watch.alive(kernels) if watch.server else None
    sampler.cancel()
    return baseline, records, {"burst_s": round(left - started, 1), "pool_refilled_s": refill_s, "memory_before_gb": round(before / 1e9, 2),
                               "peak_gb": round(watch.peak_bytes / 1e9, 2) if watch.server else None,
                               "peak_processes": watch.peak_kernels, "cpu_s": cpu, **alive}


def with_chart_script(files, url):
    """The files plus the charts' script: a browser fetches it when a step first shows a chart, after
    the calm open recorded its files; each participant fetches it here with the page's files."""
    from onthemove_widgets.serve.chart_bundle import url_path

    script = url.rstrip("/") + "/" + url_path()
    return files if script in files else [*files, script]


def measure(args, url, process, folder):
    """Record the browser's files, play the room, and write the JSON; returns what is printed."""
    calm, *urls = page_urls(url, args.users + 1, args.app)  # the calm open is a user of its own
    log = Path(folder, "serve.log") if folder else None
    refills_before = server.refills(log)
    files, files_source = browser_list(calm, args.no_browser)
    files = with_chart_script(files, url)
    AsyncHTTPClient.configure(None, max_clients=BROWSER_CONNECTIONS * (args.users + 1))
    watch = server.Watch(server.listening_process(url) if process is None else server.psutil.Process(process.pid))
    pooled = "--room" in args.serve_args
    taken = (refills_before, int(files_source == RECORDED))  # Chromium's recording took a kernel of the pool too
    baseline, records, serving = asyncio.run(room(calm, urls, files, watch, args.page_timeout, args.clicks, log, pooled, taken))
    summary = summarise(records, baseline)
    result = {"url": url, "app": args.app, "serve_args": args.serve_args, "files_source": files_source,
              "browser_files": len(files), "baseline": baseline, "summary": summary, "server": serving, "records": records}
    if folder:
        result["timeout_lines"] = Path(folder, "serve.log").read_text(errors="replace").count("Timeout waiting for IOPub")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, default=str))
    return table(summary, serving) + [f"front-end files: {files_source}; calm open: {baseline['ready_s']:.2f} s, "
                                      f"{len(baseline['views'])} widget view(s), {baseline['models']} models", f"wrote {args.out}"]


def main():
    args = arguments()
    if args.url:
        lines = measure(args, args.url, None, None)
    else:
        with tempfile.TemporaryDirectory() as folder:
            process, url, log = server.start_serve(folder, args.serve_args, code_root=ROOT)
            try:
                server.wait_ready(url, log if args.wait_ready else None, args.wait_ready or 120)
                lines = measure(args, url, process, folder)
            finally:
                process.terminate()
                process.wait(30)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
