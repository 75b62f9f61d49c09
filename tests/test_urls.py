"""URL identity: the shortcut for plain URLs in ``url_key`` gives what the general steps give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from beritatui.urls import _general_key, url_key

_SCHEMES = ["http://", "https://", "HTTP://", "ftp://", " http://", ""]
_HOSTS = ["x.id", "www.x.id", "WWW.X.ID", "Kompas.com", "127.0.0.1", "a-b.c", ".", "", "u@x.id"]
_PORTS = ["", ":0", ":80", ":443", ":080", ":8080", ":65535", ":65536", ":99999", ":", ":x"]
_PATHS = ["", "/", "//", "/a", "/a/", "/A/b.html", "/%20x", "/a:b@c", "/~u/", "/a b", "/ü"]
_TAILS = ["", "?", "?a=1", "?utm_source=y&b=2", "#top", "/", " ", "\t"]


@settings(max_examples=2000)
@given(st.tuples(*(st.sampled_from(part) for part in (_SCHEMES, _HOSTS, _PORTS, _PATHS, _TAILS))))
def test_plain_url_shortcut_equals_the_general_steps(parts: tuple[str, ...]) -> None:
    url = "".join(parts)
    assert url_key(url) == _general_key(url)


def test_plain_urls() -> None:
    assert url_key("https://www.x.id/a/") == "x.id/a"
    assert url_key("http://x.id") == "x.id/"
    assert url_key("http://127.0.0.1:8080/feed/1") == "127.0.0.1:8080/feed/1"
    assert url_key("https://x.id:443/a") == "x.id/a"
    assert url_key("http://x.id:99999/a") is None
    assert url_key("http://www.x.id/a/?utm_source=y") == url_key("https://x.id/a")
