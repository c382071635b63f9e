"""Deterministic synthetic organisations for demo data and benchmarks (plain Python, no Django).

Used by ``load_demo_data --scale N`` and by ``bench/bench_matching.py`` to reach realistic
directory sizes (100,000 profiles) without any personal data. Texts are assembled from
per-language phrase templates about renewable-energy business in the platform's six languages, so
the matching engine's language detection and stemming are exercised the way real profiles would.
Track records (``activity``) are heavy-tailed like real ones: most organisations have a handful
of past collaborations, a few have hundreds (in Horizon 2020, 70 % of participants had a single
project while the busiest had almost 500).
"""

from __future__ import annotations

import random

from .vocabularies import ORGANISATION_KINDS, PARTNER_COUNTRIES, VALUE_CHAIN_STEPS, VALUE_CHAINS

CITIES: dict[str, list[str]] = {
    "DK": ["Copenhagen", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Vejle", "Herning", "Sønderborg", "Lemvig"],
    "NO": ["Oslo", "Bergen", "Stavanger", "Trondheim", "Kristiansand", "Tromsø", "Haugesund", "Ålesund"],
    "SE": ["Stockholm", "Gothenburg", "Malmö", "Uppsala", "Västerås", "Luleå", "Umeå", "Karlstad"],
    "NL": ["Amsterdam", "Rotterdam", "Groningen", "Utrecht", "Eindhoven", "Den Helder", "Delft", "Leeuwarden"],
    "DE": ["Hamburg", "Bremen", "Bremerhaven", "Kiel", "Rostock", "Emden", "Oldenburg", "Hannover", "Berlin"],
    "GB": ["Aberdeen", "Edinburgh", "Glasgow", "Dundee", "Hull", "Newcastle upon Tyne", "Inverness", "Grimsby"],
    "BE": ["Ostend", "Bruges", "Ghent", "Antwerp", "Brussels", "Leuven"],
    "FI": ["Helsinki", "Espoo", "Tampere", "Turku", "Vaasa", "Oulu"],
    "EE": ["Tallinn", "Tartu", "Pärnu", "Narva"],
    "LV": ["Riga", "Liepāja", "Ventspils", "Jelgava"],
    "LT": ["Vilnius", "Kaunas", "Klaipėda", "Šiauliai"],
    "PL": ["Gdańsk", "Gdynia", "Szczecin", "Warsaw", "Poznań", "Wrocław"],
    "IS": ["Reykjavík", "Akureyri", "Hafnarfjörður", "Reykjanesbær"],
}

#: Working language(s) of each country; the description is written in one of the platform's six.
COUNTRY_LANGUAGES: dict[str, list[str]] = {
    "DK": ["da"], "NO": ["nb"], "SE": ["sv"], "NL": ["nl"], "DE": ["de"], "GB": ["en"], "BE": ["nl"],
    "FI": ["sv", "en"], "EE": ["en"], "LV": ["en"], "LT": ["en"], "PL": ["en"], "IS": ["en"],
}

# Value-chain vocabulary per language: (topic nouns, product/service phrases).
TOPICS: dict[str, dict[str, list[str]]] = {
    "en": {
        "offshore-wind": ["offshore wind farms", "wind turbine foundations", "subsea cables", "floating wind"],
        "onshore-wind": ["wind turbines", "rotor blades", "wind farm permitting", "gearboxes"],
        "ocean-energy": ["wave energy converters", "tidal turbines", "marine energy test sites"],
        "solar": ["solar panels", "photovoltaic modules", "solar inverters", "agrivoltaics"],
        "bioenergy": ["biogas plants", "biomass boilers", "biofuels", "anaerobic digestion"],
        "hydrogen-ptx": ["green hydrogen", "electrolysers", "fuel cells", "e-fuels and ammonia"],
        "energy-storage": ["battery storage", "battery management systems", "thermal storage"],
        "smart-grids": ["smart grids", "demand response", "grid balancing software", "smart meters"],
        "heating-cooling": ["district heating", "heat pumps", "waste heat recovery", "district cooling"],
    },
    "da": {
        "offshore-wind": ["havvindmøller", "havvindmølleparker", "fundamenter til vindmøller", "søkabler"],
        "onshore-wind": ["vindmøller", "vindmøllevinger", "vindmølleparker på land", "gearkasser"],
        "ocean-energy": ["bølgeenergi", "tidevandsturbiner", "testanlæg for bølgekraft"],
        "solar": ["solceller", "solcelleanlæg", "solvarme", "invertere til solceller"],
        "bioenergy": ["biogasanlæg", "biomassekedler", "biobrændstoffer"],
        "hydrogen-ptx": ["grøn brint", "elektrolyseanlæg", "brændselsceller", "power-to-x anlæg"],
        "energy-storage": ["batterilagring", "energilagre", "varmelagre"],
        "smart-grids": ["intelligente elnet", "fleksibelt elforbrug", "software til elnettet"],
        "heating-cooling": ["fjernvarme", "varmepumper", "overskudsvarme", "fjernkøling"],
    },
    "nb": {
        "offshore-wind": ["havvind", "flytende havvind", "fundamenter for vindturbiner", "sjøkabler"],
        "onshore-wind": ["vindturbiner", "vindkraftverk", "turbinblader", "vindparker"],
        "ocean-energy": ["bølgekraft", "tidevannskraft", "havenergi"],
        "solar": ["solceller", "solcelleanlegg", "solenergi på tak"],
        "bioenergy": ["biogassanlegg", "biobrensel", "bioenergi fra skog"],
        "hydrogen-ptx": ["grønt hydrogen", "elektrolysører", "brenselceller", "ammoniakk som drivstoff"],
        "energy-storage": ["batterilagring", "energilagring", "batterier for skip"],
        "smart-grids": ["smarte strømnett", "fleksibilitet i strømnettet", "styring av strømforbruk"],
        "heating-cooling": ["fjernvarme", "varmepumper", "spillvarme", "fjernkjøling"],
    },
    "sv": {
        "offshore-wind": ["havsbaserad vindkraft", "vindkraftsfundament", "sjökablar"],
        "onshore-wind": ["vindkraftverk", "vindturbiner", "rotorblad", "vindkraftsparker"],
        "ocean-energy": ["vågkraft", "tidvattenkraft", "havsenergi"],
        "solar": ["solceller", "solcellsparker", "solenergi", "växelriktare"],
        "bioenergy": ["biogasanläggningar", "biobränslen", "biomassa"],
        "hydrogen-ptx": ["grön vätgas", "elektrolysörer", "bränsleceller", "elektrobränslen"],
        "energy-storage": ["batterilager", "energilager", "värmelager"],
        "smart-grids": ["smarta elnät", "efterfrågeflexibilitet", "styrsystem för elnätet"],
        "heating-cooling": ["fjärrvärme", "värmepumpar", "spillvärme", "fjärrkyla"],
    },
    "nl": {
        "offshore-wind": ["windparken op zee", "funderingen voor windturbines", "zeekabels"],
        "onshore-wind": ["windturbines", "windmolens", "rotorbladen", "windparken op land"],
        "ocean-energy": ["golfenergie", "getijdenenergie", "energie uit zee"],
        "solar": ["zonnepanelen", "zonneparken", "omvormers", "zonne-energie op daken"],
        "bioenergy": ["biogasinstallaties", "biobrandstoffen", "biomassa"],
        "hydrogen-ptx": ["groene waterstof", "elektrolysers", "brandstofcellen"],
        "energy-storage": ["batterijopslag", "energieopslag", "warmteopslag"],
        "smart-grids": ["slimme netten", "flexibel energieverbruik", "netbeheersoftware"],
        "heating-cooling": ["warmtenetten", "warmtepompen", "restwarmte", "stadsverwarming"],
    },
    "de": {
        "offshore-wind": ["Offshore-Windparks", "Fundamente für Windenergieanlagen", "Seekabel"],
        "onshore-wind": ["Windenergieanlagen", "Rotorblätter", "Windparks an Land", "Getriebe"],
        "ocean-energy": ["Wellenenergie", "Gezeitenkraftwerke", "Meeresenergie"],
        "solar": ["Solarmodule", "Photovoltaikanlagen", "Wechselrichter", "Solarthermie"],
        "bioenergy": ["Biogasanlagen", "Biokraftstoffe", "Biomasseheizungen"],
        "hydrogen-ptx": ["grüner Wasserstoff", "Elektrolyseure", "Brennstoffzellen", "Power-to-X-Anlagen"],
        "energy-storage": ["Batteriespeicher", "Energiespeicher", "Wärmespeicher"],
        "smart-grids": ["intelligente Stromnetze", "Lastmanagement", "Netzleitsoftware"],
        "heating-cooling": ["Fernwärme", "Wärmepumpen", "Abwärmenutzung", "Fernkälte"],
    },
}

STEP_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "development-planning": "We plan and develop projects for {t}.",
        "research-design": "Our engineers research and design new solutions for {t}.",
        "manufacturing-components": "We manufacture components for {t}.",
        "installation-construction": "We install and build {t} for municipalities and utilities.",
        "operation-maintenance": "We operate and maintain {t} with digital inspection.",
        "decommissioning-recycling": "We decommission and recycle {t} and their materials.",
        "cross-cutting-services": "We offer consulting, testing and certification services for {t}.",
    },
    "da": {
        "development-planning": "Vi planlægger og udvikler projekter med {t}.",
        "research-design": "Vores ingeniører forsker i og designer nye løsninger til {t}.",
        "manufacturing-components": "Vi producerer komponenter til {t}.",
        "installation-construction": "Vi installerer og bygger {t} for kommuner og forsyninger.",
        "operation-maintenance": "Vi driver og vedligeholder {t} med digital inspektion.",
        "decommissioning-recycling": "Vi nedtager og genanvender {t} og deres materialer.",
        "cross-cutting-services": "Vi tilbyder rådgivning, test og certificering af {t}.",
    },
    "nb": {
        "development-planning": "Vi planlegger og utvikler prosjekter innen {t}.",
        "research-design": "Våre ingeniører forsker på og designer nye løsninger for {t}.",
        "manufacturing-components": "Vi produserer komponenter til {t}.",
        "installation-construction": "Vi installerer og bygger {t} for kommuner og energiselskaper.",
        "operation-maintenance": "Vi drifter og vedlikeholder {t} med digital inspeksjon.",
        "decommissioning-recycling": "Vi demonterer og gjenvinner {t} og materialene deres.",
        "cross-cutting-services": "Vi tilbyr rådgivning, testing og sertifisering av {t}.",
    },
    "sv": {
        "development-planning": "Vi planerar och utvecklar projekt inom {t}.",
        "research-design": "Våra ingenjörer forskar på och konstruerar nya lösningar för {t}.",
        "manufacturing-components": "Vi tillverkar komponenter till {t}.",
        "installation-construction": "Vi installerar och bygger {t} åt kommuner och energibolag.",
        "operation-maintenance": "Vi driver och underhåller {t} med digital inspektion.",
        "decommissioning-recycling": "Vi avvecklar och återvinner {t} och deras material.",
        "cross-cutting-services": "Vi erbjuder rådgivning, provning och certifiering av {t}.",
    },
    "nl": {
        "development-planning": "Wij plannen en ontwikkelen projecten voor {t}.",
        "research-design": "Onze ingenieurs onderzoeken en ontwerpen nieuwe oplossingen voor {t}.",
        "manufacturing-components": "Wij produceren componenten voor {t}.",
        "installation-construction": "Wij installeren en bouwen {t} voor gemeenten en netbeheerders.",
        "operation-maintenance": "Wij beheren en onderhouden {t} met digitale inspectie.",
        "decommissioning-recycling": "Wij ontmantelen en recyclen {t} en hun materialen.",
        "cross-cutting-services": "Wij bieden advies, testen en certificering voor {t}.",
    },
    "de": {
        "development-planning": "Wir planen und entwickeln Projekte für {t}.",
        "research-design": "Unsere Ingenieure erforschen und entwerfen neue Lösungen für {t}.",
        "manufacturing-components": "Wir fertigen Komponenten für {t}.",
        "installation-construction": "Wir installieren und errichten {t} für Kommunen und Stadtwerke.",
        "operation-maintenance": "Wir betreiben und warten {t} mit digitaler Inspektion.",
        "decommissioning-recycling": "Wir bauen {t} zurück und recyceln ihre Materialien.",
        "cross-cutting-services": "Wir bieten Beratung, Prüfung und Zertifizierung für {t}.",
    },
}

CLOSINGS: dict[str, list[str]] = {
    "en": [
        "We are looking for partners in other North Sea regions.",
        "Founded in {y}, we employ {n} people.",
        "We have delivered pilots with several cities.",
        "Our team combines engineering and data science.",
    ],
    "da": [
        "Vi søger partnere i andre regioner omkring Nordsøen.",
        "Virksomheden blev grundlagt i {y} og har {n} ansatte.",
        "Vi har gennemført pilotprojekter med flere kommuner.",
        "Vores team kombinerer ingeniørarbejde og dataanalyse.",
    ],
    "nb": [
        "Vi søker partnere i andre regioner rundt Nordsjøen.",
        "Selskapet ble etablert i {y} og har {n} ansatte.",
        "Vi har gjennomført pilotprosjekter med flere kommuner.",
        "Teamet vårt kombinerer ingeniørfag og dataanalyse.",
    ],
    "sv": [
        "Vi söker partner i andra regioner runt Nordsjön.",
        "Företaget grundades {y} och har {n} anställda.",
        "Vi har genomfört pilotprojekt med flera kommuner.",
        "Vårt team kombinerar ingenjörskonst och dataanalys.",
    ],
    "nl": [
        "Wij zoeken partners in andere Noordzeeregio's.",
        "Het bedrijf is opgericht in {y} en heeft {n} medewerkers.",
        "Wij hebben pilots uitgevoerd met meerdere gemeenten.",
        "Ons team combineert techniek en data-analyse.",
    ],
    "de": [
        "Wir suchen Partner in anderen Nordseeregionen.",
        "Das Unternehmen wurde {y} gegründet und hat {n} Beschäftigte.",
        "Wir haben Pilotprojekte mit mehreren Städten umgesetzt.",
        "Unser Team verbindet Ingenieurwesen und Datenanalyse.",
    ],
}

NAME_PARTS = {
    "prefix": ["Nord", "Hav", "Vind", "Sol", "Blue", "Green", "North", "Baltic", "Fjord", "Coast", "Aurora", "Delta",
               "Polar", "Tide", "Energi", "Volt", "Helio", "Thermo", "Hydro", "Grid"],
    "suffix": ["Tech", "Power", "Systems", "Solutions", "Energy", "Works", "Labs", "Engineering", "Group", "Partners"],
}
LEGAL = {"DK": "ApS", "NO": "AS", "SE": "AB", "NL": "B.V.", "DE": "GmbH", "GB": "Ltd", "BE": "BV", "FI": "Oy",
         "EE": "OÜ", "LV": "SIA", "LT": "UAB", "PL": "Sp. z o.o.", "IS": "ehf."}
KIND_WEIGHTS = {"sme": 60, "large_enterprise": 8, "knowledge_institution": 8, "cluster": 5, "municipality": 8,
                "regional_authority": 4, "eu_office": 1, "other": 6}
INSTITUTION_NAMES = {
    "knowledge_institution": "{city} Institute of Energy Technology",
    "cluster": "{city} Energy Cluster",
    "municipality": "City of {city}",
    "regional_authority": "{city} Regional Council",
    "eu_office": "{city} EU Office",
    "other": "{city} Energy Association",
}

#: NACE Rev. 2 classes typical of each value-chain step.
STEP_NACE = {
    "development-planning": ["71.12", "42.22", "70.22"],
    "research-design": ["72.19", "71.12", "74.90"],
    "manufacturing-components": ["27.11", "27.12", "28.11", "25.11", "27.20", "26.51"],
    "installation-construction": ["42.22", "43.21", "43.22", "33.20"],
    "operation-maintenance": ["33.14", "35.11", "35.30", "33.12"],
    "decommissioning-recycling": ["38.32", "38.21", "39.00"],
    "cross-cutting-services": ["71.20", "70.22", "62.01", "74.90"],
}
CHAIN_NACE = {"heating-cooling": ["35.30", "28.25"], "hydrogen-ptx": ["20.11"], "bioenergy": ["35.21"],
              "solar": ["27.90"], "smart-grids": ["35.13"], "energy-storage": ["27.20"]}

KIND_ACTIVITY_SCALE = {"knowledge_institution": 6.0, "cluster": 4.0, "large_enterprise": 4.0,
                       "regional_authority": 2.5, "municipality": 2.0}


def _activity(rng: random.Random, kind: str) -> int:
    # Pareto(α≈1.3): heavy-tailed like real participation counts; scaled up for institutions.
    base = rng.paretovariate(1.3) - 1.0
    return int(min(base * KIND_ACTIVITY_SCALE.get(kind, 1.0), 500))


def generate_organisations(n: int, *, seed: int = 0) -> list[dict]:
    """Return ``n`` plausible renewable-energy organisations; identical output for identical seeds."""
    rng = random.Random(seed)
    chains = [s for s, _ in VALUE_CHAINS]
    steps = [s for s, _ in VALUE_CHAIN_STEPS]
    kinds = [k for k, _ in ORGANISATION_KINDS]
    kind_w = [KIND_WEIGHTS.get(k, 1) for k in kinds]
    countries = [c for c in PARTNER_COUNTRIES if c in CITIES]
    out = []
    for i in range(n):
        country = rng.choice(countries)
        city = rng.choice(CITIES[country])
        kind = rng.choices(kinds, weights=kind_w)[0]
        lang_choices = COUNTRY_LANGUAGES[country]
        # A third of organisations outside the UK also write their profile in English.
        lang = "en" if (country != "GB" and rng.random() < 0.3) else rng.choice(lang_choices)
        my_chains = rng.sample(chains, k=rng.choice([1, 1, 1, 2, 2, 3]))
        my_steps = rng.sample(steps, k=rng.choice([1, 1, 2, 2, 3]))
        sentences = []
        for st in my_steps:
            ch = rng.choice(my_chains)
            topic = rng.choice(TOPICS[lang][ch])
            sentences.append(STEP_PHRASES[lang][st].format(t=topic))
        extra_chain = rng.choice(my_chains)
        extra = rng.sample(TOPICS[lang][extra_chain], k=min(2, len(TOPICS[lang][extra_chain])))
        sentences.append(STEP_PHRASES[lang][rng.choice(my_steps)].format(t=" / ".join(extra)))
        sentences.append(rng.choice(CLOSINGS[lang]).format(y=rng.randint(1950, 2023), n=rng.randint(3, 400)))
        if kind in INSTITUTION_NAMES:
            name = INSTITUTION_NAMES[kind].format(city=city)
            if i % 7:
                name = f"{name} {i}"
            short = "".join(w[0] for w in name.split() if w[:1].isalpha()).upper()[:8]
        else:
            stem = rng.choice(NAME_PARTS["prefix"]) + rng.choice(NAME_PARTS["suffix"])
            name = f"{stem} {city} {LEGAL[country]}" if rng.random() < 0.4 else f"{stem} {i} {LEGAL[country]}"
            short = stem
        nace = set()
        for st in my_steps:
            nace.add(rng.choice(STEP_NACE[st]))
        for ch in my_chains:
            if ch in CHAIN_NACE and rng.random() < 0.5:
                nace.add(rng.choice(CHAIN_NACE[ch]))
        languages = list(dict.fromkeys([lang, *lang_choices, *(["en"] if rng.random() < 0.8 else [])]))
        trl = max(1, min(9, int(round(rng.gauss(6.5 if kind in ("sme", "large_enterprise") else 4.5, 1.6)))))
        out.append({
            "name": name,
            "short_name": short,
            "kind": kind,
            "country": country,
            "city": city,
            "description": " ".join(sentences),
            "description_language": lang,
            "value_chains": my_chains,
            "value_chain_steps": my_steps,
            "trl": trl,
            "nace_codes": sorted(nace),
            "languages": languages,
            "activity": _activity(rng, kind),
        })
    return out
