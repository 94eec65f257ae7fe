"""The service's own subcommands: run, serve, train, db upgrade, rotate-keys, roster."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Any

from haven.config import Settings, SettingsError

log = logging.getLogger("haven")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = subparsers.add_parser(
        "run", help="train if needed, start Rasa and the gateway; Ctrl-C stops all"
    )
    run.set_defaults(handler=_run)

    serve = subparsers.add_parser("serve", help="start the gateway alone (Rasa runs elsewhere)")
    serve.set_defaults(handler=_serve)

    train = subparsers.add_parser("train", help="train the Rasa model if its inputs changed")
    train.add_argument("--force", action="store_true", help="train even if a model exists")
    train.set_defaults(handler=_train)

    db = subparsers.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply every pending migration")
    upgrade.set_defaults(handler=_db_upgrade)

    rotate = subparsers.add_parser(
        "rotate-keys", help="add a new key-encryption key and re-wrap every data key under it"
    )
    rotate.set_defaults(handler=_rotate_keys)

    from haven.paging import cli as roster_cli

    roster_cli.register(subparsers, _settings)


def _settings() -> Settings:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        return Settings.from_env()
    except SettingsError as exc:
        print(f"haven: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _serve(_: argparse.Namespace) -> int:
    return serve_gateway()


def serve_gateway() -> int:
    import uvicorn

    from api.app import create_app

    settings = _settings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return 0


def _train(args: argparse.Namespace) -> int:
    from haven.stack import StackError, train_model

    settings = _settings()
    try:
        path, trained = train_model(settings, force=args.force)
    except StackError as exc:
        print(f"haven: {exc}", file=sys.stderr)
        return 1
    print(f"{'trained' if trained else 'up to date'}: {path}")
    return 0


def _db_upgrade(_: argparse.Namespace) -> int:
    from haven.storage import upgrade_schema

    upgrade_schema(_settings().database_url)
    print("database schema is up to date")
    return 0


def _rotate_keys(_: argparse.Namespace) -> int:
    from haven.runtime import load_keyring
    from haven.storage import create_engine_for, upgrade_schema
    from haven.storage.sealed import rotate_keys

    settings = _settings()
    upgrade_schema(settings.database_url)
    keyring = load_keyring(settings)
    engine = create_engine_for(settings.database_url)
    try:
        report = rotate_keys(engine, keyring)
    finally:
        engine.dispose()
    counts = ", ".join(f"{table}: {n}" for table, n in report.rewrapped.items())
    print(f"active key is now {report.new_key_id}; re-wrapped {counts}")
    return 0


def _run(_: argparse.Namespace) -> int:
    """Everything `make run` needs: keys, schema, model, Rasa, gateway; Ctrl-C stops all."""
    from haven import stack
    from haven.runtime import load_keyring
    from haven.storage import upgrade_schema

    settings = stack.with_dev_tokens(_settings())
    load_keyring(settings)
    upgrade_schema(settings.database_url)
    model, trained = stack.train_model(settings)
    log.info("rasa model %s (%s)", model.name, "trained now" if trained else "up to date")
    stop_requested = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        stop_requested.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    logs = settings.data_dir / "logs"
    rasa = stack.start_rasa(settings, model, logs / "rasa.log")
    gateway = stack.start_gateway(settings, logs / "gateway.log")
    procs = {"rasa": rasa, "gateway": gateway}
    try:
        log.info("starting rasa and the gateway (logs in %s)", logs)
        stack.wait_for_gateway(settings, gateway)
        stack.wait_for_rasa(settings, rasa)
        log.info("Haven is ready: open http://%s:%s (Ctrl-C to stop)", settings.host, settings.port)
        while not stop_requested.wait(1.0):
            for name, proc in procs.items():
                if proc.poll() is not None:
                    log.error(
                        "%s exited with code %s; stopping (see %s)", name, proc.returncode, logs
                    )
                    return 1
        return 0
    except stack.StackError as exc:
        log.error("%s (see %s)", exc, logs)
        return 1
    finally:
        for proc in procs.values():
            stack.stop(proc)
        log.info("stopped")
