"""Texts of the knowledge centre's demo: procurement topics written in the buyers' languages (demo data,
realistic in kind but invented: no real procurement, buyer decision or person is described)."""

# Topic key → (sector, procedure, innovative-acquisition codes, CPV codes, value chains, English title,
# English summary, English need, English outcome, results).
TOPICS = {
    "heat-pumps": ("buildings", "comp-dial", ["prod-innov"], ["45331000-6", "42511110-5"], ["heating-cooling"],
                   "Large heat pumps for the municipal schools",
                   "The municipality replaced gas boilers in schools with large air-to-water heat pumps, bought "
                   "through a competitive dialogue on a functional specification (indoor climate, noise, CO2).",
                   "Gas boilers at the end of their life and a 2030 climate target for all municipal buildings.",
                   "Heat pumps run in the schools since the second heating season, with remote monitoring.",
                   [("CO2 saved", 310, "t/year"), ("Energy use", -38, "%")]),
    "ferries": ("mobility", "innovation", ["prod-innov", "rd-act"], ["34512000-9", "34144900-7"], ["energy-storage"],
                "Electric ferries for the island connection",
                "An innovation partnership with shipyards developed and delivered two battery-electric ferries "
                "with fast charging at both ports.",
                "Diesel ferries due for replacement and an island community wanting zero-emission crossings.",
                "Both ferries sail electrically; charging takes 12 minutes per crossing.",
                [("Diesel saved", 1.1, "million litres/year"), ("Crossings per day", 26, "")]),
    "construction-machines": ("buildings", "neg-w-call", ["proc-innov"], ["45000000-7", "43200000-5"], [],
                              "Zero-emission construction sites",
                              "Award criteria rewarded electric excavators and wheel loaders on municipal building "
                              "sites; a market dialogue came first to learn what suppliers could deliver.",
                              "Noise and diesel exhaust on inner-city sites and a fossil-free construction target.",
                              "Four sites ran with electric machines; suppliers now bid them as standard.",
                              [("Fossil-free machine hours", 64, "%")]),
    "street-lighting": ("energy", "open", ["prod-innov"], ["34993000-4", "31527200-8"], ["smart-grids"],
                        "Smart street lighting with dimming and sensors",
                        "An open procedure with a total-cost-of-ownership model bought LED street lights that dim "
                        "with traffic and report faults themselves.",
                        "High electricity bills and many lamp faults found only by residents' complaints.",
                        "All 9,000 lamps replaced; faults are reported automatically.",
                        [("Electricity saved", 62, "%"), ("Lamps", 9000, "")]),
    "solar-roofs": ("energy", "restricted", ["mar-nov"], ["09332000-5", "45261215-4"], ["solar"],
                    "Solar panels on public roofs with a shared battery",
                    "Solar panels on 40 municipal roofs and a shared battery, bought with an energy-performance "
                    "contract; SMEs in a consortium won the contract.",
                    "Roofs unused, and a wish to keep the money for energy in the local economy.",
                    "The plants produce a fifth of the buildings' electricity.",
                    [("Installed capacity", 4.2, "MWp"), ("Share of own use", 21, "%")]),
    "hydrogen-buses": ("mobility", "pcp", ["rd-act"], ["34121000-1", "09123000-7"], ["hydrogen-ptx"],
                       "Hydrogen buses and a local refuelling station",
                       "A pre-commercial procurement with three competing suppliers tested fuel-cell buses and "
                       "electrolysis at the depot before the region bought the winner's solution.",
                       "Bus routes too long for battery buses and surplus wind power in the region.",
                       "Ten buses in service; the electrolyser runs on local wind power.",
                       [("Buses", 10, ""), ("Hydrogen produced", 420, "kg/day")]),
    "district-heating": ("energy", "innovation", ["proc-innov", "rd-act"], ["09323000-9", "42512300-1"],
                         ["heating-cooling", "energy-storage"],
                         "Seawater heat and a thermal store for district heating",
                         "An innovation partnership developed a seawater heat pump and a pit thermal store for the "
                         "district heating network, in stages with go/no-go decisions.",
                         "Coal phase-out in the heating plant and volatile electricity prices.",
                         "The store shifts a week of heat demand; coal is no longer burnt.",
                         [("CO2 saved", 48000, "t/year"), ("Storage", 70000, "m³")]),
    "market-consultation": ("environment", "market-consultation", [], ["90500000-2", "34144510-6"], [],
                            "Market consultation for electric refuse trucks",
                            "Before tendering waste collection, the municipality ran a preliminary market "
                            "consultation with open days and one-to-one meetings to set realistic requirements.",
                            "A new collection contract and doubts whether electric trucks could manage the routes.",
                            "The tender that followed had five bidders, three of them SMEs.",
                            [("Bidders", 5, ""), ("SME bidders", 3, "")]),
}

# Language → topic key → (title, summary, lessons), in the buyer's own language; {city} is the buyer's city.
LOCAL = {
    "da": {
        "heat-pumps": ("Store varmepumper til kommunens skoler",
                       "{city} har udskiftet gaskedlerne på skolerne med store luft-til-vand-varmepumper. "
                       "Indkøbet skete ved konkurrencepræget dialog på en funktionsbeskrivelse af indeklima, støj og "
                       "CO2-udledning.",
                       "Funktionsudbud gav bedre løsninger end en teknisk kravspecifikation; inddrag driftspersonalet "
                       "tidligt."),
        "ferries": ("Elektriske færger til øforbindelsen",
                    "I et innovationspartnerskab med værfter udviklede {city} to batterielektriske færger med "
                    "hurtigladning i begge havne. Færgerne sejler nu uden diesel.",
                    "Del udviklingen op i faser med klare beslutningspunkter, så kommunen kan stoppe i tide."),
        "construction-machines": ("Emissionsfrie byggepladser",
                                  "{city} belønnede elektriske gravemaskiner og læssere i tildelingskriterierne på "
                                  "kommunens byggepladser. En markedsdialog gik forud.",
                                  "Markedsdialogen viste, hvad leverandørerne kunne levere, og gjorde kravene "
                                  "realistiske."),
        "street-lighting": ("Intelligent gadebelysning",
                            "{city} købte LED-gadelamper, der dæmpes efter trafikken og selv melder fejl, i et "
                            "offentligt udbud med totalomkostninger som tildelingskriterium.",
                            "Totalomkostningsmodellen skal være enkel nok til, at tilbudsgiverne kan regne på den."),
        "district-heating": ("Havvandsvarme og varmelager til fjernvarmen",
                             "Et innovationspartnerskab udviklede en havvandsvarmepumpe og et damvarmelager til "
                             "fjernvarmenettet i {city}.",
                             "Faseopdelte kontrakter gjorde risikoen håndterbar for både kommune og leverandører."),
        "market-consultation": ("Markedsdialog om elektriske skraldebiler",
                                "Før udbuddet af affaldsindsamling holdt {city} en markedsdialog med åbent hus og "
                                "enkeltmøder for at fastsætte realistiske krav til elektriske skraldebiler.",
                                "Åbenhed om budget og ruter gav flere og bedre tilbud, også fra mindre virksomheder."),
    },
    "nb": {
        "heat-pumps": ("Store varmepumper til kommunens skoler",
                       "{city} har byttet ut gasskjelene på skolene med store luft-til-vann-varmepumper, kjøpt inn "
                       "gjennom konkurransepreget dialog med funksjonskrav til inneklima, støy og utslipp.",
                       "Funksjonskrav ga bedre løsninger enn detaljerte tekniske krav."),
        "ferries": ("Elektriske ferger til øysambandet",
                    "Gjennom et innovasjonspartnerskap med verft fikk {city} to batterielektriske ferger med "
                    "hurtiglading i begge havner.",
                    "Faser med tydelige beslutningspunkter gjorde utviklingen trygg for kommunen."),
        "hydrogen-buses": ("Hydrogenbusser og lokal fyllestasjon",
                           "En førkommersiell anskaffelse med tre konkurrerende leverandører testet brenselcellebusser "
                           "og elektrolyse ved depotet i {city} før fylket kjøpte vinnerens løsning.",
                           "Førkommersielle anskaffelser krever tid: sett av to år før den endelige kontrakten."),
        "construction-machines": ("Utslippsfrie byggeplasser",
                                  "{city} ga uttelling for elektriske gravemaskiner og hjullastere i "
                                  "tildelingskriteriene, etter en markedsdialog med leverandørene.",
                                  "Still krav som øker gradvis, så markedet rekker å følge med."),
        "solar-roofs": ("Solceller på offentlige tak med felles batteri",
                        "Solceller på 40 kommunale tak og et felles batteri ble kjøpt med en "
                        "energisparekontrakt i {city}; et konsortium av små bedrifter vant.",
                        "La konsortier av små bedrifter by, så vinner lokale leverandører oftere."),
    },
    "sv": {
        "heat-pumps": ("Stora värmepumpar till kommunens skolor",
                       "{city} har ersatt gaspannorna på skolorna med stora luft-vatten-värmepumpar, upphandlade "
                       "genom konkurrenspräglad dialog med funktionskrav på inomhusklimat, buller och utsläpp.",
                       "Funktionsupphandling gav bättre lösningar; involvera driftpersonalen tidigt."),
        "construction-machines": ("Fossilfria byggarbetsplatser",
                                  "{city} premierade elektriska grävmaskiner och hjullastare i "
                                  "tilldelningskriterierna för kommunens byggarbetsplatser, efter en marknadsdialog.",
                                  "Marknadsdialogen gjorde kraven realistiska och lockade fler anbudsgivare."),
        "street-lighting": ("Smart gatubelysning med dimring och sensorer",
                            "{city} köpte LED-gatubelysning som dimras efter trafiken och själv rapporterar fel, i en "
                            "öppen upphandling med livscykelkostnad som tilldelningsgrund.",
                            "En enkel livscykelkostnadsmodell gör det lättare för anbudsgivarna."),
        "hydrogen-buses": ("Vätgasbussar och lokal tankstation",
                           "En förkommersiell upphandling med tre konkurrerande leverantörer testade "
                           "bränslecellsbussar och elektrolys vid depån i {city}.",
                           "Planera för att förkommersiell upphandling tar längre tid än en vanlig upphandling."),
        "solar-roofs": ("Solceller på kommunens tak med gemensamt batteri",
                        "Solceller på 40 kommunala tak och ett gemensamt batteri upphandlades med ett "
                        "energiprestandaavtal i {city}; ett konsortium av småföretag vann.",
                        "Tillåt konsortier, så kan småföretag konkurrera."),
        "market-consultation": ("Marknadsdialog om elektriska sopbilar",
                                "Innan avfallsinsamlingen upphandlades höll {city} en marknadsdialog med öppet hus och "
                                "enskilda möten för att sätta realistiska krav på elektriska sopbilar.",
                                "Öppenhet om budget och rutter gav fler och bättre anbud."),
    },
    "nl": {
        "heat-pumps": ("Grote warmtepompen voor de gemeentelijke scholen",
                       "{city} verving de gasketels in de scholen door grote lucht-water-warmtepompen, ingekocht via "
                       "een concurrentiegerichte dialoog met functionele eisen aan binnenklimaat, geluid en uitstoot.",
                       "Functioneel specificeren leverde betere oplossingen op dan technische eisen."),
        "construction-machines": ("Emissievrije bouwplaatsen",
                                  "{city} beloonde elektrische graafmachines en wielladers in de gunningscriteria "
                                  "van gemeentelijke bouwprojecten, na een marktconsultatie.",
                                  "Laat de eisen stap voor stap oplopen zodat de markt kan volgen."),
        "street-lighting": ("Slimme straatverlichting",
                            "{city} kocht ledstraatverlichting die dimt met het verkeer en zelf storingen meldt, via "
                            "een openbare procedure met total cost of ownership als gunningscriterium.",
                            "Houd het TCO-model eenvoudig genoeg voor inschrijvers."),
        "solar-roofs": ("Zonnepanelen op gemeentelijke daken met een gedeelde batterij",
                        "Zonnepanelen op 40 gemeentelijke daken en een gedeelde batterij werden in {city} ingekocht "
                        "met een energieprestatiecontract; een consortium van mkb-bedrijven won.",
                        "Sta consortia toe, zodat het mkb kan meedingen."),
        "district-heating": ("Aquathermie en warmteopslag voor het warmtenet",
                             "Een innovatiepartnerschap ontwikkelde een warmtepomp op oppervlaktewater en een "
                             "seizoensopslag voor het warmtenet van {city}.",
                             "Fasering met go/no-go-momenten maakte het risico beheersbaar."),
        "market-consultation": ("Marktconsultatie over elektrische vuilniswagens",
                                "Voor de aanbesteding van de afvalinzameling hield {city} een marktconsultatie met "
                                "een open dag en een-op-een-gesprekken over elektrische vuilniswagens.",
                                "Openheid over budget en routes leverde meer inschrijvingen op, ook van het mkb."),
    },
    "de": {
        "heat-pumps": ("Großwärmepumpen für die städtischen Schulen",
                       "{city} hat die Gaskessel der Schulen durch große Luft-Wasser-Wärmepumpen ersetzt, beschafft "
                       "im wettbewerblichen Dialog mit funktionalen Anforderungen an Raumklima, Lärm und Emissionen.",
                       "Eine funktionale Leistungsbeschreibung brachte bessere Lösungen als technische Vorgaben."),
        "construction-machines": ("Emissionsfreie Baustellen",
                                  "{city} bewertete elektrische Bagger und Radlader in den Zuschlagskriterien "
                                  "städtischer Baustellen positiv, nach einer Markterkundung.",
                                  "Die Markterkundung zeigte, was die Anbieter liefern können."),
        "street-lighting": ("Intelligente Straßenbeleuchtung",
                            "{city} beschaffte LED-Straßenleuchten, die sich nach dem Verkehr dimmen und Störungen "
                            "selbst melden, im offenen Verfahren mit Lebenszykluskosten als Zuschlagskriterium.",
                            "Das Lebenszykluskostenmodell muss für Bieter nachvollziehbar sein."),
        "hydrogen-buses": ("Wasserstoffbusse und eine lokale Tankstelle",
                           "Eine vorkommerzielle Auftragsvergabe mit drei konkurrierenden Anbietern erprobte "
                           "Brennstoffzellenbusse und Elektrolyse am Betriebshof in {city}.",
                           "Vorkommerzielle Vergaben brauchen Zeit: zwei Jahre bis zum endgültigen Auftrag einplanen."),
        "district-heating": ("Flusswasserwärme und Wärmespeicher für die Fernwärme",
                             "Eine Innovationspartnerschaft entwickelte eine Flusswasser-Wärmepumpe und einen "
                             "Großwärmespeicher für das Fernwärmenetz von {city}.",
                             "Phasen mit klaren Entscheidungspunkten machten das Risiko tragbar."),
        "ferries": ("Elektrische Fähren für die Inselverbindung",
                    "In einer Innovationspartnerschaft mit Werften erhielt {city} zwei batterieelektrische Fähren mit "
                    "Schnellladung in beiden Häfen.",
                    "Die Werften früh einbinden und die Ladeinfrastruktur mit ausschreiben."),
    },
    "en": {key: (topic[5], "{city}: " + topic[6], "Start with a market dialogue and a functional specification; "
                 "keep the award model simple enough for SMEs to bid.") for key, topic in TOPICS.items()},
}
