"""A small HTTP client for the loopback servers: signing in to the admin, and downloads read
to the end with the time they took. Standard library only."""

import http.client
import re
import time
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie

CHUNK = 1 << 20
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _cookies(response, jar):
    for header in response.headers.get_all("Set-Cookie") or ():
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value
    return jar


def cookie_header(jar):
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def login(host, port, username, password):
    """Sign in through the admin's login form; the session and CSRF cookies as a header."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", "/admin/login/")
        response = connection.getresponse()
        jar = _cookies(response, {})
        token = CSRF_INPUT.search(response.read().decode()).group(1)
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        )
        connection.request(
            "POST",
            "/admin/login/?next=/admin/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie_header(jar),
            },
        )
        response = connection.getresponse()
        response.read()
        _cookies(response, jar)
    finally:
        connection.close()
    if response.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"signing in as {username} failed (HTTP {response.status})")
    return cookie_header(jar)


def get_status(host, port, path, cookie=""):
    """The status of one GET, its body read and dropped."""
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@dataclass(frozen=True)
class Download:
    status: int
    size: int
    lines: int
    seconds: float


def download(connection, path, cookie="", on_first_chunk=None):
    """GET ``path`` on an open connection, reading the body to the end in large chunks.

    ``on_first_chunk`` is called while the server is still sending (to find out which worker
    serves the connection)."""
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    size = lines = 0
    first = True
    while chunk := response.read1(CHUNK):
        if first and on_first_chunk:
            on_first_chunk()
        first = False
        size += len(chunk)
        lines += chunk.count(b"\n")
    return Download(response.status, size, lines, time.perf_counter() - started)
