"""Demo comments, replies and comment policies (all invented, like the rest of the demo)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kolokol.articles.models import ArticlePage
from kolokol.comments.models import Comment, CommentPolicy, State

POLICIES = {
    "ru": {
        "moderation": "pre",
        "share_networks": "telegram,vk,whatsapp,email,copy",
        "notice": (
            "Читать нас безопасно. Оставить комментарий, поставить отметку «нравится» или "
            "поделиться статьёй — уже действие, за которое в некоторых странах, в том числе "
            "в России, штрафуют и преследуют. Подумайте об этом, прежде чем нажать кнопку: "
            "не подписывайтесь настоящим именем и не пишите того, что может вас выдать."
        ),
    },
    "en": {
        "moderation": "post",
        "share_networks": "telegram,whatsapp,facebook,x,email,copy",
        "notice": (
            "Reading this site is safe. Commenting, liking or sharing is an act that some "
            "governments punish; think before you post, and use a name that does not identify you."
        ),
    },
    "ky": {
        "moderation": "pre",
        "share_networks": "telegram,whatsapp,facebook,email,copy",
        "notice": (
            "Бизди окуу коопсуз. Комментарий жазуу, «жакты» белгисин коюу же макаланы бөлүшүү "
            "айрым өлкөлөрдө куугунтукка себеп болушу мүмкүн. Чыныгы атыңызды жазбаңыз жана "
            "өзүңүздү тааныта турган эч нерсе калтырбаңыз."
        ),
    },
    "fa": {
        "moderation": "pre",
        "share_networks": "telegram,whatsapp,x,email,copy",
        "notice": (
            "خواندن این سایت امن است. نوشتن دیدگاه، پسندیدن یا هم‌رسانی یک مطلب در برخی "
            "کشورها پیگرد دارد. با نام واقعی خود ننویسید و چیزی ننویسید که شما را بشناساند."
        ),
    },
}

# article slug → [(name, text, minutes after publication, [(name, reply, minutes)])]
COMMENTS = {
    "ru": {
        "most-cherez-svetluyu-otkryli-ranshe-sroka": [
            (
                "Марина",
                "Наконец-то! Каждый день объезжала через плотину, теряла по сорок минут.",
                20,
                [("Сергей", "А пешеходную часть тоже открыли или пока только для машин?", 35)],
            ),
            ("", "Интересно, сколько стоил этот ремонт и кто за него заплатил.", 50, []),
        ],
        "avtobus-do-olkhovskoy-bolnitsy": [
            (
                "Жительница Ольховска",
                "Для пожилых это очень важно: раньше до больницы ехали с пересадкой.",
                60,
                [("Водитель", "Расписание обещают повесить на остановках к понедельнику.", 90)],
            ),
        ],
    },
    "en": {
        "harbour-bridge-reopens-early": [
            (
                "Tom",
                "Good news for everyone on the east side. The detour added half an hour.",
                25,
                [("Priya", "Is the footpath open as well, or only the road?", 40)],
            ),
            ("", "Well done to the crews who worked nights on this.", 70, []),
        ],
        "wind-warning-ferry-sailings-cut": [
            ("Island commuter", "Please post the revised timetable as early as you can.", 30, []),
        ],
    },
    "ky": {
        "kumushsuu-kopuro-achyldy": [
            (
                "Гүлзат",
                "Акыры! Ар күнү дамба аркылуу айланып, жарым саат жоготчумун.",
                15,
                [("Эрлан", "Жөө жүргүнчүлөр үчүн тротуар да ачылдыбы?", 30)],
            ),
        ],
    },
    "fa": {
        "pol-rud-noghreh-baz-shod": [
            (
                "نسرین",
                "بالاخره! هر روز از راه سد دور می‌زدم و نیم ساعت دیر می‌رسیدم.",
                15,
                [("آرش", "پیاده‌رو هم باز شده یا فقط خودروها می‌توانند رد شوند؟", 30)],
            ),
        ],
    },
}


def load(home) -> None:
    """The service's comment policy and its demo comments, unless already there."""
    language = home.language
    if language in POLICIES:
        CommentPolicy.objects.get_or_create(service=home, defaults=POLICIES[language])
    for slug, threads in COMMENTS.get(language, {}).items():
        article = ArticlePage.objects.descendant_of(home).filter(slug=slug).first()
        if article is None or Comment.objects.filter(article=article).exists():
            continue
        start = article.first_published_at or timezone.now()
        for name, body, minutes, replies in threads:
            parent = Comment.objects.create(
                article=article,
                name=name,
                body=body,
                state=State.APPROVED,
                created_at=start + timedelta(minutes=minutes),
            )
            for reply_name, reply, reply_minutes in replies:
                Comment.objects.create(
                    article=article,
                    parent=parent,
                    name=reply_name,
                    body=reply,
                    state=State.APPROVED,
                    created_at=start + timedelta(minutes=reply_minutes),
                )
