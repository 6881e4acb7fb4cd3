"""Demo fact-checks for the Russian and English services, and their indexes.

Fiction, written for Kolokol, in the towns of content_ru.py (Заречье on the
river Светлая) and content_en.py (Wrenmouth on the Kestrel coast): the
people, posts, documents and figures are invented, and the addresses are
under example.org. Each fact-check names its verdict by its position on
the default scale (1 false, 2 misleading, 3 unproven, 4 mostly true,
5 true), so it is found whatever the scale's labels are called. Data only;
see factchecks.py.
"""

from __future__ import annotations

FACT_CHECKS = {
    "ru": {
        "index": {
            "slug": "proverka-faktov",
            "title": "Проверка фактов",
            "intro": "Проверяем, что говорят о Заречье и районе чиновники, депутаты и районные чаты, и показываем, на чём основан каждый наш вывод.",
        },
        "fact_checks": [
            {
                "section": "gorod",
                "slug": "remont-mosta-ne-vtroe-dorozhe",
                "kicker": "Проверка фактов",
                "title": "Ремонт Центрального моста не обошёлся «втрое дороже»: смета выросла на 12 процентов",
                "standfirst": "Депутат городского совета заявил, что ремонт моста стоил втрое больше запланированного. Он сравнил итоговую цену со старой сметой, в которую не входили ни перила, ни водосток.",
                "dateline": "ЗАРЕЧЬЕ",
                "authors": ["ilya-voronin"],
                "topics": ["мосты", "транспорт"],
                "hours_ago": 20,
                "claim": "Ремонт Центрального моста обошёлся городу втрое дороже, чем планировали.",
                "claimant": "Геннадий Сомов, депутат городского совета Заречья",
                "claimant_kind": "person",
                "claim_days_ago": 3,
                "claim_url": "https://example.org/zarechye/sovet/zasedanie-17",
                "rating": 1,
                "image": {
                    "alt": "Бетонный мост через широкую реку в пасмурный день; по мосту едут несколько машин, вдоль новых перил идут пешеходы.",
                    "caption": "Центральный мост после ремонта.",
                    "credit": "Фото: Илья Воронин / Колокол",
                    "motif": "bridge",
                },
                "body": [
                    (
                        "paragraph",
                        "<p>На заседании городского совета в четверг депутат Геннадий Сомов, обсуждая бюджет на следующий год, сказал, что ремонт Центрального моста «обошёлся городу втрое дороже, чем планировали», и предложил не доверять тому же подрядчику ремонт набережной. Мы сравнили документы о ремонте с тем, что прозвучало на заседании.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Контракт на ремонт моста город заключил весной за 84 млн рублей. Летом, когда сняли старое покрытие, выяснилось, что часть опор перил проржавела насквозь, и совет одобрил дополнительное соглашение ещё на 10,1 млн. Итоговая цена — 94,1 млн рублей, на 12% больше начальной. Эти цифры есть в отчёте подрядчика и в реестре муниципальных контрактов.</p>",
                    ),
                    (
                        "factbox",
                        {
                            "title": "Во что обошёлся мост",
                            "items": [
                                "Смета 2019 года: 31 млн рублей, только дорожное покрытие",
                                "Контракт 2025 года: 84 млн рублей — покрытие, перила, водосток и освещение",
                                "Дополнительные работы: 10,1 млн рублей на замену опор перил",
                                "Итого: 94,1 млн рублей, на 12% больше контракта",
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Откуда взялось «втрое»? Депутат сравнил итоговую сумму со сметой 2019 года — 31 млн рублей. Но та смета описывала другой, гораздо меньший ремонт: замену асфальта без перил, водостока и освещения. Её так и не исполнили, а работы, которые в неё входили, составляют лишь часть нынешнего контракта.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "Я говорил о том, сколько нам обещали пять лет назад и сколько мы в итоге заплатили. Но согласен, что состав работ тогда был другой.",
                            "attribution": "Геннадий Сомов",
                            "role": "депутат городского совета, в разговоре с «Колоколом»",
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Вывод: неправда. Ремонт подорожал по сравнению с контрактом на 12%, а не втрое. Сравнение с давней сметой вводит в заблуждение, потому что она описывала куда меньший объём работ.</p>",
                    ),
                ],
                "sources": [
                    {
                        "title": "Муниципальный контракт на ремонт Центрального моста и дополнительное соглашение к нему, реестр контрактов Заречья",
                        "url": "https://example.org/zarechye/kontrakty/most-2025",
                        "note": "Цена контракта и сумма дополнительных работ.",
                    },
                    {
                        "title": "Смета на ремонт покрытия Центрального моста, 2019 год",
                        "url": "",
                        "note": "Копию предоставил отдел городского хозяйства по запросу редакции.",
                    },
                    {
                        "title": "Разговор с Геннадием Сомовым",
                        "url": "",
                        "note": "По телефону, на следующий день после заседания.",
                    },
                ],
            },
            {
                "section": "kultura",
                "slug": "svetlaya-stala-chishche",
                "kicker": "Проверка фактов",
                "title": "Правда ли, что Светлая стала чище, чем десять лет назад? В основном да",
                "standfirst": "Глава района в отчёте жителям сказала, что вода в реке теперь чище, чем десять лет назад. Данные мониторинга и студенческие пробы это подтверждают — но только выше Заречья.",
                "dateline": "ОЛЬХОВСК",
                "authors": ["svetlana-larina"],
                "topics": ["река", "наука"],
                "hours_ago": 64,
                "claim": "Вода в Светлой сегодня чище, чем десять лет назад.",
                "claimant": "Ирина Муравьёва, глава Зареченского района",
                "claimant_kind": "person",
                "claim_days_ago": 5,
                "claim_url": "https://example.org/zarechye/rayon/otchet-glavy",
                "rating": 4,
                "image": {
                    "alt": "Мелкая прозрачная река с каменистым дном; на дальнем берегу — ивы и деревянные мостки.",
                    "caption": "Светлая на перекате выше Каменного Брода.",
                    "credit": "Фото: Светлана Ларина / Колокол",
                    "motif": "river",
                },
                "body": [
                    (
                        "paragraph",
                        "<p>В ежегодном отчёте перед жителями глава района Ирина Муравьёва назвала очищение Светлой одним из главных итогов последних лет: «Вода в реке сегодня чище, чем десять лет назад». Мы проверили, что об этом говорят измерения.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Областной центр мониторинга берёт пробы воды в Светлой на трёх постах с 2012 года. По его данным, среднее содержание аммония выше Заречья с 2014 года снизилось почти на 40%, а растворённого кислорода стало больше. Улучшение совпадает по времени с реконструкцией очистных сооружений в Ольховске.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>Это подтверждают и студенты полевой станции Ольховского колледжа, которые оценивают реку по личинкам ручейников и веснянок: выше Заречья видов теперь больше, чем при обследовании 2013 года.</p>",
                    ),
                    (
                        "list",
                        {
                            "ordered": False,
                            "items": [
                                "выше Заречья: аммоний снизился почти на 40%, видов личинок стало больше",
                                "ниже Заречья: видовое разнообразие ниже, чем выше города",
                                "фосфаты на всех трёх постах почти не изменились",
                            ],
                        },
                    ),
                    (
                        "quote",
                        {
                            "text": "Верхнее течение действительно восстанавливается. Ниже города говорить о таком же улучшении пока рано: данных мало, и они неоднозначные.",
                            "attribution": "Павел Рудаков",
                            "role": "руководитель полевой станции Ольховского колледжа",
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Вывод: в основном правда. По главным показателям вода выше Заречья стала чище, но ниже города и по фосфатам заметного улучшения нет, а в отчёте главы района об этом не сказано.</p>",
                    ),
                ],
                "sources": [
                    {
                        "title": "Данные наблюдений за качеством воды реки Светлой, 2012–2025, областной центр мониторинга",
                        "url": "https://example.org/oblast/monitoring/svetlaya",
                        "note": "Аммоний, фосфаты и растворённый кислород на трёх постах.",
                    },
                    {
                        "title": "Промежуточный отчёт полевой станции Ольховского аграрного колледжа",
                        "url": "",
                        "note": "Предоставлен руководителем станции.",
                    },
                    {
                        "title": "Отчёт главы Зареченского района перед жителями",
                        "url": "https://example.org/zarechye/rayon/otchet-glavy",
                        "note": "",
                    },
                ],
            },
        ],
    },
    "en": {
        "index": {
            "slug": "fact-checks",
            "title": "Fact checks",
            "intro": "We check claims made about Wrenmouth and the Kestrel coast by officials, campaigners and social media posts, and show how we reached each verdict.",
        },
        "fact_checks": [
            {
                "section": "community",
                "slug": "lido-not-heated-by-diesel",
                "kicker": "Fact check",
                "title": "No, the lido’s new pool is not heated by diesel generators",
                "standfirst": "A post shared hundreds of times in a local online group says the restored pool burns diesel to stay warm. Its heating runs on electric heat pumps; the generator in the photo was there for two days during building work.",
                "dateline": "WRENMOUTH",
                "authors": ["callum-reid"],
                "topics": ["sport", "health"],
                "hours_ago": 30,
                "claim": "The new heated pool at the lido is kept warm by diesel generators running day and night.",
                "claimant": "Wrenmouth Community Noticeboard, an online residents’ group",
                "claimant_kind": "organization",
                "claim_days_ago": 2,
                "claim_url": "https://example.org/wrenmouth-noticeboard/posts/lido-heating",
                "rating": 1,
                "image": {
                    "alt": "Low white buildings around an open-air pool, with a row of grey heat pump units behind a fence at the back.",
                    "caption": "The lido’s heat pumps sit behind the plant room.",
                    "credit": "Photo: Callum Reid / Kolokol",
                    "motif": "city",
                },
                "body": [
                    (
                        "paragraph",
                        "<p>A week after Wrenmouth’s seafront lido reopened, a post in a local online group claimed that its heated pool is “kept warm by diesel generators running day and night”. It came with a photo of a large yellow generator parked beside the plant room, and has been shared several hundred times.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>The pool is heated by air-source heat pumps, which run on mains electricity. They are listed in the planning application for the restoration, and we saw eight of the units working behind the plant room on Tuesday. Solar panels on the changing-room roof supply part of their power in summer.</p>",
                    ),
                    (
                        "factbox",
                        {
                            "title": "How the lido is heated",
                            "items": [
                                "Eight air-source heat pumps on mains electricity",
                                "Solar panels on the changing rooms cover part of the load in summer",
                                "A pool cover at night keeps in most of the day’s heat",
                                "No diesel or gas boilers on the site",
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>The generator in the photo was real. The contractor hired it for two days in March, while the lido’s new electricity connection was being switched over, and it powered the site’s tools and lights. It was taken away before the pool was filled, six weeks before the lido reopened.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "People saw the generator during the works and put two and two together. It never had anything to do with the water, which wasn’t even in the pool then.",
                            "attribution": "Dan Roskilly",
                            "role": "manager of Wrenmouth Lido",
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Our verdict: false. The pool is heated by electric heat pumps; the only diesel generator on the site was a temporary one, used during building work before the pool was filled.</p>",
                    ),
                ],
                "sources": [
                    {
                        "title": "Planning application for the restoration of Wrenmouth Lido, Wrenmouth Town Council",
                        "url": "https://example.org/wrenmouth/planning/lido-restoration",
                        "note": "The design and access statement describes the heating.",
                    },
                    {
                        "title": "Interview with Dan Roskilly, manager of Wrenmouth Lido",
                        "url": "",
                        "note": "At the lido, on the day after the post appeared.",
                    },
                    {
                        "title": "Hire agreement for the temporary generator",
                        "url": "",
                        "note": "Shown to us by the restoration contractor.",
                    },
                ],
            },
            {
                "section": "town",
                "slug": "ferry-winter-sailings-not-halved",
                "kicker": "Fact check",
                "title": "Has the Port Ellery ferry halved its winter sailings? Not quite",
                "standfirst": "A councillor told a committee that the new timetable cuts winter crossings by half. The cut is real, but it is a third, and only on weekdays in January and February.",
                "dateline": "KESTREL BAY",
                "authors": ["owen-pryce"],
                "topics": ["transport", "harbour"],
                "hours_ago": 76,
                "claim": "The new ferry timetable cuts winter sailings between Kestrel Bay and Port Ellery by half.",
                "claimant": "Councillor Rhys Bannon",
                "claimant_kind": "person",
                "claim_days_ago": 6,
                "claim_url": "",
                "rating": 2,
                "image": {
                    "alt": "A small passenger ferry leaving a stone harbour under a grey sky, with a few passengers on the open rear deck.",
                    "caption": "The Port Ellery ferry leaving Kestrel Bay.",
                    "credit": "Photo: Owen Pryce / Kolokol",
                    "motif": "harbour",
                },
                "body": [
                    (
                        "paragraph",
                        "<p>At the town council’s transport committee on Monday, Councillor Rhys Bannon said the ferry operator’s draft winter timetable “cuts winter sailings between Kestrel Bay and Port Ellery by half”, and asked the council to object. We compared the draft with this winter’s timetable.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>This winter the ferry makes twelve crossings a day on weekdays and ten at weekends, from November to March. Under the draft, weekday crossings fall to eight in January and February only. Weekend sailings, and the timetable in November, December and March, stay as they are.</p>",
                    ),
                    (
                        "factbox",
                        {
                            "title": "Winter crossings a day",
                            "items": [
                                "Weekdays, now: 12 from November to March",
                                "Weekdays, draft: 8 in January and February, 12 in the other months",
                                "Weekends: 10, unchanged",
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        "<p>That is a third fewer crossings on weekdays for about eight weeks, not half. Over the whole winter, the number of sailings falls by about one in eight. The operator says the quietest weekday crossings in those months carried fewer than five passengers on average last year; the harbour office’s figures show the same.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "For the people who rely on the early boat in January, a cut is a cut, and it matters. But I accept it isn’t half.",
                            "attribution": "Rhys Bannon",
                            "role": "town councillor, speaking to Kolokol",
                        },
                    ),
                    (
                        "paragraph",
                        "<p>Our verdict: misleading. Winter sailings are being cut, but by a third on weekdays in two months, not by half across the winter.</p>",
                    ),
                ],
                "sources": [
                    {
                        "title": "Draft winter timetable for the Port Ellery ferry, published by the operator for consultation",
                        "url": "https://example.org/port-ellery-ferry/timetable-winter-draft",
                        "note": "",
                    },
                    {
                        "title": "Minutes of the Wrenmouth Town Council transport committee",
                        "url": "https://example.org/wrenmouth/council/transport-committee-minutes",
                        "note": "The councillor’s words as minuted.",
                    },
                    {
                        "title": "Passenger counts for the past three winters",
                        "url": "",
                        "note": "Supplied by the Kestrel Bay harbour office.",
                    },
                ],
            },
        ],
    },
}
