"""The one rewrite of root-relative addresses that feeds, the API and mirrors share."""

import pytest

from kolokol.core.links import prefix_links

PAGE = (
    '<a href="/ru/politics/">Политика</a> <a href="//other.example/x">x</a>'
    ' <a href="https://elsewhere.example/">y</a> <a href="#top">z</a>'
    '<picture><source srcset="/media/a-480.avif 480w, /media/a-960.avif 960w">'
    '<img src="/media/a.jpg" data-src="/not-an-address" alt="/media/alt-text"></picture>'
    '<video poster="/media/p.jpg"></video><form action="/ru/search/"></form>'
)


@pytest.mark.parametrize("prefix", ["https://news.example", "https://news.example/", "/mirror"])
def test_every_root_relative_address_gets_the_prefix_and_nothing_else_does(prefix):
    base = prefix.rstrip("/")
    rewritten = prefix_links(PAGE, prefix)
    for address in ["/ru/politics/", "/media/a.jpg", "/media/p.jpg", "/ru/search/"]:
        assert f'="{base}{address}"' in rewritten
    assert f'srcset="{base}/media/a-480.avif 480w, {base}/media/a-960.avif 960w"' in rewritten
    # Another host's address, a fragment, text and unknown attributes stay as they were.
    for kept in [
        '"//other.example/x"',
        '"https://elsewhere.example/"',
        '"#top"',
        'data-src="/not-an-address"',
        'alt="/media/alt-text"',
    ]:
        assert kept in rewritten
    # The mirror rewrites the UTF-8 bytes it stores the same way.
    assert prefix_links(PAGE.encode(), prefix) == rewritten.encode()


def test_marked_safe_html_is_rewritten_too():
    from django.utils.safestring import mark_safe

    assert prefix_links(mark_safe('<a href="/ru/">ru</a>'), "/m") == '<a href="/m/ru/">ru</a>'
