"""Site rules for the big Indonesian news sites and WordPress news themes.

Each rule is data: which hosts (or which markup) it applies to, where the body
is, what to drop inside it, where captions and bylines live and how the site
pages long articles. Add a site by adding a :class:`SiteRule` to ``RULES``.
Selectors use the small CSS subset of :mod:`beritatui.extract.selectors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from lxml import etree

from .captions import CAPTION_CLASSES
from .selectors import select_first


class Paging(Enum):
    """How a site splits long articles over pages."""

    NONE = "none"
    PAGE_ALL = "page_all"
    """The site serves the whole article at ``?page=all`` (Kompas, Tribun)."""
    LINKS = "links"
    """Fetch each page link in ``paging`` in order (detik, WordPress ``<!--nextpage-->``)."""


@dataclass(frozen=True, slots=True)
class SiteRule:
    """How to read one site (or one family of sites)."""

    name: str
    domains: tuple[str, ...] = ()
    """Hosts this rule applies to (subdomains included)."""
    marker: str = ""
    """Selector that identifies the site family by markup when no domain matches."""
    body: str = ""
    """Selectors of the body element, first match wins."""
    drop: str = ""
    """Elements inside the body that are never article text."""
    figures: str = ""
    """Site caption/figure wrappers inside the body (besides ``figure``)."""
    captions: str = ""
    """Site caption elements inside a figure wrapper (besides ``figcaption`` and the usual)."""
    lead: str = ""
    """The lead photo wrapper outside the body, if the site puts it there."""
    byline: str = ""
    """Element(s) holding author/editor names."""
    date: str = ""
    """Element holding the visible publish time (Indonesian format)."""
    category: str = ""
    """Element naming the section (e.g. the last breadcrumb)."""
    paging: Paging = Paging.NONE
    paging_links: str = ""
    """Container of page links (for both paging kinds: its presence means "more pages")."""
    site_name: str = ""


RULES: tuple[SiteRule, ...] = (
    SiteRule(
        name="detik",
        domains=("detik.com",),
        body=".detail__body-text, .itp_bodycontent, #detikdetailtext",
        drop=".detail__body-tag, .detail__multiple, .staticdetail_container, .para_caption, "
        ".noncontent, .sisip_embed_sosmed, .clearfix.mt-2, table.linksisip, .detail__anchor",
        figures=".detail__media-image, .pic_artikel, .pic_artikel_sisip_alt",
        lead=".detail__media-image, .detail__media",
        byline=".detail__author",
        date=".detail__date",
        category=".page__breadcrumb a, .breadcrumb a",
        paging=Paging.LINKS,
        paging_links=".detail__multiple, .detail__long-nav",
        site_name="detikcom",
    ),
    SiteRule(
        name="cnn-cnbc",
        domains=("cnnindonesia.com", "cnbcindonesia.com"),
        body=".detail-text, .detail_text, .detail-wrap",
        drop=".para_caption, .paradetail, .media-institusi, .topik, .detail_tag, .list_terkait, "
        ".embed, .linksisip, .inbetween_content, .box_tag",
        figures=".media_artikel, .detail-image, .pic_artikel",
        captions=".para_caption",
        lead=".detail-image, .media_artikel",
        byline=".author, .detail-author, .detail__author",
        date=".date, .detail__date",
        site_name="CNN Indonesia",
    ),
    SiteRule(
        name="kompas",
        domains=("kompas.com",),
        body=".read__content, .read__article",
        drop=".read__credit, .read__byline, .gate-kgplus, a.inner-link-baca-juga, "
        ".read__paging, .ads-on-body, .kompasidRec, .inner-link-baca-juga",
        figures=".photo, .photo__wrap",
        lead=".photo__wrap, .photo",
        byline=".read__credit, .read__byline, .credit-title-name",
        date=".read__time",
        category=".breadcrumb__item",
        paging=Paging.PAGE_ALL,
        paging_links=".read__paging, .paging",
        site_name="Kompas.com",
    ),
    SiteRule(
        name="tribunnews",
        domains=("tribunnews.com",),
        body=".side-article.txt-article, .txt-article, #article_con",
        drop="p.baca, .baca, .paging, .tribun-mark, .ads-placeholder",
        figures=".imgfull_div, .pic-box",
        lead=".imgfull_div, #artimg",
        byline="#penulis, .penulis, #editor, .credit",
        date="time, .time",
        paging=Paging.PAGE_ALL,
        paging_links=".paging, .pagination",
        site_name="Tribunnews.com",
    ),
    SiteRule(
        name="antara",
        domains=("antaranews.com",),
        body=".post-content, .wrap__article-detail-content",
        drop="span.baca-juga, p.text-muted, .baca-juga, .adsbygoogle, .text-muted",
        figures=".wrap__article-detail-image, .post-thumbnail",
        lead=".wrap__article-detail-image, .post-thumbnail",
        byline=".text-muted",
        date=".article-date, .wrap__article-detail-info",
        site_name="ANTARA News",
    ),
    SiteRule(
        name="liputan6",
        domains=("liputan6.com",),
        body=".article-content-body, .read-page--content",
        drop=".baca-juga, .baca-juga-collections, .article-content-body__item-loadmore, "
        ".article-content-body__item-title, .promo",
        figures=".article-content-body__item-media, .read-page--photo-gallery--item",
        lead=".read-page--top-media, .article-photo-gallery",
        byline=".read-page--header--author__name",
        date=".read-page--header--author__datetime, time",
        site_name="Liputan6.com",
    ),
    SiteRule(
        name="kumparan",
        domains=("kumparan.com",),
        body="[data-qa-id='story-paragraph-container'], .StoryRenderer, article",
        drop="[data-qa-id='related-story'], [data-qa-id='share-button']",
        figures="[data-qa-id='image-container'], [data-qa-id='story-image']",
        byline="[data-qa-id='author-name']",
        site_name="kumparan",
    ),
    SiteRule(
        name="tempo",
        domains=("tempo.co",),
        body=".detail-konten, .detail-in, #isi, article .content",
        drop=".bacajuga, .iklan, .ads",
        figures=".foto, .detail-image",
        lead=".foto-detail, .detail-image",
        byline=".author, .title-author",
        site_name="Tempo.co",
    ),
    SiteRule(
        name="suara",
        domains=("suara.com",),
        body=".detail--content, .detail-content, article .content-article",
        drop="div.bacajuga, .baca-juga, .tag-list, .ads",
        figures=".detail--image, .photo-caption",
        lead=".detail--image",
        byline=".writer, .detail--author",
        site_name="Suara.com",
    ),
    SiteRule(
        name="wordpress",
        marker="meta[name='generator'][content^='WordPress'], link[rel='https://api.w.org/'], "
        "link[href*='/wp-content/'], script[src*='/wp-content/'], body.single-post",
        body=".entry-content, .td-post-content, .post-content, .single-content, "
        ".article-content, .content-article, .wp-block-post-content, .post-entry",
        drop=".sharedaddy, .jp-relatedposts, .addtoany_share_save_container, .code-block, "
        ".post-tags, .tags, .related-post, .crp_related, .page-links, .yarpp-related, "
        ".author-box, .post-share, .social-share",
        figures=".wp-caption, .wp-block-image",
        lead=".post-thumbnail, .featured-image, .single-featured-image",
        byline=".author-name, .entry-author, .byline",
        paging=Paging.LINKS,
        paging_links=".page-links, .post-page-numbers",
    ),
)


def caption_selector(rule: SiteRule | None) -> str:
    """Caption elements to look for in a figure on this site."""
    return CAPTION_CLASSES + (", " + rule.captions if rule and rule.captions else "")


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def rule_for(url: str, tree: etree._Element | None = None) -> SiteRule | None:
    """The rule for ``url`` by host, else the first rule whose markup marker is present."""
    host = _host(url)
    for rule in RULES:
        if any(host == d or host.endswith("." + d) for d in rule.domains):
            return rule
    if tree is not None:
        for rule in RULES:
            if rule.marker and select_first(tree, rule.marker) is not None:
                return rule
    return None
