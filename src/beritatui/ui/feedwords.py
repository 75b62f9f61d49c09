"""Feed statuses and fetch problems in the UI's language (Indonesian), in one place.

The fetcher and parser describe problems in English plain words (the CLI
prints them as they are). The feed screen shows them in Indonesian: each known
English wording maps to one Indonesian template here, so a later gettext pass
has one table to translate. Unknown wordings fall back to a phrase per status.
"""

from __future__ import annotations

import re
from datetime import datetime

from beritatui.models import FeedInfo, FeedStatus
from beritatui.ui.timefmt import WIB

STATUS_LABELS = {
    FeedStatus.NEVER: "belum diambil",
    FeedStatus.OK: "ok",
    FeedStatus.NOT_MODIFIED: "tidak berubah",
    FeedStatus.HTTP_ERROR: "galat HTTP",
    FeedStatus.TIMEOUT: "waktu habis",
    FeedStatus.NETWORK_ERROR: "galat jaringan",
    FeedStatus.TOO_LARGE: "terlalu besar",
    FeedStatus.PARSE_ERROR: "bukan feed",
    FeedStatus.STALE: "basi",
}
"""Status words of the feed table."""

_HTTP = {
    401: "situs meminta login",
    402: "situs meminta langganan",
    403: "situs menolak permintaan (mungkin memblokir klien selain browser)",
    404: "tidak ada apa-apa di alamat ini (feed mungkin pindah)",
    410: "situs menghapus alamat ini untuk selamanya",
    429: "situs membatasi permintaan; coba lagi nanti",
    451: "situs memblokir isi ini karena alasan hukum",
}
_HTTP_CLIENT = "situs menolak permintaan"
_HTTP_SERVER = "situs sedang bermasalah; coba lagi nanti"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"too many redirects", "terlalu banyak pengalihan (redirect)"),
        (r"could not resolve host (?P<host>\S+)", "nama host {host} tidak ditemukan"),
        (r"could not connect to (?P<host>\S+) within", "{host} tidak tersambung tepat waktu"),
        (r"no complete answer within", "server terlalu lambat: jawaban tidak selesai tepat waktu"),
        (r"timed out", "server terlalu lama menjawab"),
        (r"(?P<host>\S+) refused the connection", "{host} menolak sambungan"),
        (r"certificate", "sertifikat situs tidak tepercaya"),
        (r"secure connection|TLS", "sambungan aman (TLS) gagal"),
        (r"proxy", "proxy tidak bisa menjangkau situs"),
        (r"compress", "respons terkompresi rusak"),
        (r"reset|broke|closed the connection", "sambungan terputus di tengah jalan"),
        (r"malformed HTTP", "situs mengirim jawaban HTTP yang rusak"),
        (r"response larger than (?P<size>.+)", "respons lebih besar dari {size}"),
        (r"HTML page", "bukan feed: server mengirim halaman HTML (halaman galat atau cek bot?)"),
        (r"sent JSON", "bukan feed: server mengirim JSON, bukan RSS atau Atom"),
        (r"not XML|not RSS or Atom", "bukan feed: isinya bukan RSS atau Atom"),
        (r"empty response", "respons kosong: server tidak mengirim feed"),
        (r"too complex", "feed terlalu rumit untuk dibaca"),
        (r"the feed is empty", "feed kosong"),
        (r"unexpected error", "galat tak terduga saat membaca feed"),
        (r"not a (valid )?web address|not http or https", "bukan alamat web http(s)"),
        (r"could not connect", "tidak bisa tersambung ke situs"),
    )
)
_FALLBACK = {
    FeedStatus.HTTP_ERROR: "situs menjawab dengan galat",
    FeedStatus.TIMEOUT: "server terlalu lama menjawab",
    FeedStatus.NETWORK_ERROR: "masalah jaringan saat menghubungi situs",
    FeedStatus.TOO_LARGE: "respons terlalu besar",
    FeedStatus.PARSE_ERROR: "isinya tidak bisa dibaca sebagai feed",
}
_HTTP_CODE = re.compile(r"\bHTTP (\d{3})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
STALE_WORDS = "butir terbaru dari {date}: feed tampaknya tidak diurus lagi"
EMPTY_WORDS = "feed kosong"


def status_label(status: FeedStatus) -> str:
    """The status word for the table."""
    return STATUS_LABELS.get(status, str(status.value))


def explain(info: FeedInfo) -> str:
    """What happened to the feed, in Indonesian; empty when the status says it all."""
    status, detail = info.status, info.detail
    if status is FeedStatus.STALE:
        judged = _ISO_DATE.search(detail)  # the date the service judged by
        if judged:
            return STALE_WORDS.format(date="-".join(reversed(judged.groups())))
        return STALE_WORDS.format(date=_date(info.newest) if info.newest else "lama")
    if status in (FeedStatus.OK, FeedStatus.NOT_MODIFIED, FeedStatus.NEVER):
        return EMPTY_WORDS if "empty" in detail else ""
    return problem_words(detail, status)


def problem_words(detail: str, status: FeedStatus | None = None) -> str:
    """An English fetch/parse problem (``FetchResult.detail``) in Indonesian."""
    code = _HTTP_CODE.search(detail)
    if code and "redirect" not in detail:
        number = int(code.group(1))
        words = _HTTP.get(number) or (_HTTP_SERVER if number >= 500 else _HTTP_CLIENT)
        return f"HTTP {number}: {words}"
    for pattern, words in _PATTERNS:
        match = pattern.search(detail)
        if match:
            return words.format(**match.groupdict())
    if status is not None and status in _FALLBACK:
        return _FALLBACK[status]
    return "ada masalah saat mengambil feed"


def _date(when: datetime) -> str:
    local = when.astimezone(WIB)
    return f"{local.day}-{local.month:02d}-{local.year}"
