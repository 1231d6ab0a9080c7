"""gunicorn's configuration for the registry: ``gunicorn -c seminar/gunicorn.conf.py``.

Threaded workers (gthread) keep a worker's heartbeat going while one of its threads streams a
long CSV export, so the arbiter does not kill it mid-download. Values come from the environment
so that one file serves every server:

- ``GUNICORN_BIND``: address to listen on; default ``127.0.0.1:8000`` (the TLS proxy's upstream).
- ``GUNICORN_WORKERS``: processes; default two per CPU, plus one.
- ``GUNICORN_THREADS``: threads per worker; default 4.
- ``GUNICORN_TIMEOUT``: seconds a silent worker lives; default 60.
"""

import multiprocessing
import os

wsgi_app = "seminar.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# With gthread the timeout is the worker's heartbeat, not a request's duration: a long export
# keeps its worker alive while another thread notifies the arbiter.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Idle keep-alive connections from the proxy are cheap with threads; a few seconds is enough.
keepalive = 5
# Bounds against slow or oversized requests reaching Django.
limit_request_line = 8190
limit_request_fields = 100
# Restart workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The client's address as the proxy forwards it, then the usual combined-log fields and duration.
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
# Only the local proxy may set X-Forwarded-* headers that gunicorn honours.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
