"""A small English -> Indonesian map of frequent news words, for cross-language stories.

English reports (The Jakarta Post, ANTARA English, Jakarta Globe, Tempo English)
of an Indonesian event share its names and numbers with the Indonesian reports;
this map adds the common words around them ("earthquake" is "gempa", "ferry" is
"kapal"), so the two land in one story. Keys and values are written as plain
words and stemmed the way articles are, so ``sank`` and ``sinks`` both reach
``tenggelam``. Numbers are matched too: English ``6.1`` and ``4,000`` are
Indonesian ``6,1`` and ``4.000`` (:func:`indonesian_number`).
"""

from __future__ import annotations

from functools import lru_cache

from .stemmer import stem
from .text import stem_english

__all__ = ["indonesian_number", "to_indonesian"]

_PAIRS = """
earthquake=gempa quake=gempa tremor=gempa magnitude=magnitudo aftershock=gempa tsunami=tsunami
volcano=gunung mount=gunung erupt=erupsi erupts=erupsi erupted=erupsi eruption=erupsi ash=abu
flood=banjir floods=banjir flooding=banjir flooded=banjir landslide=longsor fire=kebakaran
blaze=kebakaran burn=bakar burned=bakar haze=asap smoke=asap forest=hutan peatland=gambut
ferry=kapal boat=kapal ship=kapal vessel=kapal sink=tenggelam sinks=tenggelam sank=tenggelam
sinking=tenggelam capsize=tenggelam capsized=tenggelam passenger=penumpang passengers=penumpang
crew=awak captain=nakhoda missing=hilang search=cari rescue=evakuasi evacuate=evakuasi
evacuated=evakuasi survivor=selamat dead=tewas killed=tewas killing=tewas death=tewas
victims=korban victim=korban injured=luka strait=selat island=pulau islands=pulau
thousand=ribu port=pelabuhan airport=bandara flight=penerbangan flights=penerbangan
airline=maskapai train=kereta derail=anjlok derailed=anjlok bus=bus crash=kecelakaan
accident=kecelakaan toll=tol road=jalan bridge=jembatan dam=bendungan
protest=demo protests=demo protester=demonstran protesters=demonstran rally=demo rallied=demo
demonstration=demo student=mahasiswa students=mahasiswa journalist=jurnalis
journalists=jurnalis driver=pengemudi drivers=pengemudi worker=buruh workers=buruh
police=polisi arrest=tangkap arrested=tangkap suspect=tersangka suspects=tersangka
court=pengadilan trial=sidang hearing=sidang indictment=dakwaan indicted=dakwa
prosecutor=jaksa prosecutors=jaksa judge=hakim bribe=suap bribery=suap graft=korupsi
corruption=korupsi witness=saksi sentence=vonis sentenced=vonis prison=penjara
smuggling=penyelundupan smuggle=selundup meth=sabu methamphetamine=sabu drug=narkoba
drugs=narkoba narcotics=narkotika seized=sita seize=sita
bill=ruu law=undang broadcasting=penyiaran house=dpr parliament=dpr lawmakers=dpr
constitutional=konstitusi court=mahkamah strike=hapus strikes=hapus threshold=ambang
parliamentary=parlemen election=pemilu elections=pemilu vote=suara
revote=suara party=partai president=presiden minister=menteri ministry=kementerian
governor=gubernur mayor=wali regent=bupati palace=istana visit=kunjungan
price=harga prices=harga rice=beras fuel=bbm gasoline=bensin chili=cabai rate=suku
interest=bunga benchmark=acuan hold=tahan holds=tahan maintain=tahan maintains=tahan
inflation=inflasi export=ekspor exports=ekspor levy=pungutan
palm=sawit tax=pajak salary=gaji salaries=gaji stock=saham stocks=saham index=indeks
record=rekor dollar=dolar weak=lemah weakest=lemah slide=lemah slides=lemah
tourist=wisatawan tourists=wisatawan visitor=pengunjung visitors=pengunjung park=taman
national=nasional ticket=tiket tickets=tiket concert=konser quota=kuota pilgrim=haji
pilgrims=haji hajj=haji vaccine=vaksin vaccination=imunisasi immunization=imunisasi
measles=campak polio=polio dengue=dbd outbreak=wabah hospital=rumah health=kesehatan
team=timnas beat=kalahkan win=menang wins=menang won=menang coach=pelatih match=laga
qualifier=kualifikasi cup=piala world=dunia women=putri
trillion=triliun billion=miliar million=juta kilometers=kilometer kilograms=kilogram
hectares=hektare meters=meter
"""


def _build() -> dict[str, str]:
    """The map as matching tokens (both sides stemmed)."""
    pairs: dict[str, str] = {}
    for pair in _PAIRS.split():
        english, indonesian = pair.split("=")
        pairs.setdefault(stem_english(english), stem(indonesian))
    return pairs


@lru_cache(maxsize=1)
def _map() -> dict[str, str]:
    """Built once, on first use."""
    return _build()


def to_indonesian(token: str) -> str:
    """The Indonesian matching token for an English one (itself when unmapped)."""
    return _map().get(token, token)


def indonesian_number(token: str) -> str:
    """English number style to Indonesian: ``6.1`` -> ``6,1``, ``4,000`` -> ``4.000``."""
    if not token[:1].isdigit() or ("." not in token and "," not in token):
        return token
    return token.translate(_SWAP)


_SWAP = str.maketrans(".,", ",.")
