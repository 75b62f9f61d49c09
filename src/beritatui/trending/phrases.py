"""Multi-word names and amounts that are one token: provinces and scaled numbers.

Indonesian reports name a province in full or by its usual short form, and an
English report in English: ``Jawa Timur``, ``Jatim`` and ``East Java`` are one
place, and ``Jawa Timur`` is not ``Jawa Barat`` (the words that tell them apart,
``timur`` and ``barat``, are common roots). :func:`join_places` turns each full
name into the short form before stop words and stemming, so all three meet and
the two provinces no longer share a name.

Amounts are written with digits or with a scale word: ``221.000``, ``221 ribu``,
``221,000`` and ``221 thousand`` are one number, and so are ``8 juta`` and
``delapan juta``. :func:`join_amounts` writes a number (digits or a number word)
followed by ``ribu``, ``juta``, ``miliar``, ``triliun`` or their English words
in digits. Both run on folded words, before stop words (``dua`` is one) and
stemming.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = ["join_amounts", "join_places"]

_PROVINCES = """
jabar=jawa barat|west java
jateng=jawa tengah|central java
jatim=jawa timur|east java
kalbar=kalimantan barat|west kalimantan
kalteng=kalimantan tengah|central kalimantan
kalsel=kalimantan selatan|south kalimantan
kaltim=kalimantan timur|east kalimantan
kaltara=kalimantan utara|north kalimantan
sumut=sumatera utara|sumatra utara|north sumatra|north sumatera
sumbar=sumatera barat|sumatra barat|west sumatra|west sumatera
sumsel=sumatera selatan|sumatra selatan|south sumatra|south sumatera
sulut=sulawesi utara|north sulawesi
sulteng=sulawesi tengah|central sulawesi
sulsel=sulawesi selatan|south sulawesi
sultra=sulawesi tenggara|southeast sulawesi
sulbar=sulawesi barat|west sulawesi
malut=maluku utara|north maluku
ntb=nusa tenggara barat|west nusa tenggara
ntt=nusa tenggara timur|east nusa tenggara
kepri=kepulauan riau|riau islands
babel=bangka belitung|kepulauan bangka belitung
diy=daerah istimewa yogyakarta
jaksel=jakarta selatan|south jakarta
jaktim=jakarta timur|east jakarta
jakbar=jakarta barat|west jakarta
jakut=jakarta utara|north jakarta
jakpus=jakarta pusat|central jakarta
"""


_PARENTS = frozenset(("jakarta", "yogyakarta"))
"""Provinces whose name alone is used for their parts (``Jakarta Utara`` is in
``Jakarta``, and reports of one event say either): that name stays beside the short
form. Islands do not: ``Jawa Timur`` and ``Jawa Barat`` share no name."""

_Place = tuple[tuple[str, ...], tuple[str, ...]]


def _build_places() -> dict[str, list[_Place]]:
    """First word -> (a name's words, the tokens it becomes), longest names first."""
    places: dict[str, list[_Place]] = {}
    for line in _PROVINCES.split("\n"):
        if not line:
            continue
        short, names = line.split("=")
        local = names.split("|")[0].split()
        parent = [w for w in local if w in _PARENTS][:1]
        for name in names.split("|"):
            words = tuple(name.split())
            places.setdefault(words[0], []).append((words, (*parent, short)))
    for options in places.values():
        options.sort(key=lambda option: -len(option[0]))
    return places


_PLACES = _build_places()


def join_places(words: list[str]) -> list[str]:
    """Folded words with every full province (or Jakarta city) name replaced by its
    short form: ``jawa timur`` -> ``jatim``, ``jakarta utara`` -> ``jakarta jakut``."""
    if not any(word in _PLACES for word in words):
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        for name, tokens in _PLACES.get(words[i], ()):
            if tuple(words[i : i + len(name)]) == name:
                out.extend(tokens)
                i += len(name)
                break
        else:
            out.append(words[i])
            i += 1
    return out


_SCALES = {
    "ribu": 3, "rb": 3, "juta": 6, "jt": 6, "miliar": 9, "milyar": 9, "triliun": 12, "t": 12,
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12,
}  # fmt: skip
"""Scale words and their short forms (folded, as written: ``Rp 1,2 T``) and their
powers of ten. Not ``M``: after a number it is as often metres as miliar."""
_UNITS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
"""Number words that are a value on their own."""
_TIMES = {"puluh": 10, "ratus": 100, "hundred": 100}
"""Number words that multiply the unit before them (``dua puluh`` = 20)."""
_MAX_NUMBER_WORDS = 6


def join_amounts(words: list[str], english: bool) -> list[str]:
    """Folded words with ``<number> <scale word>`` written as one number in digits.

    The number is digits or number words (``dua puluh dua juta``); it is written
    the way the text writes numbers: Indonesian ``.`` groups thousands (``2,5
    juta`` -> ``2.500.000``), English ``,`` does (``2.5 million`` ->
    ``2,500,000``; :mod:`.features` then reads it the Indonesian way). An amount
    that is not a whole number stays as it is.
    """
    if not any(word in _SCALES for word in words):
        return words
    out: list[str] = []
    for word in words:
        power = _SCALES.get(word)
        if power is not None and out:
            count, value = _number_before(out, english)
            if count:
                scaled = value.scaleb(power)
                if scaled == scaled.to_integral_value():
                    del out[-count:]
                    out.append(f"{int(scaled):,}".replace(",", "," if english else "."))
                    continue
        out.append(word)
    return out


def _number_before(words: list[str], english: bool) -> tuple[int, Decimal]:
    """How many of the last ``words`` make one number, and its value (0 words: none)."""
    last = words[-1]
    if last[:1].isdigit():
        group, decimal = (",", ".") if english else (".", ",")
        if last.count(decimal) > 1:
            return 0, Decimal(0)
        try:
            return 1, Decimal(last.replace(group, "").replace(decimal, "."))
        except InvalidOperation:
            return 0, Decimal(0)
    count = 0
    while count < min(len(words), _MAX_NUMBER_WORDS):
        word = words[-1 - count]
        if word not in _UNITS and word not in _TIMES and word != "belas":
            break
        count += 1
    while count:  # the longest run that reads as one number
        value = _read_number(words[-count:])
        if value is not None:
            return count, Decimal(value)
        count -= 1
    return 0, Decimal(0)


def _read_number(run: list[str]) -> int | None:
    """``dua puluh dua`` -> 22, ``seratus tiga belas`` -> 113, ``twenty two`` -> 22;
    None when the words are not one number (``dua tiga``)."""
    total = pending = 0
    for word in run:
        times = _TIMES.get(word)
        if times is not None:
            if not pending:
                return None
            total, pending = total + pending * times, 0
        elif word == "belas":
            if not 0 < pending < 10:
                return None
            total, pending = total + pending + 10, 0
        elif _UNITS[word] >= 100:
            if pending:
                return None
            total += _UNITS[word]
        elif not pending:
            pending = _UNITS[word]
        elif pending >= 20 and pending % 10 == 0 and _UNITS[word] < 10:
            pending += _UNITS[word]  # "twenty two"
        else:
            return None
    return total + pending
