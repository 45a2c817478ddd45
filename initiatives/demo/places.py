"""The demo region: municipalities and wijken of the towns in the seed articles.

Centres are approximate WGS84 coordinates of the real wijk or village centre;
gemeentecodes are the real CBS codes, wijkcodes follow the CBS pattern
(WK + gemeentecode + two digits). Boundaries are not stored here: they are
computed at load time (Voronoi cells of all centres, clipped to ``radius_m``).
Each wijk has its own PC4 so the postcode table can hold one centroid per wijk.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class WijkSpec:
    code: str
    name: str
    lon: float
    lat: float
    pc4: str
    town: str
    streets: tuple[str, ...]
    radius_m: int = 1300


@dataclass(frozen=True)
class MunicipalitySpec:
    code: str
    name: str
    region: str
    phone_prefix: str  # netnummer for demo phone numbers
    wijken: tuple[WijkSpec, ...]


def _w(code, name, lon, lat, pc4, town, streets, radius_m=1300):
    return WijkSpec(code, name, lon, lat, pc4, town, tuple(streets), radius_m)


MUNICIPALITIES: tuple[MunicipalitySpec, ...] = (
    MunicipalitySpec("GM0505", "Dordrecht", "Drechtsteden", "078", (
        _w("WK050501", "Binnenstad", 4.6665, 51.8130, "3311", "Dordrecht",
           ["Voorstraat", "Wijnstraat", "Visstraat", "Nieuwstraat", "Steegoversloot"]),
        _w("WK050502", "Noordflank", 4.6885, 51.8150, "3312", "Dordrecht",
           ["Noordendijk", "Oranjelaan", "Blekersdijk", "Singel"]),
        _w("WK050503", "Reeland", 4.6905, 51.8045, "3313", "Dordrecht",
           ["Reeweg-Oost", "Vrieseweg", "Patersweg", "Burgemeester de Raadtsingel"]),
        _w("WK050504", "Oud-Krispijn", 4.6740, 51.8025, "3314", "Dordrecht",
           ["Krispijnseweg", "Jacob Marisstraat", "Mauritsweg", "Brouwersdijk"]),
        _w("WK050505", "Nieuw-Krispijn", 4.6630, 51.7990, "3315", "Dordrecht",
           ["Frans Halsstraat", "Karel Doormanweg", "Vermeerstraat", "Rembrandtlaan"]),
        _w("WK050506", "Wielwijk", 4.6495, 51.7960, "3317", "Dordrecht",
           ["Bosboom-Toussaintstraat", "Aert de Gelderstraat", "Multatulistraat",
            "Vondelstraat"]),
        _w("WK050507", "Crabbehof", 4.6620, 51.7880, "3318", "Dordrecht",
           ["Galileïstraat", "Copernicusweg", "Keplerstraat", "Crabbehoflaan"]),
        _w("WK050508", "Zuidhoven", 4.6750, 51.7855, "3319", "Dordrecht",
           ["Zuidhovenweg", "Mijlweg", "Dubbelsteynlaan", "Zuidendijk"]),
        _w("WK050509", "Sterrenburg", 4.6910, 51.7860, "3328", "Dordrecht",
           ["Sterrenburgplein", "Orionweg", "Pegasusweg", "Melkwegstraat"]),
        _w("WK050510", "Stadspolders", 4.7080, 51.7950, "3327", "Dordrecht",
           ["Stadspoldersweg", "Amstelwijckweg", "Oudendijk", "Schenkeldijk"]),
        _w("WK050511", "Dubbeldam", 4.7200, 51.8035, "3323", "Dordrecht",
           ["Dubbeldamseweg Noord", "Zeedijk", "Kerksingel", "Molenvliet"]),
    )),
    MunicipalitySpec("GM0451", "Uithoorn", "Amstelland", "0297", (
        _w("WK045101", "Oude Dorp", 4.8270, 52.2390, "1421", "Uithoorn",
           ["Dorpsstraat", "Amstelkade", "Wilhelminakade", "Prinses Irenelaan"], 1400),
        _w("WK045102", "Zijdelwaard", 4.8190, 52.2330, "1422", "Uithoorn",
           ["Arthur van Schendellaan", "Alfons Ariënslaan", "Zijdelveld", "Bilderdijkhof"],
           1300),
        _w("WK045103", "Legmeer", 4.8060, 52.2410, "1423", "Uithoorn",
           ["Legmeerplein", "Pieter Lastmanlaan", "Johan de Wittlaan", "Randhoornweg"], 1300),
        _w("WK045104", "De Kwakel", 4.7920, 52.2290, "1424", "De Kwakel",
           ["Boterdijk", "Drechtdijk", "Vuurlijn", "Kwakelsepad"], 1500),
    )),
    MunicipalitySpec("GM0402", "Hilversum", "Gooi en Vechtstreek", "035", (
        _w("WK040201", "Centrum", 5.1760, 52.2255, "1211", "Hilversum",
           ["Kerkstraat", "Groest", "Havenstraat", "Stationsstraat"]),
        _w("WK040202", "Noord", 5.1700, 52.2390, "1213", "Hilversum",
           ["Larenseweg", "Johannes Geradtsweg", "Erfgooiersstraat", "Lage Naarderweg"]),
        _w("WK040203", "Hilversumse Meent", 5.1560, 52.2520, "1218", "Hilversum",
           ["Meentweg", "Kleine Meent", "Zeverijnstraat", "Bussumergrintweg"], 1500),
        _w("WK040204", "Oost", 5.1960, 52.2270, "1217", "Hilversum",
           ["Soestdijkerstraatweg", "Trompenbergerweg", "Schuttersweg", "Torenlaan"]),
        _w("WK040205", "Zuid", 5.1780, 52.2110, "1222", "Hilversum",
           ["Diependaalselaan", "Utrechtseweg", "Kleine Drift", "Lorentzweg"]),
        _w("WK040206", "Kerkelanden", 5.1520, 52.2310, "1216", "Hilversum",
           ["Loosdrechtseweg", "Kerkelandenlaan", "Minckelersstraat", "Ruysdaelstraat"]),
        _w("WK040207", "Over 't Spoor", 5.1640, 52.2190, "1215", "Hilversum",
           ["Liebergerweg", "Bosdrift", "Vaartweg", "Neuweg"]),
    )),
    MunicipalitySpec("GM0406", "Huizen", "Gooi en Vechtstreek", "035", (
        _w("WK040601", "Huizen-Centrum", 5.2420, 52.2990, "1271", "Huizen",
           ["Oude Raadhuisplein", "Kerkstraat", "Naarderstraat", "Havenstraat"]),
        _w("WK040602", "Huizen-Oost", 5.2600, 52.2970, "1274", "Huizen",
           ["Blaricummerstraat", "Oostermeent-Noord", "Lindenlaan", "Bovenmolenweg"]),
        _w("WK040603", "Huizen-Zuid", 5.2440, 52.2870, "1276", "Huizen",
           ["Ceintuurbaan", "Holleblok", "Meentweg", "Bestevaer"]),
        _w("WK040604", "Huizen-West", 5.2260, 52.3000, "1272", "Huizen",
           ["Huizermaatweg", "Gooierserf", "Zuidereinde", "Hellingweg"]),
    )),
    MunicipalitySpec("GM1942", "Gooise Meren", "Gooi en Vechtstreek", "035", (
        _w("WK194201", "Bussum-Centrum", 5.1620, 52.2740, "1401", "Bussum",
           ["Havenstraat", "Nassaulaan", "Brinklaan", "Kapelstraat"]),
        _w("WK194202", "Bussum-Zuid", 5.1640, 52.2630, "1405", "Bussum",
           ["Ceintuurbaan", "Meerweg", "Bijlstraat", "Koekoeklaan"]),
        _w("WK194203", "Bussum-Noord", 5.1720, 52.2830, "1403", "Bussum",
           ["Comeniuslaan", "Huizerweg", "Lothariuslaan", "Graaf Wichmanlaan"]),
        _w("WK194204", "Naarden-Vesting", 5.1620, 52.2960, "1411", "Naarden",
           ["Marktstraat", "Cattenhagestraat", "Turfpoortstraat", "Kloosterstraat"]),
        _w("WK194205", "Naarden-Oost", 5.1850, 52.2880, "1412", "Naarden",
           ["Amersfoortsestraatweg", "Keverdijk", "Godelindeweg", "Rijksweg"]),
        _w("WK194206", "Muiden", 5.0690, 52.3300, "1398", "Muiden",
           ["Herengracht", "Naarderstraat", "Kazernestraat", "Sluisstraat"], 1600),
        _w("WK194207", "Muiderberg", 5.1180, 52.3270, "1399", "Muiderberg",
           ["Dorpsstraat", "Googweg", "Badlaan", "Ventweg"], 1500),
    )),
    MunicipalitySpec("GM0417", "Laren", "Gooi en Vechtstreek", "035", (
        _w("WK041701", "Laren", 5.2270, 52.2560, "1251", "Laren",
           ["Brink", "Naarderstraat", "Eemnesserweg", "Zevenend"], 1800),
    )),
    MunicipalitySpec("GM0376", "Blaricum", "Gooi en Vechtstreek", "035", (
        _w("WK037601", "Blaricum-Dorp", 5.2430, 52.2720, "1261", "Blaricum",
           ["Huizerweg", "Torenlaan", "Dorpsstraat", "Schoolweg"], 1500),
        _w("WK037602", "Bijvanck", 5.2560, 52.2840, "1262", "Blaricum",
           ["Bijvanck", "Bierweg", "Fransche Kampweg", "Stroomzijde"], 1200),
    )),
    MunicipalitySpec("GM0317", "Eemnes", "Gooi en Vechtstreek", "035", (
        _w("WK031701", "Eemnes", 5.2580, 52.2530, "3755", "Eemnes",
           ["Wakkerendijk", "Laarderweg", "Torenzicht", "Zuidersingel"], 1800),
    )),
    MunicipalitySpec("GM1696", "Wijdemeren", "Gooi en Vechtstreek", "035", (
        _w("WK169601", "Loosdrecht", 5.0730, 52.2010, "1231", "Loosdrecht",
           ["Oud-Loosdrechtsedijk", "Nieuw-Loosdrechtsedijk", "Veendijk", "Rading"], 2200),
        _w("WK169602", "Kortenhoef", 5.1070, 52.2380, "1241", "Kortenhoef",
           ["Kortenhoefsedijk", "Moleneind", "Koninginnelaan", "Emmaweg"], 1400),
        _w("WK169603", "'s-Graveland", 5.1230, 52.2460, "1243", "'s-Graveland",
           ["Noordereinde", "Zuidereinde", "Leeuwenlaan", "Kininelaan"], 1400),
        _w("WK169604", "Ankeveen", 5.0960, 52.2620, "1244", "Ankeveen",
           ["Stichts End", "Cattenbroek", "Herenweg", "Noorderlaan"], 1400),
        _w("WK169605", "Nederhorst den Berg", 5.0450, 52.2620, "1394", "Nederhorst den Berg",
           ["Dammerweg", "Kerkstraat", "Middenweg", "Overmeerseweg"], 1700),
    )),
    MunicipalitySpec("GM0534", "Hillegom", "Bollenstreek", "0252", (
        _w("WK053401", "Hillegom-Centrum", 4.5830, 52.2910, "2181", "Hillegom",
           ["Hoofdstraat", "Van den Endelaan", "Mariastraat", "Leidsestraat"]),
        _w("WK053402", "Hillegom-Noord", 4.5850, 52.3010, "2182", "Hillegom",
           ["Pastoorslaan", "Weerlaan", "Meerlaan", "Elsbroekerlaan"]),
        _w("WK053403", "Hillegom-Zuid", 4.5780, 52.2820, "2183", "Hillegom",
           ["Olympiaweg", "Weeresteinstraat", "Sixlaan", "Beeklaan"]),
    )),
    MunicipalitySpec("GM0553", "Lisse", "Bollenstreek", "0252", (
        _w("WK055301", "Lisse-Centrum", 4.5570, 52.2580, "2161", "Lisse",
           ["Heereweg", "Kanaalstraat", "Grachtweg", "Nassaustraat"]),
        _w("WK055302", "Lisse-Noord", 4.5560, 52.2680, "2162", "Lisse",
           ["Westerdreef", "Oranjelaan", "Ruishornlaan", "Zandlaan"]),
        _w("WK055303", "Lisse-Zuid", 4.5640, 52.2480, "2163", "Lisse",
           ["Vierde Poellaan", "Schoolstraat", "Hyacinthenlaan", "Ringvaartweg"]),
        _w("WK055304", "Poelpolder", 4.5420, 52.2530, "2164", "Lisse",
           ["Poellaan", "Stationsweg", "Tulpenlaan", "Keukenhofdreef"]),
    )),
    MunicipalitySpec("GM1525", "Teylingen", "Bollenstreek", "0252", (
        _w("WK152501", "Sassenheim-Centrum", 4.5220, 52.2250, "2171", "Sassenheim",
           ["Hoofdstraat", "Parklaan", "Julianalaan", "Kerkweg"]),
        _w("WK152502", "Sassenheim-Zuid", 4.5290, 52.2160, "2172", "Sassenheim",
           ["Wasbeeklaan", "Menne Feller", "Rusthofpark", "Teylingerlaan"]),
        _w("WK152503", "Voorhout", 4.4850, 52.2220, "2215", "Voorhout",
           ["Herenstraat", "Jacoba van Beierenlaan", "Oosthoutlaan", "Sandtlaan"], 1600),
        _w("WK152504", "Warmond", 4.5000, 52.1960, "2361", "Warmond",
           ["Dorpsstraat", "Herenweg", "Sweilandstraat", "Veerpolder"], 1500),
    )),
    MunicipalitySpec("GM0575", "Noordwijk", "Bollenstreek", "071", (
        _w("WK057501", "Noordwijk-Binnen", 4.4460, 52.2360, "2201", "Noordwijk",
           ["Voorstraat", "Lijnbaan", "Kerkstraat", "Herenweg"]),
        _w("WK057502", "Noordwijk aan Zee", 4.4280, 52.2410, "2202", "Noordwijk",
           ["Hoofdstraat", "Quarles van Uffordstraat", "Kerkplein", "Zeereep"]),
        _w("WK057503", "Noordwijk-Zuid", 4.4440, 52.2250, "2203", "Noordwijk",
           ["Boechorsterlaan", "Beeklaan", "Van Panhuysstraat", "Duinweg"]),
        _w("WK057504", "Noordwijkerhout", 4.4930, 52.2610, "2211", "Noordwijkerhout",
           ["Dorpsstraat", "Havenstraat", "Zeestraat", "Victorialaan"], 1700),
    )),
)

WIJKEN: dict[str, WijkSpec] = {w.code: w for m in MUNICIPALITIES for w in m.wijken}
MUNICIPALITY_OF: dict[str, MunicipalitySpec] = {
    w.code: m for m in MUNICIPALITIES for w in m.wijken
}
