"""Articles in IPTC's ninjs 2.0 for syndication partners."""

import json
from pathlib import Path

import jsonschema
import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db

# Kolokol's own transcription of the ninjs 2.0 specification (see its description).
SCHEMA = json.loads((Path(__file__).parent / "ninjs-2.0-kolokol.schema.json").read_text())
VALIDATOR = jsonschema.Draft4Validator(
    SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
)


def valid(item: dict) -> dict:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(item)]
    assert not errors, errors
    return item


def test_the_schema_rejects_what_ninjs_does_not_allow():
    """The validator is live: unknown properties, bad enums and bad dates fail."""
    assert not VALIDATOR.is_valid({"headlines": []})  # uri is required
    assert not VALIDATOR.is_valid({"uri": "http://x.test/a", "headline": "x"})
    assert not VALIDATOR.is_valid({"uri": "http://x.test/a", "type": "article"})
    assert not VALIDATOR.is_valid({"uri": "http://x.test/a", "firstcreated": "yesterday"})


def test_article_as_a_ninjs_item(client):
    home = factories.service("ru")
    writer = factories.author(home, "Анна Петрова")
    picture = factories.image(description="Паром у причала", credit="Фото: А. Иванова")
    article = factories.article(
        home,
        title="Паром снова ходит",
        kicker="Транспорт",
        standfirst="Переправа снова открыта.",
        dateline="ОШ",
        authors=[writer],
        topics=["Реки", "Транспорт"],
        body=[
            {"type": "paragraph", "value": "<p>Паром вышел на рассвете.</p>"},
            {"type": "quote", "value": {"text": "Мы скучали", "attribution": "", "role": ""}},
        ],
        lead_image=picture,
        lead_image_caption="Паром на рассвете",
    )
    response = client.get(f"/api/v1/ninjs/articles/{article.pk}/")
    assert response.status_code == 200
    item = valid(response.json())

    assert item["uri"] == article.get_full_url()
    assert item["type"] == "text" and item["pubstatus"] == "usable"
    assert item["standard"]["name"] == "ninjs" and item["standard"]["version"] == "2.0"
    assert item["version"] == str(article.live_revision_id)
    assert item["language"] == "ru"
    assert item["firstcreated"] == article.first_published_at.isoformat()
    assert item["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": "Паром снова ходит"},
        {"role": "kicker", "contenttype": "text/plain", "value": "Транспорт"},
    ]
    assert item["descriptions"][0]["value"] == "Переправа снова открыта."
    body = item["bodies"][0]
    assert body["contenttype"] == "text/html"
    assert "Паром вышел на рассвете." in body["value"]
    assert "«Мы скучали»" in body["value"]  # rendered in the service's language
    assert body["wordcount"] == 6
    assert item["by"] == "Анна Петрова"
    assert item["people"] == [
        {"name": "Анна Петрова", "rel": "author", "uri": writer.get_full_url()}
    ]
    assert [s["name"] for s in item["subjects"]] == ["Реки", "Транспорт"]
    assert item["located"] == "ОШ"

    [lead] = item["associations"]
    assert lead["name"] == "leadpicture" and lead["type"] == "picture"
    assert lead["by"] == "Фото: А. Иванова"
    assert {"role": "caption", "contenttype": "text/plain", "value": "Паром на рассвете"} in lead[
        "descriptions"
    ]
    assert {d["role"]: d["value"] for d in lead["descriptions"]}["alttext"] == "Паром у причала"
    assert [r["width"] for r in lead["renditions"]] == [1200, 960, 480]
    assert all(r["contenttype"] == "image/jpeg" for r in lead["renditions"])


def test_ninjs_list_filters_and_pages_like_the_json_list(client):
    en = factories.service("en")
    ru = factories.service("ru")
    for hours in range(3):
        factories.article(en, title=f"English {hours}", published_hours_ago=hours + 1)
    factories.article(ru, title="Русская", published_hours_ago=0.5)

    page = client.get("/api/v1/ninjs/articles/", {"service": "en", "page_size": 2}).json()
    assert [valid(i)["headlines"][0]["value"] for i in page["results"]] == [
        "English 0",
        "English 1",
    ]
    rest = client.get(page["next"].removeprefix("http://testserver")).json()
    assert [i["headlines"][0]["value"] for i in rest["results"]] == ["English 2"]
    assert rest["next"] is None
    assert client.get("/api/v1/ninjs/articles/", {"service": "xx"}).status_code == 422


def test_a_video_story_lists_its_renditions_for_partners(client, media_sources):
    home = factories.service("en")
    clip = factories.clip(media_sources["video"], title="Harbour at dawn", transcript="Gulls.")
    article = factories.article(home, title="The harbour wakes up", lead_clip=clip)
    item = valid(client.get(f"/api/v1/ninjs/articles/{article.pk}/").json())
    [video] = [a for a in item["associations"] if a["type"] == "video"]
    assert video["name"] == "leadvideo" and video["uri"].endswith("/360p.mp4")
    names = [r["name"] for r in video["renditions"]]
    assert names == ["240p", "360p", "hls"]
    assert video["renditions"][0]["height"] == 240 and video["renditions"][0]["sizeinbytes"] > 0
    assert all(r["href"].startswith("http") for r in video["renditions"])
    assert video["descriptions"][0] == {
        "role": "transcript",
        "contenttype": "text/plain",
        "value": "Gulls.",
    }
