"""Where well-known cities lie: city name → NUTS 2024 code (ITL 2021 for the UK). Facts, no Django.

Imported organisation records carry a city but no region. The importer first tries these
facts, then an exact match with a NUTS 3 region's name; a city it cannot place keeps an empty
region rather than a guessed one.
"""

import unicodedata

CITY_REGIONS: dict[str, dict[str, str]] = {
    "DK": {
        "KOBENHAVN": "DK011", "COPENHAGEN": "DK011", "KOPENHAGEN": "DK011", "FREDERIKSBERG": "DK011",
        "KONGENS LYNGBY": "DK012", "KGS LYNGBY": "DK012", "LYNGBY": "DK012", "BALLERUP": "DK012",
        "GLOSTRUP": "DK012", "HVIDOVRE": "DK012", "SOBORG": "DK012", "TAASTRUP": "DK012", "BRONDBY": "DK012",
        "HILLEROD": "DK013", "HORSHOLM": "DK013", "BAGSVAERD": "DK012", "ROSKILDE": "DK021", "KOGE": "DK021",
        "ODENSE": "DK031", "SVENDBORG": "DK031", "ESBJERG": "DK032", "KOLDING": "DK032", "VEJLE": "DK032",
        "SONDERBORG": "DK032", "FREDERICIA": "DK032", "AARHUS": "DK042", "ARHUS": "DK042", "HORSENS": "DK042",
        "SILKEBORG": "DK042", "RANDERS": "DK042", "SKANDERBORG": "DK042", "HERNING": "DK041", "VIBORG": "DK041",
        "HOLSTEBRO": "DK041", "RINGKOBING": "DK041", "AALBORG": "DK050", "HJORRING": "DK050",
        "FREDERIKSHAVN": "DK050",
    },
    "NO": {
        "OSLO": "NO081", "LYSAKER": "NO084", "FORNEBU": "NO084", "SANDVIKA": "NO084", "BAERUM": "NO084",
        "KJELLER": "NO084", "LILLESTROM": "NO084", "AS": "NO084", "ASKER": "NO084", "DRAMMEN": "NO085",
        "KONGSBERG": "NO085", "FREDRIKSTAD": "NO083", "SARPSBORG": "NO083", "HALDEN": "NO083",
        "MOSS": "NO083", "TONSBERG": "NO093", "HORTEN": "NO093", "SANDEFJORD": "NO093", "LARVIK": "NO093",
        "PORSGRUNN": "NO094", "SKIEN": "NO094", "KRISTIANSAND": "NO092", "GRIMSTAD": "NO092", "ARENDAL": "NO092",
        "STAVANGER": "NO0A1", "SANDNES": "NO0A1", "HAUGESUND": "NO0A1", "BERGEN": "NO0A2", "LEIRVIK": "NO0A2",
        "ALESUND": "NO0A3", "MOLDE": "NO0A3", "KRISTIANSUND": "NO0A3", "TRONDHEIM": "NO060",
        "HAMAR": "NO020", "LILLEHAMMER": "NO020", "GJOVIK": "NO020", "TROMSO": "NO072", "BODO": "NO071",
        "NARVIK": "NO071", "ALTA": "NO073",
    },
    "SE": {
        "STOCKHOLM": "SE11", "KISTA": "SE11", "SOLNA": "SE11", "SODERTALJE": "SE11", "LIDINGO": "SE11",
        "DANDERYD": "SE11", "UPPSALA": "SE12", "LINKOPING": "SE12", "NORRKOPING": "SE12", "VASTERAS": "SE12",
        "OREBRO": "SE12", "ESKILSTUNA": "SE12", "JONKOPING": "SE21", "VAXJO": "SE21", "KALMAR": "SE21",
        "MALMO": "SE22", "LUND": "SE22", "HELSINGBORG": "SE22", "KARLSKRONA": "SE22", "GOTEBORG": "SE23",
        "GOTHENBURG": "SE23", "GOETEBORG": "SE23", "MOLNDAL": "SE23", "BORAS": "SE23", "HALMSTAD": "SE23",
        "TROLLHATTAN": "SE23", "KARLSTAD": "SE31", "GAVLE": "SE31", "FALUN": "SE31", "SUNDSVALL": "SE32",
        "OSTERSUND": "SE32", "UMEA": "SE33", "LULEA": "SE33", "SKELLEFTEA": "SE33", "KIRUNA": "SE33",
    },
    "NL": {
        "AMSTERDAM": "NL32", "HAARLEM": "NL32", "HILVERSUM": "NL32", "ZAANDAM": "NL32", "ALKMAAR": "NL32",
        "DEN HELDER": "NL32", "PETTEN": "NL32", "ROTTERDAM": "NL33", "DEN HAAG": "NL33", "THE HAGUE": "NL33",
        "S GRAVENHAGE": "NL33", "DELFT": "NL33", "LEIDEN": "NL33", "DORDRECHT": "NL33", "SCHIEDAM": "NL33",
        "ZOETERMEER": "NL33", "NOORDWIJK": "NL33", "UTRECHT": "NL31", "AMERSFOORT": "NL31", "NIEUWEGEIN": "NL31",
        "ZEIST": "NL31", "EINDHOVEN": "NL41", "TILBURG": "NL41", "BREDA": "NL41", "S HERTOGENBOSCH": "NL41",
        "HELMOND": "NL41", "VELDHOVEN": "NL41", "NIJMEGEN": "NL22", "ARNHEM": "NL22", "WAGENINGEN": "NL22",
        "APELDOORN": "NL22", "EDE": "NL22", "GRONINGEN": "NL11", "LEEUWARDEN": "NL12", "ASSEN": "NL13",
        "EMMEN": "NL13", "ENSCHEDE": "NL21", "ZWOLLE": "NL21", "DEVENTER": "NL21", "HENGELO": "NL21",
        "ALMERE": "NL23", "LELYSTAD": "NL23", "MIDDELBURG": "NL34", "VLISSINGEN": "NL34", "MAASTRICHT": "NL42",
        "VENLO": "NL42", "HEERLEN": "NL42", "SITTARD": "NL42",
    },
    "DE": {
        "HAMBURG": "DE60", "BREMEN": "DE50", "BREMERHAVEN": "DE50", "BERLIN": "DE30", "KIEL": "DEF0",
        "LUBECK": "DEF0", "FLENSBURG": "DEF0", "HUSUM": "DEF0", "RENDSBURG": "DEF0", "HANNOVER": "DE92",
        "LUNEBURG": "DE93", "CUXHAVEN": "DE93", "STADE": "DE93", "OLDENBURG": "DE94", "OSNABRUCK": "DE94",
        "EMDEN": "DE94", "WILHELMSHAVEN": "DE94", "AURICH": "DE94", "LEER": "DE94", "BRAUNSCHWEIG": "DE91",
        "WOLFSBURG": "DE91", "GOTTINGEN": "DE91", "ROSTOCK": "DE80", "GREIFSWALD": "DE80", "SCHWERIN": "DE80",
        "STRALSUND": "DE80", "MUNCHEN": "DE21", "MUENCHEN": "DE21", "MUNICH": "DE21", "GARCHING": "DE21",
        "STUTTGART": "DE11", "KOLN": "DEA2", "KOELN": "DEA2", "COLOGNE": "DEA2", "AACHEN": "DEA2", "BONN": "DEA2",
        "JULICH": "DEA2", "JUELICH": "DEA2", "DUSSELDORF": "DEA1", "DUESSELDORF": "DEA1", "ESSEN": "DEA1",
        "DUISBURG": "DEA1", "WUPPERTAL": "DEA1", "DORTMUND": "DEA5", "BOCHUM": "DEA5", "MUNSTER": "DEA3",
        "MUENSTER": "DEA3", "BIELEFELD": "DEA4", "PADERBORN": "DEA4", "FRANKFURT AM MAIN": "DE71",
        "FRANKFURT": "DE71", "DARMSTADT": "DE71", "WIESBADEN": "DE71", "KASSEL": "DE73", "GIESSEN": "DE72",
        "KARLSRUHE": "DE12", "HEIDELBERG": "DE12", "MANNHEIM": "DE12", "FREIBURG": "DE13", "TUBINGEN": "DE14",
        "ULM": "DE14", "NURNBERG": "DE25", "NUERNBERG": "DE25", "ERLANGEN": "DE25", "AUGSBURG": "DE27",
        "REGENSBURG": "DE23", "WURZBURG": "DE26", "DRESDEN": "DED2", "LEIPZIG": "DED5", "CHEMNITZ": "DED4",
        "MAGDEBURG": "DEE0", "HALLE": "DEE0", "JENA": "DEG0", "ERFURT": "DEG0", "POTSDAM": "DE40",
        "COTTBUS": "DE40", "SAARBRUCKEN": "DEC0", "MAINZ": "DEB3", "KAISERSLAUTERN": "DEB3",
    },
    "GB": {
        "ABERDEEN": "TLM5", "INVERNESS": "TLM6", "KIRKWALL": "TLM6", "STROMNESS": "TLM6", "EDINBURGH": "TLM7",
        "DUNDEE": "TLM7", "ST ANDREWS": "TLM7", "STIRLING": "TLM7", "GLASGOW": "TLM8", "PAISLEY": "TLM8",
        "DUMFRIES": "TLM9", "LONDON": "TLI3", "CAMBRIDGE": "TLH1", "NORWICH": "TLH1", "OXFORD": "TLJ1",
        "READING": "TLJ1", "SOUTHAMPTON": "TLJ3", "BRISTOL": "TLK1", "MANCHESTER": "TLD3", "LIVERPOOL": "TLD7",
        "BIRMINGHAM": "TLG3", "COVENTRY": "TLG3", "NEWCASTLE UPON TYNE": "TLC2", "NEWCASTLE": "TLC2",
        "SUNDERLAND": "TLC2", "LEEDS": "TLE4", "SHEFFIELD": "TLE3", "YORK": "TLE2", "HULL": "TLE1",
        "NOTTINGHAM": "TLF1", "DERBY": "TLF1", "LEICESTER": "TLF2", "CARDIFF": "TLL2", "SWANSEA": "TLL1",
        "BELFAST": "TLN0",
    },
    "BE": {
        "BRUXELLES": "BE10", "BRUSSELS": "BE10", "BRUSSEL": "BE10", "ANTWERPEN": "BE21", "ANTWERP": "BE21",
        "GENT": "BE23", "GHENT": "BE23", "LEUVEN": "BE24", "HEVERLEE": "BE24", "BRUGGE": "BE25", "OOSTENDE": "BE25",
        "OSTEND": "BE25", "HASSELT": "BE22", "GENK": "BE22", "LIEGE": "BE33", "MONS": "BE32", "CHARLEROI": "BE32",
        "NAMUR": "BE35", "LOUVAIN LA NEUVE": "BE31", "WAVRE": "BE31", "MOL": "BE21",
    },
}


def normalise_city(name: str) -> str:
    """Upper-case ASCII without punctuation: 'Göteborg' and 'GOETEBORG' meet as GOTEBORG/GOETEBORG."""
    folded = unicodedata.normalize("NFKD", name or "").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
    folded = folded.replace("Æ", "AE").replace("ß", "ss")
    ascii_text = folded.encode("ascii", "ignore").decode().upper()
    cleaned = "".join(ch if ch.isalnum() else " " for ch in ascii_text)
    return " ".join(cleaned.split())


def region_for_city(country: str, city: str, nuts3_by_name: dict[str, str] | None = None) -> str | None:
    key = normalise_city(city)
    if not key:
        return None
    code = CITY_REGIONS.get(country, {}).get(key)
    if code is None and nuts3_by_name:
        code = nuts3_by_name.get((country, key))
    return code
