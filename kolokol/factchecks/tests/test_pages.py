"""The fact-check page and the fact-check index as readers get them."""

import re
from datetime import date

import html5lib
import pytest
from django.core.exceptions import ValidationError

from kolokol.factchecks.models import FactCheckPage
from kolokol.factchecks.tests import factories as fc
from kolokol.testing import factories

pytestmark = pytest.mark.django_db

HOSTILE_CLAIM = 'Bridges are free </blockquote><script>alert("claim")</script> & "safe"'
HOSTILE_NAME = '<img src=x onerror=alert("who")>'
HOSTILE_URL = 'https://example.org/post?a="onmouseover=alert(1)&b=<x>'


def parse(html: str):
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


def text_of(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def without_json_ld(html: str) -> str:
    """The page without its JSON-LD, whose strings are JSON-escaped (test_linked_data)."""
    data = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    for text in data:
        assert "<" not in text  # escaped as \u003C: nothing closes the element early
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)


def test_the_page_shows_claim_verdict_reasoning_and_sources_in_order(client):
    home = factories.service("en")
    index = fc.index(home)
    page = fc.fact_check(
        home,
        title="Did the ferry carry a million people?",
        value=2,
        claim="The ferry carried a million passengers last year.",
        claimant="Councillor Rhys Bannon",
        claim_date=date(2025, 3, 14),
        claim_url="https://www.example.org/minutes/14-march",
        sources=[
            {
                "title": "Harbour office passenger counts",
                "url": "https://example.org/counts",
                "note": "Monthly totals.",
            },
            {"title": "Interview with the harbour master", "url": "", "note": ""},
        ],
    )
    html = client.get(page.url).content.decode()
    document = parse(html)
    claim = document.find(".//section[@class='claim']")
    assert (
        text_of(claim.find(".//blockquote"))
        == "“The ferry carried a million passengers last year.”"
    )
    facts = text_of(claim.find(".//dl"))
    assert "Who said it Councillor Rhys Bannon" in facts
    assert "When March 14, 2025" in facts
    assert claim.find(".//time").get("datetime") == "2025-03-14"
    where = claim.find(".//dd/a")
    assert where.get("href") == "https://www.example.org/minutes/14-march"
    assert text_of(where) == "example.org" and "nofollow" in where.get("rel")
    # The verdict in words (its colour is only a hint), with what it means.
    verdict = claim.find(".//div[@class='verdict verdict--low']")
    assert text_of(verdict).startswith("Our verdict: Misleading")
    assert "leaves a false impression" in text_of(verdict)
    # Then the reasoning, then the sources: a link where there is one.
    order = [
        html.index(marker) for marker in ('class="claim"', "How we checked", 'class="sources"')
    ]
    assert order == sorted(order)
    sources = document.find(".//ol[@class='source-list']").findall("li")
    assert [text_of(item) for item in sources] == [
        "Harbour office passenger counts Monthly totals.",
        "Interview with the harbour master",
    ]
    assert sources[0].find(".//a").get("href") == "https://example.org/counts"
    assert sources[1].find(".//a") is None
    # An article still: byline, topics' place, the link to the index.
    assert document.find(".//p[@class='byline']") is not None
    assert f'href="{index.url}"' in html
    assert len(document.findall(".//h1")) == 1


def test_what_editors_and_claimants_wrote_is_escaped(client):
    home = factories.service("en")
    rating = fc.rating(home, 1)
    rating.label = "<b>False</b>"
    rating.description = "<i>Wrong</i>"
    rating.save()
    fc.index(home)
    page = fc.fact_check(
        home,
        claim=HOSTILE_CLAIM,
        claimant=HOSTILE_NAME,
        claim_url=HOSTILE_URL,
        sources=[
            {
                "title": "</li></ol><script>alert('source')</script>",
                "url": 'https://example.org/?x="><script>alert(2)</script>',
                "note": "<em>note</em>",
            }
        ],
    )
    for url in (page.url, "/en/fact-checks/"):
        html = client.get(url).content.decode()
        parse(html)  # still well-formed
        html = without_json_ld(html)
        for raw in (
            "<script>alert",
            "<img src=x",
            "<b>False</b>",
            '"onmouseover',
            "<em>note",
            "<i>Wrong",
        ):
            assert raw not in html, (url, raw)
    html = client.get(page.url).content.decode()
    assert "&lt;img src=x onerror=alert(&quot;who&quot;)&gt;" in html
    assert 'href="https://example.org/post?a=&quot;onmouseover=alert(1)&amp;b=&lt;x&gt;"' in html
    assert "&lt;b&gt;False&lt;/b&gt;" in html


def test_addresses_that_are_not_web_links_are_refused():
    home = factories.service("en")
    page = fc.fact_check(home)
    page.claim_url = "javascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "claim_url" in error.value.message_dict
    page.claim_url = ""
    block = FactCheckPage._meta.get_field("sources").stream_block
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python(
                [
                    {
                        "type": "source",
                        "value": {"title": "A", "url": "javascript:alert(1)", "note": ""},
                    }
                ]
            )
        )


def test_a_persian_fact_check_dates_the_claim_in_the_solar_hijri_calendar(client):
    home = factories.service("fa")
    page = fc.fact_check(home, claim="ادعا", claimant="شهردار", claim_date=date(2025, 3, 21))
    html = client.get(page.url).content.decode()
    assert 'dir="rtl"' in html
    assert "۱ فروردین ۱۴۰۴" in html  # 21 March 2025: Nowruz


def test_the_index_lists_the_newest_with_verdicts_and_pages_the_archive(client):
    home = factories.service("en")
    index = fc.index(home, intro="Claims about the coast, checked.")
    for hours in range(21):
        fc.fact_check(
            home,
            title=f"Check {hours:02d}",
            claimant=f"Speaker {hours:02d}",
            value=hours % 5 + 1,
            published_hours_ago=hours + 1,
        )
    factories.article(home, title="Not a fact-check")
    front = client.get(index.url).content.decode()
    document = parse(front)
    assert "21 fact-checks" in front and "Not a fact-check" not in front
    assert front.index("Check 00") < front.index("Check 01")
    assert "Check 19" in front and "Check 20" not in front
    teaser = document.find(".//article[@class='fact-check-teaser']")
    assert text_of(teaser).startswith("Our verdict: False Check 00")
    assert "Speaker 00 said: “The ferry carried" in text_of(teaser)
    # The legend: every verdict of the scale, best first, with its meaning.
    legend = document.find(".//details[@class='rating-legend']")
    labels = [text_of(dt) for dt in legend.iter("dt")]
    assert labels == ["True", "Mostly true", "Unproven", "Misleading", "False"]
    # Archive pages count from the oldest, as a section's.
    assert f'href="{index.url}page/1/"' in front
    first = client.get(f"{index.url}page/1/").content.decode()
    assert "Check 20" in first and "Check 01" in first and "Check 00" not in first
    assert "Check 00" in client.get(f"{index.url}page/2/").content.decode()
    for missing in ("page/3/", "page/0/"):
        assert client.get(index.url + missing).status_code == 404


def test_an_empty_index_says_so_and_its_legend_is_in_its_language(client):
    home = factories.service("en")
    index = fc.index(home)
    html = client.get(index.url).content.decode()
    assert "No fact-checks have been published yet." in html
    assert "How we rate claims" in html


def test_the_index_is_in_the_services_sitemap(client):
    home = factories.service("en")
    index = fc.index(home)
    page = fc.fact_check(home)
    sitemap = client.get(f"{home.url}sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert any(loc.endswith(index.url) for loc in locations)
    assert any(loc.endswith(page.url) for loc in locations)


def test_fact_check_pages_are_valid_html(client):
    from kolokol.testing import vnu

    vnu.require_vnu()
    home = factories.service("en")
    index = fc.index(home)
    page = fc.fact_check(
        home,
        claim_date=date(2025, 3, 14),
        claim_url="https://example.org/post",
        sources=[{"title": "Counts", "url": "https://example.org/c", "note": "Monthly."}],
    )
    pages = {
        "fact-check": client.get(page.url).content,
        "index": client.get(index.url).content,
        "persian index": client.get(fc.index(factories.service("fa")).url).content,
    }
    assert vnu.errors(pages) == []


def test_partners_copy_a_fact_check_with_its_claim_verdict_and_sources(client):
    import html as html_module

    from kolokol.services.models import RepublishingLicence

    home = factories.service(
        "en", republishing_allowed=True, republishing_licence=RepublishingLicence.CC_BY_ND
    )
    page = fc.fact_check(home, claim="Buses <b>never</b> run late.", claimant="Mayor Ash")
    response = client.get(page.url + "republish/")
    assert response.status_code == 200
    box = response.content.decode().split("<textarea")[1].split("</textarea>")[0]
    copy = html_module.unescape(box)
    assert "Buses &lt;b&gt;never&lt;/b&gt; run late." in copy and "Mayor Ash" in copy
    assert "Our verdict:" in copy and page.rating.label in copy
    assert "How we checked claim" in copy and "Sources" in copy


def test_the_index_is_in_the_navigation_when_shown_in_menus(client):
    home = factories.service("en")
    index = fc.index(home, title="Checked claims")
    article = factories.article(home)
    nav = client.get(article.url).content.decode().split('<nav id="nav"')[1].split("</nav>")[0]
    assert "Checked claims" not in nav
    index.show_in_menus = True
    index.save_revision().publish()
    nav = client.get(index.url).content.decode().split('<nav id="nav"')[1].split("</nav>")[0]
    assert f'<a href="{index.url}" aria-current="page">Checked claims</a>' in nav
