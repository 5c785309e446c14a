"""Run the WSGI app under gunicorn, in-process, for `haven serve` and `haven demo`."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class HavenServer(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        from haven.config.wsgi import application

        return application


def run_server(*, host: str, port: int, workers: int, threads: int, access_log: bool) -> None:
    HavenServer(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "accesslog": "-" if access_log else None,
            "timeout": 60,
            "graceful_timeout": 10,
            # Do not forward client addresses into logs: Haven keeps no IP addresses.
            "access_log_format": '%(t)s "%(r)s" %(s)s %(b)s %(M)sms',
        }
    ).run()
