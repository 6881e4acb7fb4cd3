"""kolokol benchdata --articles N: a large archive, fast, for benchmarks.

Adds N articles to the sections of one demo service by writing rows in
bulk (Wagtail's page-by-page API would take an hour for 100,000). Each
copies the body, lead image, byline and topics of an existing demo article
of the same section under a new headline, spread back in time. They are
live and public but have no revisions and are not in the search index:
they exist to measure rendering, listings and exports at scale.
"""

import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from kolokol.articles.models import ArticleAuthor, ArticlePage, ArticleTag
from kolokol.core import clock
from kolokol.core.progress import progress
from kolokol.sections.models import SectionPage
from kolokol.services.models import ServiceHomePage

BATCH = 500
LOCAL_FIELDS = [f for f in ArticlePage._meta.local_concrete_fields if f.name != "page_ptr"] + [
    ArticlePage._meta.get_field("page_ptr")
]


class Command(BaseCommand):
    help = "Add N generated articles to a demo service in bulk (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--service", default="ru")

    def handle(self, *args, articles, service, **options):
        home = ServiceHomePage.objects.filter(slug=service).first()
        if home is None:
            raise CommandError(f"no service {service!r}: run `kolokol load_demo` first")
        sections = list(SectionPage.objects.child_of(home))
        models = {s.pk: ArticlePage.objects.child_of(s).first() for s in sections}
        if not all(models.values()):
            raise CommandError("every section needs one demo article to copy")
        content_type = ContentType.objects.get_for_model(ArticlePage)
        now = timezone.now()
        batches = range(0, articles, BATCH)
        for start in progress(batches, len(batches), "Generating", out=self.stderr):
            with transaction.atomic():
                self.batch(
                    home, sections, models, content_type, now, start, min(BATCH, articles - start)
                )
        # Written straight into the tables: running processes must forget what
        # they keep of the listings and the upper pages.
        clock.bump()
        self.stdout.write(f"Added {articles} articles to {home.url}.")

    def batch(self, home, sections, models, content_type, now, start, count):
        run = uuid.uuid4().hex[:6]
        plan = []
        for offset in range(count):
            n = start + offset
            section = sections[n % len(sections)]
            plan.append((n, section))
        pages = []
        for section in sections:
            fresh = Page.objects.get(pk=section.pk)  # numchild moves on between batches
            mine = [(n, s) for n, s in plan if s.pk == section.pk]
            for i, (n, _) in enumerate(mine):
                slug = f"bench-{run}-{n}"
                published = now - timedelta(days=30, minutes=n)
                pages.append(
                    ArticlePage(
                        content_type=content_type,
                        path=Page._get_path(fresh.path, fresh.depth + 1, fresh.numchild + i + 1),
                        depth=fresh.depth + 1,
                        numchild=0,
                        title=f"{models[section.pk].title} ({n})",
                        draft_title=f"{models[section.pk].title} ({n})",
                        slug=slug,
                        url_path=f"{fresh.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        locale_id=home.locale_id,
                        translation_key=uuid.uuid4(),
                        standfirst=models[section.pk].standfirst,
                        kicker=models[section.pk].kicker,
                        dateline=models[section.pk].dateline,
                        lead_image_id=models[section.pk].lead_image_id,
                        lead_image_caption=models[section.pk].lead_image_caption,
                        body=models[section.pk].body.raw_data,
                    )
                )
            Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + len(mine))
        base = [
            Page(
                **{
                    f.attname: getattr(p, f.attname)
                    for f in Page._meta.concrete_fields
                    if f.attname != "id"
                }
            )
            for p in pages
        ]
        Page.objects.bulk_create(base)
        if base[0].pk is None:  # backends that do not return ids (none we support, but be safe)
            ids = dict(
                Page.objects.filter(url_path__in=[p.url_path for p in base]).values_list(
                    "url_path", "id"
                )
            )
            for page in base:
                page.pk = ids[page.url_path]
        for page, row in zip(pages, base, strict=True):
            page.pk = page.page_ptr_id = page.id = row.pk
        ArticlePage.objects._insert(pages, fields=LOCAL_FIELDS)
        authors, tags = [], []
        for page in pages:
            model = models[next(s.pk for s in sections if page.url_path.startswith(s.url_path))]
            authors += [
                ArticleAuthor(page_id=page.pk, author_id=b.author_id, sort_order=b.sort_order)
                for b in model.bylines.all()
            ]
            tags += [
                ArticleTag(content_object_id=page.pk, tag_id=t.tag_id)
                for t in model.tagged_items.all()
            ]
        ArticleAuthor.objects.bulk_create(authors)
        ArticleTag.objects.bulk_create(tags)
