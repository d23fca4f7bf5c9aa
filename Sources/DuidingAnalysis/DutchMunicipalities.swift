/// Dutch municipality names, for screening quotes: a quote that names a municipality can
/// identify a council member or an official. The 342 municipalities of 1 January 2024 (after
/// the mergers of 2022–2023: Dijk en Waard, Land van Cuijk, Maashorst, Purmerend with Beemster,
/// Amsterdam with Weesp, Voorne aan Zee), per province, written from the CBS list, plus the
/// names people use for two of them.
public enum DutchMunicipalities {
    public static let names: [String] = groningen + friesland + drenthe + overijssel + flevoland + gelderland
        + utrecht + noordHolland + zuidHolland + zeeland + noordBrabant + limburg

    /// Everyday names of municipalities whose official name differs.
    public static let aliases = ["Den Haag", "Den Bosch", "Nuenen"]

    /// Names that are also ordinary Dutch words (`best`, `buren`, `putten`, `houten`): matched
    /// only when capitalised and not at the start of a sentence.
    public static let ordinaryWords: Set<String> = [
        "Assen", "Beek", "Berg en Dal", "Bergen", "Best", "Buren", "Delft", "Duiven", "Gouda", "Hoorn", "Houten",
        "Huizen", "Hulst", "Kampen", "Landgraaf", "Leiden", "Losser", "Putten", "Sluis", "Vaals", "Voorst",
        "Waterland", "Weert", "Wierden",
    ]

    static let groningen = [
        "Eemsdelta", "Groningen", "Het Hogeland", "Midden-Groningen", "Oldambt", "Pekela", "Stadskanaal", "Veendam",
        "Westerkwartier", "Westerwolde",
    ]
    static let friesland = [
        "Achtkarspelen", "Ameland", "Dantumadiel", "De Fryske Marren", "Harlingen", "Heerenveen", "Leeuwarden",
        "Noardeast-Fryslân", "Ooststellingwerf", "Opsterland", "Schiermonnikoog", "Smallingerland", "Súdwest-Fryslân",
        "Terschelling", "Tytsjerksteradiel", "Vlieland", "Waadhoeke", "Weststellingwerf",
    ]
    static let drenthe = [
        "Aa en Hunze", "Assen", "Borger-Odoorn", "Coevorden", "De Wolden", "Emmen", "Hoogeveen", "Meppel",
        "Midden-Drenthe", "Noordenveld", "Tynaarlo", "Westerveld",
    ]
    static let overijssel = [
        "Almelo", "Borne", "Dalfsen", "Deventer", "Dinkelland", "Enschede", "Haaksbergen", "Hardenberg", "Hellendoorn",
        "Hengelo", "Hof van Twente", "Kampen", "Losser", "Oldenzaal", "Olst-Wijhe", "Ommen", "Raalte", "Rijssen-Holten",
        "Staphorst", "Steenwijkerland", "Tubbergen", "Twenterand", "Wierden", "Zwartewaterland", "Zwolle",
    ]
    static let flevoland = ["Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"]
    static let gelderland = [
        "Aalten", "Apeldoorn", "Arnhem", "Barneveld", "Berg en Dal", "Berkelland", "Beuningen", "Bronckhorst", "Brummen",
        "Buren", "Culemborg", "Doesburg", "Doetinchem", "Druten", "Duiven", "Ede", "Elburg", "Epe", "Ermelo",
        "Harderwijk", "Hattem", "Heerde", "Heumen", "Lingewaard", "Lochem", "Maasdriel", "Montferland", "Neder-Betuwe",
        "Nijkerk", "Nijmegen", "Nunspeet", "Oldebroek", "Oost Gelre", "Oude IJsselstreek", "Overbetuwe", "Putten",
        "Renkum", "Rheden", "Rozendaal", "Scherpenzeel", "Tiel", "Voorst", "Wageningen", "West Betuwe",
        "West Maas en Waal", "Westervoort", "Wijchen", "Winterswijk", "Zaltbommel", "Zevenaar", "Zutphen",
    ]
    static let utrecht = [
        "Amersfoort", "Baarn", "Bunnik", "Bunschoten", "De Bilt", "De Ronde Venen", "Eemnes", "Houten", "IJsselstein",
        "Leusden", "Lopik", "Montfoort", "Nieuwegein", "Oudewater", "Renswoude", "Rhenen", "Soest", "Stichtse Vecht",
        "Utrecht", "Utrechtse Heuvelrug", "Veenendaal", "Vijfheerenlanden", "Wijk bij Duurstede", "Woerden",
        "Woudenberg", "Zeist",
    ]
    static let noordHolland = [
        "Aalsmeer", "Alkmaar", "Amstelveen", "Amsterdam", "Bergen", "Beverwijk", "Blaricum", "Bloemendaal", "Castricum",
        "Den Helder", "Diemen", "Dijk en Waard", "Drechterland", "Edam-Volendam", "Enkhuizen", "Gooise Meren", "Haarlem",
        "Haarlemmermeer", "Heemskerk", "Heemstede", "Heiloo", "Hilversum", "Hollands Kroon", "Hoorn", "Huizen",
        "Koggenland", "Landsmeer", "Laren", "Medemblik", "Oostzaan", "Opmeer", "Ouder-Amstel", "Purmerend", "Schagen",
        "Stede Broec", "Texel", "Uitgeest", "Uithoorn", "Velsen", "Waterland", "Wijdemeren", "Wormerland", "Zaanstad",
        "Zandvoort",
    ]
    static let zuidHolland = [
        "Albrandswaard", "Alblasserdam", "Alphen aan den Rijn", "Barendrecht", "Bodegraven-Reeuwijk",
        "Capelle aan den IJssel", "Delft", "Dordrecht", "Goeree-Overflakkee", "Gorinchem", "Gouda",
        "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Hillegom", "Hoeksche Waard", "Kaag en Braassem", "Katwijk",
        "Krimpen aan den IJssel", "Krimpenerwaard", "Lansingerland", "Leiden", "Leiderdorp", "Leidschendam-Voorburg",
        "Lisse", "Maassluis", "Midden-Delfland", "Molenlanden", "Nieuwkoop", "Nissewaard", "Noordwijk", "Oegstgeest",
        "Papendrecht", "Pijnacker-Nootdorp", "Ridderkerk", "Rijswijk", "Rotterdam", "Schiedam", "Sliedrecht",
        "'s-Gravenhage", "Teylingen", "Vlaardingen", "Voorne aan Zee", "Voorschoten", "Waddinxveen", "Wassenaar",
        "Westland", "Zoetermeer", "Zoeterwoude", "Zuidplas", "Zwijndrecht",
    ]
    static let zeeland = [
        "Borsele", "Goes", "Hulst", "Kapelle", "Middelburg", "Noord-Beveland", "Reimerswaal", "Schouwen-Duiveland",
        "Sluis", "Terneuzen", "Tholen", "Veere", "Vlissingen",
    ]
    static let noordBrabant = [
        "Alphen-Chaam", "Altena", "Asten", "Baarle-Nassau", "Bergeijk", "Bergen op Zoom", "Bernheze", "Best", "Bladel",
        "Boekel", "Boxtel", "Breda", "Cranendonck", "Deurne", "Dongen", "Drimmelen", "Eersel", "Eindhoven", "Etten-Leur",
        "Geertruidenberg", "Geldrop-Mierlo", "Gemert-Bakel", "Gilze en Rijen", "Goirle", "Halderberge", "Heeze-Leende",
        "Helmond", "'s-Hertogenbosch", "Heusden", "Hilvarenbeek", "Laarbeek", "Land van Cuijk", "Loon op Zand",
        "Maashorst", "Meierijstad", "Moerdijk", "Nuenen, Gerwen en Nederwetten", "Oirschot", "Oisterwijk", "Oosterhout",
        "Oss", "Reusel-De Mierden", "Roosendaal", "Rucphen", "Sint-Michielsgestel", "Someren", "Son en Breugel",
        "Steenbergen", "Tilburg", "Valkenswaard", "Veldhoven", "Vught", "Waalre", "Waalwijk", "Woensdrecht", "Zundert",
    ]
    static let limburg = [
        "Beek", "Beekdaelen", "Beesel", "Bergen", "Brunssum", "Echt-Susteren", "Eijsden-Margraten", "Gennep",
        "Gulpen-Wittem", "Heerlen", "Horst aan de Maas", "Kerkrade", "Landgraaf", "Leudal", "Maasgouw", "Maastricht",
        "Meerssen", "Mook en Middelaar", "Nederweert", "Peel en Maas", "Roerdalen", "Roermond", "Simpelveld",
        "Sittard-Geleen", "Stein", "Vaals", "Valkenburg aan de Geul", "Venlo", "Venray", "Voerendaal", "Weert",
    ]
}
