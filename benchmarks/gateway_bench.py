"""Gateway overhead: the same scripted turns sent straight to Rasa's REST channel and through
Haven's gateway (persist, gate, Rasa, screen, persist), in one run on one stack.

    make bench-gateway            # or: .venv/bin/python benchmarks/gateway_bench.py --sessions 40

Prints p50/p95 latency per turn for both paths and their ratio. Not a test: figures vary with
the machine; the README records the figures of a reference run.
"""

from __future__ import annotations

import argparse
import secrets
import socket
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from haven import stack
from haven.config import Settings
from haven.runtime import load_keyring
from haven.storage import upgrade_schema

SCRIPT = ["hi", "what can you do", "can you order me a pizza", "thanks", "bye"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def _direct(client: httpx.Client, rasa_url: str, sessions: int) -> list[float]:
    timings = []
    for _ in range(sessions):
        sender = secrets.token_hex(8)
        for text in SCRIPT:
            start = time.perf_counter()
            response = client.post(
                f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
            )
            timings.append(time.perf_counter() - start)
            response.raise_for_status()
    return timings


def _gateway(client: httpx.Client, base: str, sessions: int) -> list[float]:
    timings = []
    for _ in range(sessions):
        session = client.post(f"{base}/v1/sessions").json()["session_id"]
        for text in SCRIPT:
            start = time.perf_counter()
            response = client.post(f"{base}/v1/sessions/{session}/messages", json={"text": text})
            timings.append(time.perf_counter() - start)
            response.raise_for_status()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40, help="scripted sessions per path")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per path")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="haven-bench-"))
    settings = stack.with_dev_tokens(
        Settings.from_env(
            {
                "HAVEN_DATA_DIR": str(data_dir),
                "HAVEN_PORT": str(_port()),
                "HAVEN_RASA_URL": f"http://127.0.0.1:{_port()}",
            }
        )
    )
    load_keyring(settings)
    upgrade_schema(settings.database_url)
    model, _ = stack.train_model(settings)
    rasa = stack.start_rasa(settings, model, data_dir / "rasa.log")
    gateway = stack.start_gateway(settings, data_dir / "gateway.log")
    try:
        stack.wait_for_gateway(settings, gateway)
        stack.wait_for_rasa(settings, rasa)
        base = f"http://{settings.host}:{settings.port}"
        with httpx.Client(timeout=60) as client:
            _direct(client, settings.rasa.url, 3)  # warm-up both paths
            _gateway(client, base, 3)
            direct: list[float] = []
            through: list[float] = []
            for _ in range(args.rounds):  # alternate so drift hits both paths alike
                direct += _direct(client, settings.rasa.url, args.sessions)
                through += _gateway(client, base, args.sessions)
    finally:
        stack.stop(gateway)
        stack.stop(rasa)

    rows = [("Rasa REST channel alone", direct), ("through Haven's gateway", through)]
    print(
        f"{len(direct)} turns per path ({len(SCRIPT)}-turn script, SQLite, encrypted tracker store)"
    )
    print(f"{'path':<28}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    for name, samples in rows:
        p50, p95 = _percentile(samples, 50) * 1e3, _percentile(samples, 95) * 1e3
        print(f"{name:<28}{p50:>10.1f}{p95:>10.1f}{statistics.fmean(samples) * 1e3:>10.1f}")
    ratio50 = _percentile(through, 50) / _percentile(direct, 50)
    ratio95 = _percentile(through, 95) / _percentile(direct, 95)
    print(f"ratio gateway/rasa: p50 {ratio50:.2f}x, p95 {ratio95:.2f}x (aim: p95 within 1.30x)")


if __name__ == "__main__":
    main()
