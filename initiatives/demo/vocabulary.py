"""Words and texts for the demo sociale kaart: taxonomy, kinds of initiative,
activities, meeting places and vacancies, written the way local
organisations write them (B1, friendly, concrete).

Placeholders filled in by the loader: {initiative}, {wijk}, {town},
{place} (the meeting place or street), {day} (weekday name).
"""

# -- taxonomy -------------------------------------------------------------------
THEMES = {
    "eenzaamheid": "Eenzaamheid",
    "armoede-en-schulden": "Armoede en schulden",
    "mantelzorg": "Mantelzorg",
    "gezondheid-en-bewegen": "Gezondheid en bewegen",
    "jeugd": "Jeugd",
    "ouderen": "Ouderen",
    "taal-en-digitale-vaardigheden": "Taal en digitale vaardigheden",
    "wonen-en-buurt": "Wonen en buurt",
    "werk-en-participatie": "Werk en participatie",
    "cultuur": "Cultuur",
    "vervoer": "Vervoer",
    "duurzaamheid": "Duurzaamheid",
}
THEME_DESCRIPTIONS = {
    "eenzaamheid": "Elkaar ontmoeten, erbij horen en er niet alleen voor staan.",
    "armoede-en-schulden": "Hulp bij geldzaken, formulieren en rondkomen.",
    "mantelzorg": "Steun voor wie zorgt voor een naaste: informatie, even vrij, lotgenoten.",
    "gezondheid-en-bewegen": "Samen bewegen, gezond eten en fit blijven.",
    "jeugd": "Voor kinderen, jongeren en hun ouders.",
    "ouderen": "Zo lang mogelijk zelfstandig en actief blijven.",
    "taal-en-digitale-vaardigheden": "Nederlands leren, lezen en schrijven, omgaan met "
    "computer en telefoon.",
    "wonen-en-buurt": "Een prettige, schone en veilige buurt waar mensen elkaar kennen.",
    "werk-en-participatie": "Meedoen via werk, vrijwilligerswerk of een dagbesteding.",
    "cultuur": "Muziek, creativiteit, film en erfgoed.",
    "vervoer": "Naar de dokter, de winkel of een activiteit als dat zelf niet meer lukt.",
    "duurzaamheid": "Repareren in plaats van weggooien, energie besparen, groen in de wijk.",
}
TARGET_GROUPS = {
    "iedereen": "Iedereen",
    "ouderen": "Ouderen",
    "mantelzorgers": "Mantelzorgers",
    "jongeren": "Jongeren",
    "kinderen": "Kinderen",
    "gezinnen": "Gezinnen",
    "nieuwkomers": "Nieuwkomers",
    "mensen-met-een-beperking": "Mensen met een beperking",
    "mensen-met-dementie": "Mensen met dementie",
    "werkzoekenden": "Werkzoekenden",
    "alleenstaanden": "Alleenstaanden",
}
SKILLS = {
    "gastvrijheid": "Gastvrijheid",
    "koken": "Koken",
    "rijbewijs": "Rijbewijs",
    "computervaardigheden": "Computervaardigheden",
    "administratie": "Administratie",
    "klussen": "Klussen",
    "luisteren": "Luisteren",
    "organiseren": "Organiseren",
    "tuinieren": "Tuinieren",
    "taal": "Taal",
    "lesgeven": "Lesgeven",
    "sport-en-bewegen": "Sport en bewegen",
    "creativiteit": "Creativiteit",
    "repareren": "Repareren",
    "communicatie": "Communicatie",
}

# The names in the other interface languages (en, ar, uk, tr, pl), plain words
# (B1) as staff would type them in the admin (docs/languages.md, "Taxonomy
# names"). Mantelzorg is care for a sick or disabled relative or friend.
_NAME_LANGUAGES = ("en", "ar", "uk", "tr", "pl")
_THEME_NAMES = {
    "eenzaamheid": ("Loneliness", "الوحدة", "Самотність", "Yalnızlık", "Samotność"),
    "armoede-en-schulden": (
        "Poverty and debt",
        "الفقر والديون",
        "Бідність і борги",
        "Yoksulluk ve borçlar",
        "Ubóstwo i długi",
    ),
    "mantelzorg": (
        "Support for carers",
        "دعم من يعتني بأحد أقاربه",
        "Підтримка тих, хто доглядає близьких",
        "Yakınına bakanlara destek",
        "Wsparcie dla opiekunów bliskich",
    ),
    "gezondheid-en-bewegen": (
        "Health and exercise",
        "الصحة والحركة",
        "Здоров’я і рух",
        "Sağlık ve hareket",
        "Zdrowie i ruch",
    ),
    "jeugd": (
        "Children and young people",
        "الأطفال والشباب",
        "Діти та молодь",
        "Çocuklar ve gençler",
        "Dzieci i młodzież",
    ),
    "ouderen": ("Older people", "كبار السن", "Літні люди", "Yaşlılar", "Osoby starsze"),
    "taal-en-digitale-vaardigheden": (
        "Language and computer skills",
        "اللغة ومهارات الحاسوب",
        "Мова та комп’ютерні навички",
        "Dil ve bilgisayar becerileri",
        "Język i obsługa komputera",
    ),
    "wonen-en-buurt": (
        "Housing and neighbourhood",
        "السكن والحي",
        "Житло і район",
        "Ev ve mahalle",
        "Mieszkanie i okolica",
    ),
    "werk-en-participatie": (
        "Work and taking part",
        "العمل والمشاركة في المجتمع",
        "Робота й участь у житті громади",
        "İş ve topluma katılım",
        "Praca i udział w życiu społecznym",
    ),
    "cultuur": ("Culture", "الثقافة", "Культура", "Kültür", "Kultura"),
    "vervoer": ("Transport", "المواصلات", "Транспорт", "Ulaşım", "Transport"),
    "duurzaamheid": (
        "Environment",
        "البيئة",
        "Довкілля",
        "Çevre",
        "Ochrona środowiska",
    ),
}
_TARGET_GROUP_NAMES = {
    "iedereen": ("Everyone", "الجميع", "Усі", "Herkes", "Wszyscy"),
    "ouderen": ("Older people", "كبار السن", "Літні люди", "Yaşlılar", "Osoby starsze"),
    "mantelzorgers": (
        "Carers of a relative or friend",
        "من يعتني بأحد أقاربه",
        "Ті, хто доглядає близьких",
        "Yakınına bakanlar",
        "Opiekunowie bliskich",
    ),
    "jongeren": ("Young people", "الشباب", "Молодь", "Gençler", "Młodzież"),
    "kinderen": ("Children", "الأطفال", "Діти", "Çocuklar", "Dzieci"),
    "gezinnen": ("Families", "العائلات", "Сім’ї", "Aileler", "Rodziny"),
    "nieuwkomers": (
        "Newcomers to the Netherlands",
        "القادمون الجدد إلى هولندا",
        "Ті, хто недавно приїхав у Нідерланди",
        "Hollanda’ya yeni gelenler",
        "Osoby, które niedawno przyjechały do Holandii",
    ),
    "mensen-met-een-beperking": (
        "People with a disability",
        "الأشخاص ذوو الإعاقة",
        "Люди з інвалідністю",
        "Engelli kişiler",
        "Osoby z niepełnosprawnością",
    ),
    "mensen-met-dementie": (
        "People with dementia",
        "الأشخاص المصابون بالخرف",
        "Люди з деменцією",
        "Demansı olan kişiler",
        "Osoby z demencją",
    ),
    "werkzoekenden": (
        "People looking for work",
        "الباحثون عن عمل",
        "Ті, хто шукає роботу",
        "İş arayanlar",
        "Osoby szukające pracy",
    ),
    "alleenstaanden": (
        "People who live alone",
        "من يعيشون وحدهم",
        "Ті, хто живе сам",
        "Yalnız yaşayanlar",
        "Osoby mieszkające same",
    ),
}
_SKILL_NAMES = {
    "gastvrijheid": (
        "Making people welcome",
        "استقبال الناس",
        "Гостинність",
        "Misafirperverlik",
        "Gościnność",
    ),
    "koken": ("Cooking", "الطبخ", "Готування їжі", "Yemek yapmak", "Gotowanie"),
    "rijbewijs": (
        "Driving licence",
        "رخصة القيادة",
        "Посвідчення водія",
        "Ehliyet",
        "Prawo jazdy",
    ),
    "computervaardigheden": (
        "Computer skills",
        "مهارات الحاسوب",
        "Робота з комп’ютером",
        "Bilgisayar becerileri",
        "Obsługa komputera",
    ),
    "administratie": (
        "Office work and paperwork",
        "الأعمال المكتبية",
        "Робота з документами",
        "Büro işleri",
        "Prace biurowe",
    ),
    "klussen": (
        "Small repairs and odd jobs",
        "أعمال الإصلاح البسيطة",
        "Дрібний ремонт",
        "Küçük tamir işleri",
        "Drobne naprawy",
    ),
    "luisteren": ("Listening", "الاستماع", "Уміння слухати", "Dinlemek", "Słuchanie"),
    "organiseren": (
        "Organising",
        "التنظيم",
        "Організація заходів",
        "Organize etmek",
        "Organizowanie",
    ),
    "tuinieren": ("Gardening", "البستنة", "Робота в саду", "Bahçe işleri", "Ogrodnictwo"),
    "taal": ("Language", "اللغة", "Мова", "Dil", "Język"),
    "lesgeven": ("Teaching", "التدريس", "Навчання інших", "Ders vermek", "Uczenie innych"),
    "sport-en-bewegen": (
        "Sport and exercise",
        "الرياضة والحركة",
        "Спорт і рух",
        "Spor ve hareket",
        "Sport i ruch",
    ),
    "creativiteit": ("Creativity", "الإبداع", "Творчість", "Yaratıcılık", "Kreatywność"),
    "repareren": (
        "Repairing things",
        "تصليح الأشياء",
        "Ремонт речей",
        "Bir şeyleri tamir etmek",
        "Naprawianie rzeczy",
    ),
    "communicatie": ("Communication", "التواصل", "Спілкування", "İletişim", "Komunikacja"),
}
# {model name: {slug: {language: name}}}, for the loader.
NAME_TRANSLATIONS = {
    model: {slug: dict(zip(_NAME_LANGUAGES, names, strict=True)) for slug, names in table.items()}
    for model, table in (
        ("Theme", _THEME_NAMES),
        ("TargetGroup", _TARGET_GROUP_NAMES),
        ("Skill", _SKILL_NAMES),
    )
}

# -- people ---------------------------------------------------------------------
FIRST_NAMES = [
    "Anneke",
    "Mohamed",
    "Fatma",
    "Joke",
    "Kees",
    "Marieke",
    "Henk",
    "Sandra",
    "Ria",
    "Peter",
    "Ingrid",
    "Ahmed",
    "Els",
    "Gerrit",
    "Lotte",
    "Tamara",
    "Bram",
    "Yvonne",
    "Wim",
    "Nicole",
    "Samira",
    "Jan",
    "Thea",
    "Rachid",
    "Linda",
    "Hans",
    "Esther",
    "Karin",
    "Ruud",
    "Ilse",
    "Dewi",
    "Noor",
    "Marco",
    "Gerda",
    "Stefan",
    "Aylin",
]
LAST_NAMES = [
    "de Vries",
    "El Amrani",
    "Yilmaz",
    "van Dijk",
    "Bakker",
    "Jansen",
    "Visser",
    "Smit",
    "de Graaf",
    "van der Linden",
    "Mulder",
    "Bouzid",
    "Verhoeven",
    "Hoogendoorn",
    "Koster",
    "Vermeulen",
    "de Jong",
    "Kok",
    "Schouten",
    "van Leeuwen",
    "Meijer",
    "van den Berg",
    "Dekker",
    "Brouwer",
    "Kramer",
    "van Wijk",
    "Postma",
    "Pinas",
]
MEETING_PLACE_NAMES = [
    "Het Anker",
    "De Brug",
    "De Bron",
    "Het Trefpunt",
    "De Kiem",
    "De Linde",
    "De Sleutel",
    "Het Praathuis",
    "De Stek",
    "De Paraplu",
    "De Boei",
    "Ons Huis",
    "De Ontmoeting",
    "Het Baken",
    "De Zonnebloem",
    "De Kastanje",
    "Het Kompas",
    "De Vonk",
    "De Waterlelie",
    "De Tuinkamer",
]

# -- kinds of initiative -----------------------------------------------------------
# activities/vacancies: template keys the kind tends to offer, most typical first.
INITIATIVE_KINDS = {
    "buurthuis": {
        "intro": "Het buurthuis van {wijk}: voor een kop koffie, een activiteit of een "
        "goed gesprek. Iedereen uit de buurt is welkom.",
        "paragraphs": [
            "{initiative} is een plek voor en door bewoners van {wijk}. Vrijwilligers "
            "zetten de koffie klaar, organiseren activiteiten en helpen waar dat kan.",
            "Heb je een idee voor een activiteit of wil je zelf iets organiseren? Loop "
            "binnen of bel ons. We denken graag mee en helpen je op weg.",
            "Het buurthuis werkt samen met het sociaal wijkteam en de huisartsen in de "
            "buurt. Zit je met een vraag, dan weten we vaak bij wie je terecht kunt.",
        ],
        "themes": ["eenzaamheid", "wonen-en-buurt", "ouderen"],
        "targets": ["iedereen", "ouderen"],
        "places": ["ontmoetingscentrum", "huiskamer"],
        "activities": [
            "koffieochtend",
            "bingo",
            "samen-eten",
            "creatieve-middag",
            "kaartmiddag",
            "jeu-de-boules",
            "buurtontbijt",
            "muziekmiddag",
            "feest",
            "energiecafe",
        ],
        "vacancies": [
            "gastvrouw",
            "barvrijwilliger",
            "activiteitenbegeleider",
            "kookvrijwilliger",
            "bestuurslid",
            "klussenhulp",
            "communicatie",
        ],
    },
    "huiskamer": {
        "intro": "Een huiskamer in de wijk {wijk}: binnenlopen, koffie drinken, een "
        "praatje maken. Zonder afspraak en zonder kosten.",
        "paragraphs": [
            "In {initiative} kun je gewoon binnenlopen. Er staat koffie en thee klaar "
            "en er is altijd een gastvrouw of gastheer die je welkom heet.",
            "Veel bezoekers komen voor de gezelligheid, anderen voor een vraag over "
            "post, formulieren of de buurt. Samen zoeken we uit wie je verder kan helpen.",
            "De huiskamer draait op vrijwilligers uit de wijk, met steun van het "
            "welzijnswerk en de gemeente {town}.",
        ],
        "themes": ["eenzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen", "alleenstaanden", "ouderen"],
        "places": ["huiskamer"],
        "activities": [
            "koffieochtend",
            "samen-eten",
            "breicafe",
            "kaartmiddag",
            "spreekuur-geldzaken",
            "creatieve-middag",
            "buurtontbijt",
            "wandelgroep",
        ],
        "vacancies": [
            "gastvrouw",
            "kookvrijwilliger",
            "activiteitenbegeleider",
            "coordinator",
            "belvrijwilliger",
        ],
    },
    "welzijn": {
        "intro": "Welzijnsorganisatie in {town}: we brengen mensen bij elkaar en "
        "helpen je verder met vragen over meedoen, zorg en ontmoeting.",
        "paragraphs": [
            "{initiative} ondersteunt inwoners van {town} die er even niet alleen uit "
            "komen. Dat doen we met beroepskrachten en ruim honderd vrijwilligers.",
            "Je kunt bij ons terecht voor een maatje, een beweeggroep, hulp bij "
            "formulieren of een activiteit bij jou in de buurt.",
            "We werken vanuit jouw vraag: wat wil je zelf, wat lukt al en waar kan "
            "iemand bij helpen? Een gesprek is gratis.",
        ],
        "themes": ["eenzaamheid", "ouderen", "gezondheid-en-bewegen"],
        "targets": ["ouderen", "iedereen", "mensen-met-een-beperking"],
        "places": ["ontmoetingscentrum", "huiskamer"],
        "activities": [
            "wandelgroep",
            "bewegen-55",
            "stoelyoga",
            "koffieochtend",
            "spreekuur-geldzaken",
            "ouderenmiddag",
            "valpreventie",
            "muziekmiddag",
            "digi-spreekuur",
        ],
        "vacancies": [
            "maatje",
            "wandelbegeleider",
            "chauffeur",
            "sportbegeleider",
            "boodschappenhulp",
            "belvrijwilliger",
            "thuisadministratie",
        ],
    },
    "vrijwilligerscentrum": {
        "intro": "Zoek je vrijwilligerswerk in {town}? Wij helpen je een plek te vinden "
        "die bij je past, en helpen organisaties aan vrijwilligers.",
        "paragraphs": [
            "Bij {initiative} vind je honderden vacatures voor vrijwilligerswerk: een "
            "uurtje per maand of een vaste dag per week, buiten of achter de computer.",
            "Twijfel je wat je wilt? Maak een afspraak voor een gesprek. We kijken "
            "samen naar wat je leuk vindt, wat je kunt en hoeveel tijd je hebt.",
            "Organisaties helpen we met het werven en begeleiden van vrijwilligers, "
            "met trainingen en met informatie over de VOG en verzekeringen.",
        ],
        "themes": ["werk-en-participatie"],
        "targets": ["iedereen", "werkzoekenden"],
        "places": ["inloop"],
        "activities": [
            "spreekuur-vrijwilligerswerk",
            "werkcafe",
            "training-vrijwilligers",
            "koffieochtend",
        ],
        "vacancies": [
            "communicatie",
            "coordinator",
            "gastvrouw",
            "chauffeur",
            "maatje",
            "bestuurslid",
            "klussenhulp",
        ],
    },
    # Issue 20: a welcome for newcomers, with activities run in other
    # languages (the "languages" of a kind are those spoken there; see
    # docs/languages.md). The first two activities are always chosen, so
    # every such initiative has Arabic and English, and one more.
    "nieuwkomers": {
        "intro": "Nieuw in {town}? Hier ontmoet je andere mensen, ook in je eigen taal.",
        "paragraphs": [
            "{initiative} helpt nieuwe inwoners van {town} op weg. Je vindt hier "
            "mensen die je taal spreken en die de weg in de stad kennen.",
            "Onze activiteiten zijn in het Nederlands en vaak ook in een andere "
            "taal. Zo kun je meedoen, ook als je nog weinig Nederlands spreekt.",
            "Heb je een vraag over school, werk of je brieven? Kom langs op het "
            "spreekuur. Wij zoeken samen met je uit wie je kan helpen.",
        ],
        "themes": ["eenzaamheid", "werk-en-participatie", "taal-en-digitale-vaardigheden"],
        "targets": ["nieuwkomers", "gezinnen"],
        "languages": ["nl", "ar", "en", "uk", "tr", "pl"],
        "places": [],
        "activities": [
            "vrouwengroep-arabisch",
            "ouderkoffie-engels",
            "taalcafe-oekraiens",
            "theetafel-turks",
            "inloop-pools",
        ],
        "vacancies": ["welkomstmaatje", "taalcoach"],
    },
    "taalhuis": {
        "intro": "Beter Nederlands leren, lezen, schrijven of omgaan met de computer? "
        "Bij het Taalhuis in {town} kun je gratis terecht.",
        "paragraphs": [
            "{initiative} is er voor iedereen die beter wil worden in taal, rekenen of "
            "digitale vaardigheden. Je hoeft niet in te schrijven voor een inloopuur.",
            "Samen met je kijken we wat je wilt leren. Dat kan in een groepje, met een "
            "taalmaatje of op de computer, in je eigen tempo.",
            "Het Taalhuis is een samenwerking van de bibliotheek, welzijnswerk en "
            "vrijwilligers. Wil je zelf helpen? Word taalmaatje!",
        ],
        "themes": ["taal-en-digitale-vaardigheden", "werk-en-participatie"],
        "targets": ["nieuwkomers", "iedereen"],
        "places": ["bibliotheek"],
        "activities": [
            "taalcafe",
            "digi-spreekuur",
            "voorleesochtend",
            "spreekuur-geldzaken",
            "werkcafe",
        ],
        "vacancies": ["taalcoach", "digimaatje", "voorlezer", "gastvrouw"],
    },
    "mantelzorg": {
        "intro": "Zorg je voor iemand in je omgeving? Het steunpunt helpt mantelzorgers "
        "in {town} met informatie, een luisterend oor en even vrij.",
        "paragraphs": [
            "Mantelzorgers zorgen onbetaald voor een ziek familielid, een partner met "
            "dementie of een kind met een beperking. {initiative} staat naast je.",
            "We denken mee over respijtzorg en logeeropvang, helpen bij het aanvragen "
            "van ondersteuning en organiseren bijeenkomsten met andere mantelzorgers.",
            "Ook jonge mantelzorgers en werkende mantelzorgers zijn van harte welkom. "
            "Een gesprek met een consulent is gratis.",
        ],
        "themes": ["mantelzorg", "gezondheid-en-bewegen"],
        "targets": ["mantelzorgers", "mensen-met-dementie"],
        # Its respijtvrijwilligers sit with the one cared for.
        "respite": ["at_home"],
        "places": ["mantelzorg"],
        "activities": [
            "mantelzorgcafe",
            "lotgenotengroep",
            "respijt-info",
            "cursus-dementie",
            "wandelgroep",
            "feest",
        ],
        "vacancies": ["respijtvrijwilliger", "maatje", "gastvrouw", "belvrijwilliger"],
    },
    "repaircafe": {
        "intro": "Kapot? Niet weggooien! Bij het Repair Café in {town} repareren "
        "vrijwilligers samen met jou je spullen.",
        "paragraphs": [
            "Neem je kapotte broodrooster, fiets, kleding of lamp mee naar {initiative}. "
            "Handige vrijwilligers kijken samen met jou wat eraan te doen is.",
            "Terwijl je wacht staat er koffie klaar. Repareren is gratis; een "
            "vrijwillige bijdrage voor onderdelen en koffie wordt gewaardeerd.",
            "Zo besparen we geld en grondstoffen, en leer je er nog iets van ook.",
        ],
        "themes": ["duurzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen"],
        "places": ["werkplaats"],
        "activities": ["repair-cafe", "energiecafe", "fietsreparatie"],
        "vacancies": ["reparateur", "gastvrouw", "communicatie", "bestuurslid"],
    },
    "jongeren": {
        "intro": "Voor jongeren van 10 tot 23 jaar in {town}: chillen, huiswerk maken, "
        "koken, sporten en meedenken.",
        "paragraphs": [
            "{initiative} is een plek waar jongeren zichzelf kunnen zijn. Jongerenwerkers "
            "zijn er om mee te praten en te helpen als het even niet lekker loopt.",
            "Je kunt hier terecht voor huiswerkbegeleiding, een kookavond, sport of "
            "gewoon om vrienden te zien. Heb je een idee? Dan organiseren we het samen.",
        ],
        "themes": ["jeugd", "werk-en-participatie"],
        "targets": ["jongeren", "kinderen", "gezinnen"],
        "places": ["jongeren"],
        "activities": [
            "huiswerkbegeleiding",
            "kinderclub",
            "kookclub-jongeren",
            "werkcafe",
            "voorleesochtend",
        ],
        "vacancies": [
            "huiswerkbegeleider",
            "activiteitenbegeleider",
            "kookvrijwilliger",
            "sportbegeleider",
        ],
    },
    "tuin": {
        "intro": "Samen tuinieren in {wijk}: groente, kruiden en bloemen kweken en "
        "elkaar leren kennen. Geen ervaring nodig.",
        "paragraphs": [
            "{initiative} is een gemeenschappelijke tuin van en voor de buurt. Iedereen "
            "kan meehelpen, ook als je maar een uurtje hebt of niet goed ter been bent.",
            "Wat we oogsten delen we met de tuiniers en met de buurt. In de zomer koken "
            "we er soms samen mee.",
        ],
        "themes": ["wonen-en-buurt", "duurzaamheid", "gezondheid-en-bewegen"],
        "targets": ["iedereen", "gezinnen"],
        "places": ["tuin"],
        "activities": ["moestuin", "samen-eten", "kinderclub", "feest"],
        "vacancies": ["tuinvrijwilliger", "activiteitenbegeleider", "klussenhulp"],
    },
    "kerk": {
        "intro": "Diaconaal centrum in {town}: open deur, koffie en aandacht, ongeacht "
        "je achtergrond of geloof.",
        "paragraphs": [
            "{initiative} wil een open huis zijn in de stad. Je bent welkom voor een "
            "kop koffie, een maaltijd of een gesprek.",
            "Onze vrijwilligers bieden een luisterend oor en helpen waar dat kan, "
            "bijvoorbeeld met boodschappen of vervoer naar het ziekenhuis.",
        ],
        "themes": ["eenzaamheid", "armoede-en-schulden"],
        "targets": ["iedereen", "alleenstaanden"],
        "places": ["open-kerk"],
        "activities": ["samen-eten", "koffieochtend", "muziekmiddag", "feest", "lotgenotengroep"],
        "vacancies": ["gastvrouw", "kookvrijwilliger", "maatje", "boodschappenhulp"],
    },
    "ouderen": {
        "intro": "Vereniging voor senioren in {town}: samen actief blijven, uitstapjes, "
        "informatie en gezelligheid.",
        "paragraphs": [
            "{initiative} organiseert het hele jaar activiteiten voor 55-plussers: van "
            "klaverjassen tot een dagtocht, van stoelgym tot een lezing.",
            "Leden krijgen het verenigingsblad en kunnen terecht bij onze "
            "ouderenadviseurs en belastinginvullers.",
        ],
        "themes": ["ouderen", "eenzaamheid", "cultuur"],
        "targets": ["ouderen"],
        "places": ["soos"],
        "activities": [
            "kaartmiddag",
            "bingo",
            "ouderenmiddag",
            "bewegen-55",
            "muziekmiddag",
            "jeu-de-boules",
            "stoelyoga",
        ],
        "vacancies": ["bestuurslid", "belastinginvuller", "chauffeur", "activiteitenbegeleider"],
    },
    "geldzaken": {
        "intro": "Moeite met rondkomen of met de post? Onze getrainde vrijwilligers "
        "helpen je gratis en in vertrouwen met je geldzaken.",
        "paragraphs": [
            "{initiative} helpt inwoners van {town} die hun administratie niet meer "
            "overzien of schulden hebben. Je krijgt een vaste maatje dat naast je staat.",
            "Samen maken we een overzicht, regelen we toeslagen en kijken we waar je "
            "recht op hebt. We oordelen niet: geldzorgen kunnen iedereen overkomen.",
            "We werken samen met de schuldhulpverlening van de gemeente en de voedselbank.",
        ],
        "themes": ["armoede-en-schulden"],
        "targets": ["iedereen", "gezinnen"],
        "places": [],
        "activities": ["spreekuur-geldzaken", "energiecafe", "cursus-geld"],
        "vacancies": ["thuisadministratie", "belastinginvuller", "coordinator"],
    },
    "klussen": {
        "intro": "Kleine klussen in en om het huis voor inwoners die het zelf niet "
        "kunnen en geen netwerk hebben om te helpen.",
        "paragraphs": [
            "Een lamp ophangen, een kastje monteren of de tuin winterklaar maken: "
            "{initiative} koppelt handige vrijwilligers aan buurtbewoners.",
            "Je betaalt alleen de materialen. Voor grotere klussen verwijzen we je door.",
        ],
        "themes": ["wonen-en-buurt", "ouderen"],
        "targets": ["ouderen", "mensen-met-een-beperking"],
        "places": ["werkplaats"],
        "activities": ["klusochtend", "koffieochtend", "fietsreparatie"],
        "vacancies": ["klussenhulp", "tuinvrijwilliger", "coordinator", "chauffeur"],
    },
    "vervoer": {
        "intro": "Vrijwillige chauffeurs rijden inwoners van {town} die minder mobiel "
        "zijn naar de huisarts, het ziekenhuis, de kapper of familie.",
        "paragraphs": [
            "Bel ons minstens twee dagen van tevoren. Een vrijwilliger haalt je thuis op "
            "en brengt je weer terug. Je betaalt een kleine vergoeding per kilometer.",
            "{initiative} is er voor iedereen die niet zelf kan rijden, geen openbaar "
            "vervoer kan gebruiken en niemand in de buurt heeft die kan helpen.",
        ],
        "themes": ["vervoer", "ouderen"],
        "targets": ["ouderen", "mensen-met-een-beperking"],
        "places": [],
        "activities": ["koffieochtend", "informatiemiddag-vervoer"],
        "vacancies": ["chauffeur", "planner", "boodschappenhulp"],
    },
}

# -- activities -----------------------------------------------------------------------
# schedule: (weekdays, [(start, end)], recurrences); costs: (is_free, cost, note) options.
ACTIVITIES = {
    "koffieochtend": {
        "titles": [
            "Koffieochtend",
            "Inloopochtend met koffie",
            "Buurtkoffie",
            "Koffie-uurtje",
            "Koffie en een praatje",
        ],
        "intros": [
            "Iedereen is welkom voor een kop koffie en een praatje. Aanmelden is niet nodig.",
            "Even de deur uit en buren ontmoeten? Schuif aan bij de koffietafel.",
        ],
        "paragraphs": [
            "Elke {day}ochtend staat de koffie klaar in {place}. Gastvrouwen en "
            "gastheren zorgen dat je je welkom voelt, ook als je voor het eerst komt.",
            "Er is tijd voor een gesprek, een spelletje of de krant. Heb je een vraag "
            "over de buurt, dan denken we mee.",
            "Slecht ter been? Vraag naar de mogelijkheden om opgehaald te worden.",
        ],
        "themes": ["eenzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen", "ouderen"],
        "weekdays": [0, 1, 2, 3, 4],
        "times": [("10:00", "12:00"), ("09:30", "11:30")],
        "recurrence": ["weekly", "weekly", "weekly"],
        "costs": [
            (True, None, ""),
            (False, "0.50", "voor de koffie"),
            (True, None, "een vrijwillige bijdrage is welkom"),
        ],
        "indoor": True,
    },
    "wandelgroep": {
        "titles": [
            "Wandelgroep",
            "Samen wandelen",
            "Ommetje door de wijk",
            "Wandelclub",
            "Beweegwandeling",
        ],
        "intros": [
            "Een uur wandelen in een rustig tempo, met koffie na afloop.",
            "Samen buiten bewegen en onderweg een praatje maken. Elk tempo is goed.",
        ],
        "paragraphs": [
            "We vertrekken om {time} bij {place} en lopen een route van drie tot vijf "
            "kilometer. Een vrijwilliger loopt voorop en een achteraan.",
            "Wandelen is goed voor je conditie en je humeur. Na afloop drinken we samen "
            "koffie. Bij slecht weer gaat de wandeling in overleg niet door.",
            "Met een rollator meelopen kan ook: dan kiezen we een kortere route.",
        ],
        "themes": ["gezondheid-en-bewegen", "eenzaamheid"],
        "targets": ["iedereen", "ouderen"],
        "weekdays": [0, 1, 3, 4, 5],
        "times": [("09:30", "11:00"), ("10:00", "11:30")],
        "recurrence": ["weekly", "weekly", "biweekly"],
        "costs": [(True, None, "")],
        "indoor": False,
    },
    "vrouwengroep-arabisch": {
        "titles": ["Vrouwengroep Al-Amal", "Vrouwenochtend Samen Sterk", "Koffie voor vrouwen"],
        "intros": [
            "Een ochtend voor vrouwen, in het Arabisch en het Nederlands. "
            "Kinderen onder de vier mogen mee.",
        ],
        "paragraphs": [
            "Elke week komen vrouwen uit {wijk} samen in {place}. We drinken thee, "
            "praten over wat ons bezighoudt en leren van elkaar.",
            "De begeleiders spreken Arabisch en Nederlands. Je hoeft dus nog geen "
            "Nederlands te spreken om mee te doen.",
            "Soms komt er iemand vertellen over gezondheid, school of werk. Je "
            "hoeft je niet aan te melden.",
        ],
        "themes": ["eenzaamheid", "gezondheid-en-bewegen"],
        "targets": ["nieuwkomers"],
        "languages": ["nl", "ar"],
        "weekdays": [1, 3],
        "times": [("09:30", "11:30")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "ouderkoffie-engels": {
        "titles": ["Parents' Coffee", "Koffie voor ouders (in het Engels)", "Expat ouderkoffie"],
        "intros": [
            "Ouders met jonge kinderen ontmoeten elkaar. Deze ochtend is in het Engels.",
        ],
        "paragraphs": [
            "Ben je net verhuisd naar {town} en heb je jonge kinderen? Kom koffie "
            "drinken met andere ouders in {place}.",
            "We spreken Engels met elkaar. Er is speelgoed en een hoek voor baby's.",
            "Je krijgt tips over de crèche, het consultatiebureau en de basisschool in de buurt.",
        ],
        "themes": ["jeugd", "eenzaamheid"],
        "targets": ["gezinnen", "nieuwkomers"],
        "languages": ["en"],
        "weekdays": [2, 4],
        "times": [("10:00", "11:30")],
        "recurrence": ["weekly", "biweekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "taalcafe-oekraiens": {
        "titles": ["Taalcafé voor Oekraïners", "Oekraïens-Nederlands taalcafé"],
        "intros": [
            "Nederlands oefenen met vrijwilligers die ook Oekraïens of Russisch spreken.",
        ],
        "paragraphs": [
            "Kom je uit Oekraïne en wil je Nederlands leren spreken? In {place} "
            "oefen je in kleine groepjes.",
            "De vrijwilligers leggen uit in het Oekraïens of Russisch als het "
            "nodig is. Zo begrijp je alles.",
            "Je hoeft je niet aan te melden en het kost niets.",
        ],
        "themes": ["taal-en-digitale-vaardigheden"],
        "targets": ["nieuwkomers"],
        "languages": ["nl", "uk", "ru"],
        "weekdays": [0, 2],
        "times": [("19:00", "20:30")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "theetafel-turks": {
        "titles": ["Theetafel voor ouderen", "Turkse theemiddag", "Çay middag"],
        "intros": [
            "Thee, praten en een spelletje voor oudere buurtgenoten. In het Turks "
            "en het Nederlands.",
        ],
        "paragraphs": [
            "Op de theetafel in {place} ontmoeten oudere buurtgenoten elkaar. We "
            "spreken Turks en Nederlands door elkaar.",
            "Er is thee en iets lekkers. Soms komt de ouderenadviseur langs voor vragen.",
        ],
        "themes": ["ouderen", "eenzaamheid"],
        "targets": ["ouderen"],
        "languages": ["nl", "tr"],
        "weekdays": [3, 4],
        "times": [("14:00", "16:00")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "inloop-pools": {
        "titles": ["Inloop voor Poolse werknemers", "Spreekuur in het Pools"],
        "intros": [
            "Vragen over je werk, je huis of je post? Een vrijwilliger helpt je in het Pools.",
        ],
        "paragraphs": [
            "Werk je in de buurt en spreek je Pools? Kom met je vraag naar {place}.",
            "Een vrijwilliger die Pools en Nederlands spreekt, kijkt met je mee. We "
            "helpen met brieven, een huurcontract of je loonstrook.",
        ],
        "themes": ["werk-en-participatie", "armoede-en-schulden"],
        "targets": ["werkzoekenden", "nieuwkomers"],
        "languages": ["nl", "pl"],
        "weekdays": [1],
        "times": [("18:30", "20:00")],
        "recurrence": ["biweekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "taalcafe": {
        "titles": ["Taalcafé", "Praatcafé Nederlands", "Taaltafel", "Taalcafé Samen Praten"],
        "intros": [
            "Oefen Nederlands in een ontspannen sfeer, met vrijwilligers en andere deelnemers.",
            "Nederlands spreken oefenen bij een kop thee. Alle niveaus zijn welkom.",
        ],
        "paragraphs": [
            "In het taalcafé praten we in kleine groepjes over alledaagse onderwerpen: "
            "boodschappen doen, de dokter, je buurt, het nieuws.",
            "Je hoeft je niet aan te melden en het kost niets. Kom gewoon langs in {place}.",
            "Vrijwillige taalcoaches helpen je op weg. Ze letten niet op fouten maar "
            "op plezier in praten.",
        ],
        "themes": ["taal-en-digitale-vaardigheden"],
        "targets": ["nieuwkomers"],
        "weekdays": [0, 1, 2, 3],
        "times": [("19:00", "20:30"), ("14:00", "15:30")],
        "recurrence": ["weekly", "weekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "samen-eten": {
        "titles": ["Samen eten", "Buurteettafel", "Eettafel", "Kookcafé", "Buurtmaaltijd"],
        "intros": [
            "Een warme maaltijd met buurtgenoten: voorgerecht, hoofdgerecht en toetje.",
            "Aanschuiven aan een gezellige tafel. Vrijwilligers koken vers.",
        ],
        "paragraphs": [
            "Niet graag alleen aan tafel? Bij {place} koken vrijwilligers een "
            "driegangenmaaltijd en eten we samen aan lange tafels.",
            "Geef het door als je een dieet hebt of geen vlees eet; daar houden we rekening mee.",
            "Met een minimapas of stadspas betaal je minder. Vraag ernaar bij de aanmelding.",
        ],
        "themes": ["eenzaamheid", "gezondheid-en-bewegen"],
        "targets": ["alleenstaanden", "ouderen"],
        "weekdays": [1, 2, 3, 4],
        "times": [("17:30", "19:30"), ("12:30", "14:00")],
        "recurrence": ["weekly", "biweekly", "monthly"],
        "costs": [
            (False, "5.00", "inclusief toetje en koffie"),
            (False, "7.50", "korting met de stadspas"),
            (False, "4.00", "voor drie gangen"),
        ],
        "registration": "Aanmelden tot de dag ervoor, telefonisch of bij de bar.",
        "capacity": [20, 24, 30],
        "indoor": True,
    },
    "mantelzorgcafe": {
        "titles": ["Mantelzorgcafé", "Ontmoeting voor mantelzorgers", "Mantelzorgsalon"],
        "intros": [
            "Ervaringen delen met andere mantelzorgers, met elke keer een thema.",
            "Even tijd voor jezelf en praten met mensen die begrijpen hoe het is.",
        ],
        "paragraphs": [
            "In het mantelzorgcafé ontmoet je andere mensen die voor een naaste zorgen. "
            "Een mantelzorgconsulent is aanwezig voor vragen.",
            "Elke bijeenkomst heeft een thema, bijvoorbeeld respijtzorg, "
            "mantelzorg en werk, of omgaan met verdriet.",
            "Kun je niet weg omdat je naaste niet alleen kan zijn? Bel ons: een "
            "vrijwilliger kan die avond bij je naaste blijven.",
        ],
        "themes": ["mantelzorg"],
        "targets": ["mantelzorgers"],
        "weekdays": [0, 1, 2, 3],
        "times": [("19:30", "21:30"), ("10:00", "12:00")],
        "recurrence": ["monthly"],
        "costs": [(True, None, "")],
        "respite": ["time_off"],
        "indoor": True,
    },
    "digi-spreekuur": {
        "titles": [
            "Digi-spreekuur",
            "Hulp bij je telefoon en tablet",
            "Klik & Tik inloop",
            "Spreekuur DigiD en digitale overheid",
        ],
        "intros": [
            "Vragen over je smartphone, tablet, DigiD of mail? Vrijwilligers helpen je.",
            "Stap voor stap leren omgaan met je telefoon of laptop. Neem je eigen apparaat mee.",
        ],
        "paragraphs": [
            "Wil je leren videobellen met je kleinkinderen, een afspraak maken bij de "
            "huisarts via de app of inloggen met DigiD? Kom langs bij {place}.",
            "Neem je eigen telefoon, tablet of laptop mee, en je wachtwoorden als je "
            "die hebt. Je kunt ook oefenen op een computer van ons.",
        ],
        "themes": ["taal-en-digitale-vaardigheden", "ouderen"],
        "targets": ["ouderen"],
        "weekdays": [0, 1, 2, 3, 4],
        "times": [("13:30", "15:30"), ("10:00", "12:00")],
        "recurrence": ["weekly", "biweekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "breicafe": {
        "titles": ["Breicafé", "Brei- en haakclub", "Handwerkmiddag"],
        "intros": [
            "Breien, haken of borduren met elkaar. Beginners leren het van de anderen.",
        ],
        "paragraphs": [
            "Neem je eigen werkje mee of begin aan iets nieuws: wol en naalden zijn er. "
            "We maken ook mutsen en dekens voor de voedselbank en het ziekenhuis.",
            "Het is vooral gezellig. Er is koffie, thee en iets lekkers.",
        ],
        "themes": ["eenzaamheid", "cultuur"],
        "targets": ["iedereen", "ouderen"],
        "weekdays": [0, 2, 3],
        "times": [("13:30", "16:00")],
        "recurrence": ["weekly", "biweekly"],
        "costs": [(False, "1.00", "voor koffie en thee"), (True, None, "")],
        "indoor": True,
    },
    "stoelyoga": {
        "titles": ["Stoelyoga", "Yoga op de stoel", "Zachte yoga voor senioren"],
        "intros": [
            "Rustige yoga-oefeningen zittend op een stoel. Goed voor balans en ademhaling.",
        ],
        "paragraphs": [
            "Stoelyoga is geschikt voor iedereen, ook als je niet meer makkelijk op de "
            "grond kunt zitten. Een ervaren docent past de oefeningen aan.",
            "Draag makkelijk zittende kleding. Stoelen zijn aanwezig.",
        ],
        "themes": ["gezondheid-en-bewegen", "ouderen"],
        "targets": ["ouderen", "mensen-met-een-beperking"],
        "weekdays": [0, 1, 3, 4],
        "times": [("10:30", "11:30"), ("14:00", "15:00")],
        "recurrence": ["weekly"],
        "costs": [(False, "3.00", "per les"), (False, "25.00", "strippenkaart voor 10 lessen")],
        "registration": "Graag vooraf aanmelden; er is plek voor 14 deelnemers.",
        "capacity": [14],
        "indoor": True,
    },
    "repair-cafe": {
        "titles": ["Repair Café", "Repair Café: samen repareren"],
        "intros": [
            "Neem je kapotte spullen mee: vrijwilligers helpen je ze te repareren.",
        ],
        "paragraphs": [
            "Elektrische apparaten, kleding, fietsen, speelgoed en meubels: onze "
            "reparateurs kijken er samen met jou naar.",
            "Kom op tijd, want de laatste reparatie nemen we een uur voor sluiting aan.",
            "Repareren is gratis; een vrijwillige bijdrage voor onderdelen is welkom.",
        ],
        "themes": ["duurzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen"],
        "weekdays": [5, 2, 5],
        "times": [("10:00", "13:00"), ("13:00", "16:00")],
        "recurrence": ["monthly"],
        "costs": [(True, None, "vrijwillige bijdrage voor onderdelen")],
        "indoor": True,
    },
    "fietsreparatie": {
        "titles": ["Fietsenwerkplaats", "Fietsspreekuur", "Samen je fiets maken"],
        "intros": ["Lekke band of losse ketting? Leer het zelf te maken, met hulp."],
        "paragraphs": [
            "In de fietsenwerkplaats helpen vrijwilligers je je fiets te repareren. "
            "Gereedschap is er; onderdelen tegen kostprijs.",
            "Kinderen zijn welkom samen met een ouder.",
        ],
        "themes": ["duurzaamheid", "vervoer"],
        "targets": ["iedereen", "nieuwkomers"],
        "weekdays": [2, 5],
        "times": [("14:00", "16:00")],
        "recurrence": ["weekly", "biweekly"],
        "costs": [(True, None, "onderdelen tegen kostprijs")],
        "indoor": True,
    },
    "huiswerkbegeleiding": {
        "titles": ["Huiswerkbegeleiding", "Huiswerkklas", "Huiswerkhulp"],
        "intros": [
            "Hulp bij huiswerk, plannen en leren voor toetsen, voor groep 7 tot en met "
            "de derde klas.",
        ],
        "paragraphs": [
            "Vrijwilligers helpen je met je huiswerk en leren je plannen. Je werkt in "
            "een rustige ruimte en kunt altijd een vraag stellen.",
            "Ouders zijn welkom voor een kennismaking. Aanmelden kan via de school of "
            "rechtstreeks bij ons.",
        ],
        "themes": ["jeugd"],
        "targets": ["jongeren", "kinderen"],
        "weekdays": [0, 1, 3],
        "times": [("15:30", "17:30")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "registration": "Aanmelden via de mentor of bij de jongerenwerker.",
        "capacity": [12, 16],
        "indoor": True,
    },
    "spreekuur-geldzaken": {
        "titles": [
            "Spreekuur geldzaken",
            "Formulierenspreekuur",
            "Inloop geldzaken en post",
            "Hulp bij post en formulieren",
        ],
        "intros": [
            "Hulp bij brieven, formulieren, toeslagen en je geldzaken. Gratis en zonder afspraak.",
        ],
        "paragraphs": [
            "Snap je een brief niet of moet je een formulier invullen? Neem de papieren "
            "mee naar {place}. Een vrijwilliger kijkt met je mee.",
            "We helpen ook met het aanvragen van toeslagen, kwijtschelding van "
            "gemeentelijke belastingen en de energietoeslag.",
            "Alles wat je vertelt blijft tussen ons.",
        ],
        "themes": ["armoede-en-schulden"],
        "targets": ["iedereen"],
        "weekdays": [0, 1, 2, 3, 4],
        "times": [("10:00", "12:00"), ("13:30", "15:30")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "bingo": {
        "titles": ["Bingo", "Buurtbingo", "Bingomiddag", "Bingoavond"],
        "intros": ["Gezellige bingo met leuke prijzen. Koffie en thee inbegrepen."],
        "paragraphs": [
            "Iedere maand is het weer bingo in {place}. Er zijn mooie prijzen, van een "
            "boodschappenpakket tot een bos bloemen.",
            "De zaal is open een half uur voor aanvang.",
        ],
        "themes": ["eenzaamheid", "ouderen"],
        "targets": ["ouderen", "iedereen"],
        "weekdays": [1, 3, 4],
        "times": [("14:00", "16:00"), ("19:30", "21:30")],
        "recurrence": ["monthly"],
        "costs": [(False, "2.50", "per kaart, koffie inbegrepen"), (False, "3.00", "per kaart")],
        "indoor": True,
    },
    "bewegen-55": {
        "titles": [
            "Bewegen voor 55+",
            "Meer Bewegen voor Ouderen",
            "Gym voor senioren",
            "Stoelgym",
        ],
        "intros": [
            "Een uur bewegen op muziek, op je eigen niveau, onder leiding van een vakdocent."
        ],
        "paragraphs": [
            "Met oefeningen voor kracht, balans en lenigheid blijf je fit en voorkom je "
            "vallen. Je doet mee op je eigen tempo.",
            "De eerste keer is een gratis proefles.",
        ],
        "themes": ["gezondheid-en-bewegen", "ouderen"],
        "targets": ["ouderen"],
        "weekdays": [0, 1, 2, 3, 4],
        "times": [("09:30", "10:30"), ("10:45", "11:45")],
        "recurrence": ["weekly"],
        "costs": [(False, "2.50", "per keer"), (False, "18.00", "per kwartaal")],
        "indoor": True,
    },
    "jeu-de-boules": {
        "titles": ["Jeu de boules", "Boules op het plein", "Jeu de boules voor iedereen"],
        "intros": ["Een balletje gooien in de buitenlucht. Boules zijn te leen."],
        "paragraphs": [
            "Op de baan bij {place} spelen we jeu de boules. Ervaring is niet nodig; "
            "de vaste spelers leggen het graag uit.",
            "Na afloop drinken we nog wat samen.",
        ],
        "themes": ["gezondheid-en-bewegen", "eenzaamheid"],
        "targets": ["ouderen", "iedereen"],
        "weekdays": [1, 3, 5],
        "times": [("14:00", "16:00"), ("19:00", "21:00")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "indoor": False,
    },
    "creatieve-middag": {
        "titles": [
            "Creatieve middag",
            "Schildermiddag",
            "Creatief atelier",
            "Knutselmiddag voor volwassenen",
        ],
        "intros": ["Schilderen, tekenen, kaarten maken: samen creatief bezig zijn."],
        "paragraphs": [
            "Elke keer is er een ander onderwerp, maar je mag ook je eigen ding doen. "
            "Materialen zijn aanwezig.",
            "Je hoeft niet goed te kunnen tekenen. Het gaat om plezier en gezelligheid.",
        ],
        "themes": ["cultuur", "eenzaamheid"],
        "targets": ["iedereen"],
        "weekdays": [0, 2, 4],
        "times": [("13:30", "15:30")],
        "recurrence": ["biweekly", "weekly"],
        "costs": [(False, "2.00", "voor materiaal en koffie")],
        "indoor": True,
    },
    "voorleesochtend": {
        "titles": ["Voorleesochtend", "Voorlezen voor peuters", "Verhalenuurtje"],
        "intros": ["Voorlezen en zingen voor kinderen van 2 tot 6 jaar, samen met (groot)ouders."],
        "paragraphs": [
            "Een vrijwilliger leest een prentenboek voor en daarna knutselen of zingen "
            "we iets dat bij het verhaal past.",
            "Ouders die zelf Nederlands leren zijn extra welkom: zo leer je samen.",
        ],
        "themes": ["jeugd", "taal-en-digitale-vaardigheden"],
        "targets": ["kinderen", "gezinnen"],
        "weekdays": [2, 5],
        "times": [("10:00", "10:45")],
        "recurrence": ["weekly", "biweekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "moestuin": {
        "titles": ["Samen tuinieren", "Moestuinochtend", "Tuindag in de buurtmoestuin"],
        "intros": [
            "Zaaien, wieden en oogsten in de buurtmoestuin. Handschoenen en gereedschap zijn er."
        ],
        "paragraphs": [
            "Iedereen kan meehelpen in de tuin, ook zonder groene vingers. Er is altijd "
            "iets te doen dat bij je past.",
            "Wat we oogsten verdelen we onder de tuiniers. In de pauze is er koffie.",
        ],
        "themes": ["wonen-en-buurt", "duurzaamheid", "gezondheid-en-bewegen"],
        "targets": ["iedereen", "gezinnen"],
        "weekdays": [2, 5],
        "times": [("10:00", "12:00")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "indoor": False,
    },
    "respijt-info": {
        "titles": [
            "Informatiebijeenkomst respijtzorg",
            "Even op adem komen: info over logeeropvang",
            "Infoavond respijt en logeeropvang",
        ],
        "intros": [
            "Wat kun je regelen als je als mantelzorger even vrij wilt? Uitleg "
            "over respijtzorg, logeeropvang en dagbesteding."
        ],
        "paragraphs": [
            "Mantelzorgers gaan vaak lang door, soms te lang. Tijdens deze bijeenkomst "
            "vertellen we welke mogelijkheden er in {town} zijn om zorg even over te "
            "dragen.",
            "Een mantelzorger vertelt over haar eigen ervaring met logeeropvang. Daarna "
            "is er ruimte voor vragen.",
        ],
        "themes": ["mantelzorg"],
        "targets": ["mantelzorgers"],
        "weekdays": [1, 2, 3],
        "times": [("19:30", "21:00"), ("14:00", "15:30")],
        "recurrence": ["once"],
        "costs": [(True, None, "")],
        "registration": "Aanmelden via het steunpunt, telefonisch of per mail.",
        "capacity": [30, 40],
        "indoor": True,
    },
    "lotgenotengroep": {
        "titles": [
            "Lotgenotengroep",
            "Gespreksgroep rouw en verlies",
            "Alzheimer Café",
            "Lotgenotengroep mantelzorgers dementie",
        ],
        "intros": [
            "Praten met mensen die hetzelfde meemaken, onder begeleiding van een "
            "ervaren gespreksleider."
        ],
        "paragraphs": [
            "In een kleine groep deel je ervaringen en tips. Je hoeft niets te vertellen "
            "als je dat niet wilt; luisteren mag ook.",
            "Een ervaringsdeskundige en een professional begeleiden de avond.",
        ],
        "themes": ["mantelzorg", "eenzaamheid"],
        "targets": ["mantelzorgers", "iedereen"],
        "weekdays": [0, 1, 3],
        "times": [("19:30", "21:30")],
        "recurrence": ["monthly"],
        "costs": [(True, None, "")],
        "registration": "Bel vooraf even voor een kennismakingsgesprek.",
        "indoor": True,
    },
    "kaartmiddag": {
        "titles": ["Klaverjassen", "Kaartmiddag", "Rummikub en kaartspelen", "Spelletjesmiddag"],
        "intros": ["Klaverjassen, rummikub of sjoelen met buurtgenoten."],
        "paragraphs": [
            "Wekelijks komen we samen om een kaartje te leggen. Nieuwe spelers zijn "
            "welkom; wie het spel niet kent leert het snel.",
            "Rond half vier is er een drankje en een hapje.",
        ],
        "themes": ["eenzaamheid", "ouderen"],
        "targets": ["ouderen"],
        "weekdays": [0, 1, 3, 4],
        "times": [("13:30", "16:30"), ("19:30", "22:30")],
        "recurrence": ["weekly"],
        "costs": [(False, "1.50", "inclusief koffie"), (True, None, "")],
        "indoor": True,
    },
    "ouderenmiddag": {
        "titles": ["Soos voor ouderen", "Ontmoetingsmiddag 65+", "Seniorenmiddag"],
        "intros": ["Een gezellige middag met een spelletje, een praatje of een lezing."],
        "paragraphs": [
            "Iedere week is er iets anders te doen: een quiz, een lezing van de "
            "wijkagent, een optreden of een modeshow.",
            "Vervoer nodig? Onze chauffeurs kunnen je ophalen.",
        ],
        "themes": ["ouderen", "eenzaamheid"],
        "targets": ["ouderen"],
        "weekdays": [1, 2, 3],
        "times": [("14:00", "16:30")],
        "recurrence": ["weekly", "biweekly"],
        "costs": [(False, "2.00", "inclusief koffie en thee")],
        # The carer of someone who comes has an afternoon off.
        "respite": ["daycare"],
        "indoor": True,
    },
    "energiecafe": {
        "titles": [
            "Energiecafé: besparen op je energierekening",
            "Workshop energie besparen",
            "Energiespreekuur",
        ],
        "intros": [
            "Tips om je energierekening omlaag te krijgen, en gratis bespaarspullen mee naar huis."
        ],
        "paragraphs": [
            "Een energiecoach legt uit hoe je je energierekening leest en waar je "
            "zonder kosten op kunt besparen.",
            "Je krijgt een tas met radiatorfolie, tochtstrips en ledlampen mee.",
        ],
        "themes": ["armoede-en-schulden", "duurzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen", "gezinnen"],
        "weekdays": [1, 2, 3],
        "times": [("19:30", "21:00"), ("10:00", "11:30")],
        "recurrence": ["once"],
        "costs": [(True, None, "")],
        "registration": "Aanmelden is fijn maar niet verplicht.",
        "indoor": True,
    },
    "muziekmiddag": {
        "titles": ["Muziekmiddag", "Zingen met elkaar", "Filmmiddag", "Meezingmiddag"],
        "intros": ["Samen genieten van muziek, een film of een optreden."],
        "paragraphs": [
            "Eens per maand is er een middag met live muziek of een film uit de oude "
            "doos. Meezingen mag!",
            "De zaal is rolstoeltoegankelijk en er is een ringleiding.",
        ],
        "themes": ["cultuur", "eenzaamheid"],
        "targets": ["ouderen", "iedereen"],
        "weekdays": [2, 4, 6],
        "times": [("14:00", "16:00")],
        "recurrence": ["monthly"],
        "costs": [(False, "3.50", "inclusief koffie en thee"), (True, None, "")],
        "indoor": True,
    },
    "buurtontbijt": {
        "titles": ["Buurtontbijt", "Samen ontbijten", "Zaterdagontbijt"],
        "intros": ["Een uitgebreid ontbijt met buurtgenoten. Goed begin van het weekend."],
        "paragraphs": [
            "Brood, eitjes, vers fruit en koffie: vrijwilligers dekken de tafel, jij schuift aan.",
            "Een mooi moment om nieuwe buren te leren kennen.",
        ],
        "themes": ["eenzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen"],
        "weekdays": [5, 6],
        "times": [("09:30", "11:00")],
        "recurrence": ["monthly"],
        "costs": [(False, "2.50", "kinderen gratis")],
        "registration": "Aanmelden voor donderdag.",
        "capacity": [30],
        "indoor": True,
    },
    "feest": {
        "titles": [
            "Buurtbarbecue",
            "Zomerfeest in de wijk",
            "Kerstdiner voor alleenstaanden",
            "Nieuwjaarsborrel",
            "Burendag",
        ],
        "intros": ["Een gezellig samenzijn voor de hele buurt. Iedereen is welkom."],
        "paragraphs": [
            "Met muziek, lekker eten en activiteiten voor jong en oud. Vrijwilligers "
            "zorgen voor de organisatie.",
            "Wil je helpen met opbouwen of opruimen? Meld je bij {initiative}.",
        ],
        "themes": ["wonen-en-buurt", "eenzaamheid"],
        "targets": ["iedereen"],
        "weekdays": [4, 5],
        "times": [("16:00", "20:00"), ("17:00", "21:00")],
        "recurrence": ["once"],
        "costs": [(False, "5.00", "kinderen tot 12 jaar gratis"), (True, None, "")],
        "registration": "Opgeven bij de bar of per mail.",
        "indoor": True,
    },
    "valpreventie": {
        "titles": [
            "Cursus In Balans (valpreventie)",
            "Valpreventietraining",
            "Cursus Zeker bewegen",
        ],
        "intros": [
            "Een cursus van zes weken om sterker en stabieler te worden en vallen te voorkomen."
        ],
        "paragraphs": [
            "Een fysiotherapeut leert je oefeningen voor balans en kracht, en hoe je "
            "veilig opstaat als je toch valt.",
            "Sommige zorgverzekeraars vergoeden de cursus. Vraag het na.",
        ],
        "themes": ["gezondheid-en-bewegen", "ouderen"],
        "targets": ["ouderen"],
        "weekdays": [1, 3],
        "times": [("10:00", "11:30")],
        "recurrence": ["course"],
        "costs": [(False, "30.00", "voor zes lessen")],
        "registration": "Aanmelden verplicht; maximaal 12 deelnemers.",
        "capacity": [12],
        "indoor": True,
    },
    "cursus-dementie": {
        "titles": [
            "Cursus Omgaan met dementie",
            "Training Mantelzorg en werk",
            "Cursus Goed voor jezelf zorgen",
        ],
        "intros": ["Een korte cursus voor mantelzorgers: kennis, tips en steun van elkaar."],
        "paragraphs": [
            "In vier bijeenkomsten leer je meer over het ziektebeeld en over hoe je de "
            "zorg volhoudt. Er is veel ruimte voor je eigen vragen.",
            "De cursus is gratis voor mantelzorgers uit {town}.",
        ],
        "themes": ["mantelzorg"],
        "targets": ["mantelzorgers", "mensen-met-dementie"],
        "weekdays": [1, 2, 3],
        "times": [("19:30", "21:30"), ("13:30", "15:30")],
        "recurrence": ["course"],
        "costs": [(True, None, "")],
        "registration": "Aanmelden bij het steunpunt.",
        "capacity": [15],
        "indoor": True,
    },
    "cursus-geld": {
        "titles": ["Cursus Grip op je geld", "Workshop Rondkomen met een krap budget"],
        "intros": ["Leer je geldzaken op orde te brengen en te houden."],
        "paragraphs": [
            "In drie bijeenkomsten maak je een overzicht van inkomsten en uitgaven en "
            "leer je hoe je je post bijhoudt.",
            "Je krijgt een map mee om je papieren in te bewaren.",
        ],
        "themes": ["armoede-en-schulden"],
        "targets": ["iedereen", "gezinnen"],
        "weekdays": [1, 3],
        "times": [("19:00", "21:00")],
        "recurrence": ["course"],
        "costs": [(True, None, "")],
        "registration": "Aanmelden verplicht.",
        "capacity": [12],
        "indoor": True,
    },
    "spreekuur-vrijwilligerswerk": {
        "titles": ["Spreekuur vrijwilligerswerk", "Inloop: welk vrijwilligerswerk past bij mij?"],
        "intros": ["Kom langs en ontdek welk vrijwilligerswerk bij je past."],
        "paragraphs": [
            "Een consulent bekijkt samen met jou welke vacatures aansluiten bij je "
            "interesses en je beschikbare tijd.",
            "Je kunt ook terecht met vragen over een VOG, een vrijwilligersvergoeding "
            "of vrijwilligerswerk met een uitkering.",
        ],
        "themes": ["werk-en-participatie"],
        "targets": ["iedereen", "werkzoekenden"],
        "weekdays": [1, 3],
        "times": [("10:00", "12:00"), ("13:30", "15:30")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "werkcafe": {
        "titles": ["Werkcafé", "Sollicitatiehulp", "Cv-spreekuur"],
        "intros": ["Hulp bij je cv, een sollicitatiebrief of het zoeken naar werk."],
        "paragraphs": [
            "Vrijwilligers met ervaring in personeelszaken helpen je met je cv en "
            "oefenen een sollicitatiegesprek met je.",
            "Neem een laptop mee als je die hebt; anders kun je een computer lenen.",
        ],
        "themes": ["werk-en-participatie"],
        "targets": ["werkzoekenden", "nieuwkomers"],
        "weekdays": [0, 2],
        "times": [("13:30", "15:30")],
        "recurrence": ["biweekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "training-vrijwilligers": {
        "titles": [
            "Training Omgaan met lastig gedrag",
            "Workshop Signaleren voor vrijwilligers",
            "Training EHBO voor vrijwilligers",
        ],
        "intros": ["Een gratis training voor vrijwilligers in {town}."],
        "paragraphs": [
            "Vrijwilligers doen waardevol werk. Met deze training sta je sterker in je schoenen.",
            "De training wordt gegeven door een ervaren trainer en is gratis voor "
            "vrijwilligers van organisaties in {town}.",
        ],
        "themes": ["werk-en-participatie"],
        "targets": ["iedereen"],
        "weekdays": [1, 2, 3],
        "times": [("19:00", "21:30")],
        "recurrence": ["once"],
        "costs": [(True, None, "")],
        "registration": "Aanmelden via de website.",
        "capacity": [16, 20],
        "indoor": True,
    },
    "kinderclub": {
        "titles": ["Kinderclub", "Knutselclub voor kinderen", "Kookclub voor kinderen"],
        "intros": ["Op woensdagmiddag spelen, knutselen en koken met andere kinderen."],
        "paragraphs": [
            "Voor kinderen van 6 tot 12 jaar. Elke week is er iets anders: knutselen, "
            "spelletjes, koken of buiten spelen.",
            "Ouders zijn welkom om even een kop koffie te drinken.",
        ],
        "themes": ["jeugd"],
        "targets": ["kinderen", "gezinnen"],
        "weekdays": [2],
        "times": [("14:00", "15:30")],
        "recurrence": ["weekly"],
        "costs": [(False, "1.00", "per keer"), (True, None, "")],
        "indoor": True,
    },
    "kookclub-jongeren": {
        "titles": ["Kookavond voor jongeren", "Jongeren koken", "Chill & cook"],
        "intros": ["Samen koken en eten met leeftijdgenoten."],
        "paragraphs": [
            "Je leert makkelijke en goedkope recepten en we eten samen op. "
            "Ideeën voor gerechten zijn welkom.",
        ],
        "themes": ["jeugd", "gezondheid-en-bewegen"],
        "targets": ["jongeren"],
        "weekdays": [3, 4],
        "times": [("17:00", "19:30")],
        "recurrence": ["weekly"],
        "costs": [(False, "2.00", "voor de boodschappen")],
        "indoor": True,
    },
    "klusochtend": {
        "titles": ["Klusochtend", "Klusspreekuur", "Inloop klussendienst"],
        "intros": ["Kom langs met je klusvraag; we plannen een vrijwilliger in."],
        "paragraphs": [
            "Op het spreekuur bespreken we welke klus je hebt en wanneer een "
            "vrijwilliger kan komen.",
            "Je betaalt alleen de materialen.",
        ],
        "themes": ["wonen-en-buurt"],
        "targets": ["ouderen", "mensen-met-een-beperking"],
        "weekdays": [0, 2],
        "times": [("09:30", "11:30")],
        "recurrence": ["weekly"],
        "costs": [(True, None, "")],
        "indoor": True,
    },
    "informatiemiddag-vervoer": {
        "titles": ["Informatiemiddag vervoer en mobiliteit", "Veilig op de scootmobiel"],
        "intros": ["Hoe kom je van A naar B als autorijden niet meer gaat?"],
        "paragraphs": [
            "We vertellen over de vervoersmogelijkheden in {town}: vrijwillige "
            "chauffeurs, de regiotaxi en de buurtbus.",
            "Er is ook een scootmobieltraining met een verkeersdeskundige.",
        ],
        "themes": ["vervoer", "ouderen"],
        "targets": ["ouderen"],
        "weekdays": [1, 3],
        "times": [("14:00", "16:00")],
        "recurrence": ["once"],
        "costs": [(True, None, "")],
        "registration": "Aanmelden is nodig voor de scootmobieltraining.",
        "indoor": True,
    },
}

# -- meeting places ------------------------------------------------------------------
# hours: list of (weekdays, opens, closes); the loader keeps a random subset of days.
MEETING_PLACES = {
    "ontmoetingscentrum": {
        "titles": ["Wijkcentrum {name}", "Buurthuis {name}", "Ontmoetingscentrum {name}"],
        "intros": [
            "Het ontmoetingscentrum van {wijk}: koffie, activiteiten en hulp bij vragen.",
            "Een open huis voor de buurt met een koffiebar, zalen en een tuin.",
        ],
        "paragraphs": [
            "In {place} is elke werkdag iemand aanwezig. Je kunt binnenlopen voor koffie, "
            "een krant of een praatje, of meedoen aan een van de activiteiten.",
            "Zalen zijn te huur voor bewonersgroepen tegen een kleine vergoeding.",
            "Het gebouw is goed toegankelijk, met een lift en een aangepast toilet.",
        ],
        "hours": [([0, 1, 2, 3, 4], "09:00", "17:00"), ([1, 3], "19:00", "22:00")],
        "facilities": ["coffee", "wifi", "kitchen", "meeting_room", "meals"],
        "accessibility": ["wheelchair", "toilet", "hearing_loop", "parking"],
        "themes": ["eenzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen"],
    },
    "huiskamer": {
        "titles": [
            "Huiskamer {wijk}",
            "Buurtkamer {wijk}",
            "Huiskamer {name}",
            "De Buurtkamer aan de {street}",
        ],
        "intros": [
            "Een huiskamer voor iedereen uit de buurt. Loop binnen voor koffie en gezelschap.",
            "Even niet alleen thuis zitten? In de huiskamer is altijd iemand om mee te praten.",
        ],
        "paragraphs": [
            "{place} is ingericht als een gewone huiskamer, met een grote tafel, "
            "gemakkelijke stoelen en een boekenkast.",
            "Vrijwilligers zijn gastvrouw en gastheer. Ze kennen de buurt en weten "
            "waar je terecht kunt met een vraag.",
        ],
        "hours": [([0, 1, 2, 3, 4], "10:00", "12:00"), ([1, 3], "13:30", "16:00")],
        "facilities": ["coffee", "kitchen", "wifi"],
        "accessibility": ["wheelchair", "quiet"],
        "themes": ["eenzaamheid"],
        "targets": ["iedereen", "alleenstaanden"],
    },
    "inloop": {
        "titles": ["Inloop {initiative}", "Informatiepunt {town}", "Vrijwilligerspunt {wijk}"],
        "intros": [
            "Hier kun je zonder afspraak terecht met je vraag over vrijwilligerswerk.",
        ],
        "paragraphs": [
            "Tijdens de inloop zitten consulenten voor je klaar. Je kunt vacatures "
            "bekijken op de computer of een gesprek voeren.",
        ],
        "hours": [([0, 1, 3], "10:00", "13:00"), ([2], "13:00", "16:00")],
        "facilities": ["coffee", "wifi", "computers"],
        "accessibility": ["wheelchair", "toilet"],
        "themes": ["werk-en-participatie"],
        "targets": ["iedereen"],
    },
    "bibliotheek": {
        "titles": [
            "Taalpunt in de bibliotheek {town}",
            "Leestafel {wijk}",
            "Informatiepunt Digitale Overheid {town}",
        ],
        "intros": [
            "In de bibliotheek: kranten lezen, een computer gebruiken en hulp bij taal "
            "en de digitale overheid.",
        ],
        "paragraphs": [
            "Bij het taalpunt kun je oefenmateriaal lenen en een afspraak maken met een "
            "taalvrijwilliger.",
            "Op de computers kun je gratis internetten en printen voor officiële formulieren.",
        ],
        "hours": [
            ([1, 2, 3, 4], "10:00", "17:00"),
            ([5], "10:00", "14:00"),
            ([3], "18:00", "20:00"),
        ],
        "facilities": ["coffee", "wifi", "computers", "play_area"],
        "accessibility": ["wheelchair", "toilet", "hearing_loop"],
        "themes": ["taal-en-digitale-vaardigheden"],
        "targets": ["nieuwkomers", "iedereen"],
    },
    "mantelzorg": {
        "titles": [
            "Mantelzorgsalon {town}",
            "Inloop voor mantelzorgers {town}",
            "Ontmoetingsplek mantelzorg {name}",
        ],
        "intros": [
            "Een rustige plek voor mantelzorgers: even op adem komen en een consulent spreken.",
        ],
        "paragraphs": [
            "Zonder afspraak kun je hier terecht voor informatie over respijtzorg, "
            "mantelzorgwaardering en ondersteuning.",
            "Er is een stilteruimte en er staat altijd koffie klaar.",
        ],
        "hours": [([1, 3], "09:30", "12:30"), ([2], "13:30", "16:30")],
        "facilities": ["coffee", "meeting_room"],
        "respite": ["time_off"],
        "accessibility": ["wheelchair", "toilet", "quiet"],
        "themes": ["mantelzorg"],
        "targets": ["mantelzorgers"],
    },
    "werkplaats": {
        "titles": ["Buurtwerkplaats {wijk}", "Werkplaats {name}", "Klushuis {wijk}"],
        "intros": [
            "Een werkplaats met gereedschap, waar je samen met anderen kunt klussen en repareren."
        ],
        "paragraphs": [
            "In de werkplaats staan werkbanken, gereedschap en een naaimachine. Tijdens "
            "de openingstijden is er altijd een handige vrijwilliger aanwezig.",
        ],
        "hours": [([2, 5], "10:00", "16:00"), ([3], "19:00", "21:30")],
        "facilities": ["coffee", "meeting_room"],
        "accessibility": ["wheelchair"],
        "themes": ["duurzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen"],
    },
    "jongeren": {
        "titles": ["Jongerenhuiskamer {wijk}", "Jongerencentrum {name}", "Tienerinloop {name}"],
        "intros": ["Een plek voor jongeren om te chillen, te gamen en huiswerk te maken."],
        "paragraphs": [
            "Er is een pooltafel, een gameruimte en een stille ruimte voor huiswerk. "
            "Jongerenwerkers zijn aanwezig.",
        ],
        "hours": [([0, 1, 2, 3], "15:00", "18:00"), ([4, 5], "19:00", "23:00")],
        "facilities": ["wifi", "computers", "kitchen"],
        "accessibility": ["wheelchair"],
        "themes": ["jeugd"],
        "targets": ["jongeren"],
    },
    "tuin": {
        "titles": ["Buurttuin {name}", "Pluktuin {wijk}", "Buurtmoestuin {wijk}"],
        "intros": ["Een groene ontmoetingsplek met moestuinbakken, bankjes en een tuinhuisje."],
        "paragraphs": [
            "Iedereen mag in de tuin komen zitten. Tijdens de openingstijden zijn er "
            "tuinvrijwilligers die je de weg wijzen.",
        ],
        "hours": [([2, 5], "10:00", "16:00")],
        "facilities": ["garden", "coffee"],
        "accessibility": ["wheelchair", "parking"],
        "themes": ["wonen-en-buurt", "duurzaamheid"],
        "targets": ["iedereen", "gezinnen"],
    },
    "open-kerk": {
        "titles": ["Open kerk {name}", "Inloophuis {name}"],
        "intros": ["De kerk is open voor iedereen: voor stilte, een kaarsje of een gesprek."],
        "paragraphs": [
            "Gastvrouwen en gastheren ontvangen je met koffie. Je kunt ook alleen even zitten.",
        ],
        "hours": [([2, 5], "10:00", "12:00"), ([4], "14:00", "16:00")],
        "facilities": ["coffee", "meals"],
        "accessibility": ["wheelchair", "hearing_loop"],
        "themes": ["eenzaamheid"],
        "targets": ["iedereen", "alleenstaanden"],
    },
    "soos": {
        "titles": ["Soos {name}", "Seniorensoos {wijk}", "Ontmoetingsruimte {name}"],
        "intros": [
            "De vaste plek van de seniorenvereniging: kaarten, biljarten en een kop koffie."
        ],
        "paragraphs": [
            "In de soos is een biljarttafel, een leestafel met kranten en een bar.",
        ],
        "hours": [([0, 1, 3], "13:30", "17:00"), ([4], "19:30", "23:00")],
        "facilities": ["coffee", "meeting_room"],
        "accessibility": ["wheelchair", "toilet", "hearing_loop"],
        "themes": ["ouderen", "eenzaamheid"],
        "targets": ["ouderen"],
    },
}

# -- vacancies ------------------------------------------------------------------------
VACANCIES = {
    "gastvrouw": {
        "titles": [
            "Gastvrouw of gastheer",
            "Gastvrouw/gastheer koffieochtend",
            "Gastheer of gastvrouw inloop",
        ],
        "intros": [
            "Zet koffie, ontvang bezoekers en maak een praatje. Jij zorgt dat "
            "iedereen zich welkom voelt."
        ],
        "tasks": [
            "Je ontvangt bezoekers, schenkt koffie en thee en maakt een praatje. Je "
            "let erop dat nieuwe bezoekers zich snel thuis voelen.",
            "Samen met een andere vrijwilliger open en sluit je de ruimte en houd je "
            "de keuken netjes.",
            "Wat we vragen: je bent gastvrij, kunt goed luisteren en hebt een vast "
            "dagdeel per week beschikbaar.",
        ],
        "skills": ["gastvrijheid", "luisteren"],
        "themes": ["eenzaamheid"],
        "targets": ["iedereen"],
        "hours": ["3", "4"],
        "parts": ["morning"],
        "vog": False,
        "from_home": False,
    },
    "barvrijwilliger": {
        "titles": ["Barvrijwilliger", "Barmedewerker buurthuis"],
        "intros": ["Sta achter de bar bij activiteiten en zorg voor een gezellige sfeer."],
        "tasks": [
            "Je schenkt drankjes, rekent af en houdt de bar schoon. Je werkt samen met "
            "een vaste barploeg.",
            "Een instructie Verantwoord Alcoholgebruik krijg je van ons.",
        ],
        "skills": ["gastvrijheid"],
        "themes": ["wonen-en-buurt"],
        "targets": ["iedereen"],
        "hours": ["3", "4"],
        "parts": ["evening"],
        "vog": False,
        "from_home": False,
    },
    "chauffeur": {
        "titles": [
            "Vrijwillige chauffeur",
            "Chauffeur voor de buurtbus",
            "Rijd een buurtgenoot naar de dokter",
        ],
        "intros": [
            "Breng buurtgenoten die minder mobiel zijn naar de huisarts, het ziekenhuis of familie."
        ],
        "tasks": [
            "Je haalt mensen thuis op met je eigen auto of de buurtbus en brengt ze naar "
            "hun afspraak. Soms wacht je even en breng je ze terug.",
            "Je krijgt een kilometervergoeding en bent verzekerd via de gemeente.",
            "Wat we vragen: een rijbewijs B, geduld en een vriendelijke houding.",
        ],
        "skills": ["rijbewijs"],
        "themes": ["vervoer", "ouderen"],
        "targets": ["ouderen"],
        "hours": ["4", "6"],
        "parts": ["morning", "afternoon"],
        "vog": True,
        "from_home": False,
    },
    "maatje": {
        "titles": [
            "Maatje voor een oudere buurtgenoot",
            "Wandelmaatje",
            "Maatje voor een nieuwkomer",
            "Bezoekvrijwilliger",
        ],
        "intros": [
            "Ga eens per week op bezoek bij iemand die weinig mensen ziet: een "
            "kopje koffie, een wandeling, een spelletje."
        ],
        "tasks": [
            "Je wordt gekoppeld aan een buurtgenoot die zich eenzaam voelt. Samen "
            "bepalen jullie wat jullie doen en wanneer.",
            "Een coördinator begeleidt je en er zijn intervisiebijeenkomsten met andere maatjes.",
            "Wat we vragen: je kunt goed luisteren, bent betrouwbaar en wilt je "
            "minstens een half jaar inzetten.",
        ],
        "skills": ["luisteren"],
        "themes": ["eenzaamheid"],
        "targets": ["ouderen", "alleenstaanden"],
        "hours": ["2", "2.5"],
        "parts": ["afternoon"],
        "vog": True,
        "from_home": False,
    },
    "welkomstmaatje": {
        "titles": ["Welkomstmaatje", "Maatje voor een nieuwe inwoner"],
        "intros": ["Help een nieuwe inwoner zijn weg te vinden in de stad."],
        "tasks": [
            "Je spreekt af met iemand die net in de stad woont. Samen gaan jullie "
            "naar de bibliotheek, de markt of het buurthuis.",
            "Spreek je ook Arabisch, Engels of Oekraïens? Dat helpt, maar het hoeft niet.",
        ],
        "skills": ["luisteren", "taal"],
        "themes": ["eenzaamheid"],
        "targets": ["nieuwkomers"],
        "languages": ["nl", "ar", "en", "uk"],
        "hours": ["2"],
        "parts": ["afternoon", "evening"],
        "vog": False,
        "from_home": False,
    },
    "taalcoach": {
        "titles": ["Taalcoach", "Taalmaatje", "Vrijwilliger taalcafé"],
        "intros": ["Help een nieuwkomer Nederlands te oefenen in het dagelijks leven."],
        "tasks": [
            "Je spreekt wekelijks af met je taalmaatje en oefent Nederlands in gewone "
            "situaties: boodschappen doen, een brief lezen, bellen met school.",
            "Je krijgt een startcursus en materiaal van het Taalhuis.",
        ],
        "skills": ["taal", "luisteren", "lesgeven"],
        "themes": ["taal-en-digitale-vaardigheden"],
        "targets": ["nieuwkomers"],
        "hours": ["2"],
        "parts": ["morning", "evening"],
        "vog": False,
        "from_home": False,
    },
    "klussenhulp": {
        "titles": [
            "Klussenhulp",
            "Vrijwillige klusser",
            "Handige vrijwilliger voor kleine klussen",
        ],
        "intros": ["Help buurtgenoten met kleine klussen in en om het huis."],
        "tasks": [
            "Een lamp ophangen, een kraan vervangen, een kastje in elkaar zetten: jij "
            "helpt mensen die het zelf niet meer kunnen.",
            "Je bepaalt zelf hoeveel klussen je aanneemt. Materiaal betaalt de "
            "bewoner; gereedschap kun je lenen.",
        ],
        "skills": ["klussen"],
        "themes": ["wonen-en-buurt", "ouderen"],
        "targets": ["ouderen"],
        "hours": ["3", "4"],
        "parts": ["morning", "afternoon"],
        "vog": True,
        "from_home": False,
    },
    "thuisadministratie": {
        "titles": [
            "Thuisadministratie-vrijwilliger",
            "Vrijwilliger formulierenhulp",
            "Maatje geldzaken",
        ],
        "intros": ["Help mensen overzicht te krijgen in hun post en geldzaken."],
        "tasks": [
            "Je gaat bij iemand thuis langs en helpt de administratie op orde te "
            "brengen: post sorteren, een overzicht maken, toeslagen aanvragen.",
            "Je volgt eerst een training van drie dagdelen.",
            "Wat we vragen: je bent nauwkeurig, discreet en hebt geen oordeel.",
        ],
        "skills": ["administratie", "luisteren"],
        "themes": ["armoede-en-schulden"],
        "targets": ["iedereen"],
        "hours": ["2", "3"],
        "parts": ["morning", "afternoon"],
        "vog": True,
        "from_home": False,
    },
    "belastinginvuller": {
        "titles": ["Belastinginvuller", "Vrijwilliger belastingaangifte"],
        "intros": ["Help ouderen en mensen met een laag inkomen met hun aangifte en toeslagen."],
        "tasks": [
            "Van februari tot mei vul je bij mensen thuis of op het spreekuur de "
            "belastingaangifte in en controleer je de toeslagen.",
            "Je krijgt een training en hulp van ervaren invullers.",
        ],
        "skills": ["administratie", "computervaardigheden"],
        "themes": ["armoede-en-schulden", "ouderen"],
        "targets": ["ouderen"],
        "hours": ["4"],
        "parts": ["morning", "afternoon"],
        "vog": True,
        "from_home": False,
    },
    "wandelbegeleider": {
        "titles": ["Wandelbegeleider", "Begeleider wandelgroep"],
        "intros": ["Loop voorop bij de wekelijkse wandeling en let op de groep."],
        "tasks": [
            "Je zet de route uit, loopt voorop of sluit de groep af en zorgt dat "
            "iedereen mee kan komen.",
            "Ervaring is niet nodig, plezier in wandelen wel.",
        ],
        "skills": ["organiseren", "sport-en-bewegen"],
        "themes": ["gezondheid-en-bewegen"],
        "targets": ["ouderen"],
        "hours": ["2"],
        "parts": ["morning"],
        "vog": False,
        "from_home": False,
    },
    "kookvrijwilliger": {
        "titles": ["Kookvrijwilliger", "Kok voor de buurteettafel", "Hulp in de keuken"],
        "intros": ["Kook een keer per week of per maand mee voor de buurteettafel."],
        "tasks": [
            "Samen met een team van drie kook je een eenvoudige driegangenmaaltijd "
            "voor zo'n twintig gasten. Je doet ook mee met de afwas.",
            "Je hoeft geen kok te zijn; als je thuis graag kookt, ben je welkom.",
        ],
        "skills": ["koken", "gastvrijheid"],
        "themes": ["eenzaamheid"],
        "targets": ["ouderen", "alleenstaanden"],
        "hours": ["4", "5"],
        "parts": ["afternoon", "evening"],
        "vog": False,
        "from_home": False,
    },
    "activiteitenbegeleider": {
        "titles": [
            "Activiteitenbegeleider",
            "Begeleider creatieve middag",
            "Begeleider spelmiddag",
        ],
        "intros": ["Organiseer en begeleid activiteiten voor buurtbewoners."],
        "tasks": [
            "Je bereidt de activiteit voor, ontvangt de deelnemers en zorgt dat "
            "iedereen mee kan doen.",
            "Heb je zelf een hobby die je wilt delen? Dan kun je ook je eigen activiteit starten.",
        ],
        "skills": ["organiseren", "creativiteit", "gastvrijheid"],
        "themes": ["eenzaamheid", "cultuur"],
        "targets": ["iedereen"],
        "hours": ["3"],
        "parts": ["afternoon"],
        "vog": False,
        "from_home": False,
    },
    "bestuurslid": {
        "titles": ["Penningmeester", "Secretaris", "Bestuurslid"],
        "intros": ["Denk mee over de koers van de organisatie en neem een bestuurstaak op je."],
        "tasks": [
            "Het bestuur vergadert ongeveer acht keer per jaar. Daarnaast heb je een "
            "eigen taak, zoals de financiën of de contacten met de gemeente.",
            "Wat we vragen: bestuurlijke ervaring is mooi maar niet nodig; "
            "betrokkenheid bij de buurt wel.",
        ],
        "skills": ["administratie", "organiseren"],
        "themes": ["werk-en-participatie"],
        "targets": ["iedereen"],
        "hours": ["2"],
        "parts": ["evening"],
        "vog": False,
        "from_home": True,
    },
    "digimaatje": {
        "titles": ["Digimaatje", "Vrijwilliger digi-spreekuur"],
        "intros": ["Help mensen met hun telefoon, tablet, DigiD en e-mail."],
        "tasks": [
            "Tijdens het spreekuur help je bezoekers met hun vragen over apps, "
            "videobellen of inloggen bij de overheid.",
            "Je legt geduldig uit en doet het niet voor ze: zo leren ze het zelf.",
        ],
        "skills": ["computervaardigheden", "lesgeven"],
        "themes": ["taal-en-digitale-vaardigheden"],
        "targets": ["ouderen"],
        "hours": ["2", "3"],
        "parts": ["morning", "afternoon"],
        "vog": False,
        "from_home": False,
    },
    "huiswerkbegeleider": {
        "titles": ["Huiswerkbegeleider", "Vrijwilliger huiswerkklas"],
        "intros": ["Help leerlingen met hun huiswerk en met plannen."],
        "tasks": [
            "Je begeleidt een klein groepje leerlingen bij het maken van hun huiswerk "
            "en het leren voor toetsen.",
            "Vooral voor wiskunde en Engels zoeken we mensen.",
        ],
        "skills": ["lesgeven", "taal"],
        "themes": ["jeugd"],
        "targets": ["jongeren"],
        "hours": ["2", "4"],
        "parts": ["afternoon"],
        "vog": True,
        "from_home": False,
    },
    "tuinvrijwilliger": {
        "titles": ["Tuinvrijwilliger", "Vrijwilliger buurtmoestuin", "Tuinman of tuinvrouw"],
        "intros": ["Help mee in de tuin: zaaien, snoeien, wieden en oogsten."],
        "tasks": [
            "Je werkt samen met andere vrijwilligers en buurtbewoners in de tuin en "
            "helpt nieuwe tuiniers op weg.",
        ],
        "skills": ["tuinieren"],
        "themes": ["duurzaamheid", "wonen-en-buurt"],
        "targets": ["iedereen"],
        "hours": ["2", "3"],
        "parts": ["morning"],
        "vog": False,
        "from_home": False,
    },
    "reparateur": {
        "titles": ["Reparateur Repair Café", "Vrijwillige reparateur", "Naaister Repair Café"],
        "intros": ["Repareer samen met bezoekers hun kapotte spullen."],
        "tasks": [
            "Je helpt bezoekers hun apparaat, kleding of fiets te repareren, en laat ze "
            "zoveel mogelijk zelf doen.",
            "Eén keer per maand op zaterdag.",
        ],
        "skills": ["repareren", "klussen"],
        "themes": ["duurzaamheid"],
        "targets": ["iedereen"],
        "hours": ["1"],
        "parts": ["morning"],
        "vog": False,
        "from_home": False,
    },
    "respijtvrijwilliger": {
        "titles": [
            "Vrijwilliger respijtzorg",
            "Oppas bij mensen met dementie",
            "Vrijwilliger logeeropvang",
        ],
        "intros": ["Geef een mantelzorger even vrij door een dagdeel bij de naaste te zijn."],
        "tasks": [
            "Je gaat een dagdeel per week of per twee weken op bezoek bij iemand met "
            "dementie of een chronische ziekte. De mantelzorger kan dan even weg.",
            "Je krijgt een training over dementie en wordt begeleid door een coördinator.",
        ],
        "skills": ["luisteren"],
        "themes": ["mantelzorg"],
        "targets": ["mantelzorgers", "mensen-met-dementie"],
        "hours": ["3", "4"],
        "parts": ["morning", "afternoon"],
        "vog": True,
        "from_home": False,
    },
    "communicatie": {
        "titles": [
            "Vrijwilliger communicatie en social media",
            "Redacteur wijkkrant",
            "Vrijwillige fotograaf",
        ],
        "intros": ["Vertel de buurt wat er te doen is: schrijf, fotografeer of post."],
        "tasks": [
            "Je schrijft korte berichten voor de website en social media, maakt foto's "
            "bij activiteiten en helpt met de nieuwsbrief.",
            "Veel werk kun je thuis doen, op je eigen tijd.",
        ],
        "skills": ["communicatie", "computervaardigheden"],
        "themes": ["werk-en-participatie"],
        "targets": ["iedereen"],
        "hours": ["2", "3"],
        "parts": ["evening"],
        "vog": False,
        "from_home": True,
    },
    "belvrijwilliger": {
        "titles": ["Belvrijwilliger telefooncirkel", "Vrijwilliger babbellijn"],
        "intros": ["Bel vanuit huis met iemand die behoefte heeft aan een praatje."],
        "tasks": [
            "Je belt vaste deelnemers een of twee keer per week voor een praatje en om "
            "te horen of alles goed gaat.",
            "Je kunt dit vanuit huis doen, op tijden die jou uitkomen.",
        ],
        "skills": ["luisteren"],
        "themes": ["eenzaamheid", "ouderen"],
        "targets": ["ouderen", "alleenstaanden"],
        "hours": ["1", "2"],
        "parts": ["morning", "afternoon"],
        "vog": True,
        "from_home": True,
    },
    "voorlezer": {
        "titles": ["Voorlezer", "Voorleesvrijwilliger"],
        "intros": ["Lees voor aan jonge kinderen, in de bibliotheek of bij een gezin thuis."],
        "tasks": [
            "Je leest twintig weken lang eens per week voor bij een gezin thuis en "
            "laat ouders zien hoe leuk voorlezen is.",
        ],
        "skills": ["taal"],
        "themes": ["jeugd", "taal-en-digitale-vaardigheden"],
        "targets": ["kinderen", "gezinnen"],
        "hours": ["1"],
        "parts": ["afternoon"],
        "vog": True,
        "from_home": False,
    },
    "coordinator": {
        "titles": ["Coördinator vrijwilligers", "Teamleider inloop", "Roostermaker"],
        "intros": [
            "Houd het overzicht: roosters, nieuwe vrijwilligers en contact met de beroepskracht."
        ],
        "tasks": [
            "Je maakt het rooster, bent aanspreekpunt voor de vrijwilligers en heet "
            "nieuwe vrijwilligers welkom.",
            "Je overlegt eens per maand met de welzijnswerker.",
        ],
        "skills": ["organiseren", "communicatie"],
        "themes": ["werk-en-participatie"],
        "targets": ["iedereen"],
        "hours": ["4", "6"],
        "parts": ["morning", "afternoon"],
        "vog": False,
        "from_home": False,
    },
    "boodschappenhulp": {
        "titles": ["Boodschappenmaatje", "Boodschappenhulp"],
        "intros": ["Doe samen met een buurtgenoot de boodschappen, of doe ze voor iemand."],
        "tasks": [
            "Eens per week ga je samen naar de supermarkt, of je haalt de boodschappen "
            "op een vast moment. Een praatje hoort erbij.",
        ],
        "skills": ["rijbewijs", "luisteren"],
        "themes": ["ouderen", "eenzaamheid"],
        "targets": ["ouderen", "mensen-met-een-beperking"],
        "hours": ["2"],
        "parts": ["morning"],
        "vog": True,
        "from_home": False,
    },
    "sportbegeleider": {
        "titles": ["Begeleider bewegen voor ouderen", "Trainer wandelvoetbal", "Sportmaatje"],
        "intros": ["Help bij een beweegactiviteit en zorg dat iedereen veilig meedoet."],
        "tasks": [
            "Je ondersteunt de docent, zet materiaal klaar en helpt deelnemers die wat "
            "extra aandacht nodig hebben.",
        ],
        "skills": ["sport-en-bewegen"],
        "themes": ["gezondheid-en-bewegen"],
        "targets": ["ouderen", "jongeren"],
        "hours": ["2"],
        "parts": ["morning"],
        "vog": True,
        "from_home": False,
    },
    "planner": {
        "titles": ["Ritplanner", "Telefonist vervoersdienst"],
        "intros": ["Neem ritaanvragen aan en koppel ze aan een vrijwillige chauffeur."],
        "tasks": [
            "Je neemt een ochtend per week de telefoon op, noteert ritten en belt "
            "chauffeurs om ze in te plannen.",
            "Werken met de computer is handig; je krijgt uitleg over ons planprogramma.",
        ],
        "skills": ["administratie", "computervaardigheden", "organiseren"],
        "themes": ["vervoer"],
        "targets": ["ouderen"],
        "hours": ["3"],
        "parts": ["morning"],
        "vog": False,
        "from_home": True,
    },
}
