"""serve.py as a real process: gunicorn answers, refuses bad files, and stops gracefully."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from serve import gunicorn_settings, parse_args


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tmp_path, *extra, env=None):
    port = free_port()
    env_db = ["--database-url", f"sqlite:///{tmp_path / 's.db'}"]
    process = subprocess.Popen(
        [sys.executable, "serve.py", "--host", "127.0.0.1", "--port", str(port), "--workers", "2", *env_db, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    return process, f"http://127.0.0.1:{port}"


def wait_ready(url: str, process, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("service did not become ready")


def post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_gunicorn_serves_metrics_from_all_workers_and_stops_gracefully(tmp_path):
    process, url = start(tmp_path)
    try:
        wait_ready(url, process)
        for _ in range(6):
            assert post(url + "/v1/triage", {"text": "快递太慢了", "store": False})["category"]
        with urllib.request.urlopen(url + "/metrics", timeout=10) as response:
            metrics = response.read().decode()
        assert 'triage_http_requests_total{endpoint="/v1/triage",method="POST",status="200"} 6.0' in metrics
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0


def test_threads_choose_the_worker_class():
    assert gunicorn_settings(parse_args([]))["worker_class"] == "sync"
    assert gunicorn_settings(parse_args(["--threads", "4"]))["worker_class"] == "gthread"


def refused(tmp_path, *extra, env=None) -> str:
    process, _ = start(tmp_path, *extra, env=env)
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 2
    assert "refusing to start" in stderr and "Traceback" not in stderr
    return stderr


def test_broken_routing_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('[departments]\nquality = "q"\ncontract =\n', encoding="utf-8")
    assert "line 3" in refused(tmp_path, "--routing", str(path))


def test_model_outside_models_dir_is_refused(tmp_path):
    assert "only from" in refused(tmp_path, "--model", str(tmp_path / "m.pkl"))


def test_tampered_model_is_refused(tmp_path):
    shipped = Path("models/triage.pkl")
    data = bytearray(shipped.read_bytes())
    data[-100] ^= 0xFF
    (tmp_path / "m.pkl").write_bytes(bytes(data))
    (tmp_path / "m.card.json").write_text(shipped.with_suffix(".card.json").read_text(encoding="utf-8"))
    stderr = refused(tmp_path, "--model", str(tmp_path / "m.pkl"), env={"TRIAGE_MODELS_DIR": str(tmp_path)})
    assert "checksum" in stderr


@pytest.mark.parametrize("threads", ["1", "4"])  # sync and gthread workers
def test_request_in_flight_finishes_on_sigterm(tmp_path, threads):
    import threading

    process, url = start(tmp_path, "--threads", threads)
    try:
        wait_ready(url, process)
        items = [
            {"text": f"第{i}次投诉：快递员把我的包裹摔坏了，客服一直推脱，要求赔偿{i}元", "store": False}
            for i in range(500)
        ]
        answers = []
        worker = threading.Thread(target=lambda: answers.append(post(url + "/v1/triage/batch", {"items": items})))
        worker.start()
        time.sleep(0.3)  # the batch is being triaged now
        process.send_signal(signal.SIGTERM)
        worker.join(60)
        assert len(answers) == 1 and len(answers[0]["results"]) == 500
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0
