"""Demo live blogs, one per service that has one. Data only; see live.py.

Each post is (minutes after the coverage started, headline, text, flags);
flags are "key" (a key update) and "pin" (pinned).
"""

from __future__ import annotations

LIVE_BLOGS = {
    "en": {
        "section": "town",
        "slug": "storm-agnes-live",
        "title": "Storm warning on the Kestrel coast: live updates",
        "kicker": "Weather",
        "standfirst": "Gales and a high spring tide meet along the coast tonight. Follow road closures, ferry news and advice here as they come in.",
        "authors": ["owen-pryce", "eleanor-marsh"],
        "intro": "<p>The Met Office has issued an amber wind warning for the Kestrel coast from 6pm until 6am. Our reporters are at the harbour, on the coast road and at the council’s emergency centre. Tell us what you see on your street through the contact page.</p>",
        "image": {
            "alt": "Dark clouds over a harbour, with a line of white waves running along the outer wall.",
            "caption": "Clouds gather over Wrenmouth harbour in the late afternoon.",
            "credit": "Photo: Owen Pryce / Kolokol",
            "motif": "river",
        },
        "highlights": [
            "Amber wind warning from 6pm until 6am; gusts of up to 110 km/h expected on exposed headlands.",
            "The Port Ellery ferry is cancelled for the rest of the day.",
            "The coast road between Hollin Sands and the harbour is closed to high-sided vehicles.",
            "The council’s emergency centre at the library answers on its usual number all night.",
        ],
        "started_hours_ago": 3,
        "posts": [
            (
                5,
                "Warning in force",
                "The amber warning is now in force. Council crews are tying down the market stalls on Quay Street and moving the bins off the promenade.",
                ["key"],
            ),
            (
                22,
                "",
                "Sandbags are being handed out at the fire station on Mill Lane until 9pm; bring your own car, the crews will load it.",
                [],
            ),
            (
                40,
                "Ferry cancelled",
                "The ferry company says the last crossing to Port Ellery has been cancelled. Passengers with tickets for tonight can use them on any sailing this week.",
                ["key"],
            ),
            (
                63,
                "",
                "Waves are now breaking over the outer harbour wall. The harbour master asks people to keep off the wall and the slipway: the spray is heavier than it looks.",
                [],
            ),
            (
                85,
                "Coast road",
                "Police have closed the coast road to high-sided vehicles between Hollin Sands and the harbour roundabout. Cars can still use it with care.",
                [],
            ),
            (
                101,
                "What to do if the power goes",
                "If the power goes off, report it on the network operator’s free number rather than to the council, and keep fridges closed. People who rely on electrical medical equipment can ask the emergency centre for help.",
                ["pin"],
            ),
            (
                124,
                "",
                "Our reporter on the promenade says the tide is about forty minutes from its highest point; the water is a hand’s width below the top of the sea wall at the lifeboat station.",
                [],
            ),
            (
                150,
                "High tide passes",
                "High tide has passed without the sea wall being overtopped in the town centre. Two gardens on Shore Terrace flooded when a drain backed up.",
                ["key"],
            ),
        ],
    },
    "ru": {
        "section": "gorod",
        "slug": "navodnenie-na-svetloy-onlayn",
        "title": "Паводок на Светлой: онлайн",
        "kicker": "Паводок",
        "standfirst": "Вода в Светлой поднимается быстрее, чем в прошлые вёсны. Здесь — перекрытые дороги, работа переправы и советы жителям прибрежных улиц.",
        "authors": ["ilya-voronin", "anna-petrova"],
        "intro": "<p>Городская администрация ввела режим повышенной готовности. Наши корреспонденты работают на набережной, у нижнего моста и в пункте временного размещения в школе № 2. Сообщите нам, если вода подошла к вашему дому: контакты редакции — внизу страницы.</p>",
        "image": {
            "alt": "Широкая река вровень с берегами, на воде — ветки и мусор, на заднем плане — низкий мост.",
            "caption": "Светлая у нижнего моста утром.",
            "credit": "Фото: Илья Воронин / Колокол",
            "motif": "river",
        },
        "highlights": [
            "Уровень воды у нижнего моста — 4,2 метра, на 60 сантиметров выше, чем вчера утром.",
            "Нижний мост закрыт для машин, пешеходы могут проходить по нему до особого распоряжения.",
            "Пункт временного размещения работает в школе № 2 на улице Садовой.",
            "Паромная переправа в Ольховку приостановлена.",
        ],
        "started_hours_ago": 5,
        "posts": [
            (
                10,
                "Режим повышенной готовности",
                "Администрация ввела режим повышенной готовности во всех прибрежных кварталах. Спасатели дежурят у нижнего моста и на лодочной станции.",
                ["key"],
            ),
            (
                35,
                "",
                "На Береговой улице жители выносят вещи из подвалов. Соседи помогают пожилым: в доме 14 мешки с песком укладывали всем подъездом.",
                [],
            ),
            (
                58,
                "Мост закрыт для машин",
                "Нижний мост закрыт для автомобилей. Автобус № 3 идёт в объезд через центральный мост, интервал увеличен до 20 минут.",
                ["key"],
            ),
            (
                84,
                "",
                "Переправа в Ольховку приостановлена: течение слишком сильное для парома. Лодочная станция принимает звонки от жителей Ольховки, которым нужна помощь.",
                [],
            ),
            (
                110,
                "Куда обращаться",
                "Если вода подошла к дому, звоните в единую службу спасения. Пункт временного размещения в школе № 2 принимает людей с домашними животными, нужно взять документы и лекарства.",
                ["pin"],
            ),
            (
                140,
                "",
                "По данным гидрологов, подъём воды замедлился: за последний час — два сантиметра против десяти утром.",
                [],
            ),
            (
                175,
                "Вода перестала прибывать",
                "Уровень Светлой у нижнего моста не меняется второй час. Спасатели предупреждают: возвращаться в подтопленные дома пока рано.",
                ["key"],
            ),
        ],
    },
}
