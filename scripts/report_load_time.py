#!/usr/bin/env python3
"""How long index.html takes to load and render in headless Chromium, for a
report as large as you ask, how much memory its renderer takes, and how long
a panel takes to open (docs/reports.md, "How fast index.html opens").

usage: scripts/report_load_time.py [--memconform BIN] [--cases N] [--runs R]
                                   [--screenshot PNG#FRAGMENT] RESULTS.json...

Merges the runs given (each a results.json, or a folder holding one: the
results of a backend in a later run replace an earlier run's), then clones
cases under new ids (`<area>/<name>__copyK`, with their results and
behaviors) until there are N of them, writes the reports of that run with
`memconform report` into a temporary folder, and loads its index.html R
times in one headless Chromium, driven over the DevTools protocol on a pipe.
Prints, per load, the page's own timings (DOMContentLoaded, load, first
paint) and the wall time until the page has rendered (two animation frames
after the load event), then the median; then the memory of the renderer
process (its proportional set size, PSS, from /proc, after the loads and
a collection) and the wall time to open panels: for each of --panels results
spread over the run, from setting the page's fragment to the panel rendered
(two animation frames after it shows it, or after the fragment changed, for
a page whose panels are in the page). --memconform may be an older build,
to measure the page it wrote. --screenshot takes a screenshot of
the page at a fragment the way a browser shows it; Chromium's own
`--screenshot` flag renders a blank image of any page scrolled away from
its top, which a fragment does.
"""

import argparse
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def load_results(path):
    path = Path(path)
    if path.is_dir():
        path = path / "latest" / "results.json" if (path / "latest").exists() else path / "results.json"
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def merged(runs):
    """One run: the first's cases, every run's backends, a later run's results of a backend replacing earlier ones."""
    run = runs[0]
    for later in runs[1:]:
        names = {b["name"] for b in later["backends"]}
        run["backends"] = [b for b in run["backends"] if b["name"] not in names] + later["backends"]
        run["results"] = [r for r in run["results"] if r["backend"] not in names] + later["results"]
    return run


def inflated(run, count):
    """The run with its cases cloned under new ids until it has [count] of them."""
    originals = list(run["cases"])
    results = {}
    for r in run["results"]:
        results.setdefault(r["case"], []).append(r)
    behaviors = {b["case"]: b for b in run.get("behaviors", [])}
    copy = 0
    while len(run["cases"]) < count:
        copy += 1
        for case in originals[: count - len(run["cases"])]:
            new_id = f"{case['id']}__copy{copy}"
            run["cases"].append(dict(case, id=new_id))
            run["results"] += [dict(r, case=new_id) for r in results.get(case["id"], [])]
            if case["id"] in behaviors:
                run["behaviors"].append(dict(behaviors[case["id"]], case=new_id))
    run["selection"] = dict(run.get("selection", {}), cases=len(run["cases"]))
    return run


class Chromium:
    """Headless Chromium driven over the DevTools protocol on fds 3 and 4 (--remote-debugging-pipe)."""

    def __init__(self):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if not browser:
            sys.exit("chromium is not installed (scripts/setup installs it)")
        to_browser, self.to_browser = os.pipe()
        self.from_browser, from_browser = os.pipe()

        def as_fds_3_and_4():
            read, write = os.dup(to_browser), os.dup(from_browser)  # out of the way of 3 and 4 first
            os.dup2(read, 3)
            os.dup2(write, 4)

        self.profile = tempfile.mkdtemp(prefix="report-load-time-")
        self.browser = browser
        self.process = subprocess.Popen(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={self.profile}", "--window-size=1400,900", "about:blank"],
            preexec_fn=as_fds_3_and_4, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self.pending = b""
        self.last_id = 0
        self.events = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", self.session)

    def send(self, method, session=None, **params):
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.last_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def receive(self):
        while b"\0" not in self.pending:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, event):
        self.events = [e for e in self.events if e.get("method") != event]  # one of an earlier load
        while self.receive().get("method") != event:
            pass

    def load(self, url):
        """The page's timings, and the wall seconds until it has rendered."""
        start = time.monotonic()
        self.send("Page.navigate", self.session, url=url)
        self.wait_for("Page.loadEventFired")
        timings = self.send("Runtime.evaluate", self.session, awaitPromise=True, returnByValue=True, expression="""
            new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
                const navigation = performance.getEntriesByType('navigation')[0];
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                done({dom_content_loaded: navigation.domContentLoadedEventEnd, load: navigation.loadEventEnd,
                      first_paint: paint ? paint.startTime : -1,
                      elements: document.getElementsByTagName('*').length});
            })))""")["result"]["value"]
        timings["rendered"] = (time.monotonic() - start) * 1000
        return timings

    def renderer_pss_mb(self):
        """The proportional set size of the page's renderer, in MB: the largest of this browser's renderers (the
        others hold blank pages or Chromium's own)."""
        self.send("HeapProfiler.enable", self.session)
        self.send("HeapProfiler.collectGarbage", self.session)
        parents = {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                parents[int(pid)] = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue  # a process that ended meanwhile

        def ours(pid):
            while pid in parents and pid != self.process.pid:
                pid = parents[pid]
            return pid == self.process.pid

        largest_kb = 0
        for pid in filter(ours, parents):
            try:
                # A zygote's child rewrites its command line as one string: no split on NULs.
                if b"--type=renderer" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                    continue
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        largest_kb = max(largest_kb, int(line.split()[1]))
            except OSError:
                continue  # a process that ended meanwhile
        return largest_kb / 1024

    def open_panel(self, fragment):
        """Wall milliseconds from setting the fragment to the panel rendered."""
        return self.send("Runtime.evaluate", self.session, awaitPromise=True, returnByValue=True, expression=f"""
            new Promise(done => {{
                const start = performance.now();
                const rendered = () => requestAnimationFrame(() => requestAnimationFrame(
                    () => done(performance.now() - start)));
                if (document.getElementById("panel-body")) {{
                    document.addEventListener("memconform-panel-shown", rendered, {{once: true}});
                }} else {{
                    addEventListener("hashchange", rendered, {{once: true}});
                }}
                location.hash = {json.dumps(fragment)};
            }})""")["result"]["value"]

    def screenshot(self, url, png):
        self.send("Page.navigate", self.session, url="about:blank")  # a new fragment alone fires no load event
        self.wait_for("Page.loadEventFired")
        self.send("Page.navigate", self.session, url=url)
        self.wait_for("Page.loadEventFired")
        # A panel the fragment opens is loaded after the page: it is waited for (at most 5 s).
        self.send("Runtime.evaluate", self.session, awaitPromise=True, expression="""
            new Promise(done => {
                const panel = document.getElementById("panel");
                if (!panel || !location.hash || !panel.hidden) return done();
                document.addEventListener("memconform-panel-shown", done, {once: true});
                setTimeout(done, 5000);
            }).then(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))""")
        shot = self.send("Page.captureScreenshot", self.session)
        Path(png).write_bytes(base64.b64decode(shot["data"]))

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def panel_fragments(run, page, count):
    """The fragments of [count] results spread over the run: a page with its panels in it numbers them (#r<index>),
    one that loads them names them <case>@<backend>."""
    results = run["results"]
    picked = range(0, len(results), max(1, len(results) // count)) if count else []
    in_page = 'id="r0"' in page.read_text(encoding="utf-8", errors="replace")
    return [f"r{i}" if in_page else f"{results[i]['case']}@{results[i]['backend']}" for i in picked][:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", help="results.json of a run, or its folder")
    parser.add_argument("--memconform", default=str(Path(__file__).resolve().parent.parent / "build/runner/memconform"))
    parser.add_argument("--cases", type=int, default=0, help="clone cases until there are this many")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--panels", type=int, default=10, help="how many panels to open")
    parser.add_argument("--screenshot", metavar="PNG#FRAGMENT", help="also a screenshot, at the fragment if given")
    args = parser.parse_args()

    run = inflated(merged([load_results(r) for r in args.results]), args.cases)
    with tempfile.TemporaryDirectory(prefix="report-load-time-") as reports:
        folder = Path(reports) / run["id"]
        folder.mkdir()
        (folder / "results.json").write_text(json.dumps(run), encoding="utf-8")
        (Path(reports) / "latest").symlink_to(run["id"])
        subprocess.run([args.memconform, "report", "--reports", reports], check=True, stdout=subprocess.DEVNULL)
        page = folder / "index.html"
        print(f"{len(run['backends'])} backends x {len(run['cases'])} cases: index.html is "
              f"{page.stat().st_size / 1e6:.1f} MB")
        browser = Chromium()
        try:
            loads = []
            for n in range(args.runs):
                t = browser.load(page.as_uri())
                loads.append(t)
                print(f"load {n + 1}: DOMContentLoaded {t['dom_content_loaded']:.0f} ms, load {t['load']:.0f} ms, "
                      f"first paint {t['first_paint']:.0f} ms, rendered {t['rendered']:.0f} ms; "
                      f"{t['elements']} elements")
            print("median: " + ", ".join(f"{key} {statistics.median(t[key] for t in loads):.0f} ms"
                                         for key in ("dom_content_loaded", "load", "first_paint", "rendered")))
            print(f"renderer: {browser.renderer_pss_mb():.0f} MB (PSS)")
            panels = [browser.open_panel(fragment) for fragment in panel_fragments(run, page, args.panels)]
            if panels:
                print(f"panels: {len(panels)} opened, median {statistics.median(panels):.0f} ms, "
                      f"slowest {max(panels):.0f} ms")
            if args.screenshot:
                png, _, fragment = args.screenshot.partition("#")
                browser.screenshot(page.as_uri() + (f"#{fragment}" if fragment else ""), png)
                print(f"screenshot: {png}")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
