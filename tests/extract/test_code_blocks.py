"""Code blocks keep their indentation (unlike paragraphs, whose lines are tidied)."""

from __future__ import annotations

from beritatui.extract import extract_article

PAGE = """<html><body><article><h1>Contoh kode</h1>
<p>Berikut fungsi sederhana yang dipakai dalam tutorial pemrograman kali ini untuk pemula.</p>
<pre><code>def f(x):
    if x:
        return 1
    return 0</code></pre>
<p>Fungsi itu mengembalikan satu bila argumen bernilai benar dan nol bila tidak.</p>
</article></body></html>"""


def test_code_block_keeps_indentation() -> None:
    article = extract_article(PAGE.encode(), "https://blog.contoh.id/kode")
    code = [b for b in article.blocks if b.type == "code"]
    assert len(code) == 1
    assert code[0].text == "def f(x):\n    if x:\n        return 1\n    return 0"
