"""Bounded load and soak test against a local gunicorn service: python -m benchmarks.soak [--minutes 3]

Two wrk loads run together against 127.0.0.1 only: good single-text requests (must all be 2xx)
and a mix of bad requests (bad JSON, wrong types, empty or over-long text, wrong content type,
unknown paths; must all be 4xx, never 5xx). Every window prints throughput, latency and the
resident memory of the workers, so that drift in memory or latency shows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.__main__ import ROOT, WRK_REPORT, rss_mb, texts_for, wait_ready

BAD_SCRIPT = """
local bodies = {
  {"/v1/triage", "application/json", "{not json"},
  {"/v1/triage", "application/json", "{\\"text\\": 12}"},
  {"/v1/triage", "application/json", "{\\"text\\": \\"   \\"}"},
  {"/v1/triage", "application/json", "{\\"text\\": \\"" .. string.rep("a", 6000) .. "\\"}"},
  {"/v1/triage", "text/plain", "hello"},
  {"/v1/triage/batch", "application/json", "{\\"items\\": 5}"},
  {"/v1/nowhere", "application/json", "{}"},
}
local counter = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) fivexx = 0; fourxx = 0 end
function request()
  counter = counter + 1
  local b = bodies[(counter % #bodies) + 1]
  return wrk.format("POST", b[1], {["Content-Type"] = b[2]}, b[3])
end
function response(status, headers, body)
  if status >= 500 then fivexx = fivexx + 1 elseif status >= 400 then fourxx = fourxx + 1 end
end
function done(summary, latency, requests)
  local five, four = 0, 0
  for _, t in ipairs(threads) do five = five + t:get("fivexx"); four = four + t:get("fourxx") end
  io.write(string.format("JSON {\\"requests\\": %d, \\"fivexx\\": %d, \\"fourxx\\": %d}\\n",
    summary.requests, five, four))
end
"""


def run_wrk(script: str, url: str, seconds: int, connections: int) -> subprocess.Popen:
    path = Path(tempfile.mkdtemp()) / "load.lua"
    path.write_text(script, encoding="utf-8")
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(path), url]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def result(process: subprocess.Popen) -> dict:
    out = process.communicate()[0]
    return json.loads(out.split("JSON ", 1)[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--window", type=int, default=30, help="seconds per measurement window")
    parser.add_argument("--port", type=int, default=8777)
    args = parser.parse_args(argv)
    url = f"http://127.0.0.1:{args.port}"
    env = {**os.environ, "TRIAGE_DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/soak.db"}
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "serve.py"), "--host", "127.0.0.1", "--port", str(args.port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    folder = Path(tempfile.mkdtemp())
    (folder / "good.json").write_text(json.dumps({"text": texts_for(2)[1]}, ensure_ascii=False), encoding="utf-8")
    good_script = (
        'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
        f'local f = io.open("{folder / "good.json"}", "rb")\nwrk.body = f:read("*all")\nf:close()\n' + WRK_REPORT
    )
    failures = 0
    try:
        wait_ready(url + "/readyz")
        workers = [
            int(p)
            for p in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        ]
        print(
            "| window | good req/s | good p50 ms | good p99 ms | good errors | bad requests | bad 5xx | worker RSS MB |"
        )
        print("|---|---|---|---|---|---|---|---|")
        windows = max(1, int(args.minutes * 60 // args.window))
        for window in range(1, windows + 1):
            good = run_wrk(good_script, url + "/v1/triage", args.window, 4)
            bad = run_wrk(BAD_SCRIPT, url, args.window, 2)
            g, b = result(good), result(bad)
            memory = "/".join(f"{rss_mb(pid):.0f}" for pid in workers)
            failures += int(g["errors"]) + b["fivexx"]
            print(
                f"| {window} | {g['rps']:.0f} | {g['p50']:.1f} | {g['p99']:.1f} | {int(g['errors'])} "
                f"| {b['requests']} | {b['fivexx']} | {memory} |",
                flush=True,
            )
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(60)
    print(f"\nfailures (good requests not 2xx, or any 5xx): {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
