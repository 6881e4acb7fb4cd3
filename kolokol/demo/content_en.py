"""Demo content for the English-language service: a fictional coastal town,
Wrenmouth, and its neighbours on the Kestrel coast. Data only; see loader.py."""

from __future__ import annotations

SERVICE = {
    "slug": "en",
    "language": "en",
    "title": "Kolokol · Wrenmouth",
    "tagline": "News from Wrenmouth and the Kestrel coast",
    "time_zone": "Europe/London",
    "contact_email": "newsroom-en@example.org",
}

SECTIONS = [
    {
        "slug": "town",
        "title": "Town & Transport",
        "intro": "Roads, ferries, bridges, weather and the everyday running of Wrenmouth and its neighbouring villages.",
    },
    {
        "slug": "community",
        "title": "Community",
        "intro": "Schools, health services, local business and the people who keep the coast going.",
    },
    {
        "slug": "culture",
        "title": "Science & Culture",
        "intro": "Libraries, festivals, research and the arts along the Kestrel coast.",
    },
    {
        "slug": "sport",
        "title": "Sport",
        "intro": "Grassroots and club sport, from the football pitch to the gig-racing lanes.",
    },
]

AUTHORS = [
    {
        "slug": "eleanor-marsh",
        "name": "Eleanor Marsh",
        "role": "Community reporter",
        "bio": "Eleanor covers schools, health services and village life across the Kestrel coast. She joined Kolokol after a decade on a regional weekly paper.",
    },
    {
        "slug": "owen-pryce",
        "name": "Owen Pryce",
        "role": "Transport and town affairs correspondent",
        "bio": "Owen reports on roads, ferries, bridges and the town council’s budgets. He commutes on the coast line and keeps a well-thumbed timetable in his bag.",
    },
    {
        "slug": "nadia-hollis",
        "name": "Nadia Hollis",
        "role": "Science and culture correspondent",
        "bio": "Nadia trained as a marine biologist before moving into journalism. She writes about research, libraries and the arts on the coast.",
    },
    {
        "slug": "callum-reid",
        "name": "Callum Reid",
        "role": "Sports reporter",
        "bio": "Callum follows grassroots sport from Wrenmouth to Hollin Sands. He still rows for a veterans’ gig crew on Sunday mornings.",
    },
]

TOPIC_INTROS = {}

ARTICLES = [
    # ------------------------------------------------------ Town & Transport
    {
        "section": "town",
        "slug": "harbour-bridge-reopens-early",
        "kicker": "Transport",
        "title": "Harbour lifting bridge reopens to traffic two weeks ahead of schedule",
        "standfirst": "Engineers have finished replacing the deck and lifting gear on Wrenmouth’s harbour bridge. Buses return to their usual routes on Monday.",
        "dateline": "WRENMOUTH",
        "authors": ["owen-pryce"],
        "topics": ["bridges", "transport", "harbour"],
        "hours_ago": 3,
        "updated_hours_ago": 1,
        "image": {
            "alt": "A steel lifting bridge across a harbour channel, its deck lowered and a few cars crossing while fishing boats wait at their moorings below.",
            "caption": "The first cars cross the harbour bridge shortly after 7am.",
            "credit": "Photo: Owen Pryce / Kolokol",
            "motif": "bridge",
        },
        "body": [
            (
                "paragraph",
                "<p>Wrenmouth’s harbour bridge reopened to cars and buses this morning, two weeks earlier than planned. The lifting bridge, which links the town centre with the East Quay, has been closed to traffic since early February while contractors replaced its road deck, hydraulic rams and control cabin. Pedestrians were allowed back across at the weekend.</p>",
            ),
            (
                "quote",
                {
                    "text": "We had built three weeks of bad weather into the schedule and only needed one of them. The crews worked double shifts through March, and it paid off.",
                    "attribution": "Gareth Lowther",
                    "role": "project manager for the bridge contractor",
                },
            ),
            (
                "paragraph",
                "<p>The closure sent drivers on a six-mile detour via the Port Ellery road and cut the East Quay off from the town’s bus network. Traders there reported a sharp fall in footfall over the winter and had urged the council to get the bridge back in use before the summer season. Several said they were relieved to see the number 4 bus on the quay again.</p>",
            ),
            (
                "factbox",
                {
                    "title": "The harbour bridge",
                    "items": [
                        "Opened in 1934; the lifting span is 28 metres long",
                        "Raised around 1,200 times a year for boats entering the inner harbour",
                        "Carries about 7,500 vehicles on a typical weekday",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>Some restrictions remain for now. Lorries over 18 tonnes will not be allowed across until load tests are completed in mid-May, and the bridge will be raised only around high tide while engineers fine-tune the new lifting gear. Boat owners have been asked to book openings with the harbour office at least two hours in advance.</p>",
            ),
            (
                "paragraph",
                "<p>The council says the new deck should last at least 40 years. Engineers will return in the autumn to repaint the counterweight tower, a job that can be done without closing the road.</p>",
            ),
            (
                "embed",
                {
                    "url": "https://en.wikipedia.org/wiki/Bascule_bridge",
                    "title": "Bascule bridge — Wikipedia",
                    "provider": "Wikipedia",
                    "description": "How counterweighted lifting bridges like Wrenmouth’s work, with examples from around the world.",
                },
            ),
        ],
    },
    {
        "section": "town",
        "slug": "wind-warning-ferry-sailings-cut",
        "kicker": "Weather",
        "title": "Strong winds expected on Thursday as Port Ellery ferry sailings are cut",
        "standfirst": "Forecasters have issued a yellow warning for wind along the coast. The ferry will run a reduced timetable, and parts of the promenade may close at high tide.",
        "dateline": "KESTREL BAY",
        "authors": ["owen-pryce"],
        "topics": ["weather", "transport"],
        "hours_ago": 7,
        "updated_hours_ago": 4,
        "notes": [
            {
                "kind": "update",
                "hours_ago": 4,
                "text": "The ferry operator has now cancelled the afternoon sailings as well. Forecasters have extended the yellow warning until 9am on Friday.",
            },
        ],
        "image": {
            "alt": "Grey waves breaking against a stone harbour wall under a dark sky, with a small passenger ferry tied up at a pontoon.",
            "caption": "The Port Ellery ferry at its Kestrel Bay berth on Wednesday afternoon.",
            "credit": "Photo: Owen Pryce / Kolokol",
            "motif": "harbour",
        },
        "body": [
            (
                "paragraph",
                "<p>Gusts of up to 60mph are expected along the Kestrel coast on Thursday, and forecasters have issued a yellow warning for wind from 6am until late evening. The strongest winds are likely around the midday high tide, when waves could spill over the promenade in Wrenmouth and the sea wall at Kestrel Bay.</p>",
            ),
            (
                "factbox",
                {
                    "title": "Yellow wind warning",
                    "items": [
                        "In force from 6am to 10pm on Thursday",
                        "Gusts of 50–60mph on exposed coasts",
                        "High tide in Wrenmouth at 12.40pm",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>The operator of the Port Ellery ferry has already cancelled its morning crossings and will decide on afternoon sailings by 11am. Passengers with return tickets can use them on any service until Sunday. The coastal bus between Wrenmouth and Hollin Sands will run as normal but may be diverted inland if the seafront road is closed.</p>",
            ),
            (
                "quote",
                {
                    "text": "This is a typical spring blow rather than anything exceptional. The main thing is to stay off the sea wall around high tide and keep an eye on loose garden furniture.",
                    "attribution": "Priya Castell",
                    "role": "duty forecaster at the Kestrel Point weather station",
                },
            ),
            (
                "paragraph",
                "<p>The council is not expecting serious disruption, but it has issued practical advice for residents and visitors. Its main recommendations are:</p>",
            ),
            (
                "list",
                {
                    "ordered": False,
                    "items": [
                        "avoid the promenade and harbour walls for two hours either side of high tide",
                        "secure bins, trampolines and garden furniture on Wednesday evening",
                        "check the ferry operator’s website before setting out",
                        "report fallen trees or blocked drains to the council’s 24-hour line",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>Winds are expected to ease on Friday morning, with a dry and bright weekend forecast. Fishing boats from Wrenmouth and Kestrel Bay are expected to stay in harbour until then. We will update this story if the warning is extended.</p>",
            ),
        ],
    },
    {
        "section": "town",
        "slug": "coast-line-late-trains",
        "kicker": "",
        "title": "Coast line to run late trains on Fridays and Saturdays from May",
        "standfirst": "Two extra evening services will link Wrenmouth with the city on weekend nights. Businesses hope the change will bring more visitors this summer.",
        "dateline": "PORT ELLERY",
        "authors": ["owen-pryce"],
        "topics": ["transport", "economy"],
        "hours_ago": 50,
        "updated_hours_ago": None,
        "notes": [
            {
                "kind": "correction",
                "hours_ago": 26,
                "text": "An earlier version of this article said the late trains would call at Hollin Sands. They will call only at Port Ellery and Kestrel Bay before reaching Wrenmouth.",
            },
        ],
        "image": {
            "alt": "A two-carriage train waiting at a small station platform beside the sea, with passengers boarding under a canopy.",
            "caption": "Port Ellery station, where the new late services will also stop.",
            "credit": "Photo: Owen Pryce / Kolokol",
            "motif": "train",
        },
        "body": [
            (
                "paragraph",
                "<p>Late-night trains will run on the coast line on Fridays and Saturdays from the middle of May, the rail operator has confirmed. Two extra services will leave the city at 10.45pm and 11.50pm, calling at Port Ellery and Kestrel Bay before arriving in Wrenmouth just after 1am. At present the last train home leaves the city at 9.30pm.</p>",
            ),
            (
                "paragraph",
                "<p>The change follows a two-year campaign by the Coast Line Users’ Group, which collected more than 3,000 signatures. Members argued that the early last train made it almost impossible to go to a concert or work a late shift in the city without driving. The operator says passenger numbers on the line have risen by 11 per cent since last spring.</p>",
            ),
            (
                "quote",
                {
                    "text": "For years people have asked us what the point of a train is if you have to leave the theatre before the interval. This won’t solve everything, but it is the biggest improvement to the timetable in a decade.",
                    "attribution": "Margaret Okafor",
                    "role": "chair of the Coast Line Users’ Group",
                },
            ),
            (
                "image",
                {
                    "alt": "A station departure board showing evening trains, with a man in a cycling jacket checking his phone beside it.",
                    "caption": "The new services will appear on departure boards from 10 May.",
                    "credit": "Photo: Owen Pryce / Kolokol",
                    "motif": "train",
                },
            ),
            (
                "paragraph",
                "<p>Hospitality businesses along the coast have welcomed the news. Several restaurant owners in Wrenmouth said that diners from the city often left before dessert to catch the last train, and one hotel expects more weekend bookings from people who no longer need to drive. The late services will run as a trial until the end of September, when the operator will decide whether to keep them through the winter.</p>",
            ),
            (
                "paragraph",
                "<p>Fares will be the same as for daytime off-peak travel, and bicycles can be carried free of charge. Tickets are already on sale, and the users’ group is asking passengers to share their experiences of the first weeks so that it can make the case for a permanent timetable.</p>",
            ),
        ],
    },
    {
        "section": "town",
        "slug": "promenade-repairs-finished",
        "kicker": "",
        "title": "Promenade repairs finished after winter storms tore up the seafront path",
        "standfirst": "A 400-metre stretch of Wrenmouth’s promenade has reopened with a new surface and stronger railings. The work was completed just in time for the Easter holidays.",
        "dateline": "WRENMOUTH",
        "authors": ["owen-pryce"],
        "topics": ["weather", "harbour"],
        "hours_ago": 310,
        "updated_hours_ago": None,
        "image": {
            "alt": "A wide seafront promenade with fresh paving, blue railings and benches, a calm sea and a sandy beach to one side.",
            "caption": "The rebuilt section of the promenade between the lifeboat station and the old pier.",
            "credit": "Photo: Owen Pryce / Kolokol",
            "motif": "harbour",
        },
        "body": [
            (
                "paragraph",
                "<p>Walkers, cyclists and dog owners are back on Wrenmouth’s promenade after a three-month repair job on the stretch between the lifeboat station and the old pier. Two storms in December lifted paving slabs, bent railings and washed away part of the path’s foundations. The section reopened on Thursday, a few days before the Easter holidays.</p>",
            ),
            (
                "image",
                {
                    "alt": "Workers in high-visibility jackets guiding a large boulder into place at the foot of a sea wall at low tide.",
                    "caption": "Contractors placed new rock armour at the foot of the sea wall in March.",
                    "credit": "Photo: Owen Pryce / Kolokol",
                    "motif": "harbour",
                },
            ),
            (
                "paragraph",
                "<p>Contractors used the closure to do more than patch the damage. The path now has a textured concrete surface that drains more quickly, and a row of large rocks has been placed along the foot of the sea wall to absorb the force of the waves. The railings were replaced with a design that can be removed in sections for future repairs.</p>",
            ),
            (
                "quote",
                {
                    "text": "After the storms, some of the slabs were sitting in the car park across the road. We wanted to build something that shrugs off that kind of night rather than fixing it every winter.",
                    "attribution": "Helen Draycott",
                    "role": "coastal engineer at Wrenmouth Town Council",
                },
            ),
            (
                "paragraph",
                "<p>The repairs cost £640,000, most of it from a national coastal resilience fund. The council says it is monitoring two other short stretches of sea wall near Hollin Sands and will decide in the summer whether they need similar work.</p>",
            ),
            (
                "paragraph",
                "<p>Businesses along the seafront say the reopening has come at the right moment. The owner of a kiosk by the old pier said takings had halved while the path was fenced off, because walkers simply turned round at the barriers.</p>",
            ),
            (
                "factbox",
                {
                    "title": "Background",
                    "items": [
                        "The promenade was built in 1891 and extended in 1962",
                        "December’s storms brought the highest tide recorded in Wrenmouth for a decade",
                        "Around 2,000 people use the promenade on a typical summer day",
                    ],
                },
            ),
        ],
    },
    # ------------------------------------------------------------ Community
    {
        "section": "community",
        "slug": "youth-council-elections",
        "kicker": "Schools",
        "title": "Pupils turn out in record numbers to elect Wrenmouth’s first youth council",
        "standfirst": "More than 900 secondary school students voted in the town’s first youth council elections. Twelve councillors aged 12 to 17 will now advise the town council.",
        "dateline": "WRENMOUTH",
        "authors": ["eleanor-marsh"],
        "topics": ["schools", "elections"],
        "hours_ago": 70,
        "updated_hours_ago": None,
        "image": {
            "alt": "Teenagers in school uniform queueing in a sports hall to post paper ballots into a grey box on a table.",
            "caption": "Voting at Wrenmouth Academy on Thursday lunchtime.",
            "credit": "Photo: Eleanor Marsh / Kolokol",
            "motif": "school",
        },
        "body": [
            (
                "paragraph",
                "<p>Wrenmouth has chosen its first youth council. Pupils at the town’s two secondary schools and the sixth-form college cast 934 votes last week, a turnout of almost 68 per cent, and the results were announced at the town hall on Friday evening. Twelve young people, aged between 12 and 17, were elected for a one-year term.</p>",
            ),
            (
                "paragraph",
                "<p>Twenty-nine candidates stood in the election, running campaigns that would be familiar to anyone who has followed a local contest: leaflets, lunchtime hustings and a lively debate in the Academy sports hall. Unlike the town council, the youth council has no budget of its own, but it will have a standing invitation to speak at full council meetings.</p>",
            ),
            (
                "quote",
                {
                    "text": "I expected a couple of hundred votes from people who wanted to skip a lesson. Instead we had queues out of the door and pupils arguing about cycle lanes over lunch.",
                    "attribution": "Sarah Penhale",
                    "role": "assistant head at Wrenmouth Academy, who organised the count",
                },
            ),
            (
                "paragraph",
                "<p>The twelve councillors held their first meeting on Monday in the council chamber. They agreed to focus first on the issues raised most often during the campaign:</p>",
            ),
            (
                "list",
                {
                    "ordered": False,
                    "items": [
                        "safer cycle routes to both secondary schools",
                        "later opening hours at the leisure centre",
                        "a free drinking-water refill point on the seafront",
                        "more buses to the sixth-form college",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>The youngest councillor, a Year 8 pupil from Kestrel Bay, told the meeting she had stood because the bus home from after-school clubs left too early. The town council plans to make the elections an annual event, held every spring, and youth councillors will report back to their schools at the end of each term.</p>",
            ),
        ],
    },
    {
        "section": "community",
        "slug": "minor-injuries-unit-weekend-opening",
        "kicker": "",
        "title": "Minor injuries unit at Wrenmouth Community Hospital to open at weekends",
        "standfirst": "From May, patients with sprains, cuts and minor burns will be seen on Saturdays and Sundays. Until now, they have had to travel 25 miles to the city.",
        "dateline": "WRENMOUTH",
        "authors": ["eleanor-marsh"],
        "topics": ["health"],
        "hours_ago": 95,
        "updated_hours_ago": 80,
        "image": {
            "alt": "The glass entrance of a low brick hospital building, with a wheelchair ramp leading up to automatic doors.",
            "caption": "The minor injuries unit currently opens only on weekdays.",
            "credit": "Photo: Eleanor Marsh / Kolokol",
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "<p>The minor injuries unit at Wrenmouth Community Hospital will open seven days a week from the start of May, the local health trust has announced. The unit, which treats sprains, simple fractures, cuts and minor burns, currently closes on Friday evening and reopens on Monday morning. At weekends, patients have had to travel to the emergency department in the city.</p>",
            ),
            (
                "quote",
                {
                    "text": "Saturday afternoon is exactly when people fall off ladders, twist an ankle on the coast path or cut themselves in the kitchen. It makes no sense for them to spend three hours getting to the city and back.",
                    "attribution": "Dr Ruth Anstey",
                    "role": "clinical lead for urgent care at the community hospital",
                },
            ),
            (
                "factbox",
                {
                    "title": "Weekend opening",
                    "items": [
                        "Saturdays and Sundays, 9am to 6pm, from 3 May",
                        "No appointment needed; X-ray available on site",
                        "For chest pain, breathing difficulties or serious injuries, call the emergency services",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>The change has been made possible by recruiting two additional emergency nurse practitioners and sharing a radiographer with the hospital in Port Ellery. The trust says weekend opening will also take pressure off the city’s emergency department, where around one in six weekend patients from the coast had injuries that could have been treated locally.</p>",
            ),
            (
                "paragraph",
                "<p>Summer is the unit’s busiest time, as the town’s population roughly doubles with holidaymakers. Staff expect the weekend sessions to be especially useful for visitors staying in caravan parks along the coast, many of whom do not have a car with them.</p>",
            ),
            (
                "paragraph",
                "<p>Campaigners from the Friends of Wrenmouth Hospital, who have raised money for equipment at the unit for years, welcomed the announcement. The trust will review the new hours in the autumn and has asked patients to share feedback at the reception desk or online.</p>",
            ),
        ],
    },
    {
        "section": "community",
        "slug": "fish-quay-market-returns",
        "kicker": "Feature",
        "title": "Fish Quay market returns for the season with more local stalls than ever",
        "standfirst": "Forty traders set up on Wrenmouth’s Fish Quay for the first Saturday market of the year. Organisers say two-thirds of them are based within ten miles.",
        "dateline": "WRENMOUTH",
        "authors": ["eleanor-marsh"],
        "topics": ["economy", "harbour"],
        "hours_ago": 140,
        "updated_hours_ago": None,
        "image": {
            "alt": "Stalls with striped awnings lined up along a quayside, selling fish on ice, bread and potted herbs, with fishing boats moored behind.",
            "caption": "The Fish Quay market on its opening Saturday.",
            "credit": "Photo: Eleanor Marsh / Kolokol",
            "motif": "market",
        },
        "body": [
            (
                "paragraph",
                "<p>The Saturday market on Wrenmouth’s Fish Quay opened for the season at the weekend, with forty stalls stretching from the harbour office to the old ice house. It was the largest opening day since the market was revived eight years ago, and for the first time there is a waiting list for pitches.</p>",
            ),
            (
                "paragraph",
                "<p>By nine o’clock the queue at the fish stall run by the Trevail family had reached the lifeboat slipway. Further along, a bakery from Hollin Sands was selling seaweed focaccia, a grower from Kestrel Bay had trays of tomato seedlings, and a beekeeper was handing out tastes of last summer’s heather honey. Organisers say two-thirds of traders are based within ten miles of the quay.</p>",
            ),
            (
                "quote",
                {
                    "text": "We land the fish at six and sell it here by eight. People like knowing exactly which boat it came off, and we like not having to send it halfway across the country first.",
                    "attribution": "Jenna Trevail",
                    "role": "skipper of the crab boat Morwenna and market stallholder",
                },
            ),
            (
                "image",
                {
                    "alt": "A woman in oilskins weighing crabs on a scale at a market stall while a customer holds out a bag.",
                    "caption": "Crab from the morning’s catch on sale at the Trevail family stall.",
                    "credit": "Photo: Eleanor Marsh / Kolokol",
                    "motif": "market",
                },
            ),
            (
                "paragraph",
                "<p>The harbour board, which runs the market, has kept pitch fees unchanged for the third year running and has added electric hook-ups for refrigerated stalls. It is also trialling a reusable crate scheme, in which shoppers pay a small deposit for a sturdy box and get the money back when they return it.</p>",
            ),
            (
                "gallery",
                {
                    "title": "Opening day on the Fish Quay",
                    "photos": [
                        {
                            "alt": "A long row of stalls under striped awnings on a stone quay, with shoppers walking between them in the early light.",
                            "caption": "Forty stalls stretched from the harbour office to the old ice house.",
                            "credit": "Photo: Eleanor Marsh / Kolokol",
                            "motif": "market",
                        },
                        {
                            "alt": "Small fishing boats moored against a harbour wall, their decks stacked with crab pots and coiled rope.",
                            "caption": "The boats that supply the fish stalls land their catch a few metres from the market.",
                            "credit": "Photo: Eleanor Marsh / Kolokol",
                            "motif": "harbour",
                        },
                        {
                            "alt": "A bakery stall with flat loaves of focaccia topped with green flecks, stacked on wooden boards beside a handwritten price list.",
                            "caption": "Seaweed focaccia from a bakery in Hollin Sands sold out before eleven.",
                            "credit": "Photo: Owen Pryce / Kolokol",
                            "motif": "market",
                        },
                        {
                            "alt": "Shoppers carrying sturdy plastic crates of vegetables along the quayside towards the town.",
                            "caption": "Shoppers trying out the reusable crate scheme, which costs a small returnable deposit.",
                            "credit": "Photo: Eleanor Marsh / Kolokol",
                            "motif": "market",
                        },
                    ],
                },
            ),
            (
                "paragraph",
                "<p>The market runs every Saturday from 8am to 1pm until the end of October. Parking is available at the Station Road car park, a five-minute walk away, and the harbour board is asking shoppers who live in town to come on foot or by bike.</p>",
            ),
        ],
    },
    {
        "section": "community",
        "slug": "hollin-sands-residents-committee",
        "kicker": "",
        "title": "Hollin Sands residents form a committee to fight for their village bus",
        "standfirst": "Nearly 150 people packed the village hall to choose a new residents’ committee. Its first job will be to save the evening bus to Wrenmouth.",
        "dateline": "HOLLIN SANDS",
        "authors": ["eleanor-marsh", "owen-pryce"],
        "topics": ["elections", "transport"],
        "hours_ago": 170,
        "updated_hours_ago": None,
        "image": {
            "alt": "A small single-decker bus at a roadside stop beside grassy dunes, with a wooden shelter and a village noticeboard.",
            "caption": "The number 14 bus at the stop outside Hollin Sands village hall.",
            "credit": "Photo: Owen Pryce / Kolokol",
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                "<p>Hollin Sands has a residents’ committee again, after nearly a decade without one. Almost 150 people turned up at the village hall on Tuesday evening — in a village of about 600 — and voted by a show of hands for seven members from a field of eleven candidates. Nominations were taken from the floor, and the count took less than ten minutes.</p>",
            ),
            (
                "quote",
                {
                    "text": "We have been very good at grumbling about the bus in the post office queue. Now there’s a group of us with a mandate to actually do something about it.",
                    "attribution": "Tom Carrow",
                    "role": "chair of the Hollin Sands Residents’ Committee and a retired boatbuilder",
                },
            ),
            (
                "paragraph",
                "<p>The top priority is the evening service on route 14, which links the village with Wrenmouth. The bus company has proposed withdrawing the last two journeys of the day from September because too few people use them. Residents say that without them, teenagers cannot get home from college clubs and shift workers at the community hospital will have to drive.</p>",
            ),
            (
                "factbox",
                {
                    "title": "Route 14 in numbers",
                    "items": [
                        "Nine journeys a day on weekdays, five on Saturdays",
                        "The last bus leaves Wrenmouth at 8.55pm",
                        "About 20 passengers a night use the two evening journeys",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>The committee plans to carry out a travel survey of every household in May and present the results to the bus company and the county council in June. It will also look at whether a community minibus could fill the gap if the evening journeys are lost.</p>",
            ),
            (
                "paragraph",
                "<p>Other issues raised at the meeting included a broken streetlight on the dune road and the state of the footpath to the beach. Committee meetings will be open to all residents and held on the first Tuesday of each month.</p>",
            ),
        ],
    },
    # ---------------------------------------------------- Science & Culture
    {
        "section": "culture",
        "slug": "library-cargo-bike-deliveries",
        "kicker": "",
        "title": "Library books delivered by cargo bike to readers who can’t get out",
        "standfirst": "Wrenmouth Library’s new home delivery service brings books, audiobooks and a chat to housebound readers every fortnight. Volunteers are now being sought for Kestrel Bay.",
        "dateline": "WRENMOUTH",
        "authors": ["nadia-hollis"],
        "topics": ["libraries", "health"],
        "hours_ago": 200,
        "updated_hours_ago": None,
        "image": {
            "alt": "A cargo bicycle with a large blue box on the front, parked outside a library entrance and loaded with cloth bags of books.",
            "caption": "The library’s cargo bike sets off on its Tuesday round.",
            "credit": "Photo: Nadia Hollis / Kolokol",
            "motif": "library",
        },
        "body": [
            (
                "paragraph",
                "<p>Every other Tuesday morning a blue cargo bike leaves Wrenmouth Library loaded with cloth bags of novels, large-print thrillers and audiobooks. It is the centrepiece of a new home delivery service for readers who can no longer get to the library themselves because of illness, disability or caring responsibilities.</p>",
            ),
            (
                "paragraph",
                "<p>The service started in February with twelve readers and now has thirty-eight. Each begins with a conversation with a librarian about what they enjoy, and a volunteer rider then brings a fresh selection every fortnight, collecting the previous batch at the same time. Local GPs and the community nursing team have begun referring patients who live alone.</p>",
            ),
            (
                "quote",
                {
                    "text": "For some of our readers, the volunteer is the only person they will talk to that day. The books matter, but so do the twenty minutes on the doorstep discussing the ending.",
                    "attribution": "Imogen Fairlie",
                    "role": "community librarian at Wrenmouth Library",
                },
            ),
            (
                "paragraph",
                "<p>The bike was bought with a grant from a county health fund, which sees reading and regular contact as a way of easing loneliness. Readers can order:</p>",
            ),
            (
                "list",
                {
                    "ordered": False,
                    "items": [
                        "books from the full library catalogue, including large print",
                        "audiobooks on CD or on pre-loaded players",
                        "jigsaw puzzles and magazines",
                        "help setting up the library’s e-book app",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>One of the first readers, a retired teacher who lost most of her sight last year, now gets through three audiobooks a fortnight and has started recommending titles to the volunteers. The library says such exchanges have shaped its own buying, with more local history and sea stories on the shelves.</p>",
            ),
            (
                "paragraph",
                "<p>The library now wants to extend the round to Kestrel Bay and is looking for volunteer riders with a couple of free hours a fortnight. Training and an electrically assisted bike are provided.</p>",
            ),
        ],
    },
    {
        "section": "culture",
        "slug": "sea-shanty-folk-weekend-programme",
        "kicker": "Festival",
        "title": "Sea Shanty and Folk Weekend unveils its biggest programme yet",
        "standfirst": "More than 60 groups will perform around the harbour in June. Guesthouses report that rooms for the weekend are already scarce.",
        "dateline": "WRENMOUTH",
        "authors": ["nadia-hollis"],
        "topics": ["festivals", "economy"],
        "hours_ago": 230,
        "updated_hours_ago": None,
        "image": {
            "alt": "A group of singers in knitted jumpers performing on a harbourside stage decorated with bunting, with a crowd gathered on the quay.",
            "caption": "A choir from Port Ellery performing at last year’s festival.",
            "credit": "Photo: Nadia Hollis / Kolokol",
            "motif": "harbour",
        },
        "body": [
            (
                "paragraph",
                "<p>The Wrenmouth Sea Shanty and Folk Weekend has announced its programme for this year, with more than 60 choirs, bands and solo singers booked to perform from 20 to 22 June. Concerts will take place on three stages around the harbour, in the lifeboat station and, for the first time, on the deck of a restored sailing trawler moored at the East Quay.</p>",
            ),
            (
                "factbox",
                {
                    "title": "Festival at a glance",
                    "items": [
                        "20–22 June, around the harbour and town centre",
                        "More than 60 acts on five stages and in local pubs",
                        "Most events are free; the Saturday evening concert is ticketed",
                    ],
                },
            ),
            (
                "paragraph",
                '<p>The festival began twelve years ago as an afternoon of singing outside the harbour office. Organisers credit its growth to the revival of the <a href="https://en.wikipedia.org/wiki/Sea_shanty">sea shanty</a> as a form of community singing, and several local choirs were formed specifically to take part. Last year the event drew an estimated 15,000 visitors.</p>',
            ),
            (
                "quote",
                {
                    "text": "Shanties were working songs, meant to be sung by everyone at once. That’s still the spirit of the weekend: nobody is only an audience for long.",
                    "attribution": "Rory Pellow",
                    "role": "artistic director of the Sea Shanty and Folk Weekend",
                },
            ),
            (
                "paragraph",
                "<p>New this year is a family tent on the harbour green, with workshops on rope-work, sail-making and simple songs for younger children. A Sunday morning singaround in the lifeboat station will be open to anyone who wants to lead a song, whatever their experience.</p>",
            ),
            (
                "paragraph",
                "<p>For local businesses, the festival has become one of the busiest weekends of the year. The Wrenmouth Guesthouse Association says most of its members are already fully booked, and the council has agreed to run a park-and-ride service from the leisure centre. Organisers are recruiting volunteer stewards until the end of May.</p>",
            ),
        ],
    },
    {
        "section": "culture",
        "slug": "seagrass-restoration-kestrel-bay",
        "kicker": "Science",
        "title": "Volunteers plant 20,000 seagrass seeds to restore Kestrel Bay’s lost meadow",
        "standfirst": "Scientists from the Kestrel Point marine station hope the underwater meadow will shelter young fish and lock away carbon. The first seedlings should appear by late summer.",
        "dateline": "KESTREL BAY",
        "authors": ["nadia-hollis"],
        "topics": ["science", "harbour"],
        "hours_ago": 260,
        "updated_hours_ago": None,
        "image": {
            "alt": "People in wetsuits and waders standing in shallow, clear water at low tide, lowering small hessian bags onto a sandy seabed.",
            "caption": "Volunteers placing hessian seed bags at low tide in Kestrel Bay.",
            "credit": "Photo: Nadia Hollis / Kolokol",
            "motif": "harbour",
        },
        "body": [
            (
                "paragraph",
                "<p>Around fifty volunteers waded into Kestrel Bay at low tide on Sunday to plant 20,000 seagrass seeds on a patch of sandy seabed the size of two tennis courts. The seeds, collected last summer from a healthy meadow further along the coast, were packed into small hessian bags that will slowly rot away as the plants take root.</p>",
            ),
            (
                "quote",
                {
                    "text": "A century ago there was a seagrass meadow right across this bay. It’s where young pollack and cuttlefish hid, and it kept the sand in place. We’re trying to give it a head start back.",
                    "attribution": "Dr Lena Marwick",
                    "role": "marine ecologist at the Kestrel Point marine station",
                },
            ),
            (
                "paragraph",
                "<p>Seagrass meadows are among the most productive habitats on the coast. They shelter young fish, calm the water and store carbon in the sediment beneath them. Old charts and fishermen’s accounts suggest Kestrel Bay lost most of its meadow in the 1930s, probably through a combination of disease and pollution.</p>",
            ),
            (
                "factbox",
                {
                    "title": "What happens next",
                    "items": [
                        "Divers will check the site every month to count seedlings",
                        "A second planting of 30,000 seeds is planned for next spring",
                        "Boat owners are asked not to anchor inside the yellow marker buoys",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>Pupils from Kestrel Bay Primary School helped to pack the seed bags in the station’s laboratory over the winter, and three classes will follow the meadow’s progress as part of their science lessons. The station will publish its survey results online every season.</p>",
            ),
            (
                "paragraph",
                "<p>Success is not guaranteed. In similar projects elsewhere, only a small share of seeds has grown into plants, and storms can scour young shoots from the seabed. The team has chosen a sheltered corner of the bay to give the meadow the best possible chance.</p>",
            ),
            (
                "embed",
                {
                    "url": "https://en.wikipedia.org/wiki/Seagrass",
                    "title": "Seagrass — Wikipedia",
                    "provider": "Wikipedia",
                    "description": "An introduction to the flowering plants that form underwater meadows in shallow coastal waters.",
                },
            ),
        ],
    },
    {
        "section": "culture",
        "slug": "harbour-weather-logs-transcription",
        "kicker": "",
        "title": "Citizen scientists asked to transcribe 120 years of harbour weather logs",
        "standfirst": "Wrenmouth Library has scanned the harbour masters’ handwritten weather records from 1851 onwards. Volunteers can now help turn them into data for climate researchers.",
        "dateline": "WRENMOUTH",
        "authors": ["nadia-hollis"],
        "topics": ["science", "libraries", "weather"],
        "hours_ago": 350,
        "updated_hours_ago": None,
        "image": {
            "alt": "An open leather-bound ledger with columns of faded handwriting, lying on a library desk next to a magnifying glass.",
            "caption": "A page from the harbour master’s weather ledger for the winter of 1881.",
            "credit": "Photo: Nadia Hollis / Kolokol",
            "motif": "library",
        },
        "body": [
            (
                "paragraph",
                "<p>For well over a century, every harbour master in Wrenmouth wrote down the weather three times a day: wind direction, wind strength, air pressure and a few words about the sea. The ledgers, 62 volumes in all, have sat in the local studies room of Wrenmouth Library since the harbour office was modernised in the 1970s. Now they have been scanned, and the library is asking the public to help read them.</p>",
            ),
            (
                "paragraph",
                '<p>Volunteers log in to an online platform, view one page at a time and type the figures into a simple form. Each page is transcribed by three different people, so that mistakes can be spotted and corrected. Wind strength was usually recorded on the <a href="https://en.wikipedia.org/wiki/Beaufort_scale">Beaufort scale</a>, which makes the older entries easy to compare with modern records.</p>',
            ),
            (
                "quote",
                {
                    "text": "Records like these are gold dust for climate science. Harbour and ship logs fill gaps in our knowledge of storms from before weather stations were common, and every page helps.",
                    "attribution": "Dr Samuel Whitlock",
                    "role": "climate researcher working with the library on the project",
                },
            ),
            (
                "factbox",
                {
                    "title": "The weather ledgers",
                    "items": [
                        "62 volumes covering 1851 to 1974",
                        "Around 41,000 pages to transcribe",
                        "More than 900 volunteers signed up in the first week",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>The volunteers have already turned up some surprises, including a vivid account of an autumn gale in 1881 and notes about ice forming in the inner harbour one February in the 1890s. The library plans an exhibition of the most striking entries next winter.</p>",
            ),
            (
                "paragraph",
                "<p>Not everyone taking part wants to work from home. Transcription sessions with help from library staff are held in the local studies room on Wednesday afternoons, and a reading group for the trickiest handwriting meets once a month.</p>",
            ),
            (
                "embed",
                {
                    "url": "https://en.wikipedia.org/wiki/Citizen_science",
                    "title": "Citizen science — Wikipedia",
                    "provider": "Wikipedia",
                    "description": "How members of the public contribute to scientific research projects.",
                },
            ),
        ],
    },
    # ----------------------------------------------------------------- Sport
    {
        "section": "sport",
        "slug": "wrenmouth-town-women-win-league",
        "kicker": "Football",
        "title": "Wrenmouth Town Women clinch league title on a dramatic final day",
        "standfirst": "A late equaliser at Port Ellery was enough to secure the county league championship. The side will move up a division for the first time.",
        "dateline": "PORT ELLERY",
        "authors": ["callum-reid"],
        "topics": ["sport"],
        "hours_ago": 20,
        "updated_hours_ago": None,
        "image": {
            "alt": "Women footballers in red and white shirts celebrating together on a grass pitch in front of a small stand.",
            "caption": "Wrenmouth Town Women celebrate at the final whistle.",
            "credit": "Photo: Callum Reid / Kolokol",
            "motif": "stadium",
        },
        "body": [
            (
                "paragraph",
                "<p>Wrenmouth Town Women are county league champions after a 1–1 draw at Port Ellery on Sunday secured the title on the final day of the season. Going into the match, Wrenmouth needed a point to finish above second-placed Kestrel Rovers, who won their own game comfortably. It is the first league title in the women’s team’s eleven-year history.</p>",
            ),
            (
                "paragraph",
                "<p>The afternoon looked to be slipping away when Port Ellery took the lead from a corner shortly after half-time. Wrenmouth pressed for most of the second half, and with four minutes left the captain, Beth Kellow, met a cross from the right and headed the equaliser past the goalkeeper. More than 300 travelling fans, many in red-and-white scarves, spilled onto the edge of the pitch at the final whistle.</p>",
            ),
            (
                "quote",
                {
                    "text": "I’ve been at this club since we had to borrow the boys’ kit and train on a car park. To lift a trophy here, in front of this crowd, is something I’ll never forget.",
                    "attribution": "Beth Kellow",
                    "role": "captain of Wrenmouth Town Women",
                },
            ),
            (
                "factbox",
                {
                    "title": "Season in numbers",
                    "items": [
                        "18 games played: 13 wins, 4 draws, 1 defeat",
                        "51 goals scored, 14 conceded",
                        "Promotion to the regional division next season",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>Most of the squad combine football with jobs or study: the team includes a paramedic, a primary school teacher and two students at the sixth-form college. They train twice a week under floodlights at Harbour Road, sharing the pitch with the men’s side and the youth teams.</p>",
            ),
            (
                "paragraph",
                "<p>The club plans a celebration at the ground next Saturday, when the players will parade the trophy before the men’s final home game. Manager Lisa Pengelly says the priority now is to find more training time, as the step up in division will mean longer journeys and stronger opponents.</p>",
            ),
        ],
    },
    {
        "section": "sport",
        "slug": "gig-regatta-opens-season",
        "kicker": "",
        "title": "Gig rowers open the season with a record 70 crews at Wrenmouth regatta",
        "standfirst": "Crews from across the coast raced six-oared pilot gigs in the harbour. A new “come and try” race drew teams from a school, the hospital and the fire station.",
        "dateline": "WRENMOUTH",
        "authors": ["callum-reid"],
        "topics": ["sport", "harbour", "festivals"],
        "hours_ago": 110,
        "updated_hours_ago": None,
        "image": {
            "alt": "Several long, narrow wooden rowing boats with six rowers each racing side by side across a harbour, with spectators lining the quay.",
            "caption": "The men’s open race passes the harbour entrance.",
            "credit": "Photo: Callum Reid / Kolokol",
            "motif": "harbour",
        },
        "body": [
            (
                "paragraph",
                "<p>A record seventy crews took part in Wrenmouth Gig Club’s opening regatta on Saturday, turning the harbour into a jumble of oars, coxes and cheering supporters. Crews came from eleven clubs along the coast, rowing the traditional six-oared wooden boats known as pilot gigs over a course from the harbour mouth to a buoy off the lifeboat station and back.</p>",
            ),
            (
                "paragraph",
                "<p>The host club had a fine day, winning the women’s open and the under-16 races, while Port Ellery took the men’s open by less than a boat length after a tense sprint along the quay. Light winds and a flat sea made for fast times. The regatta was also the first outing for two new boats built by the club’s volunteers over the winter.</p>",
            ),
            (
                "paragraph",
                "<p>For the first time, the programme included a “come and try” race for crews with no racing experience. Each team had six weeks of coaching from the club, and the entries were a cheerful mix:</p>",
            ),
            (
                "list",
                {
                    "ordered": False,
                    "items": [
                        "nurses and porters from the community hospital",
                        "a staff crew from Wrenmouth Academy",
                        "firefighters from Wrenmouth fire station",
                        "stallholders from the Fish Quay market",
                    ],
                },
            ),
            (
                "quote",
                {
                    "text": "We came last by some distance and nobody minded at all. Half of the crew had never held an oar in February, and now they’re asking when the next session is.",
                    "attribution": "Alys Tregenza",
                    "role": "ward sister and cox of the hospital crew",
                },
            ),
            (
                "image",
                {
                    "alt": "A cox sitting at the stern of a gig, shouting instructions to rowers wearing matching green T-shirts.",
                    "caption": "The hospital crew on the start line of the “come and try” race.",
                    "credit": "Photo: Callum Reid / Kolokol",
                    "motif": "harbour",
                },
            ),
            (
                "paragraph",
                "<p>The gig club runs taster sessions for adults on Tuesday evenings and for juniors aged 12 and over on Saturday mornings. All equipment is provided, and newcomers only need to be able to swim. The next regatta, in Kestrel Bay, takes place in three weeks.</p>",
            ),
        ],
    },
    {
        "section": "sport",
        "slug": "seafront-lido-reopens",
        "kicker": "",
        "title": "Seafront lido reopens with a heated pool and free lessons for schoolchildren",
        "standfirst": "The 1930s open-air pool in Wrenmouth is back in use after an 18-month restoration. Every primary school pupil in the town will get free swimming lessons this summer.",
        "dateline": "WRENMOUTH",
        "authors": ["callum-reid", "eleanor-marsh"],
        "topics": ["sport", "health", "schools"],
        "hours_ago": 45,
        "updated_hours_ago": None,
        "image": {
            "alt": "A long rectangular open-air swimming pool with clear blue water, white art deco buildings around it and the sea visible beyond the wall.",
            "caption": "The restored lido on its first morning back in use.",
            "credit": "Photo: Callum Reid / Kolokol",
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "<p>Wrenmouth’s seafront lido reopened on Saturday after an 18-month restoration, and by 7am there was already a queue of swimmers at the turnstiles. The 1930s pool, which had been closed since a crack was found in its concrete basin, now has a new lining, restored changing rooms and, for the first time in its history, heating powered by a bank of air-source heat pumps.</p>",
            ),
            (
                "quote",
                {
                    "text": "The water used to be fourteen degrees on a good day in May, which thinned out the crowds rather quickly. Now it’s a steady 24, and we think it will be busy from April right through to October.",
                    "attribution": "Dan Roskilly",
                    "role": "manager of Wrenmouth Lido",
                },
            ),
            (
                "paragraph",
                "<p>A central part of the reopening is a programme of free lessons for primary school children. A survey by the town’s schools last year found that fewer than half of pupils leaving primary school could swim 25 metres, a worrying figure for a seaside town. From June, every class from Year 3 to Year 6 will have a weekly lesson during school hours, paid for by a local charitable trust.</p>",
            ),
            (
                "paragraph",
                "<p>The lido will also run sessions aimed at improving adults’ health and fitness. The timetable includes:</p>",
            ),
            (
                "list",
                {
                    "ordered": False,
                    "items": [
                        "early-morning lane swimming from 6.30am on weekdays",
                        "quiet sessions for older swimmers and people recovering from illness",
                        "aqua-fitness classes on Tuesday and Thursday evenings",
                        "family sessions with inflatables at weekends",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>Adult tickets cost £5, with discounts for children, pensioners and season-ticket holders. The pool will stay open all year on a trial basis, with shorter hours in winter, and the café on the sun terrace is due to reopen next month.</p>",
            ),
        ],
    },
    {
        "section": "sport",
        "slug": "coast-path-half-marathon-rerouted",
        "kicker": "Preview",
        "title": "Coast path half marathon rerouted inland after winter cliff erosion",
        "standfirst": "A section of the cliff path near Hollin Sands remains closed, so this year’s race will head through the woods instead. Organisers say the new course is slightly hillier.",
        "dateline": "HOLLIN SANDS",
        "authors": ["callum-reid"],
        "topics": ["sport", "weather", "bridges"],
        "hours_ago": 160,
        "updated_hours_ago": 150,
        "image": {
            "alt": "A narrow footpath winding through an oak wood, with a wooden waymark post and a glimpse of the sea between the trunks.",
            "caption": "Part of the new inland section through Hollin Wood.",
            "credit": "Photo: Callum Reid / Kolokol",
            "motif": "forest",
        },
        "body": [
            (
                "paragraph",
                "<p>This year’s Kestrel Coast Half Marathon will follow a new route after winter storms left part of the cliff path near Hollin Sands unsafe. A 700-metre stretch above Gull Cove has been closed since January because of erosion, and organisers have designed a detour through Hollin Wood that rejoins the coast just before the finish.</p>",
            ),
            (
                "factbox",
                {
                    "title": "Race day",
                    "items": [
                        "Sunday 18 May, start 9.30am on Wrenmouth promenade",
                        "21.1km; the new route adds about 60 metres of climbing",
                        "Finish on the village green at Hollin Sands, with shuttle buses back to Wrenmouth",
                    ],
                },
            ),
            (
                "paragraph",
                "<p>The new section crosses the Hollin Stream on the footbridge that was replaced last year, so runners will no longer have to splash through the ford at the bottom of the valley as they did in the race’s early years. The trade-off is a steady climb out of the wood at around the 15-kilometre mark, which organisers expect to slow times a little.</p>",
            ),
            (
                "quote",
                {
                    "text": "The cliff section was the most beautiful part of the course, and we’re sorry to lose it this year. But the woods are lovely in May, and nobody will miss wading through the stream.",
                    "attribution": "Kerry Nance",
                    "role": "race director of the Kestrel Coast Half Marathon",
                },
            ),
            (
                "paragraph",
                "<p>Volunteers will mark the new route with flags the day before the race, and marshals will be stationed at every junction in the wood. The first-aid team from Wrenmouth Community Hospital will have a post at the top of the climb.</p>",
            ),
            (
                "paragraph",
                "<p>The council expects to reopen the cliff path by the end of the summer, once a new line has been set back from the edge. The race has 1,100 entries, and a limited number of places remain in the 5-kilometre fun run for families.</p>",
            ),
            (
                "embed",
                {
                    "url": "https://www.openstreetmap.org/#map=13/50.21/-5.48",
                    "title": "Coastal footpaths on OpenStreetMap",
                    "provider": "OpenStreetMap",
                    "description": "An open, community-made map showing public footpaths, woods and viewpoints along the coast.",
                },
            ),
        ],
    },
]

BREAKING = {
    "headline": "Harbour bridge reopens to traffic two weeks ahead of schedule",
    "article": "harbour-bridge-reopens-early",
}
