#!/usr/bin/env python3
"""Maakt realistic-a.csv: 400 fictieve antwoorden op de open vragen
'effecten' en 'ondersteuning' van de Monitor Integriteit en Veiligheid,
met handmatige (gouden) codering.

Elke antwoordregel is individueel geschreven. Per regel:
  (vraag, tekst, codes, hard_negative_soort, rol)
  vraag  : "e" = effecten, "o" = ondersteuning
  codes  : letters c=caution a=avoidance v=vigilance p=psych_impact t=training_need
  hn     : soort 'hard negative' (valkuil) of None
           neg        = ontkenning ("niet banger", "geen behoefte aan cursus")
           other      = voorzichtigheid/alertheid/vermijding van ANDEREN
           tr_done    = training al gevolgd / voldoende (of lijkt erop)
           tr_other   = training voor anderen
           look       = woord lijkt op thema maar is het niet
           fear_other = angst/stress over iets anders dan agressie
  rol    : beperking op achtergrond, bv "g:wethouder", "g:pol", "pol", "mw",
           "w", "p:statenlid"; met "|m" of "|v" voor geslacht.
Achtergrondkolommen worden met een vaste seed toegekend; de teksten niet.
"""
import csv
import random
from collections import Counter

THEMES = [("c", "caution"), ("a", "avoidance"), ("v", "vigilance"),
          ("p", "psych_impact"), ("t", "training_need")]

ANSWERS = [
    # ------------------------------------------------------------------
    # EFFECTEN
    # ------------------------------------------------------------------
    ("e", "Ik denk nu twee keer na voordat ik iets op Facebook zet.", "c"),
    ("e", "ik tel tot tien voor ik iets post", "c"),
    ("e", "Ik houd mijn mond vaker in de raad, zeker bij gevoelige onderwerpen zoals het azc en de windmolens.", "c", None, "g:pol"),
    ("e", "Terughoudender in uitspraken richting pers.", "c", None, "pol"),
    ("e", "Ik weeg mijn woorden meer dan vroeger, vooral online.", "c"),
    ("e", "voorzigtiger met wat ik zeg", "c"),
    ("e", "Ik zeg minder snel wat ik echt vind. Dat vind ik eigenlijk kwalijk van mezelf, want daarvoor ben ik gekozen.", "c", None, "pol"),
    ("e", "Geen uitgesproken standpunten meer op social media, alleen nog neutrale berichtjes over activiteiten in de wijk.", "c"),
    ("e", "ik kijk wel uit wat ik zeg tegenwoordig", "c"),
    ("e", "Ik deel niks meer over mijn gezin online en ben zuiniger geworden met mijn mening.", "c"),
    ("e", "Zelfcensuur, eerlijk gezegd. Ik laat een stuk eerst door een fractiegenoot lezen voordat ik het publiceer.", "c", None, "pol"),
    ("e", "Over het stikstofdossier plaats ik niks meer. Te veel gedoe gehad.", "c"),
    ("e", "minder scherp in het debat", "c", None, "pol"),
    ("e", "Bij interviews vraag ik tegenwoordig altijd de tekst ter inzage en ik zeg vaker 'daar ga ik niet over'.", "c", None, "pol"),
    ("e", "Ik laat me niet meer zien op de markt.", "a"),
    ("e", "Ik ga niet meer alleen over straat als het donker is.", "a"),
    ("e", "Van twitter af. Was niet meer te doen.", "a"),
    ("e", "Bepaalde wijken mijd ik, ook privé.", "a"),
    ("e", "Bewonersavonden over de opvang sla ik over, daar stuur ik nu een ambtenaar naartoe.", "a", None, "g:wethouder"),
    ("e", "ik ga niet meer naar de appie in mijn eigen dorp maar rij naar het volgende dorp", "a"),
    ("e", "Facebookaccount verwijderd en ik kom niet meer in het café waar ik vroeger elke vrijdag zat.", "a"),
    ("e", "Ik vermijd die man zoveel mogelijk. Als ik hem in de sportschool zie ga ik een andere keer.", "a"),
    ("e", "Ik kijk vaker achterom als ik 's avonds naar mijn auto loop.", "v"),
    ("e", "Meer allert op wie er voor de deur staat.", "v"),
    ("e", "Ik check altijd eerst wie er aanbelt voor ik opendoe. Deurbel met camera gekocht.", "v"),
    ("e", "Ben alerter op mijn omgeving, vooral na raadsvergaderingen als ik naar huis fiets.", "v", None, "g:pol"),
    ("e", "ik let beter op of er iemand bij mijn auto rondhangt en rij soms een blokje om voor ik de straat in ga", "v"),
    ("e", "Bewuster van wie er op de publieke tribune zit.", "v", None, "pol"),
    ("e", "Mijn antenne staat altijd aan tegenwoordig.", "v"),
    ("e", "Meer awareness van mijn omgeving. In een restaurant zit ik het liefst met mijn rug naar de muur.", "v"),
    ("e", "Ik slaap er slecht van.", "p"),
    ("e", "mijn vrouw schrikt van elke bel", "p"),
    ("e", "Angst. Gewoon angst.", "p"),
    ("e", "veel stres en spanning, ook thuis", "p"),
    ("e", "Mijn kinderen vragen of papa wel veilig is. Dat doet pijn.", "p", None, "|m"),
    ("e", "Het plezier in het werk is flink minder. Ik twijfel of ik me nog verkiesbaar stel.", "p", None, "pol"),
    ("e", "Ik ben een tijd overspannen geweest en heb zes weken thuisgezeten.", "p"),
    ("e", "psygisch zwaar, heb er met de huisarts over gehad", "p"),
    ("e", "Boosheid. Ik ben er echt kwaad om dat dit in Nederland kan.", "p"),
    ("e", "Verdriet. Het voelt alsof mijn eigen dorp zich tegen me keert.", "p", None, "g"),
    ("e", "onveilig gevoel", "p"),
    ("e", "Mijn dochter van 12 durft niet meer alleen thuis te zijn sinds er een steen door de ruit ging.", "p"),
    ("e", "Het knaagt. Ik ben sneller geïrriteerd en kort aangebonden thuis.", "p"),
    ("e", "Ik ben voorzichtiger geworden in wat ik post en ik kijk vaker om me heen als ik de fiets pak.", "cv"),
    ("e", "Slecht slapen, piekeren, en naar de braderie ga ik niet meer.", "ap"),
    ("e", "Angstig. Gordijnen blijven dicht en ik kijk elke keer wie er langs loopt.", "vp"),
    ("e", "Ik ben uit de groepsapp van het dorp gestapt. Mijn man maakt zich veel zorgen.", "ap", None, "|v"),
    ("e", "Nou waar zal ik beginnen. Na die avond in de gymzaal over de opvang ben ik eigenlijk anders gaan leven. Ik zet niks persoonlijks meer online, ik ga niet meer in mijn eentje boodschappen doen in het centrum en als ik thuiskom kijk ik eerst of er niemand in de straat staat te wachten. Mijn vrouw zegt dat ik 's nachts lig te woelen. Of het allemaal nog waard is weet ik niet.", "cavp", None, "g:pol|m"),
    ("e", "- minder posten\n- niet meer alleen naar de markt\n- slecht slapen", "cap"),
    ("e", "stress; alerter; minder posten", "cvp"),
    ("e", "ik ben niet banger geworden, wel bozer", "p", "neg"),
    ("e", "Niet bang, maar ik kijk wel vaker achterom.", "v", "neg"),
    ("e", "Ik vermijd niks, ik ga overal gewoon heen. Wel denk ik beter na over wat ik op Facebook zet.", "c", "neg"),
    ("e", "Geen effecten op mijn gedrag. Ik laat me niet kisten.", "", "neg"),
    ("e", "Collega's zijn voorzichtiger geworden, ik zelf eigenlijk niet.", "", "other"),
    ("e", "De organisatie is veel alerter, er staan nu beveiligers bij de raadsvergadering. Voor mij persoonlijk verandert er weinig.", "", "other", "g"),
    ("e", "Mijn partner is banger dan ik, ik maak me er zelf niet zo druk om.", "p", "neg"),
    ("e", "Geen. Het hoort er een beetje bij helaas.", ""),
    ("e", "nvt", ""),
    ("e", "zie vorige vraag", ""),
    ("e", "Ik ben voorzichtig optimistisch dat het na de verkiezingen rustiger wordt.", "", "look"),
    ("e", "ik mijd de vergaderingen niet, ik ga juist vaker om te laten zien dat ik me niet laat wegjagen", "", "look", "pol"),
    ("e", "Ik ben vooral bang dat goede mensen afhaken en we straks geen kandidaten meer hebben voor de lijst.", "", "fear_other", "pol"),
    ("e", "Bang dat de dijkversterking nog meer vertraging oploopt door al die bezwaarprocedures.", "", "fear_other", "w"),
    ("e", "Ik merk dat ik niet goed weet hoe ik moet reageren als iemand gaat schreeuwen. Daar zou ik wel een training in willen.", "t"),
    ("e", "Ik zeg het niet meer hardop in de commissie, ik mail het liever achteraf naar de wethouder.", "c", None, "g:raadslid"),
    ("e", "Ik fiets niet meer door het park na een avondvergadering, ik neem de grote weg.", "a"),
    ("e", "Op verjaardagen zeg ik niet meer dat ik in de raad zit.", "c", None, "g:raadslid"),
    ("e", "Ik heb mijn naam van de brievenbus gehaald en mijn adres laten afschermen.", "v"),
    ("e", "Minder zin in het raadswerk. Je vraagt je af waar je het voor doet.", "p", None, "g:raadslid"),
    ("e", "Ik ben er kapot van geweest, echt. Nu gaat het weer iets beter.", "p"),
    ("e", "Ik schrik als de telefoon gaat met een anoniem nummer.", "p"),
    ("e", "Ik ga geen discussies meer aan op straat. Als iemand begint loop ik door.", "ca"),
    ("e", "Ik heb de afgelopen maanden veel last van hoofdpijn en concentratieproblemen, volgens de bedrijfsarts door de spanning.", "p"),
    ("e", "Ik zorg dat ik nooit meer als laatste het stadhuis uit loop, dat vermijd ik gewoon.", "a", None, "g"),
    ("e", "Ik kijk op straat vaker of ik gevolgd word. Klinkt paranoïde, ik weet het.", "v"),
    ("e", "Na afloop let ik op wie er rondhangt bij de parkeerplaats.", "v"),
    ("e", "Geen, ik ben niet zo snel onder de indruk.", "", "neg"),
    ("e", "Ik ben niet voorzichtiger geworden. Ik zeg nog steeds wat ik vind, misschien zelfs wat feller.", "", "neg"),
    ("e", "Mijn fractiegenoten zijn allemaal terughoudender geworden, dat merk je aan de debatten. Ik zelf probeer dat niet te doen.", "", "other", "pol"),
    ("e", "Ik ben alerter geworden op fouten in de stukken, dat is dan weer een positief effect van meer druk 🙂", "", "look"),
    ("e", "niet van toepassing, ik heb geen agressie meegemaakt", ""),
    ("e", "Zeer bang. Ik heb een tijdje bij mijn ouders geslapen.", "ap"),
    ("e", "Ik schrik wakker van elk geluid. Mijn zoon vraagt steeds of 'die man' weer komt.", "p"),
    ("e", "Wij (ik en mijn vriendin) gaan niet meer uit eten in de eigen gemeente.", "a", None, "g"),
    ("e", "Ik ben minder spontaan in gesprekken met inwoners, ik houd een slag om de arm.", "c"),
    ("e", "Ik geef geen interviews meer aan de lokale omroep.", "a", None, "pol"),
    ("e", "Ik ben veel stiller geworden op bijeenkomsten. Vroeger stond ik vooraan, nu sta ik achteraan en zeg ik weinig.", "c"),
    ("e", "Hartkloppingen als ik de naam van die persoon in mijn mailbox zie.", "p"),
    ("e", "Het heeft effect op mijn hele gezin; we hebben er thuis veel over gepraat en mijn oudste slaapt slecht.", "p"),
    ("e", "Ik ga nooit meer zonder iemand erbij op huisbezoek.", "a", None, "g:medewerker"),
    ("e", "Bij de balie ben ik alerter, ik zit dichter bij de noodknop en hou de wachtruimte in de gaten.", "v", None, "g:medewerker"),
    ("e", "Geen effect op mijn privé gedrag. Op het werk wel iets alerter als er iemand boos binnenkomt.", "v", "neg", "mw"),
    ("e", "In de raad ben ik er niet stiller door geworden. Thuis slaap ik wel slechter.", "p", "neg", "g:pol"),
    ("e", "Geen angst, wel irritatie dat de politie er niks mee doet.", "p", "neg"),
    ("e", "Ik ben niet bang, ik ben wel voorzichtiger met wat ik zeg over de opvang.", "c", "neg"),
    ("e", "De politie is terughoudend, dat vind ik het ergste. Zelf merk ik er weinig van.", "", "other"),
    ("e", "Mijn collega's op de afdeling letten nu meer op elkaar.", "", "other", "mw"),
    ("e", "Weet niet", ""),
    ("e", "Lastig te zeggen. Het sluipt erin.", ""),
    ("e", "Ik durf mijn kinderen niet meer alleen naar school te laten fietsen.", "p"),
    ("e", "ik denk er vaak aan, ook in het weekend. kan het niet loslaten", "p"),
    ("e", "Ik reageer niet meer op ingezonden brieven in de krant, ook al klopt er niks van.", "c", None, "pol"),
    ("e", "Zelf ga ik niet meer naar de kermis en de intocht van Sinterklaas, mijn vrouw gaat met de kinderen.", "a", None, "|m"),
    ("e", "Ik kom minder in de wijk waar het incident was. Bewust.", "a"),
    ("e", "Scherper op wat er om me heen gebeurt. Als er een auto met draaiende motor voor de deur staat ga ik kijken wie het is.", "v"),
    ("e", "Ik parkeer nu altijd op een plek met camera's en kijk even rond voordat ik uitstap.", "v"),
    ("e", "ik ben waakzamer, vooral als ik met de kinderen op pad ben", "v"),
    ("e", "Verhoogde alertheid, ook richting mijn gezin. Ik heb mijn vrouw gevraagd om ook op te letten.", "v", None, "|m"),
    ("e", "Ik wil eigenlijk niet meer. Ik stop na deze periode, de lol is eraf.", "p", None, "pol"),
    ("e", "Effect is vooral op mijn partner, die wil niet dat ik nog 's avonds alleen naar huis fiets.", "p"),
    ("e", "Ik voel me in mijn eigen huis niet meer veilig.", "p"),
    ("e", "Er was een periode van paniekaanvallen. Nu gaat het beter met hulp.", "p"),
    ("e", "Geen effecten. Wel vind ik het jammer dat het debat zo verruwt.", ""),
    ("e", "Ik ben er sterker door geworden, eerlijk gezegd.", ""),
    ("e", "Zoals eerder aangegeven: voorzichtiger in mijn communicatie, en ik vermijd de sociale media rond gevoelige besluiten.", "ca"),
    ("e", "Ik zeg vaker 'geen commentaar'.", "c", None, "pol"),
    ("e", "Ik houd me gedeisd op X, ik lees alleen nog mee.", "c"),
    ("e", "Ik ga niet meer alleen de wijk in voor de schouw, altijd met een collega.", "a", None, "g:medewerker"),
    ("e", "Ik ontloop bepaalde insprekers zo veel mogelijk, in de pauze blijf ik in de fractiekamer.", "a", None, "g:pol"),
    ("e", "Bij elk pakketje dat bezorgd wordt denk ik even: wat zit erin? Ik bekijk het eerst goed.", "v"),
    ("e", "Ik merk het aan mijn lijf: gespannen schouders, hoofdpijn, slecht eten.", "p"),
    ("e", "De rek is eruit. Ik ben op.", "p"),
    ("e", "Mijn vriend heeft er meer last van dan ik, hij slaapt slecht sinds de dreigbrief.", "p"),
    ("e", "Ik doe niet meer zomaar open en de kinderen ook niet. Ze zijn er onrustig van.", "vp"),
    ("e", "Ik twijfel bij elk persbericht of ik het wel zo kan zeggen. Dat kost ontzettend veel tijd.", "c", None, "pol"),
    ("e", "Niets veranderd hoor. Ik was altijd al zorgvuldig.", "", "neg"),
    ("e", "Ik ben er niet minder door gaan posten, juist meer. Laat ze maar.", "", "neg"),
    ("e", "Effecten op de organisatie: er is een beveiligingsprotocol en de receptie is alerter. Persoonlijk geen.", "", "other"),
    ("e", "Mijn burgemeester is voorzichtiger geworden met uitspraken, dat merk je in het college.", "", "other", "g:wethouder"),
    ("e", "Ik vermijd het woord 'azc' in mijn posts, ik schrijf nu 'opvanglocatie'. Scheelt een hoop reacties.", "c", "look"),
    ("e", "Ik mijd geen enkele plek, maar ik ben wel alerter als ik alleen ben.", "v", "neg"),
    ("e", "Ik ben niet angstig maar wel op mijn hoede.", "v", "neg"),
    ("e", "Na de bedreiging ben ik een week niet naar het gemeentehuis gegaan. Ik kon het niet opbrengen.", "ap", None, "g"),
    ("e", "Ik neem mijn dochter niet meer mee naar openbare bijeenkomsten, bang dat zij ook iets naar haar hoofd krijgt.", "ap"),
    ("e", "Ik ga sporten in een andere stad.", "a"),
    ("e", "Ik fiets niet meer met de kinderen langs het huis van die meneer.", "a"),
    ("e", "Ik let beter op mijn spullen en laat mijn laptop nooit meer onbeheerd achter in de raadzaal.", "v", None, "g:pol"),
    ("e", "Ik heb mezelf aangeleerd om te kijken waar de uitgang is als ik ergens binnenkom.", "v"),
    ("e", "Veel piekeren en twijfelen aan mezelf. Heb ik het wel goed gedaan?", "p"),
    ("e", "Ik huil sneller. Ik herken mezelf soms niet meer.", "p"),
    ("e", "Mijn ouders zijn er erg ongerust over.", "p"),
    ("e", "Ik ben wat huiveriger geworden om me publiekelijk uit te spreken over de windparken.", "c"),
    ("e", "Terughoudend met het aannemen van uitnodigingen voor openbare evenementen.", "a", "look"),
    ("e", "Eerst dacht ik: het valt wel mee. Maar ik merk dat ik sinds die avond bij elke auto die langzaam rijdt even kijk wie erin zit. En ik hou mijn mond vaker dicht in de commissie. Mijn vriendin vindt dat ik veranderd ben, ik ben korter van stof.", "cvp", None, "pol"),
    ("e", "Ben niet geschrokken, heb wel een melding gedaan bij de politie en dat was het.", "", "neg"),
    ("e", "<p>Ik ben voorzichtiger geworden met wat ik online zet.</p><p>Verder gaat het goed.</p>", "c"),
    ("e", "Minder zichtbaar in de wijk&nbsp;en ik slaap slechter.", "ap"),
    ("e", "ik kijk om me heen 👀 als ik uit de raadszaal kom", "v", None, "g:pol"),
    ("e", "Slapeloze nachten 😞", "p"),
    ("e", "Ik ben een stuk achterdochtiger naar mensen die ik niet ken.", "v"),
    ("e", "Ik doe de deur op slot als ik thuis ben, vroeger nooit. En ik kijk eerst door het raampje.", "v"),
    ("e", "mn vrouw en ik praten er veel over, ze is ongerust. zelf ben ik idd wat stiller op fb", "cp", None, "|m"),
    ("e", "Ik zou graag leren hoe ik met dit soort mensen om moet gaan, want nu word ik er erg zenuwachtig van.", "tp"),
    ("e", "Bij de volgende training over weerbaarheid wil ik zeker aanschuiven.", "t"),
    ("e", "Ik voel me niet onveilig, maar wel ongemakkelijk op bijeenkomsten over de opvang.", "p", "neg"),
    ("e", "De vraag is nogal suggestief, alsof het altijd effect moet hebben.", ""),
    ("e", "Vooral effect op de agenda: we vergaderen nu met beveiliging en dat kost tijd en geld.", ""),
    ("e", "Ik heb geen last van angst maar ik ontwijk wel de Facebookgroep van het dorp.", "a", "neg"),
    ("e", "effect: ik plaats niks meer in de buurtapp, en mijn vrouw is er nog steeds niet gerust op", "cp", None, "|m"),
    ("e", "Mijn werkplezier is weg. Ik werk hier al 23 jaar maar sinds de bedreigingen aan de balie ga ik met buikpijn naar mijn werk.", "p", None, "g:medewerker"),
    ("e", "Ik ben niet terughoudender geworden, wel heb ik geen zin meer in de raad.", "p", "neg", "g:pol"),
    ("e", "Het begon met wat nare mailtjes en later stond er iemand bij mijn huis. Sindsdien ben ik anders. Ik ga niet meer naar de voetbalclub waar ik jarenlang vrijwilliger was, omdat die persoon daar ook komt. Mijn vrouw is er kapot van en wil dat ik stop. Ik heb nog twee jaar, ik maak het af, maar daarna is het klaar.", "ap", None, "pol|m"),
    ("e", "Eerlijk gezegd valt het mee. Ik ben niet bang en ik ga overal gewoon heen, ook naar de markt en de kermis. Wel merk ik dat collega's in het college veel voorzichtiger zijn geworden en dat de ambtenaren zich meer zorgen maken. Dat vind ik zorgelijk voor de lokale democratie, maar voor mij persoonlijk zijn er weinig effecten.", "", "other", "g:wethouder"),
    ("e", "Ik merk dat ik bij ieder voorstel over het dossier eerst nadenk hoe het zal vallen bij de groep die ons steeds bestookt. Dat is niet hoe het zou moeten. Ook heb ik besloten mijn kinderen niet meer op foto's te zetten en plaats ik niets meer over waar ik ben op het moment zelf, hooguit achteraf als ik al weg ben.", "c", None, "pol"),
    ("e", "Lastig om uit te leggen. Ik ben altijd een open mens geweest die iedereen te woord staat, maar na de intimidatie rond het bestemmingsplan ben ik op mijn hoede. Ik scan de zaal als ik binnenkom, ik zorg dat ik niet alleen naar mijn auto loop en ik slaap slecht in de nachten voor een vergadering. Mijn partner heeft me aangeraden om hulp te zoeken.", "avp", None, "g:pol"),
    ("e", "Als dijkgraaf word ik vaak aangesproken over de waterpeilen, meestal netjes. Maar na de droogte kregen we echt boze boeren aan de deur. Ik ben sindsdien terughoudender met uitspraken in de krant, laat de woordvoerder meer het woord doen, en ik ga niet meer in mijn eentje naar de ledenvergaderingen van de LTO.", "ca", None, "w:dijkgraaf"),
    ("e", "Als gedeputeerde ben je gewend aan kritiek. Dit was anders: demonstranten bij mijn huis, mijn kinderen die het op school te horen kregen. Ik heb er slapeloze nachten van gehad en mijn jongste wilde een tijd niet naar school. Op het werk probeer ik het gescheiden te houden, maar dat lukt niet altijd.", "p", None, "p:gedeputeerde"),
    ("e", "ik werk bij vergunningen en sinds een klant mij op de parkeerplaats heeft opgewacht parkeer ik niet meer op de personeelsplaats maar in de garage, ik loop nooit meer alleen naar buiten na vijven en ik check de parkeerplaats via de camera voor ik ga. het gaat verder wel maar het zit in mijn hoofd", "avp", None, "g:medewerker"),
    ("e", "Mijn collega-wethouder mijdt de markt sindsdien, ik ga gewoon elke zaterdag.", "", "other", "g:wethouder"),
    ("e", "Mijn echtgenoot zegt dat ik alerter moet zijn, maar ik vind het wel meevallen.", "", "other", "|v"),
    ("e", "Er wordt op het gemeentehuis beter opgelet wie er binnenkomt, voor mijzelf geen verandering.", "", "other", "g"),
    ("e", "Ik ben nog steeds even open als altijd. Ik ga het gesprek aan en laat me niet wegzetten.", "", "neg"),
    ("e", "Geen angst, geen stress, gewoon doorgaan.", "", "neg"),
    ("e", "Voorzichtig positief, de sfeer in de raad is beter dan vorig jaar.", "", "look", "g:pol"),
    ("e", "Alert blijven op de financiën, de begroting staat onder druk.", "", "look"),
    ("e", "Ik ben vooral bang voor de gevolgen van klimaatverandering voor onze polders, dat houdt me meer bezig.", "", "fear_other", "w"),
    ("e", "Mijn angst is dat het vertrouwen in de politiek nog verder daalt.", "", "fear_other"),
    ("e", "Stress door de hoeveelheid stukken, niet door agressie.", "", "fear_other"),
    ("e", "Ik ben niet gaan vermijden, ik heb juist het gesprek gezocht met de man die mij bedreigde.", "", "neg"),
    ("e", "Onze woordvoerder is terughoudender met het noemen van namen in persberichten.", "", "other"),
    ("e", "De boa's lopen nu met z'n tweeën, dat is een effect. Ik zelf niet.", "", "other", "g"),
    ("e", "Angst heb ik niet, maar ik ontloop die persoon wel als ik hem zie.", "a", "neg"),

    # ------------------------------------------------------------------
    # ONDERSTEUNING
    # ------------------------------------------------------------------
    ("o", "Een cursus weerbaarheid zou fijn zijn.", "t"),
    ("o", "handvatten hoe je zoiets aanpakt", "t"),
    ("o", "trainig omgaan met agressie", "t"),
    ("o", "Coaching", "t"),
    ("o", "Workshop de-escaleren, liefst met de hele raad.", "t", None, "g:pol"),
    ("o", "Voorlichting over wat je wel en niet kunt doen bij online bedreiging.", "t"),
    ("o", "Iets van een weerbaarheidstraining, het liefst samen met de fractie.", "t", None, "pol"),
    ("o", "Ik zou graag leren hoe ik een gesprek kan de-escaleren als iemand verhaal komt halen bij mij thuis.", "t"),
    ("o", "Meer kennis over hoe je jezelf online beschermt: privacy-instellingen, doxing, dat soort dingen.", "t"),
    ("o", "ff een opfriscursus, de laatste training is alweer 4 jaar geleden", "t"),
    ("o", "Een coach die meekijkt hoe ik hiermee om moet gaan, want ik lig er nog steeds wakker van.", "tp"),
    ("o", "Mindset training: hoe laat je het niet te dicht bij je komen.", "t"),
    ("o", "Een online module over omgaan met haat op social media.", "t"),
    ("o", "Intervisie met andere wethouders om van elkaar te leren hoe je dit aanpakt.", "t", None, "g:wethouder"),
    ("o", "De training van vorig jaar was goed, maar een vervolg zou welkom zijn.", "t", "tr_done"),
    ("o", "Oefenen met lastige situaties, bijvoorbeeld met een trainingsacteur.", "t"),
    ("o", "Een training voor het hele college, inclusief mijzelf.", "t", None, "g:wethouder"),
    ("o", "Weerbaarheidstraining!!", "t"),
    ("o", "cursus zelfverdediging", "t"),
    ("o", "Leren hoe je grenzen stelt bij boze inwoners zonder dat het escaleert.", "t"),
    ("o", "iets met awareness training, hoe herken je signalen dat iemand over de grens gaat", "t"),
    ("o", "bv een workshop voor nieuwe raadsleden waar ik dan ook aan mee kan doen", "t", None, "g:raadslid"),
    ("o", "Een sessie met een expert over hoe je reageert op bedreigingen via de mail.", "t"),
    ("o", "Ik heb behoefte aan praktische tips. Wat doe je als iemand voor je deur staat te schreeuwen? Ik heb eigenlijk geen idee.", "t"),
    ("o", "Een goede cursus, geen powerpoint van een uur maar echt oefenen.", "t"),
    ("o", "Ik wil graag getraind worden in het voeren van moeilijke gesprekken aan de telefoon.", "t", None, "mw"),
    ("o", "Mediatraining, zodat ik weet hoe ik me uitdruk zonder olie op het vuur te gooien.", "t", None, "pol"),
    ("o", "Coaching on the job bij lastige dossiers.", "t"),
    ("o", "Een weerbaarheidstraining voor mij en mijn partner, want zij krijgt het ook over zich heen.", "t"),
    ("o", "Begeleiding van een coach. Ik ben er nog steeds niet helemaal overheen.", "tp"),
    ("o", "Meer voorlichting aan raadsleden over de risico's van social media, ik weet daar zelf te weinig van.", "t", None, "g:raadslid"),
    ("o", "Training en een vast aanspreekpunt bij de politie.", "t"),
    ("o", "- training\n- vertrouwenspersoon\n- sneller reageren door de griffie", "t", None, "g:pol"),
    ("o", "Cursus; juridisch advies; beveiliging van mijn woning", "t"),
    ("o", "Handreikingen en een training over hoe om te gaan met intimidatie bij besluiten over de opvang.", "t"),
    ("o", "ik weet eigenlijk niet goed wat ik moet doen als het weer gebeurt, dus iets van uitleg of een training", "t"),
    ("o", "leren omgaan met kritiek en agressie op sociale media", "t"),
    ("o", "Een korte training bij de start van de raadsperiode zou iedereen moeten krijgen, ik ook.", "t", None, "g:pol"),
    ("o", "Tools om het los te laten als ik thuiskom. Ik neem het te veel mee naar huis.", "tp"),
    ("o", "Handvatten voor gesprekken met boze agrariërs.", "t"),
    ("o", "Een training zou wel helpen denk ik. Ik schrik nog steeds bij elk hard geluid.", "tp"),
    ("o", "Ik zou een cursus weerbaarheid een goed idee vinden, omdat ik sindsdien voorzichtiger ben met wat ik zeg en dat wil ik eigenlijk niet.", "ct"),
    ("o", "Ondersteuning bij het leren omgaan met bedreigingen, misschien een coachingstraject.", "t"),
    ("o", "een soort EHBO cursus maar dan voor agressie", "t"),
    ("o", "Een webinar over doxing en online veiligheid zou mooi zijn.", "t"),
    ("o", "Training in het herkennen van escalatie aan de balie. Wij staan er vaak alleen voor.", "t", None, "g:medewerker"),
    ("o", "Oefenen met rollenspellen, dat heb ik nooit gedaan.", "t"),
    ("o", "Ik heb vooral behoefte aan skills om het gesprek te keren.", "t"),
    ("o", "Iemand die ons als fractie leert hoe je dit soort situaties samen oppakt.", "t", None, "pol"),
    ("o", "Meer training, minder beleidsnotities.", "t"),
    ("o", "Ik zou wel een keer een workshop willen over omgaan met haatmail, die komt nu gewoon binnen en ik weet niet wat ik ermee moet.", "t"),
    ("o", "Een goede training is nodig, want mijn vrouw is er nog steeds bang door en ik wil weten hoe ik ons beter kan beschermen.", "tp", None, "|m"),
    ("o", "Coachingsgesprekken. Heb het nog niet verwerkt.", "tp"),
    ("o", "cursus agressiehantering voor mezelf en de rest van het team", "t", None, "mw"),
    ("o", "Ik volg graag een training, als die er is. Niemand heeft me ooit iets aangeboden.", "t"),
    ("o", "Informatieavond over veiligheid voor politieke ambtsdragers, met praktische voorbeelden.", "t", None, "pol"),
    ("o", "Weerbaar bestuur sessie bij ons in de provincie graag.", "t", None, "p:statenlid"),
    ("o", "Ik heb nog nooit een training gehad. Zou wel willen.", "t", "tr_done"),
    ("o", "Ik weet dat er een training is, maar ik ben er nooit aan toegekomen. Zou het alsnog willen.", "t"),
    ("o", "Mentale weerbaarheid, hoe blijf je overeind. Ik merk dat ik sneller moe en somber ben.", "tp"),
    ("o", "Een training hoe je je privégegevens afschermt. En een camera.", "t"),
    ("o", "zsm een training voor mij en de collega's van handhaving", "t", None, "g:medewerker"),
    ("o", "Een coach. Ik ben op het moment erg onrustig en kan moeilijk focussen.", "tp"),
    ("o", "<br>Training omgaan met agressie<br>Nazorg na incidenten", "t"),
    ("o", "Vertrouwenspersoon", ""),
    ("o", "Meer blauw op straat.", ""),
    ("o", "Juridische bijstand als ik aangifte doe.", ""),
    ("o", "Een meldpunt waar je 24/7 terecht kunt.", ""),
    ("o", "niets", ""),
    ("o", "geen", ""),
    ("o", "weet niet", ""),
    ("o", "n.v.t.", ""),
    ("o", "-", ""),
    ("o", "Geen idee eigenlijk", ""),
    ("o", "Dat de politie aangiftes serieus neemt en er ook iets mee doet.", ""),
    ("o", "Dat de griffie sneller reageert als ik iets meld.", "", None, "g:pol"),
    ("o", "Afscherming van mijn adres bij de KvK en in het BRP.", ""),
    ("o", "Beveiliging bij mijn woning.", ""),
    ("o", "Een luisterend oor.", ""),
    ("o", "Nazorg na een incident, gewoon iemand die even belt hoe het gaat.", ""),
    ("o", "Dat de burgemeester publiekelijk stelling neemt als een raadslid wordt aangevallen.", "", None, "g:raadslid"),
    ("o", "Vervolging van de daders, nu gebeurt er niets.", ""),
    ("o", "Waarom moet ik dit elk jaar weer invullen", ""),
    ("o", "De vragenlijst is veel te lang en de vragen lijken op elkaar.", ""),
    ("o", "Graag meer aandacht voor de lokale lasten, daar gaan de meeste klachten over.", "", None, "g"),
    ("o", "We hebben al een training gehad, die was goed. Nu vooral een vast aanspreekpunt.", "", "tr_done"),
    ("o", "Training voor de boa's en de mensen aan de balie, die krijgen het meeste over zich heen.", "", "tr_other", "g:pol"),
    ("o", "Geen behoefte aan een cursus, wel aan een burgemeester die achter ons staat.", "", "neg", "g:raadslid"),
    ("o", "Heb de cursus van Weerbaar Bestuur al gevolgd, prima. Verder niks nodig.", "", "tr_done", "pol"),
    ("o", "Niet nog een training aub, we hebben er al drie gehad.", "", "tr_done"),
    ("o", "Nieuwe raadsleden zouden een training moeten krijgen bij de start. Voor mij hoeft het niet meer.", "", "tr_other", "g:raadslid"),
    ("o", "Een training voor onze fractievoorzitter zou geen kwaad kunnen 😉", "", "tr_other", "pol"),
    ("o", "De politie is terughoudend met optreden, daar moet verandering in.", "", "other"),
    ("o", "De gemeente moet alerter zijn op signalen van inwoners die over de grens gaan.", "", "other", "g"),
    ("o", "De organisatie zou alerter moeten zijn op subsidiemogelijkheden voor camera's bij bestuurders.", "", "look"),
    ("o", "Ik heb niets nodig, ik ben niet bang uitgevallen.", "", "neg"),
    ("o", "Een vaste contactpersoon bij de politie die weet wie je bent.", ""),
    ("o", "Een noodknop aan de balie die het ook echt doet.", "", None, "g:medewerker"),
    ("o", "Steun van de partij, die was er niet.", "", None, "pol"),
    ("o", "Dat het college het serieus neemt en het niet afdoet als 'hoort bij het vak'.", "", None, "g"),
    ("o", "Meer handhaving bij de raadsvergaderingen, een beveiliger bij de deur.", "", None, "g:pol"),
    ("o", "Een goede regeling voor de kosten van beveiliging.", ""),
    ("o", "Toegang tot een psycholoog als dat ooit nodig is.", ""),
    ("o", "Weet ik niet. Ik red me wel.", ""),
    ("o", "Geen ondersteuning nodig op dit moment.", ""),
    ("o", "Ik heb geen behoefte aan training of coaching, wel aan duidelijke afspraken met de politie.", "", "neg"),
    ("o", "Een training heb ik niet nodig, wel een beter beveiligde parkeerplaats.", "", "neg"),
    ("o", "Er is al een goede cursus gegeven via het IPO, die was voldoende.", "", "tr_done", "p"),
    ("o", "Mijn medewerkers hebben een training nodig, ik zelf niet per se.", "", "tr_other", "g:burgemeester"),
    ("o", "Ondersteuning voor mijn kinderen, die krijgen op school opmerkingen en vinden dat heel naar.", "p"),
    ("o", "Betere wetgeving tegen doxing.", ""),
    ("o", "Een advocaat die ik kan bellen.", ""),
    ("o", "Erkenning dat dit er niet bij hoort.", ""),
    ("o", "Niks, ik ben voorzichtig optimistisch dat het nu beter gaat met de nieuwe veiligheidsregeling.", "", "look"),
    ("o", "Geen, de training die we van de VNG kregen was ruim voldoende.", "", "tr_done", "g"),
    ("o", "Training voor de handhavers en de wijkteams.", "", "tr_other", "g:pol"),
    ("o", "Is al geregeld via de griffie, dank.", "", None, "pol"),
    ("o", "Geen, ik ben inmiddels uit de politiek gestapt.", ""),
    ("o", "Ik snap de vraag niet helemaal, ondersteuning waarbij?", ""),
    ("o", "Zie antwoord bij vorige vraag.", ""),
    ("o", "Betere beveiliging van mijn mail, er komt van alles binnen.", ""),
    ("o", "Mijn vrouw heeft meer steun nodig dan ik, ze is er nog steeds bang van.", "p", None, "|m"),
    ("o", "Eigenlijk niets. Ik mijd niets en niemand en dat wil ik zo houden.", "", "neg"),
    ("o", "Dat collega's alerter zijn als iemand bedreigd wordt en niet wegkijken.", "", "other"),
    ("o", "Dat de partij terughoudender is met het delen van mijn gegevens.", "", "other", "pol"),
    ("o", "ik heb alles al, dank u", ""),
    ("o", "een beveiliger bij de commissievergaderingen zou geen overbodige luxe zijn", "", None, "pol"),
    ("o", "Geen, want de training die wij bij het waterschap kregen was goed en recent.", "", "tr_done", "w"),
    ("o", "Een trainingsaanbod voor de vrijwilligers van de dorpsraad.", "", "tr_other", "g"),
    ("o", "Training voor de griffiemedewerkers zodat ze weten wat ze moeten doen als ik bel.", "", "tr_other", "g:raadslid"),
    ("o", "Een heldere instructie voor de bodes.", "", "tr_other", "g:pol"),
    ("o", "Meer begrip van de inwoners voor wat wij doen, maar dat is geen ondersteuning denk ik haha", ""),
    ("o", "Een cameradeurbel vergoed door de gemeente.", "", None, "g"),
    ("o", "De mogelijkheid om anoniem te blijven op stukken en in verslagen.", "", None, "mw"),
    ("o", "Ik ben niet bang, ik heb niks nodig. Wel moet er harder worden opgetreden.", "", "neg"),
    ("o", "Ik zit niet te wachten op een cursus. Ik wil dat de daders worden aangepakt.", "", "neg"),
    ("o", "nvt geen incidenten gehad", ""),
    ("o", "Financiële compensatie voor de schade aan mijn auto.", ""),
    ("o", "Bescherming van mijn persoonsgegevens bij Woo-verzoeken.", "", None, "mw"),
    ("o", "Vooral dat de dijkgraaf ons steunt als we bij de keukentafelgesprekken bedreigd worden.", "", None, "w:medewerker"),
    ("o", "niks. laat maar", ""),
    ("o", "Geen behoefte aan voorlichting, ik weet inmiddels wel hoe het werkt.", "", "neg"),
    ("o", "Ik heb een cursus gehad en die was top, ik weet nu wat ik moet doen.", "", "tr_done"),
    ("o", "Een veilige plek om te parkeren bij het provinciehuis.", "", None, "p"),
    ("o", "dat bedreigers een gebiedsverbod krijgen", ""),
    ("o", "Iemand die namens mij aangifte doet, zodat mijn naam niet in het dossier komt.", ""),
    ("o", "Iemand om mee te praten, ik merk dat het me meer raakt dan ik dacht.", "p"),
    ("o", "Een psycholoog, ik heb nog steeds nachtmerries.", "p"),
    ("o", "Weet niet. Ik ben gewoon wat terughoudender geworden en dat werkt voor mij.", "c"),
    ("o", "Een camera bij de voordeur, ik sta nu steeds door het raam te kijken.", "v"),
    ("o", "Hulp voor mijn gezin, de kinderen zijn erg geschrokken.", "p"),
    ("o", "Ik heb vooral steun nodig van de fractie. Ik voel me erg onzeker sinds het incident.", "p", None, "pol"),
    ("o", "Een beveiliger bij bijeenkomsten, want ik ga er nu gewoon niet meer heen.", "a"),
    ("o", "Mijn partner heeft hulp nodig, die slaapt er slecht van.", "p"),
    ("o", "Niks, ik mijd gewoon de plekken waar die types komen.", "a"),
    ("o", "Ondersteuning? Ik wil gewoon weer zonder angst boodschappen kunnen doen.", "p"),
    ("o", "Een vertrouwenspersoon, want ik zit er echt mee.", "p"),
    ("o", "Een gesprek met de burgemeester. Ik ben boos dat er niets gebeurd is.", "p", None, "g"),
    ("o", "Ik vind het moeilijk om te zeggen wat ik nodig heb. Ik heb me na het incident teruggetrokken, ik ga niet meer naar dorpsfeesten en ik zeg in de raad alleen nog het hoognodige. Een training over hoe je hiermee omgaat zou misschien helpen. Wat ik vooral mis is dat iemand van de gemeente eens vraagt hoe het met me gaat, want mijn vrouw en ik hebben er allebei veel last van.", "capt", None, "g:pol|m"),
    ("o", "Ondersteuning in de vorm van een goede weerbaarheidstraining voor het hele college en de raad. Wij worden steeds vaker persoonlijk aangesproken, op straat, in de supermarkt, online. Ik merk dat ik daardoor mijn woorden op een goudschaaltje weeg en dat wil ik niet, want dan functioneert de democratie niet meer. Ook zou een juridisch loket helpen.", "ct", None, "g:wethouder"),
    ("o", "Wat ik nodig heb is eigenlijk vrij simpel: een politie die reageert als je belt, een officier van justitie die zaken oppakt en een burgemeester die publiekelijk achter zijn raadsleden gaat staan. Een training hebben we al gehad, die was prima, daar ligt het probleem niet. Het probleem is dat er na een melding niets gebeurt en dat de daders dat ook weten.", "", "tr_done", "g:raadslid"),
    ("o", "Ik ben niet iemand die snel om hulp vraagt. Ik heb een keer een nare ervaring gehad tijdens een inloopavond, maar dat is goed opgelost door de wijkagent en de burgemeester. Ik ben er niet banger door geworden en ik ga nog steeds overal naartoe. Als ik iets zou willen dan is het dat de gemeente de contactgegevens van de wijkagent standaard aan nieuwe raadsleden geeft.", "", "neg", "g:raadslid"),
    ("o", "Voor mij persoonlijk: een coachingstraject waarin ik leer hoe ik dit soort dingen minder binnen laat komen. Ik ben iemand die alles persoonlijk neemt en de bedreigingen van afgelopen jaar hebben er flink ingehakt. Ik heb een maand slecht geslapen en ben sindsdien wat angstiger als ik 's avonds alleen thuis ben. Voor de organisatie: zorg voor een vast protocol.", "pt"),
    ("o", "Wij aan de balie hebben een cursus nodig in het omgaan met agressieve klanten, want de laatste training is jaren geleden en de helft van het team is nieuw. Verder zou het fijn zijn als leidinggevenden alerter zijn op incidenten en na afloop even langskomen. Ik ben zelf wat schrikkerig geworden als er iemand met stemverheffing binnenkomt.", "pt", "other", "g:medewerker"),
    ("o", "Een training over omgaan met agressie zou goed zijn voor de nieuwe collega's, en eerlijk gezegd ook voor mij.", "t", "tr_other"),
    ("o", "Een goede cursus is nooit weg. Mijn vrouw vindt het maar niks dat ik dit werk nog doe, ze is steeds ongerust.", "tp", None, "|m"),
    ("o", "ik let al beter op, dus geen ondersteuning nodig", "v"),
    ("o", "Eigenlijk een cursus hoe ik alerter kan zijn op mijn omgeving, nu heb ik het vaak pas door als het te laat is.", "t", "look"),
    ("o", "Geen cursus nodig, ik ben al voorzichtig genoeg geworden in wat ik zeg.", "c", "neg"),
    ("o", "Ik heb niets nodig. Ik ga gewoon niet meer naar de inloopavonden, dat lost het op.", "a"),
    ("o", "Betere beveiliging thuis. Ik schrik van elke auto die 's nachts de straat in rijdt.", "p"),
    ("o", "Iemand die met mij meekijkt op mijn social media, want ik durf er zelf bijna niet meer op te kijken.", "ap"),
    ("o", "Ondersteuning voor mijn man. Hij is na de bedreiging erg angstig en wil verhuizen.", "p", None, "|v"),
    ("o", "Geen, ik ben niet voorzichtiger gaan doen en dat ben ik ook niet van plan.", "", "neg"),
    ("o", "Ik kijk nu altijd achterom als ik de raadzaal uitga, dus misschien begeleiding naar de auto.", "v", None, "g:pol"),
    ("o", "Een weerbaarheidstraining voor m'n dochter, die wordt via mijn account ook benaderd.", "", "tr_other"),
    ("o", "Ik wil graag dat mijn partner ook bij een voorlichting kan zijn, samen met mij.", "t"),
    ("o", "Geen cursus maar gewoon gehoord worden. Het heeft me behoorlijk aangegrepen.", "p", "neg"),
    ("o", "Nazorg. Ik ben nog steeds van slag.", "p"),
    ("o", "Hulp bij het terugkeren naar normaal. Ik durf nog steeds niet alleen te winkelen in het centrum.", "ap"),
    ("o", "Minder werkdruk, dan houd ik het beter vol. Ik zit tegen een burn-out aan door alle toestanden.", "p"),
    ("o", "idd een training zou fijn zijn", "t"),
    ("o", "mn behoefte: vertrouwenspersoon + jurist", ""),
    ("o", "cursus? ofzo", "t"),
    ("o", "bv een training weerbaarheid", "t"),
    ("o", "nee dank je", ""),
    ("o", "??", ""),
    ("o", "geen. ok zo", ""),
    ("o", "politie die komt als je belt", ""),
    ("o", "Handvatten!", "t"),
    ("o", "coachingstraject", "t"),
    ("o", "Training 👍", "t"),
    ("o", "&quot;weerbaarheid&quot; training", "t"),
    ("o", "Beveiliging &amp; nazorg", ""),
    ("o", "Iemand die ff meedenkt", ""),
    ("o", "zsm duidelijk protocol", ""),
    ("o", "geen idee, misschien voorlichting?", "t"),
    ("o", "Geen behoefte aan coaching, heb al genoeg om handen.", "", "neg"),
    ("o", "Training? Nee. We hebben er in 2022 een gehad en dat was genoeg.", "", "tr_done"),
    ("o", "Een training voor de jongerenwerkers in de wijk, die staan er echt alleen voor.", "", "tr_other", "g"),
    ("o", "Een cursus voor de nieuwe bodes en de beveiliging van het stadhuis.", "", "tr_other", "g"),
    ("o", "Bang dat er niks verandert als ik dit invul.", "", "fear_other"),
    ("o", "Ik mis niks. Ik ben niet angstig en niet extra voorzichtig.", "", "neg"),
    ("o", "Alerte politie en een alerte officier van justitie, dan ben ik tevreden.", "", "other"),
    ("o", "Mijn voorganger heeft een weerbaarheidstraining gevolgd, dat lijkt me voor mij niet nodig.", "", "tr_other", "pol"),
    ("o", "Een cursus Engels zou handig zijn voor de Europese dossiers 😄", "", "look", "p"),
    ("o", "Eigenlijk een cursus timemanagement, ik verzuip in de stukken.", "", "look"),
    ("o", "Training in het nieuwe zaaksysteem, dat werkt voor geen meter.", "", "look", "mw"),
    ("o", "Ik ben niet bang uitgevallen en ga overal heen. Wel wil ik graag weten hoe ik me beter kan weren tegen online trollen, misschien via een workshop.", "t", "neg"),
    ("o", "geen training nodig, wel een beveiligde parkeerplek. ik ben nl. nog steeds bang als ik 's avonds laat naar mijn auto loop", "p", "neg"),
    ("o", "Een cameradeurbel. Ik doe nu pas open als ik door het zijraam heb gezien wie het is.", "v"),
    ("o", "Weet niet precies. Ik hou zelf alles goed in de gaten, de straat, de auto, wie er aanbelt. Misschien een beveiligingsscan van mijn huis?", "v"),
    ("o", "Een training hoe je veilig thuiskomt. Ik kijk nu al steeds over mijn schouder maar weet niet of dat genoeg is.", "vt"),
    ("o", "Een app waarmee ik snel alarm kan slaan, ik ben toch al de hele tijd op mijn qui-vive als ik op pad ben", "v"),
    ("o", "meer surveillance in mijn straat, ik let zelf al op elke onbekende auto", "v"),
    ("o", "Hulp bij het opzetten van een veiligheidsplan voor thuis. Mijn vrouw is nog steeds erg nerveus.", "p", None, "|m"),
    ("o", "weet nt. ben zelf al wat voorzichtiger met wat ik op insta zet, dat helpt", "c"),
]

# ----------------------------------------------------------------------
# Achtergrond
# ----------------------------------------------------------------------
COMBOS = [  # (bestuurslaag, functie, aandeel, weight)
    ("gemeente", "raadslid", 40, 0.842),
    ("gemeente", "wethouder", 10, 1.127),
    ("gemeente", "burgemeester", 4, 1.563),
    ("gemeente", "medewerker", 18, 0.694),
    ("provincie", "statenlid", 6, 0.915),
    ("provincie", "gedeputeerde", 2, 1.742),
    ("provincie", "medewerker", 5, 0.781),
    ("waterschap", "lid algemeen bestuur", 6, 1.204),
    ("waterschap", "lid dagelijks bestuur", 2, 1.488),
    ("waterschap", "dijkgraaf", 1, 1.936),
    ("waterschap", "medewerker", 6, 0.563),
]
LAAG = {"g": "gemeente", "p": "provincie", "w": "waterschap"}
GENDER = {"m": "man", "v": "vrouw"}


def allowed(combo, role):
    laag, functie = combo[0], combo[1]
    if not role:
        return True
    if role == "pol":
        return functie != "medewerker"
    if role == "mw":
        return functie == "medewerker"
    if ":" in role:
        l, f = role.split(":")
        if LAAG[l] != laag:
            return False
        if f == "pol":
            return functie != "medewerker"
        return functie == f
    return LAAG[role] == laag


def main():
    rng = random.Random(20240611)
    rows = []
    for item in ANSWERS:
        vraag, text, codes = item[0], item[1], item[2]
        hn = item[3] if len(item) > 3 else None
        role = item[4] if len(item) > 4 else None
        gender = None
        if role and "|" in role:
            role, g = role.split("|")
            gender = GENDER[g]
        rows.append([vraag, text, codes, hn, role or None, gender])

    rng.shuffle(rows)
    out = []
    for i, (vraag, text, codes, hn, role, gender) in enumerate(rows, 1):
        cands = [c for c in COMBOS if allowed(c, role)]
        laag, functie, _, weight = rng.choices(cands, weights=[c[2] for c in cands])[0]
        if gender is None:
            gender = rng.choices(["man", "vrouw", "anders", ""], weights=[52, 42, 1, 5])[0]
        p_ernstig = 0.6 if "p" in codes else 0.3
        ernst = "ernstig" if rng.random() < p_ernstig else "minder ernstig"
        hand = ";".join(name for letter, name in THEMES if letter in codes)
        out.append([f"A{i:03d}", laag, functie, gender, ernst, f"{weight:.3f}",
                    "effecten" if vraag == "e" else "ondersteuning", text, hand, hn])

    with open("/work/evalsets/set-a/realistic-a.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["id", "bestuurslaag", "functie", "geslacht", "ernst", "weight",
                    "vraag", "text", "handcodering"])
        for r in out:
            w.writerow(r[:9])

    # statistieken (voor README)
    n = len(out)
    print("rijen:", n)
    print("vraag:", Counter(r[6] for r in out))
    tc = Counter()
    for r in out:
        for t in filter(None, r[8].split(";")):
            tc[t] += 1
    print("thema's:", dict(tc))
    print("ongecodeerd:", sum(1 for r in out if not r[8]))
    print("hard negatives:", sum(1 for r in out if r[9]), dict(Counter(r[9] for r in out if r[9])))
    print("hard negatives ongecodeerd:", sum(1 for r in out if r[9] and not r[8]))
    print("per vraag x thema:")
    for q in ("effecten", "ondersteuning"):
        c = Counter()
        for r in out:
            if r[6] == q:
                for t in filter(None, r[8].split(";")):
                    c[t] += 1
        print(" ", q, dict(c), "ongecodeerd", sum(1 for r in out if r[6] == q and not r[8]))
    print("laag:", Counter(r[1] for r in out))
    print("functie:", Counter((r[1], r[2]) for r in out))
    dup = [t for t, k in Counter(r[7] for r in out).items() if k > 1]
    print("dubbele teksten:", dup)


if __name__ == "__main__":
    main()
