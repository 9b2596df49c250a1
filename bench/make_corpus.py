"""Write a synthetic benchmark corpus: N news pages (HTML with web chrome) that read like a feed.

The pages report invented *stories*, about one per 14 pages, of skewed sizes (mostly 2-10
articles, a few up to 60, some singletons). A story fixes its facts: one of 15 kinds of event
(talks, strike, flood, election, trial, shipment, fire, plant closure, protest, outbreak, crash,
takeover, resignation, opening, robbery) with a sub-topic, a town with a character and a
backdrop, an organisation and companies, 2-4 people with fixed roles, the event date and three
counts. Each article of a story comes from one of 40 invented outlets within ten days of the
event (most within two) and retells those facts with its own pick of templates: lead, counts,
quotes from the story's people, passers-by, background, a closing line.

About 5 % of the pages are syndicated near-copies of another article of their story (same
body, another outlet and headline, a paragraph trimmed or a credit line added), and about 10 %
of the articles of multi-article stories change one fact (a count, or the day of the event),
so the contradiction finder has real work. Only the event date is ever dated in a factual
sentence, and counts never vary otherwise, so nothing else reads as a contradiction.
Every name is invented and combinatorial (60 x 400 people, about 7,600 towns), so entity
counts grow with the corpus. Stories of one kind are spread evenly over 2023-2025
(see ``_event_days``).

Deterministic for a given (n, seed); ``.corpus-version`` in the folder records the generator.

    python bench/make_corpus.py --n 10000 --out .bench/corpus-10k
"""

from __future__ import annotations

import argparse
import html
import itertools
import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

VERSION = "narrascope-bench-corpus 2 (stories)"
MARKER = ".corpus-version"
TRUTH = ".stories.tsv"  # page -> story it reports (hidden, so ingest skips it)
FIRST_DAY, LAST_EVENT_DAY = date(2023, 1, 1), date(2025, 12, 18)
MAX_LAG_DAYS = 10

OUTLETS = [
    "Ardmere Courier", "Brisholt Ledger", "Calloway Post", "Dunmarsh Dispatch", "Eastvale Wire",
    "Fenwright Times", "Galloran Herald", "Harrowgate Daily", "Islebrook Observer",
    "Jessop Gazette", "Kelvane Chronicle", "Lockhaven Tribune", "Marrowby Record",
    "Norlake Sentinel", "Ostwick Bulletin", "Pellmoor Press", "Quarry Hill Journal",
    "Rathmore Standard", "Saltmere Examiner", "Thornbury Mirror", "Upwell Reporter",
    "Velden Monitor", "Westerholt Star", "Yarrowdale News", "Zennor Evening Post",
    "Coldharbour Review", "Marlowe Street Journal", "Northwold Times", "Redfern Ledger",
    "Southmere Courier", "Greyhaven Herald", "Blackwater Daily", "Highcross Dispatch",
    "Lowmoor Gazette", "Kingsreach Observer", "Amberly Chronicle", "Silverbeck Tribune",
    "Tallis Wire", "Oakfield Sentinel", "Brambling Post",
]  # fmt: skip
FIRST = [
    "Ana", "Tomas", "Lena", "Pavel", "Miriam", "Jonas", "Irina", "Omar", "Sofia", "Karel",
    "Nadia", "Viktor", "Helen", "Ruben", "Amara", "Dmitri", "Clara", "Yusuf", "Marta", "Lukas",
    "Elena", "Matteo", "Ingrid", "Samir", "Zofia", "Anton", "Leila", "Oskar", "Petra", "Rafael",
    "Hana", "Emil", "Greta", "Idris", "Vera", "Felix", "Laila", "Stefan", "Mila", "Adrian",
    "Nora", "Bruno", "Teresa", "Kasim", "Alma", "Hugo", "Daria", "Milan", "Rosa", "Tariq",
    "Agnes", "Simon", "Yara", "Piotr", "Lucia", "Malik", "Eva", "Jakub", "Selma", "Victor",
]  # fmt: skip
SURNAME_ROOTS = [
    "Brand", "Kovar", "Lind", "Marchet", "Hadd", "Novak", "Castel", "Verh", "Petr", "Alb",
    "Mor", "Sandov", "Okon", "Ferr", "Kessel", "Dragan", "Halv", "Rusk", "Bellam", "Strom",
    "Vasil", "Amar", "Tersk", "Holm", "Grisk", "Mazur", "Ostr", "Pellet", "Radov", "Varg",
    "Lorent", "Berg", "Solan", "Dorn", "Kaland", "Marek", "Zelen", "Farr", "Hollis", "Orlov",
]  # fmt: skip
SURNAME_ENDS = ["", "ov", "ari", "sen", "ello", "enko", "ier", "ard", "ic", "ano"]
TOWN_STARTS = [
    "Val", "Kes", "Dro", "Sar", "Lor", "Bren", "Tam", "Os", "Vel", "Mar", "Cal", "Dun", "Hal",
    "Kor", "Lis", "Nor", "Pel", "Riv", "Sol", "Tor", "Ash", "Bel", "Cor", "Fen", "Gal", "Hesk",
    "Ives", "Jar", "Kel", "Mor", "Nes", "Orm", "Pra", "Quen", "Ros", "Sten", "Tarn", "Ul",
    "Wen", "Yar",
]  # fmt: skip
TOWN_ENDS = [
    "mora", "nica", "vny", "ford", "brook", "grad", "ston", "dale", "haven", "mouth", "port",
    "wick", "ovo", "ara", "ent", "bury", "holm", "ica", "ley", "mere", "ova", "stead", "ton",
    "vik",
]  # fmt: skip
TOWN_MIDDLES = ["", "", "a", "e", "i", "o", "en", "ar", "il"]
COMPANY_SUFFIXES = ["Industries", "Holdings", "Group", "Logistics", "Energy", "Foods",
                    "Materials", "Works", "Systems", "Manufacturing"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
RELATED = ["Markets slip ahead of summit", "Weather: storms expected along the coast",
           "Opinion: what the budget means for you", "Five things to watch this week",
           "Sport: late goal settles derby", "Letters: readers on the housing crisis",
           "Quiz of the week", "Property prices edge higher again"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Kind:
    """Templates of one kind of event.

    ``{n_X}`` slots are the story's counts ``numbers[X]``, ``{when}``/``{date}`` its event
    date; a scene is two sentences joined by " | " (kept in one paragraph).
    """

    name: str
    noun: str  # how generic sentences name the event ("the strike")
    org: str  # the story's organisation, built from the story's names
    domains: tuple[dict[str, str], ...]  # sub-topics: {issue} and more slots, a "scene"
    roles: tuple[str, ...]  # roles of the story's people
    numbers: dict[str, tuple[int, int, str]]  # name -> (low, high, style: n | pct | m)
    headlines: tuple[str, ...]
    leads: tuple[str, ...]  # {when} is the event date as this article gives it
    dates: tuple[str, ...]  # body sentences restating the date ({date})
    facts: dict[str, tuple[str, ...]]  # number name -> paraphrases stating it
    quotes: tuple[str, ...]
    indirect: tuple[str, ...]  # reported speech after "X said"
    background: tuple[str, ...]
    closing: tuple[str, ...]


KINDS = (
    Kind(
        "talks", "the talks", "the {region} Regional Council",
        ({"issue": "water sharing", "stake": "the shared reservoir", "group": "farmers",
          "scene": "Irrigation canals on both sides of the border have run dry in recent summers. | "
                   "Farmers downstream say the water table under their fields falls every year."},
         {"issue": "fishing quotas", "stake": "the fishing grounds in the bay", "group": "fishermen",
          "scene": "Fishing boats from both towns have been impounded in the disputed waters. | "
                   "Marine scientists say fish stocks in the bay have shrunk sharply."},
         {"issue": "a cross-border rail link", "stake": "the planned railway line",
          "group": "commuters",
          "scene": "Engineers have already surveyed a route for the line through the hills. | "
                   "Commuters now spend hours on a winding mountain road between the towns."},
         {"issue": "customs tariffs", "stake": "the border checkpoint", "group": "hauliers",
          "scene": "Lorries have queued for hours at the checkpoint since the tariffs took effect. | "
                   "Exporters of fruit and timber say the tariffs have wiped out their margins."},
         {"issue": "the shared power grid", "stake": "the interconnector", "group": "households",
          "scene": "Blackouts have hit both towns repeatedly during cold spells. | "
                   "The ageing power line between the towns was built decades ago and often fails."},
         {"issue": "grazing rights", "stake": "the upland pastures", "group": "herders",
          "scene": "Herders from both sides have clashed over access to the high meadows. | "
                   "Shepherds move their flocks up to the pastures as soon as the snow melts."}),
        ("chief negotiator", "foreign minister", "trade minister", "regional governor",
         "council spokesperson"),
        {"delegates": (8, 60, "n"), "proposals": (3, 14, "n"), "observers": (2, 25, "n")},
        ("{place} and {place2} open talks on {issue}", "Talks on {issue} begin in {place}",
         "{place2} delegation arrives in {place} for talks on {issue}",
         "Negotiators meet in {place} as dispute over {stake} drags on",
         "{place} hosts talks with {place2} on {issue}",
         "{Group} watch as talks on {issue} resume in {place}"),
        ("Delegations from {place} and {place2} opened talks on {issue} {when}, meeting in "
         "{place} after months of public dispute over {stake}.",
         "Talks between {place} and {place2} on {issue} began in {place} {when}, the first formal "
         "meeting between the two sides in more than a year.",
         "Negotiators from {place2} arrived in {place} {when} for talks on {issue} hosted by {org}.",
         "Officials from {place} and {place2} sat down {when} in {place} for talks on {issue}, as "
         "{group} on both sides wait for a deal.",
         "{org} brought delegations from {place} and {place2} together {when} for a first round "
         "of talks on {issue}.",
         "Long-stalled talks on {issue} between {place} and {place2} resumed in {place} {when}, "
         "with the future of {stake} at the centre of the dispute."),
        ("The talks opened on {date} at the offices of {org} in {place}.",
         "{org} hosted the opening session on {date}."),
        {"delegates": ("{n_delegates} delegates attended the opening session, officials said.",
                       "Officials said {n_delegates} delegates attended the talks in {place}."),
         "proposals": ("The {place2} side tabled {n_proposals} proposals on {stake} during the "
                       "first session.",
                       "According to {org}, the {place2} side tabled {n_proposals} proposals."),
         "observers": ("{n_observers} independent observers followed the talks from the gallery.",
                       "The talks were followed by {n_observers} independent observers.")},
        ("We came here to listen, and we have listened",
         "Nobody expects a deal on {issue} in a single day",
         "There is more that unites our two towns than divides them",
         "Our position on {stake} has not changed, but our tone has",
         "The {group} on both sides of the border need an answer",
         "We are not going to negotiate through the newspapers"),
        ("the atmosphere in the room had been constructive",
         "a joint statement could follow once the technical work was done",
         "the {place2} delegation had brought new ideas on {stake}"),
        ("The dispute over {issue} has soured relations between {place} and {place2} since {year}.",
         "{Group} on both sides have complained that the dispute is costing them money.",
         "Earlier attempts to settle the question of {issue} collapsed amid mutual accusations.",
         "{place2} lies across the valley from {place}, and the two towns share a long history "
         "of trade.",
         "Diplomats in {place} described the mood before the talks as cautious.",
         "The question of {issue} has featured in local election campaigns on both sides."),
        ("The delegations will meet again in {place2} next month, officials said.",
         "Both sides said they expected the technical committees to continue their work."),
    ),
    Kind(
        "strike", "the strike", "the {region} {union}",
        ({"issue": "port", "workers": "dock workers", "site": "the container terminal",
          "service": "sailings", "union": "Dockers' Union",
          "scene": "Container ships queued outside the harbour waiting for a berth. | "
                   "Cranes at the terminal stood idle and the quays were deserted."},
         {"issue": "rail", "workers": "train drivers", "site": "the central station",
          "service": "train services", "union": "Rail Workers' Union",
          "scene": "Commuters crowded onto replacement buses outside the station. | "
                   "Departure boards at the central station showed row after row of cancellations."},
         {"issue": "bus", "workers": "bus drivers", "site": "the main bus depot",
          "service": "bus routes", "union": "Transport Workers' Union",
          "scene": "Schoolchildren and pensioners were among those left waiting at empty stops. | "
                   "Buses stood in silent rows behind the gates of the depot."},
         {"issue": "hospital", "workers": "nurses", "site": "the general hospital",
          "service": "planned operations", "union": "Nurses' Union",
          "scene": "Emergency wards stayed open with a skeleton staff. | "
                   "Patients waiting for routine surgery were told to expect new dates."},
         {"issue": "postal", "workers": "postal workers", "site": "the regional sorting centre",
          "service": "delivery rounds", "union": "Postal Workers' Union",
          "scene": "Sacks of undelivered letters and parcels piled up at the sorting centre. | "
                   "Small online shops said they could not get goods to their customers."},
         {"issue": "refuse collection", "workers": "refuse collectors",
          "site": "the municipal waste depot", "service": "collection rounds",
          "union": "Municipal Workers' Union",
          "scene": "Rubbish bags piled up on street corners across the town. | "
                   "Residents complained of the smell as the bins overflowed in the heat."}),
        ("union leader", "chief executive of {company}", "labour minister", "union spokesperson",
         "mayor of {place}"),
        {"workers": (120, 9000, "n"), "pay": (3, 15, "pct"), "cancelled": (20, 400, "n")},
        ("{place} {workers} strike over pay", "Strike by {workers} hits {place}",
         "{company} faces walkout by {workers} in {place}",
         "Union defies {company} as {workers} strike in {place}",
         "Walkout by {workers} disrupts {place}", "{place} {workers} down tools in pay row"),
        ("{Workers} in {place} went on strike {when}, asking {company} for a pay rise of "
         "{n_pay} percent.",
         "A strike by {workers} began in {place} {when} after pay talks with {company} broke down.",
         "{org} launched a strike against {company} in {place} {when}, the first walkout by "
         "{workers} in the town for years.",
         "{Workers} walked out at {site} in {place} {when} in a dispute with {company} over pay.",
         "{Workers} employed by {company} in {place} stopped work {when}, and picket lines went up "
         "outside {site}.",
         "Members of {org} walked off the job in {place} {when}, saying {company} had ignored "
         "their pay claim for months."),
        ("The strike began at dawn on {date}, with picket lines outside {site}.",
         "Picket lines formed outside {site} on {date}."),
        {"workers": ("{n_workers} {workers} joined the strike, according to {org}.",
                     "Union officials said {n_workers} {workers} joined the strike."),
         "pay": ("The union has asked for a pay rise of {n_pay} percent.",
                 "{org} has asked for a pay rise of {n_pay} percent, well above the company's offer."),
         "cancelled": ("{company} cancelled {n_cancelled} {service} on the first day of the strike.",
                       "On the first day of the strike, {company} cancelled {n_cancelled} {service}.")},
        ("Our members have not had a real pay rise in years",
         "We did not want this strike, but {company} left us no choice",
         "The offer on the table is fair and it remains on the table",
         "We regret the disruption this is causing to people in {place}",
         "No {workers} take the decision to walk out lightly",
         "The door to talks is open, but we will not negotiate under pressure"),
        ("the company had made a fair offer", "the union would hold out until its demands were met",
         "the dispute could be resolved within days if both sides gave ground"),
        ("{company} employs most of the {workers} in the {region} region.",
         "Wages for {workers} have lagged behind prices since {year}, according to the union.",
         "Residents in {place} faced long queues and delays as the strike took hold.",
         "The last major walkout by {workers} in the region ended without an agreement.",
         "Managers at {company} have warned that the dispute is costing the business money "
         "every day.",
         "Pickets outside {site} handed out leaflets to passers-by."),
        ("Both sides are expected to meet a mediator later this week.",
         "The union said the strike would continue until further notice."),
    ),
    Kind(
        "flood", "the floods", "the {region} Civil Protection Agency",
        ({"issue": "flood defences", "area": "the old town", "loss": "historic buildings",
          "scene": "Water rose above the steps of the old church and the market hall. | "
                   "Conservation experts fear lasting damage to centuries-old walls."},
         {"issue": "drainage works", "area": "the industrial estate",
          "loss": "warehouses and workshops",
          "scene": "Pallets and crates floated through flooded warehouses on the edge of town. | "
                   "Small businesses said they had lost stock worth years of profits."},
         {"issue": "river management", "area": "the farming valley", "loss": "crops and livestock",
          "scene": "Fields of maize and wheat disappeared under brown water. | "
                   "Farmers tried to move cattle to higher ground as the water rose."},
         {"issue": "emergency planning", "area": "the riverside villages", "loss": "homes and roads",
          "scene": "Several villages downstream could only be reached by boat. | "
                   "Villagers said the warning sirens had sounded too late."},
         {"issue": "building on the flood plain", "area": "the new housing estates",
          "loss": "cars and basements",
          "scene": "Estates built on the flood plain in recent years were among the worst hit. | "
                   "Basements and underground car parks filled with water within minutes."},
         {"issue": "flood insurance", "area": "the town centre", "loss": "shops and cafes",
          "scene": "Shopkeepers on the main street piled sandbags against their doors. | "
                   "Many small traders in the centre have no flood insurance."}),
        ("mayor of {place}", "regional governor", "head of {org}",
         "emergency services spokesperson", "interior minister"),
        {"dead": (2, 40, "n"), "evacuated": (300, 12000, "n"), "aid": (10, 600, "m")},
        ("Floods hit {place} as the {river} bursts its banks",
         "Residents evacuated as floodwater sweeps through {area} of {place}",
         "{place} counts the cost of deadly floods", "Rescue teams search flooded streets of {place}",
         "Deadly floods swamp {area} of {place}", "{river} floods {area} of {place}"),
        ("Flooding in {place} killed {n_dead} people {when} after the {river} burst its banks "
         "following days of heavy rain.",
         "The {river} burst its banks {when}, flooding {area} of {place} and forcing "
         "{n_evacuated} residents from their homes.",
         "Floodwater swept through {area} of {place} {when}, and emergency crews worked through "
         "the night to reach stranded residents.",
         "Rescue teams in boats pulled residents from the upper floors of their homes in {place} "
         "{when} as the {river} rose.",
         "Torrential rain sent the {river} over its banks {when}, submerging {area} of {place} "
         "and cutting off nearby villages.",
         "Heavy flooding hit {place} {when}, leaving {n_dead} people dead and {area} under water."),
        ("The river burst its banks on {date}, officials said.",
         "The floods struck {place} on {date} after a week of heavy rain."),
        {"dead": ("{org} said {n_dead} people were killed in the floods.",
                  "{n_dead} people were killed in the floods, officials said."),
         "evacuated": ("{n_evacuated} residents were evacuated from {area}.",
                       "Officials said {n_evacuated} residents were evacuated overnight."),
         "aid": ("The regional government released {n_aid} million euros in emergency aid.",
                 "{n_aid} million euros in emergency aid was released by the regional government.")},
        ("The water came up faster than anyone expected",
         "Our priority now is to find everyone who is still missing",
         "Families here have lost everything, and they need help now",
         "The river defences were never built for rain like this",
         "We will rebuild {area}, but it is going to take a long time",
         "Every available crew in the {region} region is out on the streets"),
        ("the river defences had held in most places", "more rain was forecast",
         "the army would help with the clean-up"),
        ("{place} lies on a flood plain where the {river} meets two smaller streams.",
         "The {region} region suffered its last serious floods in {year}.",
         "Residents have campaigned for years for higher flood walls along the {river}.",
         "Critics say spending on {issue} in the region has been cut repeatedly.",
         "Roads into {place} were cut off, and several bridges were closed as a precaution.",
         "Insurers say the damage to {loss} will take months to assess."),
        ("Forecasters expect more rain in the {region} region.",
         "Schools in {place} will stay closed until the water recedes."),
    ),
    Kind(
        "election", "the election", "the {place} Electoral Commission",
        ({"issue": "housing", "group": "young families",
          "scene": "Rents in {place} have climbed faster than wages in recent years. | "
                   "Young families say they are being priced out of the town."},
         {"issue": "local taxes", "group": "homeowners",
          "scene": "The outgoing council raised property taxes twice during its term. | "
                   "Homeowners' groups campaigned hard for a freeze on local taxes."},
         {"issue": "public transport", "group": "commuters",
          "scene": "Bus services to the outlying villages have been cut repeatedly. | "
                   "Commuters complain of overcrowded trains into the regional capital."},
         {"issue": "a new bypass road", "group": "residents along the high street",
          "scene": "Heavy lorries rumble through the centre of {place} day and night. | "
                   "Supporters say a bypass would finally bring peace to the high street."},
         {"issue": "water prices", "group": "pensioners",
          "scene": "Water bills in {place} have risen sharply since the utility was sold. | "
                   "Pensioners' groups held public meetings in every district during the campaign."},
         {"issue": "school closures", "group": "parents",
          "scene": "The council has closed three village schools in recent years. | "
                   "Parents formed an alliance to fight further closures."}),
        ("party leader", "head of {org}", "opposition leader", "party spokesperson",
         "regional governor"),
        {"turnout": (31, 78, "pct"), "votes": (2000, 60000, "n"), "seats": (5, 30, "n")},
        ("{place} votes in closely watched local election",
         "Election result reshapes politics in {place}", "Voters in {place} choose a new council",
         "Row over {issue} dominates local election in {place}",
         "{place} elects new council after bitter campaign",
         "Voters in {place} weigh {issue} at the ballot box"),
        ("Voters in {place} went to the polls {when} in a local election dominated by {issue}.",
         "The local election in {place} was held {when}, and turnout reached {n_turnout} percent, "
         "according to {org}.",
         "Residents of {place} elected a new council {when} after a campaign fought largely over "
         "{issue}.",
         "{place} chose a new council {when}, with {org} reporting a turnout of {n_turnout} percent.",
         "Polls closed in {place} {when} at the end of a bitter local election campaign over "
         "{issue}.",
         "The governing alliance in {place} lost ground in a local election held {when}, as "
         "{group} turned against it over {issue}."),
        ("The election took place on {date}.",
         "Polling stations across {place} opened early on {date}."),
        {"turnout": ("Turnout was {n_turnout} percent, {org} said.",
                     "{org} put turnout at {n_turnout} percent."),
         "votes": ("The winning list received {n_votes} votes.",
                   "{org} said the winning list received {n_votes} votes."),
         "seats": ("The governing alliance won {n_seats} seats on the council.",
                   "According to official results, the governing alliance won {n_seats} seats.")},
        ("The people of {place} have spoken",
         "We respect the result and we will be a strong opposition",
         "{Issue} came up on every doorstep during this campaign",
         "This result is a clear call for change",
         "We heard the {group} of this town, and we will act for them",
         "The count was orderly and the result is beyond doubt"),
        ("the new council would review the budget within weeks",
         "the count had been slowed by a technical fault",
         "the party would study the result carefully"),
        ("{place} has been governed by the same alliance since {year}.",
         "The campaign focused heavily on {issue}, which voters listed as their main concern.",
         "Opinion polls before the vote had pointed to a close race.",
         "Several candidates campaigned door to door in the outlying villages.",
         "Counting went on late into the night at the town hall.",
         "Several small parties failed to win a single seat."),
        ("The new council will hold its first session next month.",
         "{org} is expected to certify the final result within days."),
    ),
    Kind(
        "trial", "the trial", "the {place} District Court",
        ({"issue": "fraud", "scheme": "fake invoices",
          "scene": "Investigators say the company paid hundreds of invoices for work that was "
                   "never done. | Auditors found gaps in the accounts for several financial years."},
         {"issue": "bribery", "scheme": "payments to officials",
          "scene": "Prosecutors allege that cash was handed over in envelopes at a restaurant in "
                   "{place}. | Several municipal officials have been suspended pending the outcome."},
         {"issue": "embezzlement", "scheme": "diverted company funds",
          "scene": "Money was moved through a chain of shell companies abroad, the indictment says. "
                   "| The defendant is accused of using company funds to buy property."},
         {"issue": "tax evasion", "scheme": "undeclared profits",
          "scene": "Tax inspectors raided the offices of {company} in a case that shocked the town. "
                   "| The indictment describes a network of offshore accounts."},
         {"issue": "bid rigging", "scheme": "rigged public tenders",
          "scene": "Rival bidders were allegedly told in advance what price to offer. | "
                   "Contracts for roads and schools are at the heart of the case."},
         {"issue": "price fixing", "scheme": "secret price agreements",
          "scene": "Competitors are alleged to have met in secret to agree their prices. | "
                   "Customers paid far more than they should have, prosecutors say."}),
        ("former finance director of {company}", "chief prosecutor", "defence lawyer",
         "presiding judge", "head of the {region} anti-corruption office"),
        {"money": (10, 900, "m"), "witnesses": (6, 80, "n"), "codefendants": (2, 9, "n")},
        ("Trial of former {company} executive opens in {place}",
         "{company} {issue} case goes to court", "Prosecutors lay out {issue} case in {place} court",
         "Former {company} director denies {issue}",
         "Former {company} director goes on trial over {scheme}", "{Issue} trial opens at {org}"),
        ("A former finance director of {company} went on trial at {org} {when}, accused of "
         "{issue} involving {n_money} million euros.",
         "Prosecutors at {org} opened their {issue} case against a former executive of "
         "{company} {when}.",
         "The trial of a former {company} director accused of {issue} began in {place} {when}.",
         "A former executive of {company} appeared before {org} {when} as the long-awaited "
         "{issue} trial got under way.",
         "The {issue} case against a former finance director of {company} opened {when} at {org}, "
         "with the defendant denying all charges.",
         "Prosecutors told {org} {when} that a former {company} director had organised "
         "{scheme} for years."),
        ("The trial opened on {date} before a panel of three judges.",
         "Proceedings began on {date} in a packed courtroom in {place}."),
        {"money": ("Prosecutors say {n_money} million euros went missing through {scheme}.",
                   "According to the indictment, {n_money} million euros went missing."),
         "witnesses": ("The indictment lists {n_witnesses} witnesses.",
                       "{n_witnesses} witnesses are listed in the indictment."),
         "codefendants": ("{n_codefendants} other people also face charges in the case.",
                          "Prosecutors said {n_codefendants} other people also face charges.")},
        ("My client rejects every one of these accusations",
         "The evidence will show exactly where the money went",
         "This case is about trust in public contracts", "We will let the court do its work",
         "There is nothing in these documents that points to a crime",
         "People in {place} are watching this trial closely"),
        ("the defendant had acted on instructions from the board",
         "the case could take several months", "the evidence had been obtained lawfully"),
        ("The case came to light after an audit of the accounts of {company} in {year}.",
         "{company} has said it is cooperating fully with investigators.",
         "{Issue} cases rarely reach trial in the {region} region.",
         "The defendant resigned from the company shortly after the audit.",
         "The defendant sat silently as the charges were read out.",
         "Reporters and members of the public queued outside the court from early morning."),
        ("The trial is expected to last several weeks.",
         "The court will hear the first witnesses when proceedings resume."),
    ),
    Kind(
        "shipment", "the shipment", "the {place} Port Authority",
        ({"issue": "grain", "use": "bakeries and mills",
          "scene": "Bakeries in {place} had cut their opening hours for lack of flour. | "
                   "The grain will be milled locally and sold at fixed prices."},
         {"issue": "fuel", "use": "hospitals and power stations",
          "scene": "Petrol stations across the town had run dry, and queues stretched for blocks. | "
                   "Hospitals had been relying on backup generators."},
         {"issue": "medical supplies", "use": "hospitals and clinics",
          "scene": "Doctors at the regional hospital had postponed operations for lack of basic "
                   "supplies. | The cargo includes antibiotics, bandages and surgical equipment."},
         {"issue": "fertiliser", "use": "farmers",
          "scene": "Farmers had warned that the next harvest was at risk without fertiliser. | "
                   "Fertiliser prices in the region have doubled."},
         {"issue": "building materials", "use": "reconstruction crews",
          "scene": "Repairs to damaged homes in {place} had stalled for lack of cement and steel. | "
                   "Builders said the delivery would allow work to restart."},
         {"issue": "drinking water", "use": "families",
          "scene": "Tap water in parts of {place} has been unsafe to drink for weeks. | "
                   "Volunteers will hand out bottled water from schools and churches."}),
        ("port director", "transport minister", "head of {org}", "customs spokesperson",
         "regional governor"),
        {"tonnes": (400, 60000, "n"), "trucks": (12, 300, "n"), "dockers": (20, 240, "n")},
        ("First {issue} shipment reaches {place}", "{Issue} cargo from {place2} arrives in {place}",
         "{place} port receives long-awaited {issue}", "{Issue} delivery docks in {place}",
         "Ship with {issue} for {use} docks in {place}", "{place} unloads {issue} from {place2}"),
        ("A shipment of {issue} from {place2} arrived in {place} {when}, the first delivery since "
         "the sea route reopened.",
         "The first {issue} shipment from {place2} docked in {place} {when}, carrying "
         "{n_tonnes} tonnes, according to {org}.",
         "A ship carrying {issue} from {place2} reached {place} {when} after a delay of "
         "several days.",
         "A cargo ship from {place2} unloaded {issue} in {place} {when}, bringing relief to "
         "{use} across the {region} region.",
         "{org} welcomed a vessel carrying {issue} from {place2} {when}, the largest delivery to "
         "the port in months.",
         "Dock workers in {place} began unloading a shipment of {issue} from {place2} {when}."),
        ("The vessel docked on {date}, port officials said.",
         "The cargo arrived on {date} and was unloaded overnight."),
        {"tonnes": ("The ship carried {n_tonnes} tonnes of {issue}.",
                    "{org} said the ship carried {n_tonnes} tonnes of {issue}."),
         "trucks": ("{n_trucks} trucks were waiting at the quay to take the cargo to {use}.",
                    "Officials said {n_trucks} trucks were waiting at the quay."),
         "dockers": ("{n_dockers} dock workers unloaded the cargo.",
                     "The cargo was unloaded by {n_dockers} dock workers, {org} said.")},
        ("This shipment will make a real difference to {use} in {place}",
         "We have been waiting for this moment for a long time",
         "Every tonne of {issue} that arrives here matters",
         "The route is open and we intend to keep it open",
         "Our teams worked through the night to unload the cargo",
         "There is still far more need than supply"),
        ("further shipments would follow if the route stayed open",
         "customs checks had been completed in record time",
         "the cargo would be distributed across the {region} region"),
        ("{place} has struggled with shortages of {issue} for months.",
         "The sea route from {place2} was closed for much of the past year.",
         "Aid agencies have warned that stocks in the {region} region are running low.",
         "Dock workers in {place} have handled only a fraction of their usual traffic.",
         "Prices for {issue} in {place} have risen sharply in recent months.",
         "The ship was escorted into the harbour by two tugboats."),
        ("A second shipment is expected later this month.",
         "{org} said it would publish a schedule for further deliveries."),
    ),
    Kind(
        "fire", "the fire", "the {region} Fire Service",
        ({"issue": "a chemical warehouse", "hazard": "toxic fumes",
          "scene": "Residents were told to stay indoors because of fears over toxic fumes. | "
                   "Barrels of solvents exploded one after another as the fire spread."},
         {"issue": "a timber yard", "hazard": "flying sparks",
          "scene": "Stacks of timber sent flames high into the night sky. | "
                   "Sparks carried by the wind set fire to sheds in nearby gardens."},
         {"issue": "a textile factory", "hazard": "thick smoke",
          "scene": "Rolls of fabric fed the flames inside the factory halls. | "
                   "Workers on the night shift escaped through emergency exits."},
         {"issue": "a fuel depot", "hazard": "exploding tanks",
          "scene": "A series of explosions shook windows across the town as fuel tanks caught "
                   "fire. | Firefighters sprayed foam to stop the flames reaching the other tanks."},
         {"issue": "a recycling plant", "hazard": "burning plastic",
          "scene": "Mountains of plastic waste burned for hours, producing acrid black smoke. | "
                   "Recycling sites have become a frequent source of large fires."},
         {"issue": "a shopping centre", "hazard": "collapsing roofs",
          "scene": "Shoppers were led out of the building as alarms sounded. | "
                   "Flames spread quickly through the shops on the upper floor."}),
        ("fire chief", "head of {org}", "mayor of {place}", "environment minister",
         "company spokesperson"),
        {"firefighters": (30, 400, "n"), "evacuated": (100, 5000, "n"), "injured": (2, 40, "n")},
        ("Fire at {company} site forces evacuations in {place}",
         "Firefighters battle blaze at {issue} in {place}", "Investigation opens into {place} fire",
         "Smoke over {place} as fire destroys {issue}",
         "Fire crews tackle blaze at {company} site in {place}",
         "Evacuations as fire hits {issue} in {place}"),
        ("A fire broke out at {issue} run by {company} in {place} {when}, sending thick smoke "
         "over the town.",
         "Firefighters battled a large fire at {issue} on the edge of {place} {when}, and "
         "residents nearby were told to keep their windows shut.",
         "Fire destroyed {issue} operated by {company} in {place} {when}, and {n_injured} people "
         "were taken to hospital.",
         "A blaze tore through {issue} owned by {company} in {place} {when}, forcing nearby homes "
         "to be evacuated.",
         "Fire crews from across the {region} region fought a fire at {issue} in {place} {when}.",
         "Thick smoke rose over {place} {when} after fire broke out at {issue} belonging to "
         "{company}."),
        ("The fire broke out on {date}, according to {org}.",
         "The blaze began on {date} and burned for most of the day."),
        {"firefighters": ("{n_firefighters} firefighters were sent to the scene.",
                          "{org} said {n_firefighters} firefighters were sent to the scene."),
         "evacuated": ("{n_evacuated} residents were evacuated from nearby streets.",
                       "Police said {n_evacuated} residents were evacuated as a precaution."),
         "injured": ("{n_injured} people were treated in hospital for smoke inhalation.",
                     "Hospital officials said {n_injured} people were treated for smoke "
                     "inhalation.")},
        ("The crews did an extraordinary job in very dangerous conditions",
         "We want to know exactly how this fire started",
         "There is no immediate danger to public health",
         "We are cooperating fully with the investigation",
         "The {hazard} made this one of the hardest fires we have fought",
         "Nobody should have to live this close to a site like that"),
        ("the cause of the fire was not yet known", "air quality readings had returned to normal",
         "an investigation would begin once the site was safe"),
        ("{company} has operated the site since {year}.",
         "Residents had complained about safety at the site for years.",
         "The site employs several hundred people from {place} and nearby villages.",
         "Environmental groups have long questioned the safety rules for such sites.",
         "Thick black smoke could be seen from neighbouring towns.",
         "Police closed the main road past the site for several hours."),
        ("Investigators will examine the site once it has been made safe.",
         "{company} said it would publish the findings of an internal review."),
    ),
    Kind(
        "closure", "the closure", "the {region} Industrial Union",
        ({"issue": "steel", "product": "steel beams",
          "scene": "The blast furnace at the plant has been running at half capacity. | "
                   "Cheap imports have squeezed steelmakers across the continent."},
         {"issue": "car parts", "product": "gearboxes and brakes",
          "scene": "The plant makes gearboxes and brake systems for carmakers. | "
                   "Orders have fallen as the car industry shifts to electric vehicles."},
         {"issue": "paper", "product": "newsprint and packaging",
          "scene": "The mill produces newsprint and packaging paper. | "
                   "Demand for newsprint has collapsed as readers move online."},
         {"issue": "glass", "product": "bottles and jars",
          "scene": "The furnaces at the plant make bottles and jars for food producers. | "
                   "High gas prices have made glassmaking one of the costliest industries to run."},
         {"issue": "furniture", "product": "kitchen cabinets",
          "scene": "The factory makes kitchen cabinets and wardrobes. | "
                   "Cheaper imports have taken much of the furniture market."},
         {"issue": "cement", "product": "cement",
          "scene": "The cement works sits beside a limestone quarry outside the town. | "
                   "A slowdown in construction has cut demand for cement."}),
        ("chief executive of {company}", "economy minister", "union leader", "mayor of {place}",
         "plant manager"),
        {"jobs": (150, 4000, "n"), "suppliers": (10, 120, "n"), "investment": (10, 900, "m")},
        ("{company} to close {issue} plant in {place}", "Jobs at risk as {company} shuts {place} plant",
         "{place} reels from {company} closure", "Union vows to fight plant closure in {place}",
         "{company} plant closure shocks {place}", "{place} loses its {issue} plant"),
        ("{company} announced the closure of its {issue} plant in {place} {when}, putting "
         "{n_jobs} jobs at risk.",
         "Workers at the {issue} plant of {company} in {place} learned {when} that the site "
         "would close.",
         "{company} told staff {when} that it would shut its {issue} plant in {place}, the largest "
         "employer in the town.",
         "{company} will close its {issue} plant in {place}, the company said {when}, in a blow to "
         "the local economy.",
         "The {issue} plant of {company} in {place} is to shut, managers told workers {when}.",
         "Staff at the {issue} plant of {company} in {place} were told {when} that production of "
         "{product} would end."),
        ("The company informed staff of the decision on {date}.",
         "Managers told workers about the closure at a meeting on {date}."),
        {"jobs": ("The plant employs {n_jobs} people, according to the company.",
                  "{company} said the plant employs {n_jobs} people."),
         "suppliers": ("{n_suppliers} local suppliers depend on the plant for much of their "
                       "business.",
                       "The union says {n_suppliers} local suppliers depend on the plant."),
         "investment": ("{company} invested {n_investment} million euros in the plant in {year}.",
                        "The plant received {n_investment} million euros of investment in {year}.")},
        ("This was the hardest decision we have had to make",
         "These are skilled people and they deserve better than this",
         "We will do everything we can to find a buyer for the site",
         "{place} has built its life around this plant for generations",
         "The market for {product} has fallen and the numbers no longer add up",
         "We are not going to let this plant close without a fight"),
        ("talks with potential buyers were continuing",
         "the government would look at ways to support the workforce",
         "production would wind down over the coming months"),
        ("The plant was once the biggest employer in the {region} region.",
         "Energy costs for heavy industry in the region have risen sharply in recent years.",
         "Several smaller factories in {place} have closed in recent years.",
         "Workers gathered at the factory gates after the announcement, many of them in tears.",
         "Local shops and cafes fear they will lose much of their trade.",
         "Suppliers in {place} said they had been given no warning of the decision."),
        ("Unions will meet the management of {company} again in the coming days.",
         "The company said production would end gradually."),
    ),
    Kind(
        "protest", "the protest", "the {place} Residents' Alliance",
        ({"issue": "a planned motorway",
          "scene": "The planned motorway would cut through farmland and woods east of the town. | "
                   "Campaigners say the road would bring noise and pollution to quiet villages."},
         {"issue": "rising rents",
          "scene": "Tenants' groups say rents in {place} have risen sharply in recent years. | "
                   "Several families have been evicted from their flats in recent months."},
         {"issue": "a new quarry",
          "scene": "The proposed quarry would sit on a hillside above the town. | "
                   "Residents fear dust, blasting and heavy lorries on narrow roads."},
         {"issue": "hospital cuts",
          "scene": "The regional hospital plans to close its maternity ward. | "
                   "Doctors and nurses joined the march in their uniforms."},
         {"issue": "a waste incinerator",
          "scene": "The incinerator would burn rubbish from across the {region} region. | "
                   "Parents fear the impact of emissions on the health of their children."},
         {"issue": "higher water prices",
          "scene": "Water bills have doubled since the local utility was sold to a private "
                   "operator. | Marchers carried empty buckets and bottles."}),
        ("protest organiser", "police chief", "mayor of {place}", "interior minister",
         "spokesperson for {org}"),
        {"protesters": (300, 40000, "n"), "arrests": (2, 60, "n"), "officers": (50, 900, "n")},
        ("Protesters march in {place} against {issue}", "{place} protest over {issue} draws crowds",
         "Police and protesters face off in {place}", "Anger over {issue} spills onto streets of {place}",
         "{place} residents rally against {issue}", "March against {issue} fills streets of {place}"),
        ("Protesters marched through the centre of {place} {when} to oppose {issue}, in one of "
         "the largest demonstrations the town has seen.",
         "A protest against {issue} brought the centre of {place} to a standstill {when}.",
         "{org} led a march against {issue} in {place} {when}, and police said {n_protesters} "
         "people took part.",
         "Demonstrators filled the streets of {place} {when} in protest at {issue}.",
         "Residents opposed to {issue} rallied in the main square of {place} {when} at the call "
         "of {org}.",
         "A march against {issue} wound through {place} {when}, with police watching from side "
         "streets."),
        ("The march took place on {date} and passed off largely peacefully.",
         "Crowds gathered outside the town hall on {date}."),
        {"protesters": ("Police said {n_protesters} people took part in the march.",
                        "{n_protesters} people took part in the march, according to police."),
         "arrests": ("Police arrested {n_arrests} people during the protest.",
                     "During the protest, police arrested {n_arrests} people."),
         "officers": ("{n_officers} police officers were deployed in the town centre.",
                      "Authorities said {n_officers} police officers were deployed.")},
        ("We are here because nobody in power is listening",
         "The right to protest is protected, but so is public order",
         "{Issue} will change {place} forever, and not for the better",
         "We counted every person who came, and they came in large numbers",
         "Most of the marchers were peaceful and we thank them for that",
         "We will be back every week until this decision is reversed"),
        ("the plans would be reviewed", "the march had been organised without proper notice",
         "officers had shown restraint throughout"),
        ("Opposition to {issue} has grown steadily since {year}.",
         "The plans have divided opinion in {place}, with local businesses largely in favour.",
         "{org} was founded by residents who opposed an earlier version of the scheme.",
         "Shops along the route of the march closed early.",
         "Marchers carried banners and chanted slogans as they passed the town hall.",
         "A small counter-demonstration gathered near the station."),
        ("Organisers said they would hold another march next month.",
         "The regional council will debate the plans at its next session."),
    ),
    Kind(
        "outbreak", "the outbreak", "the {region} Health Authority",
        ({"issue": "food poisoning", "source": "the canteen of a primary school", "sick": "pupils",
          "scene": "Parents gathered outside the school gates waiting for news. | "
                   "Inspectors took samples from the kitchen and sealed off the canteen."},
         {"issue": "legionnaires' disease", "source": "the cooling tower of a hotel",
          "sick": "hotel guests",
          "scene": "The hotel was closed and its water system flushed with chemicals. | "
                   "Legionella bacteria thrive in warm, stagnant water in cooling systems."},
         {"issue": "measles", "source": "a children's nursery", "sick": "young children",
          "scene": "Health workers set up a vaccination clinic in the town hall. | "
                   "Vaccination rates in the district have fallen below the level needed to stop "
                   "the virus spreading."},
         {"issue": "a stomach virus", "source": "a care home", "sick": "elderly residents",
          "scene": "Visits to the care home were suspended and staff wore protective gear. | "
                   "Relatives said they had been kept in the dark for days."}),
        ("chief medical officer", "head of {org}", "health minister", "hospital director",
         "mayor of {place}"),
        {"sick": (12, 400, "n"), "hospitalised": (2, 60, "n"), "samples": (20, 300, "n")},
        ("Health officials investigate {issue} outbreak in {place}",
         "{Issue} outbreak traced to {source} in {place}", "{Sick} fall ill as {issue} spreads in {place}",
         "{place} closes {source} after {issue} outbreak"),
        ("Health officials in {place} confirmed an outbreak of {issue} linked to {source} {when}.",
         "An outbreak of {issue} at {source} in {place} sent {n_hospitalised} people to hospital "
         "{when}.",
         "{org} ordered the closure of {source} in {place} {when} after an outbreak of {issue} "
         "among {sick}.",
         "Doctors in {place} reported a cluster of {issue} cases among {sick} {when}, and "
         "{org} traced them to {source}."),
        ("The first cases were reported on {date}, according to {org}.",
         "Doctors alerted the authorities on {date}."),
        {"sick": ("{n_sick} people have fallen ill, {org} said.",
                  "{org} said {n_sick} people have fallen ill."),
         "hospitalised": ("{n_hospitalised} people were admitted to hospital.",
                          "Doctors said {n_hospitalised} people were admitted to hospital."),
         "samples": ("Inspectors took {n_samples} samples from {source}.",
                     "{n_samples} samples were taken from {source}, inspectors said.")},
        ("Most of those affected are recovering well at home",
         "We acted as soon as the first cases were reported",
         "Our thoughts are with everyone who fell ill and their families",
         "We need to find out exactly how this happened",
         "There is no wider risk to the public at this stage",
         "Families deserve clear answers, and they will get them"),
        ("the source of the infection had been identified",
         "further cases could not be ruled out",
         "the premises would stay closed until tests came back clean"),
        ("{Source} passed its last inspection without any serious findings.",
         "Local doctors say they have seen more cases than usual in recent weeks.",
         "Hospitals in the {region} region have struggled with staff shortages.",
         "Health officials have asked anyone with symptoms to contact their doctor.",
         "Outbreaks of {issue} are rare in the {region} region."),
        ("Test results are expected later this week.",
         "{org} will publish a full report once its investigation is complete."),
    ),
    Kind(
        "crash", "the crash", "the {region} Transport Safety Board",
        ({"issue": "a bus crash", "vehicle": "a coach", "route": "the mountain road",
          "scene": "The coach left the road on a sharp bend and rolled down an embankment. | "
                   "Local drivers have long described the road as dangerous."},
         {"issue": "a train derailment", "vehicle": "a passenger train", "route": "the coastal line",
          "scene": "Three carriages left the track and came to rest on their side. | "
                   "Engineers had reported problems with the track on that stretch."},
         {"issue": "a ferry collision", "vehicle": "a passenger ferry",
          "route": "the harbour crossing",
          "scene": "The ferry struck a cargo ship in thick fog at the mouth of the harbour. | "
                   "Passengers were helped into lifeboats as the ferry took on water."},
         {"issue": "a motorway pile-up", "vehicle": "a tourist coach", "route": "the motorway",
          "scene": "Cars and lorries piled into each other in heavy fog. | "
                   "The motorway was closed in both directions while crews cleared the wreckage."}),
        ("chief investigator", "head of {org}", "transport minister", "police spokesperson",
         "mayor of {place}"),
        {"dead": (2, 30, "n"), "injured": (5, 90, "n"), "passengers": (20, 400, "n")},
        ("{Issue} near {place} leaves dead and injured",
         "Investigators examine cause of {issue} near {place}",
         "Rescuers work through night after {issue} near {place}",
         "{place} mourns victims of {issue}"),
        ("{Issue} near {place} killed {n_dead} people {when}, according to {org}.",
         "Rescue teams worked through the night after {issue} on {route} near {place} {when}.",
         "{Vehicle} carrying {n_passengers} passengers crashed on {route} near {place} {when}.",
         "Investigators from {org} arrived in {place} {when} after {issue} on {route}."),
        ("The accident happened on {date}, shortly after dawn.",
         "Emergency services were called to the scene on {date}."),
        {"dead": ("{n_dead} people were killed in the accident, {org} said.",
                  "{org} said {n_dead} people were killed in the accident."),
         "injured": ("{n_injured} people were injured, several of them seriously.",
                     "Hospitals said {n_injured} people were injured."),
         "passengers": ("{Vehicle} was carrying {n_passengers} passengers.",
                        "There were {n_passengers} passengers on board, officials said.")},
        ("This is a terrible day for {place} and for every family affected",
         "It is too early to say what caused this accident",
         "The emergency crews did everything they could in very difficult conditions",
         "We will not rest until we know exactly what went wrong",
         "Our hospitals are treating the injured and more staff have been called in",
         "People have been warning about safety on {route} for years"),
        ("the driver had been tested for alcohol as a matter of routine",
         "the data recorder had been recovered", "the investigation could take months"),
        ("The stretch of {route} near {place} has seen several serious accidents.",
         "Safety campaigners have long called for investment in {route}.",
         "Relatives of the passengers gathered at a reception centre set up in a school.",
         "Several of the injured were flown to hospitals in the regional capital.",
         "Flags in {place} were lowered to half mast."),
        ("{org} will publish its preliminary findings within weeks.",
         "A day of mourning will be held in {place}."),
    ),
    Kind(
        "takeover", "the takeover", "the {region} Competition Office",
        ({"issue": "supermarket chain", "assets": "stores",
          "scene": "The chain runs stores in almost every town in the {region} region. | "
                   "Suppliers of fresh produce fear the new owner will squeeze their prices."},
         {"issue": "regional airline", "assets": "aircraft",
          "scene": "The airline connects {place} with cities across the continent. | "
                   "Pilots and cabin crew have asked for guarantees on their contracts."},
         {"issue": "brewery", "assets": "brands",
          "scene": "The brewery has made beer in {place} for generations. | "
                   "Its beers are sold in bars and shops across the country."},
         {"issue": "software company", "assets": "products",
          "scene": "The company makes accounting software used by small businesses across the "
                   "country. | Its engineers are among the most sought-after in the region."}),
        ("chief executive of {company}", "chairman of {company2}", "economy minister",
         "union leader", "market analyst"),
        {"price": (200, 9000, "m"), "premium": (10, 45, "pct"), "jobs": (300, 6000, "n")},
        ("{company2} agrees to buy {company}", "{company} sold to {company2} in {issue} deal",
         "{company2} takeover of {company} raises job fears in {place}",
         "Rival {company2} wins battle for {place} {issue}"),
        ("{company2} agreed to buy {company}, the {issue} based in {place}, {when} in a deal worth "
         "{n_price} million euros.",
         "The board of {company} accepted a takeover offer from {company2} {when}, ending months "
         "of speculation about the future of the {place} {issue}.",
         "{company}, one of the largest employers in {place}, is to be taken over by {company2}, "
         "the two companies said {when}.",
         "{company2} announced {when} that it would acquire {company} at a premium of "
         "{n_premium} percent to its market value."),
        ("The two companies signed the agreement on {date}.",
         "The board approved the offer at a meeting on {date}."),
        {"price": ("The deal values {company} at {n_price} million euros.",
                   "{company2} said the deal values {company} at {n_price} million euros."),
         "premium": ("The offer represents a premium of {n_premium} percent.",
                     "Analysts noted that the offer represents a premium of {n_premium} percent."),
         "jobs": ("{company} employs {n_jobs} people, most of them in {place}.",
                  "According to the union, {company} employs {n_jobs} people.")},
        ("This deal gives {company} the scale it needs to compete",
         "We have given clear commitments on jobs in {place}",
         "Our members want guarantees in writing, not promises",
         "The price reflects the quality of the business and its people",
         "Shareholders have been offered a fair deal",
         "{place} cannot afford to lose its headquarters"),
        ("the deal would need approval from competition regulators",
         "the headquarters would stay in {place} for now",
         "there were no plans for immediate job cuts"),
        ("Shares in {company} have fallen sharply in recent months.",
         "{company2} has been expanding rapidly through acquisitions.",
         "Analysts had expected a rival bid that never came.",
         "Staff learned of the deal from the news, according to the union.",
         "The {issue} is one of the best-known names in the {region} region."),
        ("Regulators are expected to review the deal in the coming months.",
         "Shareholders will vote on the offer at a general meeting."),
    ),
    Kind(
        "resignation", "the resignation", "the {place} Town Council",
        ({"issue": "an expenses scandal", "detail": "questions over travel claims",
          "scene": "Receipts published by a local newspaper showed claims for holidays and "
                   "restaurant bills. | Opposition councillors had asked for an independent audit."},
         {"issue": "a row over a building permit", "detail": "a permit granted to a relative",
          "scene": "The permit allowed a hotel to be built on protected land near the lake. | "
                   "Environmental groups had challenged the permit in court."},
         {"issue": "ill health", "detail": "medical advice",
          "scene": "Colleagues said the mayor had looked tired and unwell for months. | "
                   "Messages of support poured in from across the political spectrum."},
         {"issue": "a collapse of the ruling coalition", "detail": "a revolt by coalition partners",
          "scene": "The coalition running the town had been divided for months over the budget. | "
                   "Two parties withdrew their support after a bitter council debate."}),
        ("deputy mayor", "council leader", "opposition leader", "party chairman",
         "regional governor"),
        {"councillors": (15, 49, "n"), "signatures": (400, 9000, "n"), "fees": (8000, 250000, "n")},
        ("Mayor of {place} resigns over {issue}", "{place} mayor quits after {issue}",
         "Resignation leaves {place} town hall in turmoil",
         "{place} looks for new mayor after sudden resignation"),
        ("The mayor of {place} resigned {when} after weeks of pressure over {issue}.",
         "{place} was left without a mayor {when} when the town's leader stepped down, citing "
         "{detail}.",
         "The mayor of {place} stepped down {when}, telling councillors that {issue} had made the "
         "job impossible.",
         "The mayor of {place} quit {when}, shortly after a petition signed by {n_signatures} "
         "residents demanded a change at the town hall."),
        ("The resignation was announced on {date} at a hastily arranged press conference.",
         "Councillors were informed of the decision on {date}."),
        {"councillors": ("The council has {n_councillors} members, and a majority must agree on a "
                         "successor.",
                         "A majority of the {n_councillors} councillors must now agree on a "
                         "successor."),
         "signatures": ("A petition calling for the mayor to go gathered {n_signatures} "
                        "signatures.",
                        "Organisers said the petition gathered {n_signatures} signatures."),
         "fees": ("The town spent {n_fees} euros on legal advice during the affair.",
                  "According to {org}, the town spent {n_fees} euros on legal advice.")},
        ("I have decided that the town needs a fresh start",
         "This was the only honourable thing to do",
         "The people of {place} deserve a town hall they can trust",
         "We thank the mayor for years of service, but it is time to move on",
         "The council will keep working for residents without interruption",
         "This is not the end of the questions that need to be answered"),
        ("an interim mayor would be chosen within weeks",
         "the work of the council would continue as normal",
         "the resignation would take effect immediately"),
        ("The mayor was first elected in {year} on a promise to clean up local politics.",
         "{Issue} had dominated local news for weeks.",
         "Several councillors had distanced themselves from the mayor in recent weeks.",
         "Residents interviewed on the main square were divided over the resignation.",
         "The regional government has said it will monitor the situation closely."),
        ("A caretaker will run the town hall until a new mayor is chosen.",
         "The council is expected to meet next week to discuss the succession."),
    ),
    Kind(
        "opening", "the opening", "the {region} Infrastructure Agency",
        ({"issue": "a new bridge", "thing": "the bridge", "users": "drivers",
          "scene": "The bridge spans the river where a small ferry used to carry cars across. | "
                   "Crowds walked across the deck before it opened to traffic."},
         {"issue": "a tram line", "thing": "the tram line", "users": "passengers",
          "scene": "The trams run from the railway station through the old town to the hospital. | "
                   "Children waved from the first tram as it left the depot."},
         {"issue": "a new hospital wing", "thing": "the hospital wing", "users": "patients",
          "scene": "The wing houses operating theatres, a maternity unit and a children's ward. | "
                   "Staff gave visitors guided tours of the new wards."},
         {"issue": "a bypass road", "thing": "the bypass", "users": "lorry drivers",
          "scene": "The bypass takes heavy traffic away from the narrow streets of the old town. | "
                   "Residents along the old main road celebrated with a street party."}),
        ("transport minister", "head of {org}", "mayor of {place}", "project director",
         "regional governor"),
        {"cost": (50, 2000, "m"), "builders": (80, 900, "n"), "daily": (1000, 40000, "n")},
        ("{place} opens {issue}", "{Issue} opens in {place} after years of delays",
         "First {users} try out {thing} in {place}", "{place} celebrates as {issue} finally opens"),
        ("{Issue} opened in {place} {when}, years after the project was first proposed.",
         "{place} inaugurated {issue} {when}, a project that cost {n_cost} million euros.",
         "The first {users} used {thing} in {place} {when}, at a ceremony attended by hundreds "
         "of residents.",
         "Officials cut the ribbon on {issue} in {place} {when}, ending years of construction "
         "work."),
        ("{Thing} opened to the public on {date}.",
         "The opening ceremony took place on {date}."),
        {"cost": ("{Thing} cost {n_cost} million euros to build.",
                  "According to {org}, {thing} cost {n_cost} million euros to build."),
         "builders": ("{n_builders} workers were employed on the project at its peak.",
                      "At its peak, the project employed {n_builders} workers."),
         "daily": ("Planners expect {n_daily} {users} a day to use {thing}.",
                   "{org} expects {n_daily} {users} a day to use {thing}.")},
        ("This is a proud day for {place}",
         "It took longer than we hoped, but it was worth the wait",
         "{Thing} will change daily life for thousands of people",
         "We kept the project on budget despite rising costs",
         "People here have waited a generation for this", "Now the real test begins"),
        ("the project had finished close to its original budget",
         "further improvements would follow", "the old route would be kept for local traffic"),
        ("The project was first proposed in {year} but was delayed by funding problems.",
         "Construction was held up by disputes with landowners.",
         "Local businesses hope {thing} will bring more visitors to {place}.",
         "Critics said the money should have been spent elsewhere.",
         "Traffic through the centre of {place} had reached breaking point."),
        ("{org} will monitor how {thing} is used during its first months.",
         "A second phase of the project is planned."),
    ),
    Kind(
        "robbery", "the robbery", "the {region} Police",
        ({"issue": "a jewellery shop", "loot": "watches and jewellery",
          "scene": "The robbers smashed display cases with hammers before fleeing on motorbikes. | "
                   "Shopkeepers on the street said they had heard shouting and breaking glass."},
         {"issue": "a bank branch", "loot": "cash",
          "scene": "Staff were ordered to lie on the floor while the safe was emptied. | "
                   "The branch had only recently installed new security cameras."},
         {"issue": "a cash delivery van", "loot": "cash boxes",
          "scene": "The van was forced off the road by two cars on the outskirts of the town. | "
                   "The guards were tied up but not seriously hurt."},
         {"issue": "a museum", "loot": "paintings and silverware",
          "scene": "The thieves entered through a skylight and disabled the alarm. | "
                   "The stolen works include a portrait on loan from a private collection."}),
        ("police chief", "lead detective", "police spokesperson", "mayor of {place}",
         "security consultant"),
        {"stolen": (40000, 900000, "n"), "suspects": (2, 7, "n"), "officers": (20, 300, "n")},
        ("Armed robbers raid {issue} in {place}", "Police hunt gang after {place} robbery",
         "Robbers escape with {loot} from {issue} in {place}", "Daylight robbery shocks {place}"),
        ("Armed robbers raided {issue} in {place} {when} and escaped with {loot} worth "
         "{n_stolen} euros, police said.",
         "Police in {place} launched a manhunt {when} after a gang robbed {issue} in the centre "
         "of town.",
         "A gang of {n_suspects} masked robbers targeted {issue} in {place} {when}, according to "
         "{org}.",
         "{Loot} worth {n_stolen} euros was stolen from {issue} in {place} {when}."),
        ("The robbery took place on {date} in broad daylight.",
         "The alarm was raised on {date}, shortly after the gang fled."),
        {"stolen": ("The stolen goods are worth {n_stolen} euros, according to {org}.",
                    "{org} said the stolen goods are worth {n_stolen} euros."),
         "suspects": ("Police are looking for {n_suspects} suspects.",
                      "Detectives said they are looking for {n_suspects} suspects."),
         "officers": ("{n_officers} officers were deployed in the search.",
                      "Police said {n_officers} officers were deployed in the search.")},
        ("This was a well-planned and ruthless attack",
         "We are following several leads and we will find those responsible",
         "The staff are shaken but unhurt",
         "Anyone who saw anything unusual should contact us",
         "People in {place} are not used to this kind of crime",
         "Security in the town centre will be reviewed"),
        ("the gang had probably watched the premises for weeks",
         "a getaway car had been found burnt out", "no shots had been fired"),
        ("Armed robberies are rare in {place}.",
         "Police believe the same gang may be behind similar raids elsewhere in the {region} "
         "region.",
         "Witnesses described the robbers as young men in dark clothing.",
         "Detectives are examining footage from security cameras.",
         "Shops on the street stayed closed for the rest of the day."),
        ("Police have appealed for witnesses to come forward.",
         "Detectives will examine forensic evidence from the scene."),
    ),
)  # fmt: skip

TOWNS = (
    "{place} is a fishing town whose harbour is lined with trawlers and fish markets. | "
    "Most families in {place} have someone working at sea or in the canneries.",
    "{place} is a mountain resort that depends on skiers and hikers for most of its income. | "
    "Hotels and chalets line the valley road up to the ski lifts.",
    "{place} is a university town, and students make up a large share of its population. | "
    "The old university buildings dominate the centre of {place}.",
    "{place} grew up around coal mines that closed decades ago. | "
    "Slag heaps from the old mines still overlook its streets of terraced houses.",
    "{place} sits among vineyards, and wine is the backbone of the local economy. | "
    "The grape harvest brings hundreds of seasonal workers to the town.",
    "{place} is a border town where many residents cross the frontier each day for work. | "
    "Currency exchange offices and warehouses crowd the road to the border.",
    "{place} is a market town serving the farms of the surrounding plain. | "
    "Its weekly cattle market is one of the oldest in the country.",
    "{place} is an industrial town of chimneys, rail yards and workers' housing. | "
    "Factories along its canal once employed most of the population.",
    "{place} is a spa town whose thermal baths draw visitors from across the country. | "
    "Grand old hotels line the promenade along the river.",
    "{place} is an island town linked to the mainland by a ferry and a single bridge. | "
    "Supplies, workers and tourists all arrive on the morning ferry.",
)
BACKDROPS = (
    "The region is in the grip of a heatwave, with temperatures far above normal. | "
    "Authorities had already issued warnings about heat and drought.",
    "The regional government is in the middle of a budget crisis and has frozen new spending. | "
    "Public sector wages have been frozen as the region struggles with its debts.",
    "Local politics has been shaken by a corruption scandal at the town hall. | "
    "Trust in local institutions is at a low ebb, according to a recent survey.",
    "The news came at the height of the tourist season, when hotels in the town are full. | "
    "Visitors arriving for the annual music festival found the town in disarray.",
    "Freezing temperatures and heavy snow have made life harder across the region. | "
    "Heating costs have become a major worry for households.",
    "National politicians have seized on the issue ahead of a general election. | "
    "Party leaders from the capital have toured the region in recent weeks.",
    "Households and businesses are struggling with a sharp rise in energy prices. | "
    "Many families have cut back on heating and travel.",
    "Young people have been leaving the region for the cities for years. | "
    "Empty shops and boarded-up houses have become a familiar sight.",
)
VOX = (
    "I have never seen anything like it in {place}",
    "Everyone in town is talking about {noun}",
    "We just want to know what happens next",
    "It has been a difficult few days for everyone here",
    "People are worried, and nobody is giving us straight answers",
    "My family has lived here for generations, and this affects all of us",
    "Honestly, I think it was only a matter of time",
    "The town will get through this, it always does",
    "I heard the news from a neighbour and could not believe it",
    "Nobody asked ordinary people what they think",
    "We have been saying for years that something had to change",
    "It is all anyone talks about in the cafes",
    "My children keep asking me what is going on",
    "I hope the people in charge are listening this time",
    "Life goes on, but it feels different now",
    "You cannot plan anything when things are this uncertain",
)
JOBS = (
    "teacher", "taxi driver", "retired nurse", "student", "baker", "shop owner", "electrician",
    "pharmacist", "farmer", "bus driver", "hairdresser", "café owner", "retired engineer",
    "plumber", "accountant", "postman", "carpenter", "waitress", "butcher", "florist",
    "graphic designer", "mechanic", "librarian", "fisherman", "cleaner", "software developer",
    "midwife", "bookseller", "builder", "translator",
)  # fmt: skip
VOX_FORMS = (
    '"{v}," said {name}, a {age}-year-old {job}.',
    '"{v}," said {name}, a {job} in {{place}}.',
    '{name}, a {job}, said: "{v}."',
    '{name}, {age}, who works as a {job} in {{place}}, told the {{outlet}}: "{v}."',
    '"{v}," {name}, a local {job}, told reporters. "{v2}."',
)
GENERIC_QUOTES = (
    "We have listened carefully and we will keep listening",
    "Nobody in {place} wants this to drag on",
    "This is a serious moment and it needs serious answers",
    "People deserve to know what happened and why",
    "We are not going to be rushed into a bad decision",
    "There is still a lot of work to do",
)
GENERIC_REPORTED = (
    "the situation was being monitored closely",
    "more information would be released in due course",
    "lessons would have to be learned",
    "it was too early to draw conclusions",
    "residents would be kept informed",
    "contacts with all sides were continuing",
)
FOLLOW_UPS = (
    "{last} also said that {what}.",
    "{last} added that {what}.",
    "Speaking later, {last} said {what}.",
    "{last} told reporters that {what}.",
)
GENERIC_BACKGROUND = (
    "{place}, a town of {n_population} people, is one of the larger communities in the "
    "{region} region.",
    "Local officials have long complained that decisions affecting {place} are made far away.",
    "The regional government has faced criticism over {issue} for several years.",
    "Many residents said they had followed the news on their phones through the day.",
    "The episode has drawn attention to wider problems in the {region} region.",
    "Opposition politicians have called for an independent inquiry.",
)
REACTIONS = (
    "{org} said in a statement that it was following the situation closely.",
    "A spokesperson for {org} declined to go into detail.",
    "{org} did not respond to a request for comment by the time of publication.",
)
SINCE_PARAGRAPH = "In the days since {noun}, {org} has faced growing questions from residents."
QUOTE_FORMS = (
    '"{q}," {subj} said.',
    '"{q}," said {end}.',
    '{subj} told reporters in {place}: "{q}."',
    '"{q}," {subj} told the {outlet}.',
    '"{q}," {subj} said. "{q2}."',
)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone a story quotes: name and one fixed role."""

    first: str
    last: str
    role: str

    def mention(self, first_time: bool, rng: random.Random, end: bool = False) -> str:
        """How an article names the person (full name and role the first time, then surname)."""
        if not first_time:
            return self.last
        if " of " not in self.role and " for " not in self.role and rng.random() < 0.4:
            return f"{self.role} {self.first} {self.last}"
        return f"{self.first} {self.last}, the {self.role}" + ("" if end else ",")


@dataclass(slots=True)
class Story:
    """The fixed facts of one story."""

    kind: Kind
    slots: dict[str, str]  # place, region, org, company, issue, ...
    people: list[Person]
    event: date
    numbers: dict[str, int]
    angle: dict[str, list[str]]  # its 3 headlines; its sub-topic, town and backdrop scenes


@dataclass(slots=True)
class Plan:
    """One article of a story: when, by whom, and what it changes or copies."""

    published: date
    outlet: str
    copy_of: int | None = None  # index (in its story) of the article it syndicates
    plant: str | None = None  # "date" or a number name this article gets wrong
    name: str = ""
    paragraphs: list[str] = field(default_factory=list)
    title: str = ""


def _town(rng: random.Random) -> str:
    """An invented place name ("Kesmora", "Valenford"), one of about 7,600."""
    return rng.choice(TOWN_STARTS) + rng.choice(TOWN_MIDDLES) + rng.choice(TOWN_ENDS)


def _person(rng: random.Random, role: str = "") -> Person:
    return Person(rng.choice(FIRST), rng.choice(SURNAME_ROOTS) + rng.choice(SURNAME_ENDS), role)


def _story_sizes(n: int, rng: random.Random) -> list[int]:
    """Skewed story sizes summing to ``n``: mean about 14, most 2-10, a few up to 60."""
    sizes: list[int] = []
    while sum(sizes) < n:
        size = 1 if rng.random() < 0.08 else min(60, max(2, round(rng.lognormvariate(2.3, 1.0))))
        sizes.append(min(size, n - sum(sizes)))
    return sizes


def _event_days(kinds: list[Kind], rng: random.Random, span_days: int | None = None) -> list[date]:
    """Event dates over 2023-2025, stories of one kind spread evenly in time (with jitter).

    Real feeds cover far more kinds of event than these templates, so two strikes rarely
    break in the same week; even spacing per kind keeps that true of the synthetic feed.
    """
    span = span_days or (LAST_EVENT_DAY - FIRST_DAY).days
    days = [FIRST_DAY] * len(kinds)
    for kind in KINDS:
        members = [s for s, k in enumerate(kinds) if k is kind]
        rng.shuffle(members)
        step = span / max(len(members), 1)
        for j, s in enumerate(members):
            days[s] = FIRST_DAY + timedelta(days=round((j + rng.uniform(0.2, 0.8)) * step))
    return days


def _new_story(rng: random.Random, kind: Kind, event: date) -> Story:
    place, place2 = _town(rng), _town(rng)
    while place2 == place:
        place2 = _town(rng)
    slots = {
        "place": place, "place2": place2, "region": _town(rng),
        "company": f"{_town(rng)} {rng.choice(COMPANY_SUFFIXES)}",
        "company2": f"{_town(rng)} {rng.choice(COMPANY_SUFFIXES)}",
        "river": f"{_town(rng)} River", "year": str(event.year - rng.randint(2, 12)),
        "noun": kind.noun, "n_population": f"{rng.randint(8, 180) * 1000:,}",
    }  # fmt: skip
    domain = dict(rng.choice(kind.domains))
    scene = domain.pop("scene")
    slots.update(domain)
    slots.update({k.capitalize(): v[0].upper() + v[1:] for k, v in domain.items()})
    slots["org"] = kind.org.format(**slots)
    people, surnames = [], set()
    for role in rng.sample(kind.roles, rng.randint(2, 4)):
        person = _person(rng, role.format(**slots))
        while person.last in surnames:
            person = _person(rng, person.role)
        surnames.add(person.last)
        people.append(person)
    numbers = {name: rng.randint(lo, hi) for name, (lo, hi, _) in kind.numbers.items()}
    angle = {
        "headlines": rng.sample(kind.headlines, 3),
        "scenes": [scene, rng.choice(TOWNS), rng.choice(BACKDROPS)],  # two sentences each
    }
    return Story(kind, slots, people, event, numbers, angle)


def _plan_story(story: Story, size: int, rng: random.Random) -> list[Plan]:
    """Publication dates, outlets, syndicated copies and planted contradictions of a story."""
    plans: list[Plan] = []
    for k in range(size):
        lag = 0 if k == 0 else min(MAX_LAG_DAYS, int(rng.expovariate(1 / 1.6)))
        plan = Plan(story.event + timedelta(days=lag), rng.choice(OUTLETS))
        if k and rng.random() < 0.055:
            plan.copy_of = rng.randrange(k)
            while plans[plan.copy_of].copy_of is not None:
                plan.copy_of = plans[plan.copy_of].copy_of
            source = plans[plan.copy_of]
            plan.published = source.published + timedelta(days=rng.choice((0, 0, 1)))
            while plan.outlet == source.outlet:
                plan.outlet = rng.choice(OUTLETS)
        elif size > 1 and rng.random() < 0.10:
            plan.plant = rng.choice(("date", "date", *story.kind.numbers))
        plans.append(plan)
    return plans


def _number(value: int, style: str, rng: random.Random) -> str:
    """A count as an article writes it: digits, a word, a rounded approximation, millions."""
    if style == "pct":
        return str(value)
    if style == "m":
        return f"{value / 10:.1f}".removesuffix(".0") if value < 100 else str(value // 10)
    if value < 10 and rng.random() < 0.5:
        return SMALL[value]
    if value >= 200 and rng.random() < 0.25:
        step = 10 ** (len(str(value)) - 2)
        if rng.random() < 0.5:
            return f"about {round(value / step) * step:,}"
        return f"more than {value // step * step:,}"
    return f"{value:,}"


def _when(event: date, published: date, rng: random.Random) -> str:
    """The event date as the lead gives it: a date, or a weekday / "yesterday" when recent."""
    gap = (published - event).days
    options = [f"on {MONTHS[event.month - 1]} {event.day}"] * 2
    if 0 <= gap <= 6:
        options.append(f"on {WEEKDAYS[event.weekday()]}")
    if gap == 1:
        options.append("yesterday")
    return rng.choice(options)


def _terse(text: str) -> str:
    """``text`` without a leading "a"/"an" (as headlines write it)."""
    for article in ("a ", "an ", "A ", "An "):
        if text.startswith(article):
            rest = text[len(article) :]
            return rest[0].upper() + rest[1:] if article[0].isupper() else rest
    return text


def _sentence(template: str, slots: dict[str, str]) -> str:
    """A template filled in and capitalised (a leading figure gets "In all, " before it)."""
    text = template.format(**slots)
    return "In all, " + text if text[0].isdigit() else text[0].upper() + text[1:]


def _quote(person: Person, first: bool, slots: dict[str, str], quotes: list[str],
           reported: list[str], rng: random.Random) -> str | None:  # fmt: skip
    """A paragraph quoting ``person``: direct, two-part or reported speech (None: all used)."""
    subj, end = person.mention(first, rng), person.mention(first, rng, end=True)
    if reported and (not quotes or rng.random() < 0.15):
        return _sentence(f"{subj} said {reported.pop()}.", slots)
    if not quotes:
        return None
    form = rng.choice(QUOTE_FORMS if len(quotes) > 1 else QUOTE_FORMS[:4])
    if not first and rng.random() < 0.3:
        form = '"{q}," {subj} added.'
    q = quotes.pop()
    q2 = quotes.pop() if "{q2}" in form else ""
    text = form.format(q=q, q2=q2, subj=subj, end=end, place="{place}", outlet="{outlet}")
    if not q2 and reported and rng.random() < 0.5:
        text += " " + rng.choice(FOLLOW_UPS).format(last=person.last, what=reported.pop())
    return _sentence(text, slots)


def _vox(rng: random.Random, count: int) -> list[str]:
    """Templates of ``count`` paragraphs quoting passers-by (invented on the spot)."""
    lines = rng.sample(VOX, count + 1)
    paragraphs = []
    for v, v2 in itertools.pairwise(lines):
        person = _person(rng)
        name, age, job = f"{person.first} {person.last}", rng.randint(19, 84), rng.choice(JOBS)
        form = rng.choice(VOX_FORMS)
        paragraphs.append(form.format(v=v, v2=v2, name=name, age=age, job=job))
    return paragraphs


def _facts(kind: Kind, plan: Plan, lead: str, rng: random.Random) -> list[str]:
    """Templates stating 1-3 counts the lead leaves out (always the planted one) and maybe
    the date."""
    names = rng.sample(list(kind.numbers), rng.randint(2, 3))
    if plan.plant in kind.numbers and plan.plant not in names:
        names.append(plan.plant)
    names = [name for name in names if f"{{n_{name}}}" not in lead]
    facts = [rng.choice(kind.facts[name]) for name in names]
    if plan.plant == "date" or rng.random() < 0.5:
        facts.insert(rng.randint(0, len(facts)), rng.choice(kind.dates))
    return facts


def _write_article(story: Story, plan: Plan, rng: random.Random) -> list[str]:
    """The paragraphs of an original (not syndicated) article of ``story``."""
    kind, slots = story.kind, dict(story.slots)
    numbers, event = dict(story.numbers), story.event
    if plan.plant == "date":
        event += timedelta(days=-1 if plan.published <= event else rng.choice((-1, 1)))
    elif plan.plant:
        value = numbers[plan.plant]
        delta = max(2, round(value * rng.uniform(0.2, 0.45)))
        low, high, _ = kind.numbers[plan.plant]
        up = value + delta <= max(high, 95) and (value - delta < low or rng.random() < 0.5)
        numbers[plan.plant] = value + delta if up else value - delta
    for name, value in numbers.items():
        slots[f"n_{name}"] = _number(value, kind.numbers[name][2], rng)
    slots["when"] = _when(event, plan.published, rng)
    slots["date"] = f"{MONTHS[event.month - 1]} {event.day}"
    slots["outlet"] = plan.outlet

    lead = rng.choice(kind.leads)
    facts = _facts(kind, plan, lead, rng)
    quotes = [q.format(**slots) for q in (*kind.quotes, *rng.sample(GENERIC_QUOTES, 3))]
    reported = [r.format(**slots) for r in (*kind.indirect, *rng.sample(GENERIC_REPORTED, 2))]
    rng.shuffle(quotes)
    rng.shuffle(reported)
    scenes = [s for s in story.angle["scenes"] if rng.random() < 0.5]
    background = [*scenes[1:], *rng.sample(kind.background, 3), *_vox(rng, rng.randint(1, 2))]
    background += rng.sample([*GENERIC_BACKGROUND, *REACTIONS[rng.randrange(3) :][:1]], 2)
    rng.shuffle(background)
    if (plan.published - event).days >= 2 and rng.random() < 0.3:
        background.insert(0, SINCE_PARAGRAPH)
    people = rng.sample(story.people, len(story.people))
    speakers = [people[k % len(people)] for k in range(rng.randint(4, 6))]

    lead = _sentence(lead, slots)
    if facts and rng.random() < 0.6:
        lead += " " + _sentence(facts.pop(0), slots)
    paragraphs, mentioned = [lead], set()
    paragraphs += [_sentence(s, slots) for s in scenes[:1]]
    target = rng.randint(11, 16)
    while len(paragraphs) < target - 1 and (facts or speakers or background):
        pick = rng.random()
        if facts and (pick < 0.35 or not (speakers or background)):
            text = _sentence(facts.pop(0), slots)
        elif speakers and (pick < 0.7 or not background):
            person = speakers.pop(0)
            quote = _quote(person, person.last not in mentioned, slots, quotes, reported, rng)
            if quote:
                mentioned.add(person.last)
                paragraphs.append(quote)
            continue
        else:
            text = _sentence(background.pop(0), slots)
        if background and " | " not in text + background[0] and rng.random() < 0.65:
            text += " " + _sentence(background.pop(0), slots)
        paragraphs.append(text)
    paragraphs.append(_sentence(rng.choice(kind.closing), slots))
    return [p.replace(" | ", " ") for p in paragraphs]


def _syndicate(source: Plan, rng: random.Random) -> list[str]:
    """A near-copy of ``source``'s body: a paragraph trimmed, or a credit line added."""
    paragraphs = list(source.paragraphs)
    if len(paragraphs) > 15 or (len(paragraphs) > 8 and rng.random() < 0.5):
        del paragraphs[rng.randrange(2, len(paragraphs))]
    else:
        paragraphs.append(f"This article was first published by the {source.outlet}.")
    return paragraphs


def _page(plan: Plan, author: str, hour: int) -> str:
    """The HTML page of an article, with the chrome of a scraped news site."""
    outlet, title, day = plan.outlet, html.escape(plan.title, quote=False), plan.published
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in plan.paragraphs)
    related = "".join(f'<li><a href="/r{i}">{text}</a></li>' for i, text in
                      enumerate(RELATED[day.toordinal() % 5:][:3]))  # fmt: skip
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta name="author" content="{author}"><meta property="article:published_time" content="{day.isoformat()}T{hour:02d}:{hour * 7 % 60:02d}:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/business">Business</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>{title}</h1>
<p class="byline">By {author} | {day.isoformat()}</p>
{body}
</article>
<aside class="share">Share on Facebook | Share on X | Copy link</aside>
<aside class="related"><h3>Read more</h3><ul>{related}</ul></aside>
<footer>© {day.year} {outlet}. All rights reserved. Cookie settings | Privacy policy</footer>
</body></html>
"""


@dataclass(slots=True)
class Stats:
    """What a generated corpus holds."""

    articles: int = 0
    stories: int = 0
    copies: int = 0
    planted: int = 0
    words: int = 0

    def __str__(self) -> str:
        avg = self.words / max(self.articles, 1)
        return (f"articles={self.articles} stories={self.stories} syndicated={self.copies} "
                f"planted_contradictions={self.planted} avg_words={avg:.0f}")  # fmt: skip


def generate(n: int, out: Path, seed: int = 0, span_days: int | None = None) -> Stats:
    """Write ``n`` pages ``000000.html``... (in publication order) under ``out``.

    ``span_days`` squeezes the event dates into that many days from 2023-01-01 (denser
    stories: 100 000 pages over the default span is about 92 pages a day). The story of
    every page is written to ``.stories.tsv`` (hidden: ingest skips it).
    """
    plan_rng = random.Random(seed)
    sizes = _story_sizes(n, plan_rng)
    kinds = [KINDS[s % len(KINDS)] for s in range(len(sizes))]
    plan_rng.shuffle(kinds)
    events = _event_days(kinds, plan_rng, span_days)
    stories: list[tuple[Story, list[Plan]]] = []
    for s, size in enumerate(sizes):
        rng = random.Random(seed * 7_919_993 + s)
        story = _new_story(rng, kinds[s], events[s])
        stories.append((story, _plan_story(story, size, rng)))
    order = sorted(((p.published, plan_rng.random(), p) for _, plans in stories for p in plans),
                   key=lambda item: item[:2])  # fmt: skip
    for i, (_, _, plan) in enumerate(order):
        plan.name = f"{i:06d}.html"

    stats = Stats(articles=n, stories=len(stories))
    with (out / TRUTH).open("w", encoding="utf-8") as truth:
        truth.write("page\tstory\n")
        truth.writelines(f"{p.name}\tstory-{s}\n" for s, (_, ps) in enumerate(stories) for p in ps)
    for s, (story, plans) in enumerate(stories):
        rng = random.Random(seed * 104_729 + s)
        terse = {k: _terse(v) for k, v in story.slots.items()}  # headlines drop articles
        headlines = [_sentence(h, terse) for h in story.angle["headlines"]]
        for plan in plans:
            if plan.copy_of is None:
                plan.paragraphs = _write_article(story, plan, rng)
                plan.title = rng.choice(headlines)
            else:
                source = plans[plan.copy_of]
                plan.paragraphs = _syndicate(source, rng)
                plan.title = rng.choice([h for h in headlines if h != source.title])
                stats.copies += 1
            stats.planted += plan.plant is not None
            stats.words += sum(len(p.split()) for p in plan.paragraphs)
            author = f"{rng.choice(FIRST)} {rng.choice(SURNAME_ROOTS)}{rng.choice(SURNAME_ENDS)}"
            page = _page(plan, author, rng.randint(5, 22))
            (out / plan.name).write_text(page, encoding="utf-8")
        for plan in plans:  # free the text once the story is written
            plan.paragraphs = []
    return stats


def write_corpus(n: int, out: Path, seed: int = 0, span_days: int | None = None) -> Path:
    """Write ``n`` pages under ``out``; a folder already holding this corpus is kept.

    It is kept when it has ``n`` pages and a marker naming this generator and seed;
    otherwise its ``*.html`` pages are removed and the corpus is written again.
    """
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    stamp = f"{VERSION} seed={seed} n={n}" + (f" span={span_days}" if span_days else "")
    existing = list(out.glob("*.html"))
    if len(existing) == n and marker.exists() and marker.read_text().splitlines()[:1] == [stamp]:
        return out
    marker.unlink(missing_ok=True)
    for page in existing:
        page.unlink()
    stats = generate(n, out, seed, span_days)
    marker.write_text(f"{stamp}\n{stats}\n", encoding="utf-8")
    return out


def main() -> None:
    """Command line: write (or keep) a corpus and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--span-days", type=int, default=None,
                        help="event dates within this many days (denser stories)")
    args = parser.parse_args()
    start = time.perf_counter()
    write_corpus(args.n, args.out, args.seed, args.span_days)
    print(args.out)
    print((args.out / MARKER).read_text().splitlines()[1],
          f"seconds={time.perf_counter() - start:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
