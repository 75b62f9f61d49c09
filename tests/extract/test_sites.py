"""Site rules: each rule's body selector is used and its drop selector removes junk."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from beritatui.extract import extract_article
from beritatui.extract.article import parse_html
from beritatui.extract.selectors import SelectorError, css_to_xpath, select
from beritatui.extract.sites import RULES, SiteRule, rule_for

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
BODY = [
    "Pemerintah kota mulai memperbaiki saluran air di tiga kecamatan setelah banjir pekan lalu.",
    "Pekerjaan dilakukan bertahap agar lalu lintas di jalan utama tetap bisa berjalan normal.",
    "Warga diminta tidak membuang sampah ke selokan karena menyumbat aliran air saat hujan deras.",
]
DROPPED = "Kalimat panjang di dalam elemen yang harus dibuang oleh aturan situs ini sepenuhnya."


def _open_tag(compound: str) -> tuple[str, str]:
    """An opening tag matching a simple compound selector, and its tag name."""
    tag = re.match(r"[a-zA-Z][\w-]*", compound)
    name = tag.group(0) if tag else "div"
    classes = re.findall(r"\.([\w-]+)", compound)
    ids = re.findall(r"#([\w-]+)", compound)
    attrs = re.findall(r"\[([\w:-]+)[*^$]?=['\"]?([^'\"\]]*)['\"]?\]", compound)
    parts = [name]
    if classes:
        parts.append(f'class="{" ".join(classes)}"')
    if ids:
        parts.append(f'id="{ids[0]}"')
    parts += [f'{k}="{v}"' for k, v in attrs]
    return "<" + " ".join(parts) + ">", name


def _element(selector: str, inner: str) -> str:
    """Nested elements matching a (descendant) selector, wrapping ``inner``."""
    opened = [_open_tag(c) for c in selector.replace(">", " ").split()]
    return "".join(o for o, _ in opened) + inner + "".join(f"</{n}>" for _, n in reversed(opened))


def _first(selectors: str) -> str:
    return selectors.split(",")[0].strip()


SITE_RULES = [r for r in RULES if r.domains]


@pytest.mark.parametrize("rule", SITE_RULES, ids=[r.name for r in SITE_RULES])
def test_rule_body_and_drop(rule: SiteRule) -> None:
    drop = _element(_first(rule.drop), DROPPED)
    paragraphs = [f"<p>{t}</p>" for t in BODY]
    body = _element(_first(rule.body), "".join(paragraphs[:-1]) + drop + paragraphs[-1])
    html = f"<html><head><title>x</title></head><body><div class='wrap'>{body}</div></body></html>"
    url = f"https://www.{rule.domains[0]}/berita/2025/01/01/contoh"
    assert rule_for(url) is rule
    article = extract_article(html, url)
    for text in BODY:
        assert text in article.text
    assert DROPPED not in article.text


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://news.detik.com/berita/d-1/x", "detik"),
        ("https://finance.detik.com/x", "detik"),
        ("https://www.cnbcindonesia.com/market/x", "cnn-cnbc"),
        ("https://nasional.kompas.com/read/x", "kompas"),
        ("https://www.antaranews.com/berita/1/x", "antara"),
        ("https://notdetik.com/x", None),
    ],
)
def test_rule_for_matches_hosts_and_subdomains(url: str, name: str | None) -> None:
    rule = rule_for(url)
    assert (rule.name if rule else None) == name


def test_wordpress_rule_by_markup() -> None:
    tree = parse_html(
        '<html><head><meta name="generator" content="WordPress 6.5"></head><body></body></html>'
    )
    rule = rule_for("https://kabar.example.org/a/", tree)
    assert rule is not None
    assert rule.name == "wordpress"


def test_selector_translation() -> None:
    tree = parse_html(
        '<div class="a b"><p class="baca">x</p><span data-qa-id="story-paragraph">y</span>'
        '<p class="abc">z</p></div>'
    )
    assert [e.text for e in select(tree, "p.baca")] == ["x"]
    assert [e.text for e in select(tree, "[data-qa-id='story-paragraph']")] == ["y"]
    assert [e.text for e in select(tree, "div.a > p")] == ["x", "z"]
    assert select(tree, ".ab") == []
    assert "descendant" in css_to_xpath(".a .b")


def test_selectors_beyond_the_old_subset() -> None:
    tree = parse_html(
        '<div class="a"><p class="baca">x</p><p>y</p><span title="dua kata">z</span>'
        '<p class="iklan">w</p></div>'
    )
    assert [e.text for e in select(tree, "div.a > p:not(.iklan)")] == ["x", "y"]
    assert [e.text for e in select(tree, "p.baca + p")] == ["y"]
    assert [e.text for e in select(tree, 'span[title="dua kata"]')] == ["z"]
    assert [e.text for e in select(tree, "p:nth-child(2)")] == ["y"]
    with pytest.raises(SelectorError):
        select(tree, "p[")


def _fixture(name: str) -> tuple[bytes, str]:
    import json

    expected = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    return (PAGES / f"{name}.html").read_bytes(), expected["url"]


def test_detik_metadata_and_editor_initials() -> None:
    html, url = _fixture("detik-banjir")
    article = extract_article(html, url)
    assert article.title.startswith("Banjir Rendam Tiga Kelurahan")
    assert article.published == datetime(2025, 1, 13, 2, 42, tzinfo=UTC)
    assert "Rizky Pratama" in article.byline
    assert article.site == "detikcom"
    assert article.category == "Berita"
    assert article.text.endswith("(rzp/idn)")
    assert article.lead_image is not None
    assert article.lead_image.credit == "Rizky Pratama/detikcom"
    assert article.blocks[0] is article.lead_image


def test_kompas_byline_kept_out_of_body() -> None:
    html, url = _fixture("kompas-sekolah")
    article = extract_article(html, url)
    assert "Nicholas Ryan Aditya" in article.byline
    assert "Nicholas Ryan Aditya" not in article.text
    assert article.text.startswith("JAKARTA, KOMPAS.com - ")
    assert article.site == "KOMPAS.com"


def test_antara_text_in_br_separated_div_becomes_paragraphs() -> None:
    html, url = _fixture("antara-beras")
    article = extract_article(html, url)
    paragraphs = [b for b in article.blocks if b.type == "paragraph"]
    assert len(paragraphs) == 4
    assert paragraphs[0].text.startswith("Jakarta (ANTARA) - ")
    assert article.published == datetime(2025, 4, 9, 6, 45, tzinfo=UTC)
