"""Run the triage service under gunicorn (production WSGI server) on its embedded defaults.

    python serve.py                          # 0.0.0.0:8000, one worker per core, shipped model, SQLite
    python serve.py --port 9000 --workers 4 --model models/triage.pkl --database-url postgresql+psycopg://...
    python serve.py --dev                    # Flask's development server, for debugging only

Every flag has an environment variable (TRIAGE_HOST, TRIAGE_PORT, TRIAGE_WORKERS, TRIAGE_MODEL_PATH, ...).
SIGTERM stops gracefully: workers finish requests in flight (up to --graceful-timeout seconds).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from triage.modelfile import ModelFileError
from triage.routing import RoutingError
from triage.service import create_app


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default=env("TRIAGE_HOST", "0.0.0.0"))
    parser.add_argument("--port", type=int, default=int(env("TRIAGE_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(env("TRIAGE_WORKERS", str(os.cpu_count() or 1))))
    parser.add_argument(
        "--threads",
        type=int,
        default=int(env("TRIAGE_THREADS", "1")),
        help="threads per worker; 1 (default): gunicorn's sync workers, one request at a time per worker (the "
        "lowest tail latency); more than 1: gthread workers, which --keepalive needs",
    )
    parser.add_argument("--timeout", type=int, default=int(env("TRIAGE_TIMEOUT", "30")), help="request timeout (s)")
    parser.add_argument(
        "--keepalive",
        type=int,
        default=int(env("TRIAGE_KEEPALIVE", "0")),
        help="seconds a connection is kept open for more requests (with --threads above 1); 0 (default): one "
        "request per connection, so that every request goes to whichever worker is free",
    )
    parser.add_argument("--graceful-timeout", type=int, default=int(env("TRIAGE_GRACEFUL_TIMEOUT", "30")))
    parser.add_argument("--model", help="model file (TRIAGE_MODEL_PATH)")
    parser.add_argument("--routing", help="routing TOML file (TRIAGE_ROUTING_PATH)")
    parser.add_argument("--review-threshold", type=float, help="confidence under which needs_review is set")
    parser.add_argument("--database-url", help="SQLAlchemy URL (TRIAGE_DATABASE_URL); default SQLite in instance/")
    parser.add_argument("--dev", action="store_true", help="Flask development server instead of gunicorn")
    return parser.parse_args(argv)


# How long a thread may hold the GIL while another waits (Python's default is 5 ms). With --threads above 1,
# the threads of a worker take turns on short requests: a shorter turn cuts the tail latency.
SWITCH_INTERVAL_S = 0.0005


def app_settings(args: argparse.Namespace) -> dict:
    given = {
        "MODEL_PATH": args.model,
        "ROUTING_PATH": args.routing,
        "REVIEW_THRESHOLD": args.review_threshold,
        "DATABASE_URL": args.database_url,
    }
    return {key: value for key, value in given.items() if value is not None}


def gunicorn_settings(args: argparse.Namespace) -> dict:
    """gunicorn's settings for the parsed flags: sync workers, or gthread workers when --threads is above 1."""
    return {
        "bind": f"{args.host}:{args.port}",
        "workers": args.workers,
        "threads": args.threads,
        "worker_class": "gthread" if args.threads > 1 else "sync",
        "timeout": args.timeout,
        "graceful_timeout": args.graceful_timeout,
        "preload_app": True,
        "keepalive": args.keepalive,
        "accesslog": "-",
        "child_exit": _child_exit,
    }


def run_gunicorn(app, args: argparse.Namespace) -> None:
    from gunicorn.app.base import BaseApplication

    settings = gunicorn_settings(args)
    if settings["worker_class"] == "gthread":
        sys.setswitchinterval(SWITCH_INTERVAL_S)

    class Service(BaseApplication):
        def load_config(self) -> None:
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    Service().run()


def _child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.dev:
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="triage-metrics-"))
    try:
        app = create_app(app_settings(args))  # loaded once, before the workers fork
    except (ModelFileError, RoutingError) as exc:
        print(f"serve.py: refusing to start: {exc}", file=sys.stderr)
        return 2
    if args.dev:
        app.run(host=args.host, port=args.port)
    else:
        run_gunicorn(app, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
