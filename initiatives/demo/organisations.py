"""The demo initiatives: name, home wijk (CBS code) and kind (see
``vocabulary.INITIATIVE_KINDS``). The names are fictional but typical."""

INITIATIVES: tuple[tuple[str, str, str], ...] = (
    # Dordrecht
    ("Buurthuis Wielwijk", "WK050506", "buurthuis"),
    ("Huiskamer van de wijk Crabbehof", "WK050507", "huiskamer"),
    ("Wijkcentrum Het Trefpunt Krispijn", "WK050505", "buurthuis"),
    ("Stichting Helpende Handen Dordrecht", "WK050501", "klussen"),
    ("Vrijwilligerscentrum Dordrecht", "WK050501", "vrijwilligerscentrum"),
    ("Mantelzorgsteunpunt Drechtsteden", "WK050503", "mantelzorg"),
    ("Taalhuis Dordrecht", "WK050501", "taalhuis"),
    ("Repair Café Sterrenburg", "WK050509", "repaircafe"),
    ("Jongerencentrum De Schakel", "WK050504", "jongeren"),
    ("Buurtmoestuin Stadspolders", "WK050510", "tuin"),
    ("Diaconaal Centrum De Ontmoeting", "WK050502", "kerk"),
    ("Seniorenvereniging Dubbeldam", "WK050511", "ouderen"),
    ("SchuldHulpMaatje Dordrecht", "WK050508", "geldzaken"),
    ("Huiskamer Sterrenburg", "WK050509", "huiskamer"),
    # Uithoorn
    ("Repair Café Uithoorn", "WK045101", "repaircafe"),
    ("Huiskamer Zijdelwaard", "WK045102", "huiskamer"),
    ("Stichting Samen Uithoorn", "WK045103", "welzijn"),
    ("Dorpshuis De Kwakel", "WK045104", "buurthuis"),
    ("Mantelzorgpunt Uithoorn", "WK045101", "mantelzorg"),
    # Hilversum
    ("Vrijwilligerscentrum Hilversum", "WK040201", "vrijwilligerscentrum"),
    ("Buurthuis De Lelie", "WK040202", "buurthuis"),
    ("Huiskamer Hilversumse Meent", "WK040203", "huiskamer"),
    ("Taalhuis Hilversum", "WK040207", "taalhuis"),
    ("Mantelzorgsteunpunt Gooi en Vechtstreek", "WK040204", "mantelzorg"),
    ("Automaatje Hilversum", "WK040206", "vervoer"),
    ("Buurtcentrum Hilversum-Zuid", "WK040205", "buurthuis"),
    # Huizen
    ("Buurthuis De Bolder", "WK040601", "buurthuis"),
    ("Stichting Samen Huizen", "WK040603", "welzijn"),
    ("Repair Café Huizen", "WK040604", "repaircafe"),
    ("Huiskamer Huizen-Oost", "WK040602", "huiskamer"),
    # Gooise Meren
    ("Huiskamer Bussum-Zuid", "WK194202", "huiskamer"),
    ("Vrijwilligerspunt Gooise Meren", "WK194201", "vrijwilligerscentrum"),
    ("Taalhuis Gooise Meren", "WK194203", "taalhuis"),
    ("Ontmoetingscentrum De Vesting", "WK194204", "buurthuis"),
    ("Dorpshuis Muiden", "WK194206", "buurthuis"),
    ("Seniorenvereniging Muiderberg", "WK194207", "ouderen"),
    # Laren, Blaricum, Eemnes
    ("Stichting Welzijn Laren", "WK041701", "welzijn"),
    ("Huiskamer Bijvanck", "WK037602", "huiskamer"),
    ("Buurtmoestuin Blaricum", "WK037601", "tuin"),
    ("Het Huis van Eemnes", "WK031701", "buurthuis"),
    # Wijdemeren
    ("Dorpshuis Kortenhoef", "WK169602", "buurthuis"),
    ("Stichting Welzijn Wijdemeren", "WK169601", "welzijn"),
    ("Automaatje Wijdemeren", "WK169605", "vervoer"),
    ("Mantelzorgpunt Wijdemeren", "WK169603", "mantelzorg"),
    ("Buurtvereniging Ankeveen", "WK169604", "ouderen"),
    # Hillegom
    ("Ontmoetingscentrum Hillegom", "WK053401", "buurthuis"),
    ("Repair Café Hillegom", "WK053402", "repaircafe"),
    ("SchuldHulpMaatje Bollenstreek", "WK053403", "geldzaken"),
    # Lisse
    ("Stichting Samen Lisse", "WK055301", "welzijn"),
    ("Huiskamer Lisse-Noord", "WK055302", "huiskamer"),
    ("Mantelzorgsteunpunt Bollenstreek", "WK055303", "mantelzorg"),
    ("Buurtmoestuin Poelpolder", "WK055304", "tuin"),
    # Teylingen
    ("Dorpshuis Warmond", "WK152504", "buurthuis"),
    ("Huiskamer Voorhout", "WK152503", "huiskamer"),
    ("Vrijwilligerscentrum Teylingen", "WK152501", "vrijwilligerscentrum"),
    ("Jongerenwerk Teylingen", "WK152502", "jongeren"),
    # Noordwijk
    ("Taalhuis Noordwijk", "WK057501", "taalhuis"),
    ("Buurthuis Noordwijk-Zuid", "WK057503", "buurthuis"),
    ("Stichting Samen Noordwijkerhout", "WK057504", "welzijn"),
    ("Repair Café Noordwijk aan Zee", "WK057502", "repaircafe"),
    # Issue 20: listings in other languages. Last, so the listings above stay
    # as they were (one random generator runs through this list in order).
    ("Welkom in Dordrecht", "WK050505", "nieuwkomers"),
    ("Samen Thuis Hilversum", "WK040202", "nieuwkomers"),
)
