"""Press-release tails: company boilerplate and media contacts leave, story text stays."""

from __future__ import annotations

from beritatui.extract.tails import cut_press_tail
from beritatui.models import Block

STORY = [
    Block(
        type="paragraph", text="The port authority opened a second container berth on Monday. " * 4
    ),
    Block(
        type="paragraph", text="Shipping lines said waiting times had already fallen by half. " * 4
    ),
    Block(
        type="paragraph", text="The berth cost 40 million dollars and took two years to build. " * 4
    ),
]


def _p(text: str) -> Block:
    return Block(type="paragraph", text=text)


def test_about_section_with_company_sentence_goes() -> None:
    tail = [
        Block(type="heading", text="About Harbourline"),
        _p("Harbourline is a port operator with terminals in three provinces."),
    ]
    assert cut_press_tail([*STORY, *tail]) == STORY


def test_tentang_section_with_company_facts_goes() -> None:
    tail = [
        _p("Tentang PT Dermaga Raya"),
        _p("Perseroan berkantor pusat di Surabaya dan tercatat di Bursa Efek Indonesia."),
    ]
    assert cut_press_tail([*STORY, *tail]) == STORY


def test_headless_boilerplate_needs_two_kinds_of_fact() -> None:
    one_fact = _p("Harbourline is a port operator headquartered in Makassar.")
    assert cut_press_tail([*STORY, one_fact]) == [*STORY, one_fact]
    two = _p("Harbourline is a port operator headquartered in Makassar that employs 800 people.")
    assert cut_press_tail([*STORY, two]) == STORY


def test_about_heading_inside_the_story_stays() -> None:
    blocks = [
        STORY[0],
        Block(type="heading", text="About the new berth"),
        _p("It is the first berth in the province able to take ships of 10,000 containers."),
        *STORY[1:],
    ]
    assert cut_press_tail(list(blocks)) == blocks


def test_about_heading_before_plain_text_stays() -> None:
    tail = [Block(type="heading", text="About the author"), _p("She covers ports and trade.")]
    assert cut_press_tail([*STORY, *tail]) == [*STORY, *tail]


def test_media_contact_lines_go() -> None:
    contact = [_p("Kontak Media:\nFitri\nhumas@dermaga.example.id"), _p("+62 21 555 0100")]
    assert cut_press_tail([*STORY, *contact]) == STORY


def test_a_long_paragraph_after_contact_word_is_not_a_contact_block() -> None:
    long = _p("Contact\n" + "Residents who want to report damage can call the hotline. " * 5)
    assert cut_press_tail([*STORY, long]) == [*STORY, long]
