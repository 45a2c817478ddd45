"""The starter list of search synonyms (the "Zoekwoorden" snippet): words
residents type for what listings in the social domain call otherwise.
Loaded by migration 0008 and ``manage.py search_synonyms load``; after that
the municipality edits them in the admin.

One entry a line: ``"term: also, means"`` is one-way: searching the term
also finds the others, not the other way round. Most entries are: "praatje"
may also find "koffie", but a search for "koffie" should not find every
listing that says "ontmoeten". ``=`` instead of ``:`` makes the entry
two-way (every word finds the others), for true synonyms only ("azc" and
"asielzoekerscentrum"). A phrase ("zorgen voor") is searched as a phrase.
Words are matched as typed, in the singular or plural ("vluchtelingen" finds
the entry "vluchteling"), and looked for as word prefixes, stemmed as the
index is ("schulden" finds "schuldhulpverlening").
"""

from __future__ import annotations

ENTRIES = """
geldproblemen: schulden, geldzorgen, rondkomen, armoede, schuldhulp
geldzorgen: schulden, geldproblemen, rondkomen, armoede
schulden: schuldhulpverlening, schuldhulp, schuldsanering
rondkomen: geldzorgen, schulden, armoede, minima, weinig geld
armoede: minima, weinig geld, armoedebestrijding
weinig geld: armoede, minima, gratis, rondkomen
arm: armoede, minima
minima: minimuminkomen, laag inkomen
budget: budgetcoach, administratie, geldzaken
budgetcoach: budgetmaatje, geldcoach, thuisadministratie
administratie: thuisadministratie, papierwerk, formulieren, post
formulieren: formulierenhulp, papierwerk, formulierenbrigade
papierwerk: administratie, formulieren
belastingaangifte: belastinghulp, belasting invullen
toeslagen: toeslag aanvragen, zorgtoeslag, huurtoeslag
voedselbank: voedselpakket, voedselhulp, eten ophalen
voedselhulp: voedselbank, maaltijd, gratis eten
kledingbank: tweedehands kleding, kleding
vluchteling: statushouder, nieuwkomer, asielzoeker, vluchtelingen
statushouder: vluchteling, nieuwkomer, inburgering
nieuwkomer: statushouder, vluchteling, inburgeraar, nieuwe nederlander
asielzoeker: vluchteling, statushouder, nieuwkomer, azc
azc = asielzoekerscentrum
inburgering: inburgeren, inburgeringscursus, statushouder
migrant: nieuwkomer, expat, arbeidsmigrant
oekraïners: oekraïne, vluchteling, oekraïense
buddy = maatje, buddyproject
maatje: buddy, maatjesproject, steunpunt maatje
vriendschap: maatje, contact, gezelschap
gezelschap: maatje, bezoek, aanspraak, gezellig
aanspraak: gezelschap, praatje, contact
bezoek: bezoekdienst, huisbezoek, op bezoek
bezoekdienst: bezoekvrijwilliger, huisbezoek, ouderenbezoek
praatje: kletsen, koffie, ontmoeten
kletsen: praatje, babbelen, kletspraat
eenzaam: eenzaamheid, vereenzaming, niemand om mee te praten, contact
eenzaamheid: eenzaam, vereenzaming, sociaal isolement
alleen: eenzaam, eenzaamheid, alleenstaand
alleenstaand: single, alleenwonend
isolement: eenzaamheid, vereenzaming
ontmoeten: ontmoeting, ontmoetingsplek, samenkomen, mensen leren kennen
ontmoeting: ontmoeten, bijeenkomst, samenkomst
ontmoetingsplek: buurthuis, huiskamer van de wijk, inloop, buurtkamer
buurthuis: wijkcentrum, buurtcentrum, ontmoetingsplek, buurtkamer
wijkcentrum: buurthuis, buurtcentrum, wijkgebouw
buurtkamer: huiskamer, buurthuiskamer, huiskamer van de wijk
inloop: inloopochtend, inloopmiddag, binnenlopen, vrije inloop
koffieochtend: koffie, koffietafel, koffie-uurtje, bakkie
koffie: koffieochtend, koffietafel, bakkie
samen eten: maaltijd, eettafel, buurtmaaltijd, eetcafé, samen koken
maaltijd: samen eten, eettafel, diner, lunch
eettafel: samen eten, buurtmaaltijd, maaltijd
koken: kookcursus, samen koken, kookclub
mantelzorg: mantelzorger, mantelzorgondersteuning, zorgen voor een naaste
mantelzorger: mantelzorg, verzorger
zorgen voor: mantelzorg, mantelzorger
mantelzorgsteunpunt: steunpunt mantelzorg, mantelzorgconsulent
respijt: respijtzorg, even vrij, logeeropvang, ontlasten, adempauze
respijtzorg: respijt, even vrij, logeeropvang, vervangende zorg
even vrij: respijt, respijtzorg, logeeropvang, oppas
logeeropvang: logeerhuis, respijtzorg, logeren
ontlasten: ontlasting mantelzorg, respijt, even vrij
oppas: oppassen, oppasdienst, thuisoppas, waken
waken: nachtwacht, thuiswaken, vrijwillige thuiszorg
terminaal: palliatief, levenseinde, laatste levensfase, hospice
palliatief: terminaal, laatste levensfase, hospice, vrijwillige terminale zorg
hospice: bijna-thuis-huis, palliatief, terminaal
ouderen: senioren, 65-plus, ouderenwerk, bejaarden, ouder worden
senioren: ouderen, 65-plus, bejaarden, ouderenwerk
bejaarden = ouderen, senioren
65-plus = ouderen, senioren
ouder worden: ouderen, senioren, vitaal ouder worden
pensioen: gepensioneerd, ouderen
gepensioneerd: met pensioen, ouderen, senioren
vervoer: rijden, automaatje, vervoersdienst, chauffeur, rijdende vrijwilliger, boodschappen rijden
rijden: vervoer, chauffeur, automaatje, meerijden
automaatje: vervoer, rijden, vrijwillige chauffeur, autodienst
chauffeur: vrijwillige chauffeur, rijden, vervoer, bestuurder
boodschappen rijden: vervoer, automaatje, boodschappenhulp
meerijden: vervoer, lift, rijden
lift: meerijden, vervoer
ziekenhuis: ziekenhuisvervoer, ziekenhuisbezoek
rolstoel: rolstoeltoegankelijk, rolstoelvervoer, rolstoelbus
boodschappen: boodschappenhulp, boodschappen doen, boodschappendienst
boodschappenhulp: boodschappen, boodschappendienst, samen boodschappen doen
taal: nederlands leren, taalmaatje, taalcafé, nt2, taalles, taalcoach
nederlands leren: taal, taalles, taalcafé, nt2, taalmaatje, nederlandse les
taalmaatje: taalcoach, taalvrijwilliger, taalmaatjes, taal
taalcafé = taalcafe
taalhuis: taalcafé, taal, taalles, laaggeletterd
taalles: taalcursus, nederlandse les, nt2, taal
nt2 = nederlands als tweede taal
taalcoach: taalmaatje, taal, taalvrijwilliger
laaggeletterd: laaggeletterdheid, lezen en schrijven, taalhuis
lezen: lezen en schrijven, voorlezen, leesclub
voorlezen: voorleesexpress, voorlezer, lezen
huiswerk: huiswerkbegeleiding, huiswerkhulp, bijles
bijles: huiswerkbegeleiding, huiswerkhulp, studiehulp
klussen: klusjes, kluswerk, klussendienst, klusser, reparatie
klusjes: klussen, kluswerk, klusdienst
klusser: klussen, handyman, klusvrijwilliger
repareren: repair café, reparatie, maken
repair café = repaircafé
tuin: tuinieren, tuinonderhoud, moestuin, buurttuin, groen
tuinieren: tuin, moestuin, volkstuin, tuinwerk
moestuin: tuinieren, volkstuin, groente, buurtmoestuin
groen: natuur, tuin, groenonderhoud
natuur: wandelen, groen, buiten
dementie: geheugenproblemen, alzheimer, vergeetachtig, alzheimer café, dementerend
geheugenproblemen: dementie, vergeetachtig, geheugen
alzheimer: dementie, alzheimer café, geheugenproblemen
vergeetachtig: dementie, geheugenproblemen
rouw: verlies, rouwverwerking, overlijden, rouwgroep, rouwcafé
verlies: rouw, rouwverwerking, overlijden
overlijden: rouw, verlies, nabestaanden
rouwverwerking: rouw, rouwgroep, verlies
jongeren: tieners, jeugd, jongerenwerk, pubers, jongerencentrum
tieners: jongeren, pubers, jeugd, tienerclub
jeugd: jongeren, jeugdwerk, kinderen
pubers: tieners, jongeren
kinderen: kids, kind, jeugd, kinderactiviteit
kids = kinderen
peuters: peuter, kleuters, jonge kinderen
ouders: opvoeding, ouder en kind, vader, moeder
opvoeding: opvoedondersteuning, opvoedingsvragen, ouders
gezin: gezinnen, ouders, gezinsondersteuning
alleenstaande ouder = eenoudergezin
vrijwilliger: vrijwilligerswerk, vrijwilligers, vrijwillige inzet
vrijwilligerswerk: vrijwilliger, vrijwillige inzet, helpen
helpen: vrijwilligerswerk, hulp bieden, ik help
hulp: ondersteuning, hulpvraag
ondersteuning: hulp, steun, begeleiding
begeleiding: ondersteuning, coach, coaching
coach: coaching, begeleiding, mentor
mentor: coach, maatje, mentorproject
werk: werkervaring, baan, werkzoekend, participatie
werkloos: werkzoekend, zonder werk, uitkering, werk zoeken
werkzoekend: werkloos, werk zoeken, sollicitatie
solliciteren: sollicitatie, cv, werk zoeken
uitkering: bijstand, werkloos, participatiewet
bijstand: uitkering, participatiewet, minima
dagbesteding: dagactiviteit, dagopvang, activering
dagactiviteit: dagbesteding, activiteiten overdag
beweging: bewegen, sport, gym, fitness
bewegen: beweging, sport, gymnastiek, fit
sport: sporten, bewegen, beweging
gym: gymnastiek, fitness, bewegen
gymnastiek: gym, ouderengym, bewegen
wandelen: wandeling, wandelgroep, lopen, ommetje
ommetje: wandelen, wandeling, rondje lopen
fietsen: fiets, fietstocht, fietsmaatje, duofiets
fietsmaatje: duofiets, fietsen, samen fietsen
zwemmen: zwembad, aquarobics
dansen: dans, dansles, line dance
yoga: stoelyoga, ontspanning, meditatie
schilderen: tekenen, creatief, schildercursus
creatief: handwerken, schilderen, knutselen, creatieve activiteiten
handwerken: breien, haken, naaien, handwerkclub
breien: handwerken, haken, breiclub
knutselen: creatief, knutselmiddag
muziek: zingen, koor, muziekles
zingen: koor, muziek, zanggroep
koor: zingen, zangkoor
spelletjes: spelletjesmiddag, bordspellen, kaarten, klaverjassen, bingo
kaarten: klaverjassen, bridge, kaartclub, spelletjes
klaverjassen: kaarten, klaverjasclub
sjoelen: spelletjes, sjoelclub
bingo: spelletjes, bingomiddag
computer: digitaal, pc, laptop, computerles, digitale vaardigheden
digitaal: digitale hulp, computer, internet, digitale vaardigheden
internet: digitaal, online, computer
telefoon: smartphone, mobiel, telefoonhulp
smartphone: telefoon, mobiel, tablet
tablet: ipad, smartphone, computer
digid: digitale overheid, inloggen, digitaal
gezondheid: gezond leven, vitaliteit, welzijn
gezond: gezondheid, gezond leven, vitaal
welzijn: welzijnswerk, welbevinden, welzijnsorganisatie
welzijn op recept: welzijn, huisarts, verwijzing
huisarts: dokter, poh, welzijn op recept
dokter: huisarts, arts
psychisch: psychische problemen, ggz, mentale gezondheid
ggz: psychisch, psychische problemen, geestelijke gezondheid
somber: depressie, somberheid, neerslachtig, psychisch
depressie: somber, somberheid, psychisch
stress: spanning, burn-out, overbelast, ontspanning
overbelast: overbelasting, stress, zwaar belast
verslaving: verslavingszorg, alcohol, drugs, gokken
beperking: handicap, gehandicapt, beperkingen, chronisch ziek
handicap: beperking, gehandicapt
gehandicapt: beperking, handicap
verstandelijke beperking: lvb, verstandelijk beperkt
autisme: autist, ass, prikkelarm
doof: slechthorend, doven, gebarentaal
slechtziend: blind, visuele beperking
blind: slechtziend, visuele beperking
chronisch ziek: chronische ziekte, langdurig ziek, beperking
ziek: ziekte, chronisch ziek, zieken
lotgenoten: lotgenotengroep, lotgenotencontact, ervaringsdeskundige
ervaringsdeskundige: ervaringsdeskundigheid, lotgenoten
zelfhulp: zelfhulpgroep, lotgenoten
wonen: woning, huisvesting, woonruimte
dakloos = thuisloos, daklozen
nachtopvang: dakloos, thuisloos, opvang
zonder woning: dakloos, thuisloos, woningzoekend
verhuizen: verhuizing, verhuishulp
huishouden: huishoudelijke hulp, schoonmaken, poetsen
schoonmaken: poetsen, huishouden, schoonmaak
poetsen: schoonmaken, huishouden
hond uitlaten: hond, huisdier, uitlaatdienst
huisdier: huisdieren, hond, kat, dierenhulp
veiligheid: veilig, buurtpreventie, buurtwacht
buurtpreventie: buurtwacht, veiligheid, whatsapp buurtpreventie
buurt: wijk, buurtbewoners, buren, buurtinitiatief
wijk: buurt, wijkteam, wijkbewoners
buren: burenhulp, buurtbewoners, buurt
burenhulp: buren helpen elkaar, buurthulp, burenhulpcentrale
buurthulp: burenhulp, buren helpen, hulp in de buurt
wijkteam: sociaal wijkteam, buurtteam, wijkcoach, sociaal team
loket: wmo-loket, wmo, zorgloket, informatiepunt
wmo: wmo-loket, maatschappelijke ondersteuning, voorziening
informatie: advies, informatiepunt, vraagbaak, spreekuur
advies: informatie, spreekuur, raad
spreekuur: inloopspreekuur, advies, vragen
juridisch: rechtshulp, sociaal raadslieden, juridisch advies
sociaal raadslieden = sociaal raadsman, raadslieden
vog = verklaring omtrent het gedrag
stage: maatschappelijke stage, mas, stageplek
diversiteit: inclusie, divers, iedereen welkom
lhbti = lhbtiq
roze: lhbti, regenboog, queer
vrouwen: vrouwengroep, vrouwencafé, moeders
mannen: mannengroep, mannenbreakfast, mannenclub
kerk: kerkelijke gemeente, parochie, kerkgebouw
moskee: geloof, islamitisch
ontbijt: ontbijtje, samen ontbijten, ontbijtclub
lunch: samen lunchen, maaltijd, soep
zomer: zomeractiviteiten, vakantie, zomerschool
vakantie: vakantieactiviteiten, zomer, uitje
uitje: dagje uit, uitstapje, excursie
dagje uit: uitje, uitstapje, excursie
museum: musea, cultuur, tentoonstelling
cultuur: kunst, museum, theater
film: filmavond, bioscoop, filmhuis
gratis: kosteloos, zonder kosten, geen kosten
""".strip()


def parse(text: str = ENTRIES) -> list[tuple[str, list[str], bool]]:
    """The entries as (term, also means, two-way)."""
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        sep = "=" if "=" in line.split(":", 1)[0] else ":"
        term, _, rest = line.partition(sep)
        words = [w.strip() for w in rest.split(",") if w.strip()]
        entries.append((term.strip(), words, sep == "="))
    return entries
