"""Performance figures: python -m benchmarks [--texts 10000] [--seconds 20]

Prints one table: raw jieba, the library (one process, all cores, with and without the
token cache), the HTTP service under gunicorn loaded by wrk, cold start, worker memory,
and fastText trained on the same corpus as a peer.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jieba

from triage import Triager
from triage.corpus import read_corpus
from triage.normalize import normalize
from triage.tokenize import WordSegmenter, read_user_dict

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
COLD_STARTS = 3  # server starts timed; the machine varies, so the best is reported with all of them


def texts_for(count: int) -> list[str]:
    """Dev texts (measuring only), repeated to ``count``."""
    texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    return (texts * (count // len(texts) + 1))[:count]


def rate(func, items, repeat: int = 3) -> float:
    """Items per second of ``func(items)``, best of ``repeat`` runs (as ``timeit`` does: the machine's
    noise only ever slows a run down)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func(items)
        best = min(best, time.perf_counter() - started)
    return len(items) / best


def raw_jieba(texts: list[str]) -> float:
    jieba.initialize()
    return rate(lambda ts: [jieba.lcut(t) for t in ts], texts)


def our_tokeniser(texts: list[str]) -> float:
    """The library's segmenter alone (rjieba giving jieba's words), no cache."""
    segmenter = WordSegmenter(read_user_dict(), cache_size=0)
    segmenter("预热")
    return rate(lambda ts: [segmenter(normalize(t)) for t in ts], texts)


def library(texts: list[str], cache: bool) -> float:
    triager = Triager.load()
    segmenter = triager.model.segmenter
    segmenter.cache_size = 50_000 if cache else 0
    segmenter._cut = None
    triager.triage_many(texts[:50])  # build the tokeniser outside the timing

    def run(ts: list[str]) -> None:
        if not cache:
            segmenter._cut.cache_clear()
        for i in range(0, len(ts), 256):
            triager.triage_many(ts[i : i + 256])

    return rate(run, texts)


def _worker_chunk(texts: list[str]) -> int:
    global _TRIAGER
    if "_TRIAGER" not in globals():
        _TRIAGER = Triager.load()
    return len(_TRIAGER.triage_many(texts))


def library_all_cores(texts: list[str]) -> float:
    cores = os.cpu_count() or 1
    chunks = [texts[i : i + 256] for i in range(0, len(texts), 256)]
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_worker_chunk, [texts[:10]] * cores))  # load the model in every worker
        started = time.perf_counter()
        list(pool.map(_worker_chunk, chunks))
        return len(texts) / (time.perf_counter() - started)


def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} not ready after {timeout}s")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("JSON {\\"rps\\": %f, \\"p50\\": %f, \\"p95\\": %f, \\"p99\\": %f, \\"errors\\": %d}\\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
      + summary.errors.status))
end
"""


def wrk(url: str, body: str, seconds: int, connections: int) -> dict:
    """Run wrk POSTing ``body``; return requests/s, latency percentiles (ms) and errors (incl. non-2xx)."""
    folder = Path(tempfile.mkdtemp())
    (folder / "body.json").write_text(body, encoding="utf-8")
    script = folder / "post.lua"
    script.write_text(
        'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
        f'local f = io.open("{folder / "body.json"}", "rb")\nwrk.body = f:read("*all")\nf:close()\n' + WRK_REPORT,
        encoding="utf-8",
    )
    # One wrk thread drives all connections (an event loop): on two cores, a second load-generator thread
    # would take CPU from the server it measures.
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out.split("JSON ", 1)[1])


@contextlib.contextmanager
def server(port: int):
    """serve.py with the README's defaults on ``port``, a fresh SQLite store; yields (process, cold start in s)."""
    env = {**os.environ, "TRIAGE_DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/bench.db"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "serve.py"), "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}/readyz")
        yield process, time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(60)


def http(texts: list[str], seconds: int, port: int = 8765) -> dict:
    colds = []
    for _ in range(COLD_STARTS - 1):
        with server(port) as (_, cold):
            colds.append(cold)
    with server(port) as (process, cold):
        colds.append(cold)
        workers = [
            int(p)
            for p in subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        ]
        one = {"text": texts[1], "store": False}
        single = wrk(f"http://127.0.0.1:{port}/v1/triage", json.dumps(one, ensure_ascii=False), seconds, 8)
        batch_items = [{"text": t, "store": False} for t in texts[:100]]
        batch = wrk(
            f"http://127.0.0.1:{port}/v1/triage/batch",
            json.dumps({"items": batch_items}, ensure_ascii=False),
            seconds,
            2,
        )
        memory = max(rss_mb(pid) for pid in workers)
    return {
        "cold_start_s": sorted(colds),
        "worker_rss_mb": memory,
        "single": single,
        "batch_texts_per_s": batch["rps"] * 100,
        "batch": batch,
    }


def fasttext_peer(texts: list[str]) -> dict:
    import fasttext

    segment = jieba.Tokenizer()
    segment.initialize()
    tokens = lambda t: " ".join(w for w in segment.lcut(normalize(t)) if not w.isspace())  # noqa: E731
    corpus = read_corpus([ROOT / "data" / "corpus"], allow_duplicates=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as train_file:
        for e in corpus:
            train_file.write(f"__label__{e.category} {tokens(e.text)}\n")
    model = fasttext.train_supervised(train_file.name, epoch=25, wordNgrams=2, lr=0.5, seed=0, thread=1, verbose=0)
    dev = read_corpus([DEV], allow_duplicates=True)
    complaints = [e for e in dev if e.category != "none"]
    # model.f.predict is the binding under model.predict, whose NumPy-1-only return breaks on NumPy 2
    label = lambda text: model.f.predict(tokens(text) + "\n", 1, 0.0, "strict")[0][1]  # noqa: E731
    correct = sum(label(e.text) == f"__label__{e.category}" for e in complaints)
    throughput = rate(lambda ts: [label(t) for t in ts], texts)
    return {"dev_accuracy": correct / len(complaints), "texts_per_s": throughput}


def ours_dev_accuracy() -> float:
    triager = Triager.load()
    dev = [e for e in read_corpus([DEV], allow_duplicates=True) if e.category != "none"]
    results = triager.triage_many([e.text for e in dev])
    return sum(r.category == e.category for r, e in zip(results, dev)) / len(dev)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=20, help="duration of each wrk run")
    args = parser.parse_args(argv)
    texts = texts_for(args.texts)
    chars = sum(len(t) for t in texts) / len(texts)
    print(
        f"# {platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; {len(texts)} texts, {chars:.0f} characters on average\n",
        flush=True,
    )
    jieba_rate = raw_jieba(texts)
    tokeniser_rate = our_tokeniser(texts)
    cold_lib = library(texts, cache=False)
    warm_lib = library(texts, cache=True)
    all_cores = library_all_cores(texts)
    served = http(texts, args.seconds)
    peer = fasttext_peer(texts)
    single = served["single"]
    rows = [
        ("raw jieba.lcut (floor)", f"{jieba_rate:,.0f} texts/s"),
        ("our segmenter (rjieba + jieba's splitting of letter/digit runs)", f"{tokeniser_rate:,.0f} texts/s"),
        (
            "library triage_many, 1 process, no token cache",
            f"{cold_lib:,.0f} texts/s ({cold_lib / jieba_rate:.0%} of jieba)",
        ),
        (
            "library triage_many, 1 process, token cache",
            f"{warm_lib:,.0f} texts/s ({warm_lib / jieba_rate:.0%} of jieba)",
        ),
        (f"library, {os.cpu_count()} processes, token cache", f"{all_cores:,.0f} texts/s"),
        (
            "HTTP single text, 8 connections",
            f"{single['rps']:,.0f} req/s; p50 {single['p50']:.1f} ms, "
            f"p95 {single['p95']:.1f} ms, p99 {single['p99']:.1f} ms; errors {single['errors']}",
        ),
        (
            "HTTP batch of 100, 2 connections",
            f"{served['batch_texts_per_s']:,.0f} texts/s ({served['batch_texts_per_s'] / warm_lib:.0%} of library)",
        ),
        (
            f"cold start (process start to /readyz), best of {COLD_STARTS}",
            f"{served['cold_start_s'][0]:.2f} s (all: {', '.join(f'{c:.2f}' for c in served['cold_start_s'])} s)",
        ),
        ("resident memory of one worker", f"{served['worker_rss_mb']:.0f} MB"),
        ("fastText (jieba + predict), 1 process", f"{peer['texts_per_s']:,.0f} texts/s"),
        ("ours / fastText throughput (no cache)", f"{cold_lib / peer['texts_per_s']:.0%}"),
        (
            "dev category accuracy (complaints): ours / fastText",
            f"{ours_dev_accuracy():.3f} / {peer['dev_accuracy']:.3f}",
        ),
    ]
    print("| measure | figure |\n|---|---|")
    for name, figure in rows:
        print(f"| {name} | {figure} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
