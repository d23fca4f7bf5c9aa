#!/usr/bin/env python3
"""Bouwt evaluatieset B (realistic-b.csv).

Alle antwoorden hieronder zijn één voor één met de hand geschreven, uitsluitend
op basis van de themadefinities (caution, avoidance, vigilance, psych_impact,
training_need). Er worden geen templates of combinaties gegenereerd; alleen de
achtergrondkenmerken (geslacht, ernst, en waar niet vastgelegd bestuurslaag/
functie) worden met een vaste seed toegekend.

Per antwoord: (vraag, meta, tekst, codes, soort)
  vraag : "e" = effecten, "o" = ondersteuning
  meta  : functie-hint (zie META), optioneel ":v"/":m" voor geslacht
  codes : c=caution a=avoidance v=vigilance p=psych_impact t=training_need
  soort : "" of type lastig geval (alleen voor README/statistiek, niet in CSV)
          neg    = thema wordt ontkend
          ander  = voorzichtigheid/alertheid van anderen
          gevolgd= training al gevolgd en voldoende
          groep  = training voor een andere groep
          vv     = 'valse vriend' (woord lijkt op thema, betekent iets anders)
          pos    = lastig positief geval (wij/ook ik, vervolg-/opfristraining)
"""
import csv
import random
from collections import Counter
from pathlib import Path

OUT = Path(__file__).with_name("realistic-b.csv")

THEMES = ["caution", "avoidance", "vigilance", "psych_impact", "training_need"]
LETTER = {"c": "caution", "a": "avoidance", "v": "vigilance",
          "p": "psych_impact", "t": "training_need"}
HN_KINDS = {"neg", "ander", "gevolgd", "groep", "vv"}

ANSWERS = [
    # ------------------------------------------------------------------ effecten
    ("e", "p", "ik denk nu drie keer na voor ik iets op facebook zet", "c", ""),
    ("e", "", "Slecht slapen, piekeren. Mijn vrouw schrikt als de bel gaat 's avonds.", "p", ""),
    ("e", "", "geen", "", ""),
    ("e", "r:v", "Ik fiets niet meer alleen naar huis na een raadsvergadering, mijn man haalt me op", "a", ""),
    ("e", "", "kijk altijd even om me heen als ik de auto uitstap en de deur gaat meteen op slot. bang ben ik niet hoor, het is meer een gewoonte geworden", "v", "neg"),
    ("e", "", "nvt", "", ""),
    ("e", "", "ik ben er niet angstiger door geworden. ik doe gewoon mn werk zoals altijd", "", "neg"),
    ("e", "r", "Hou me meer op de achtergrond in debatten over het azc, laat het woord vaker aan collega's", "c", ""),
    ("e", "", "mijn dochter (14) durft niet meer alleen thuis te zijn als wij allebei naar een vergadering zijn", "p", ""),
    ("e", "p", "Ik ga niet meer naar de weekmarkt op zaterdag, daar werd ik aangesproken en uitgescholden. Boodschappen doe ik nu in het dorp ernaast. Verder doe ik alles nog gewoon en ik zeg nog steeds wat ik denk.", "a", "neg"),
    ("e", "", "Twitter verwijderd. Scheelt een hoop ellende.", "a", ""),
    ("e", "r", "Geen effecten op privé. Op werk: er staat nu een beveiliger bij de raadsvergadering.", "", ""),
    ("e", "", "zit in restaurants altijd met m'n rug naar de muur zodat ik de ingang kan zien. klinkt paranoide maar zo is het", "v", ""),
    ("e", "", "lig er nachten wakker van, vooral sinds die brief met ons huisadres erop", "p", ""),
    ("e", "gem", "ik ben voorzichtig positief over hoe de gemeente het heeft opgepakt, effecten op mij persoonlijk vallen mee", "", "vv"),
    ("e", "p", "Mijn partner wil dat ik stop met de politiek. Daar hebben we regelmatig ruzie over.", "p", ""),
    ("e", "p", "Weeg mijn woorden nu veel meer, zeker tegenover de krant. Geen ongenuanceerde quotes meer van mij.", "c", ""),
    ("e", "", "heb cameras laten ophangen bij de voordeur en check elke avond of alles dicht zit", "v", ""),
    ("e", "r", "Ik zeg minder vaak wat ik echt vind, zelfcensuur heet dat geloof ik. Ook ga ik niet meer naar informatieavonden in de wijk als het over windmolens gaat.", "ca", ""),
    ("e", "", "angst, boosheid, onmacht", "p", ""),
    ("e", "", "-", "", ""),
    ("e", "r", "De burgemeester is sindsdien erg terughoudend met uitspraken over de opvang. Merk dat het debat daardoor stroever loopt, maar voor mij zelf verandert er weinig", "", "ander"),
    ("e", "p", "het werk is minder leuk geworden. vroeger ging ik er met plezier heen, nu met tegenzin. en in de commissie begin ik niet meer zelf over gevoelige dossiers", "cp", ""),
    ("e", "gem", "ik let beter op wie er achter me loopt als ik van het gemeentehuis naar de parkeergarage ga. slapen doe ik prima", "v", "neg"),
    ("e", "", "geen effecten, ben niet iemand die snel van slag raakt", "", "neg"),
    ("e", "", "Mijn kinderen worden op school aangesproken op wat ik doe. Mijn zoon vindt dat heel naar en vroeg of ik niet kan stoppen.", "p", ""),
    ("e", "", "ik reageer niet meer in de facebookgroepen van het dorp, en ik lees ze ook niet meer", "ca", ""),
    ("e", "", "weinig tot niks, ik lig er niet wakker van. hoort er helaas een beetje bij", "", "neg"),
    ("e", "m", "ben gestopt met huisbezoeken zonder collega erbij", "a", ""),
    ("e", "", "Onrustig gevoel als ik 's avonds thuiskom. Ik kijk dan eerst of er iemand in de straat staat.", "vp", ""),
    ("e", "f", "alert blijven op de begroting is belangrijker dan dit, eerlijk gezegd heb ik er weinig last van", "", "vv"),
    ("e", "", "Mijn man slaapt slecht sinds iemand een scheldwoord in onze auto heeft gekrast", "p", ""),
    ("e", "", "Ik post geen foto's meer van mijn gezin en zet niet meer online waar we op vakantie gaan", "c", ""),
    ("e", "m", "op het werk: ik schrijf mijn mails zo neutraal mogelijk, alles kan zomaar bij de krant belanden of in een woo-verzoek", "c", ""),
    ("e", "", "Geen, ik ga overal nog gewoon naartoe en zeg wat ik denk.", "", "neg"),
    ("e", "", "ga niet meer langs bij de voetbalclub op zondag, daar zitten de lui die mij bedreigd hebben", "a", ""),
    ("e", "", "stress!! en ik doe mn werk minder goed omdat ik er steeds mee bezig ben", "p", ""),
    ("e", "r", "mijn fractie is voorzichtiger geworden met moties over dit onderwerp. ikzelf niet per se", "", "ander"),
    ("e", "", "ik heb de neiging om bij elke auto die langzaam langsrijd te kijken wie er in zit", "v", ""),
    ("e", "p", "Vermoeidheid. Het vreet energie. Ik overweeg om bij de volgende verkiezingen niet meer op de lijst te gaan.", "p", ""),
    ("e", "r", "ik hou mijn mond in de commissie als het over de arbeidsmigranten gaat. geen zin in weer een stortvloed op insta", "c", ""),
    ("e", "", "Effecten op mijn privéleven: geen. Werk: ook geen. Vond de vraag wat vreemd.", "", ""),
    ("e", "", "heb een tijd 's avonds niet in de woonkamer durven zitten met het licht aan", "p", ""),
    ("e", "p", "Minder snel op de voorgrond. Persoonlijke standpunten laat ik weg in interviews.", "c", ""),
    ("e", "m", "We zijn alerter op de zaak. Met 'we' bedoel ik het hele team van Vergunningen, mezelf dus ook", "v", "pos"),
    ("e", "r", "de griffie is veel alerter nu, er staat iemand bij de deur. dat geeft mij juist rust", "", "ander"),
    ("e", "", "huilbuien. ben een paar weken ziek thuis geweest, het ging gewoon niet meer", "p", ""),
    ("e", "", "Ik mijd social media zoveel mogelijk, LinkedIn nog wel, de rest niet. Maar angstig? nee.", "a", "neg"),
    ("e", "", "Ik ga niet meer alleen naar de supermarkt in het centrum en loop 's avonds niet meer alleen door het park", "a", ""),
    ("e", "", "angst voor het klimaat heb ik meer dan voor die paar schreeuwers. geen effecten", "", "vv"),
    ("e", "", "mijn vrouw en ik hebben een codewoord afgesproken voor als er iets is, en ik check altijd de spiegel als ik wegrij", "v", ""),
    ("e", "m", "Vooral op het werk: ik kijk bij elk telefoontje eerst wie er belt. Onbekende nummers neem ik niet meer op.", "av", ""),
    ("e", "", "Ik ben gewoon bozer. Boos op de mensen, boos op het systeem.", "p", ""),
    ("e", "", "niet echt. heb wel een nieuwe telefoon genomen maar dat staat er los van haha", "", ""),
    ("e", "r", "In debatten formuleer ik alles heel voorzichtig, ik check mijn bijdrage vooraf met de fractievoorzitter zodat niks verkeerd uitgelegd kan worden", "c", ""),
    ("e", "gem", "ik ben niks anders gaan doen. Wel vind ik dat de gemeente sneller aangifte moet doen namens ons", "", "neg"),
    ("e", "", "Hartkloppingen als ik mn mail open. echt waar", "p", ""),
    ("e", "", "Kijk bij thuiskomst eerst rond of er niemand bij het huis rondhangt, buitenlamp blijft de hele nacht aan", "v", ""),
    ("e", "w", "ben gestopt met mijn wekelijkse spreekuur in het buurthuis", "a", ""),
    ("e", "", "Word nu herkend op straat en dat voelt niet meer prettig, eerder beklemmend", "p", ""),
    ("e", "", "Onze tieners zijn er vrij nuchter onder, mijn partner ook. Ik zelf eigenlijk ook. Geen noemenswaardige effecten.", "", "neg"),
    ("e", "", "slaap slecht, droom erover, schrik van harde geluiden en kijk steeds uit het raam of er iemand staat", "vp", ""),
    ("e", "gem", "ik ga minder vaak naar verjaardagen in het dorp, daar begint altijd iemand over 'die gemeente' en dan loopt het uit de hand", "a", ""),
    ("e", "r", "In de raad zeg ik nog steeds wat ik vind, maar ik twitter niet meer over politiek, dat laat ik aan onze woordvoerder over", "c", ""),
    ("e", "", "moest van de politie een tijdje een andere route naar huis nemen. doe ik nog steeds zo, ik rij nooit meer door de straat waar hij woont", "a", ""),
    ("e", "", "Nee", "", ""),
    ("e", "s", "Ik heb me tijdelijk teruggetrokken uit de commissie Ruimte, te veel gedoe met boze boeren", "a", ""),
    ("e", "w", "Oh heerlijk hoor, lokale politiek. Effect: ik scan bij elk evenement eerst de zaal, net een bodyguard. Terwijl ik gewoon wethouder sport ben.", "v", ""),
    ("e", "", "mijn moeder belt na elk krantenartikel of ik wel veilig ben, ze is er doodsbang over", "p", ""),
    ("e", "r", "Ik laat geen reacties meer achter op nieuwssites en deel geen politieke posts meer. Mijn standpunten in de raad houd ik korter en zakelijker.", "c", ""),
    ("e", "", "Heb geen slapeloze nachten gehad. Ben ook niet minder naar buiten gegaan. Kortom: valt mee.", "", "neg"),
    ("e", "gm", "bij het loket heb ik altijd een collega binnen roepafstand en ik ga niet meer alleen de spreekkamer in met bepaalde klanten", "a", ""),
    ("e", "r", "Mijn zelfvertrouwen heeft een flinke deuk opgelopen. Ik twijfel aan alles wat ik zeg en spreek veel minder vaak in de vergadering.", "cp", ""),
    ("e", "", "vermijden van dubbel werk zou prioriteit moeten zijn, er zijn al zoveel van dit soort enquetes. Effecten: geen.", "", "vv"),
    ("e", "", "Ik kom niet meer in 't café in 't dorp. Vroeger elke vrijdag un biertje, nu niet meer.", "a", ""),
    ("e", "", "Ik kijk nu standaard onder en rond de auto voor ik instap. Sinds dat gedoe met de banden.", "v", ""),
    ("e", "", "Psychisch zwaar. Ik heb hulp gezocht bij de huisarts.", "p", ""),
    ("e", "", "bij openbare bijeenkomsten ga ik dicht bij de uitgang staan en hou de mensen goed in de gaten", "v", ""),
    ("e", "r", "De wethouder let sindsdien goed op wie er op haar spreekuur komt, wij als raad merken daar weinig van", "", "ander"),
    ("e", "", "Mijn vriendin is bang dat ze ons huis kunnen vinden. We hebben het adres laten afschermen.", "p", ""),
    ("e", "p", "Ik laat me minder horen in de media, geef geen interviews meer over het asielbeleid", "c", ""),
    ("e", "", "mijn vrouw gaat niet meer mee naar officiële gelegenheden, ze vindt het eng", "p", ""),
    ("e", "", "nvt, ben niet persoonlijk bedreigd, wel collega's", "", ""),
    ("e", "", "Ik ga sommige inwoners uit de weg. Als ze me op straat aanspreken loop ik door.", "a", ""),
    ("e", "", "Een gevoel van onveiligheid in mijn eigen huis. Dat had ik nooit gedacht.", "p", ""),
    ("e", "w", "ik denk er serieus over na om te stoppen als wethouder, mijn gezin lijdt er te veel onder. tot die tijd hou ik me op de vlakte in de pers", "cp", ""),
    ("e", "", "ben meer op m'n hoede, check altijd via de camera in de deurbel wie er aanbelt voordat ik opendoe", "v", ""),
    ("e", "", "minder spontaan in de omgang met inwoners, ik hou meer afstand en flap er niet zomaar iets uit", "c", ""),
    ("e", "r", "Geen effecten. Zit al 20 jaar in de raad, heb wel ergere dingen meegemaakt. Ik loop nog steeds elke avond met de hond door het dorp.", "", "neg"),
    ("e", "p", "Ik plaats alleen nog berichten die eerst door communicatie zijn gecheckt", "c", ""),
    ("e", "m", "Ik durf aan de balie niet meer zo goed 'nee' te zeggen, bang dat ze weer gaan schreeuwen.<br>Ben ook vaker ziek.", "p", ""),
    ("e", "", "mn kinderen mogen niet meer alleen naar school fietsen, ik ben te bang dat er iets gebeurt", "p", ""),
    ("e", "", "Onbekende mensen op de stoep maken me nerveus 😟", "p", ""),
    ("e", "gem", "Ik zorg dat ik nooit als laatste het gemeentehuis verlaat", "a", ""),
    ("e", "", "Ik ben gestopt met Facebook en X. Insta alleen nog privé, op slot.", "a", ""),
    ("e", "", "geen idee eigenlijk", "", ""),
    ("e", "m", "Op de werkvloer is iedereen nu bezig met veiligheid, er zijn nieuwe protocollen en de teamleider is super alert. Voor mij persoonlijk verandert er niet zoveel.", "", "ander"),
    ("e", "", "Een lontje dat korter is geworden. Thuis ben ik sneller geïrriteerd.", "p", ""),
    ("e", "", "Ik geef mijn mening nog steeds, maar kies mijn woorden zorgvuldiger dan vroeger", "c", ""),
    ("e", "", "ik doe de boodschappen tegenwoordig online, dan hoef ik niet naar de winkel waar die man werkt", "a", ""),
    ("e", "r", "In de raadszaal ga ik zo zitten dat ik de publieke tribune kan zien", "v", ""),
    ("e", "", "Het is heftig geweest. Mijn partner heeft een tijdje bij haar ouders gelogeerd omdat ze zich thuis niet veilig voelde.", "p", ""),
    ("e", "", "Ik ben niet voorzichtiger geworden in wat ik zeg, eerder het tegenovergestelde. Nu juist!", "", "neg"),
    ("e", "", "kort lontje, veel piekeren, en ik ga niet meer naar de sportschool in het centrum", "ap", ""),
    ("e", "db", "Wij als DB zijn terughoudender geworden met toelichting geven bij boeren op het erf, ik ook. Ik ga alleen nog met z'n tweeën.", "ca", "pos"),
    ("e", "", "Ik schrik nog steeds als mijn telefoon gaat met een anoniem nummer", "p", ""),
    ("e", "", "Niets veranderd. Ik zit nog steeds gewoon in de kantine van de voetbalclub op zaterdag", "", "neg"),
    ("e", "p", "ik loop na de vergadering altijd samen met een collega naar de auto, nooit meer alleen", "a", ""),
    ("e", "", "Verdriet vooral. Ik doe dit werk voor het dorp en dan krijg je dit terug", "p", ""),
    ("e", "", "Als ik iemand zie aankomen die gaat zeuren steek ik over. Echt, ik loop met een boog om sommige mensen heen.", "a", ""),
    ("e", "", "ik ben veel bewuster van mijn omgeving, awareness noemden ze dat op de training", "v", ""),
    ("e", "p", "Sinds ik in de coalitie zit let ik meer op mijn woorden, maar dat hoort bij de rol, niet bij de bedreigingen. Daar merk ik niks van.", "", "neg"),
    ("e", "", "Ik ben bang. Gewoon bang.", "p", ""),
    ("e", ":v", "ik ga niet meer de deur uit zonder dat mijn man weet waar ik ben en loop nooit meer alleen naar de bushalte als het donker is", "a", ""),
    ("e", "r", "Elke keer als ik in de raad het woord neem denk ik: hoe komt dit op tiktok terecht. Dus zeg ik minder.", "c", ""),
    ("e", "", "Weinig effecten, wel veel extra gedoe: aangifte, verklaring afleggen, bij de officier op gesprek etc", "", ""),
    ("e", "", "mijn zoon van 8 vraagt elke avond of de deur wel op slot is", "p", ""),
    ("e", "", "Ik ben extra alert als ik mensen ontmoet die ik niet ken, let op hun handen en lichaamstaal", "v", ""),
    ("e", "", "ik zeg geen ja meer op uitnodigingen voor open dagen en dorpsfeesten", "a", ""),
    ("e", "g", "Gedeputeerde zijn betekent nu: geen fietstochtjes meer zonder beveiliging, geen markt, geen terrasje. Heel beperkend.", "a", ""),
    ("e", "", "Het gezin heeft er last van: mijn vrouw is onrustig, de kinderen zijn stiller dan normaal", "p", ""),
    ("e", "p", "weet niet of het een effect is maar ik ben gestopt met mijn column in de lokale krant", "c", ""),
    ("e", "", "Bij elke brief zonder afzender ben ik op mijn hoede. Ik maak ze open met handschoenen aan, echt waar.", "v", ""),
    ("e", "", "Ik ben nog altijd even open en benaderbaar als voorheen, dat laat ik me niet afpakken.", "", "neg"),
    ("e", "", "Paniekaanvallen. Ben onder behandeling bij een psycholoog.", "p", ""),
    ("e", "dg", "Bij dijkinspecties neem ik altijd iemand mee, ik ga niet meer alleen het land op", "a", ""),
    ("e", "", "ik ben wat voorzichtiger met het delen van persoonlijke dingen op linkedin. verder niks", "c", ""),
    ("e", "gm", "De collega's van handhaving zijn heel alert geworden, die dragen nu bodycams. Ik zit op kantoor, voor mij verandert er niks.", "", "ander"),
    ("e", "", "Het motiveert me juist om door te gaan. Geen negatieve effecten.", "", "neg"),
    ("e", "", "ik slaap met de telefoon naast me en word van elk geluid wakker", "p", ""),
    ("e", "", "Ik kom minder op evenementen. En als ik ga dan kort. Niet omdat ik bang ben, ik heb gewoon geen zin in het gedoe", "a", "neg"),
    ("e", "", "Met mijn naam vinden ze via google mijn huis. Sindsdien zit ik niet meer in de voortuin.", "a", ""),
    ("e", "s", "Ik vermijd het onderwerp wolf in de Staten, dat laat ik aan anderen over. Te veel haat.", "c", "vv"),
    ("e", "p", "De sfeer is verhard en dat neem ik mee naar huis, ik ben vaak gespannen. Ik gooi er ook niet meer zomaar een mening uit in het debat.", "cp", ""),
    ("e", "", "Heb een tijdje de socials op pauze gezet, nu weer terug. Nu gaat het wel.", "a", ""),
    ("e", "", "geen effecten.<br>", "", ""),
    ("e", "", "extra scherp als ik in de auto stap: deuren meteen op slot en ik kijk of ik gevolgd word. Mijn vrouw vindt het overdreven, zij merkt er zelf niks van", "v", "neg"),
    ("e", "gm", "Mijn adviezen aan het college schrijf ik voorzichtiger op, minder scherp, omdat ik weet dat ze openbaar worden en er mensen op gaan jagen", "c", ""),
    ("e", "", "Er zijn weken geweest dat ik niet kon eten, zo misselijk van de spanning", "p", ""),
    ("e", "", "Geen effecten op privé en werk. De politie heeft het goed opgepakt.", "", ""),
    ("e", "", "Elke auto die in de straat stilstaat bekijk ik, ik wil weten wie erin zit", "v", ""),
    ("e", "", "ik ga niet meer naar het dorpsfeest, niet meer naar de kerk en niet meer naar de jaarlijkse bbq van de ijsclub", "a", ""),
    ("e", "", "Mijn 06 staat niet meer op de site en anonieme nummers neem ik niet meer op", "a", ""),
    ("e", "", "Mijn partner is er kapot van. Ikzelf probeer het los te laten.", "p", ""),
    ("e", "p", "Ik ben terughoudender in debatten over de windparken en zeg nee tegen interviewverzoeken van de regionale omroep", "c", ""),
    ("e", "", "mijn hele gezin is op scherp, we kijken allemaal wie er langsloopt als we in de tuin zitten", "v", "pos"),
    ("e", "r", "Nou waar zal ik beginnen. Het begon met een paar mailtjes, toen kwamen de berichten op facebook en uiteindelijk stond er iemand bij ons op de stoep. Sindsdien slaapt mijn vrouw slecht, ik kijk elke keer als ik thuiskom eerst even de straat in of er niemand staat en in de raad zeg ik minder over het azc dan ik eigenlijk zou willen. Naar de weekmarkt ga ik ook niet meer, jammer want dat vond ik altijd gezellig. Ik ben niet iemand die snel bang is, maar dit heeft wel iets met ons gedaan.", "cavp", ""),
    ("e", "p", "Uitspraken die ik vroeger gewoon deed, doe ik nu niet meer. Ik slik ze in.", "c", ""),
    ("e", "m", "Ik heb mijn werkplek naar achteren laten verplaatsen zodat ik niet meer bij de publieksingang zit", "a", ""),
    ("e", "", "ik ben voorzichtig met drinken op recepties, ik wil altijd helder zijn en zien wat er om me heen gebeurt", "v", "vv"),
    ("e", "", "Moeilijk te zeggen. Ik ben sneller moe en heb minder zin in de vergaderingen, mijn mental health is niet top", "p", ""),
    ("e", "", "Hier in het dorp kent iedereen iedereen, je kunt niks vermijden. Ik ga dus overal gewoon heen, net als altijd.", "", "neg"),
    ("e", "gm", "ik opereer meer op de achtergrond, mijn wethouder doet het woord bij bijeenkomsten", "c", ""),
    ("e", "", "Onze dochter heeft nachtmerries gehad over mensen in onze tuin", "p", ""),
    ("e", "", "ik maak geen praatje meer met mensen die ik niet ken, niet op straat en niet in de trein", "a", ""),
    ("e", "ab", "Ik blijf alert op signalen van bewoners over de dijkveiligheid, dat is gewoon mijn werk. De bedreigingen hebben daar geen effect op.", "", "vv"),
    ("e", "p", "ik tweet nog wel maar nooit meer over migratie of stikstof", "c", ""),
    ("e", "r", "Spanning in mijn lijf als ik de raadszaal binnenloop. Ik ga ook nooit meer via de achteringang naar buiten, die is donker.", "ap", ""),
    ("e", "", "ik kijk altijd in de achteruitkijkspiegel of er een auto achter me blijft hangen. Verder is mijn leven niet veranderd, ik ga overal gewoon naartoe", "v", "neg"),
    ("e", "", "In het begin heb ik me ziek gemeld. Nu werk ik weer maar het voelt niet meer zoals eerst.", "p", ""),
    ("e", "", "ben niet angstiger of voorzichtiger geworden, wel heb ik meer respect gekregen voor collega's die dit vaker meemaken", "", "neg"),
    ("e", "w", "Ik zet mijn spreekuur niet meer live op facebook en ik vermeld nergens meer waar ik ben", "c", ""),
    ("e", "", "Ik twijfel of ik dit werk nog wel wil doen. Niet door het werk, door de haat.", "p", ""),
    ("e", ":v", "mijn man doet altijd de deur open, ik blijf boven als er 's avonds gebeld wordt", "a", ""),
    ("e", "r", "social media? doe ik niet meer aan. geen fb, geen insta, geen X. In de raad zeg ik nog precies hetzelfde als vroeger hoor", "a", "neg"),
    ("e", "", "Heb geleerd beter op mijn omgeving te letten. Ik scan ruimtes bij binnenkomst.", "v", ""),
    ("e", "w", "Mijn collega-wethouder is stiller geworden in het college, dat vind ik zorgelijk. Zelf merk ik weinig.", "", "ander"),
    ("e", "p", "Ik denk er 's nachts veel aan en word moe wakker. Ook neem ik minder vaak het woord.", "cp", ""),
    ("e", "gm", "Op het werk (ik ben boa) heb ik altijd een collega bij me en mijd ik bepaalde straten als ik alleen ben", "a", ""),
    ("e", "", "&nbsp;geen", "", ""),
    ("e", "", "Mijn man zegt dat ik veranderd ben. Ik ben somber en heb nergens zin in.", "p", ""),
    ("e", "", "Ik let nu op of mensen foto's van me maken tijdens bijeenkomsten", "v", ""),
    ("e", "r", "Ik hou me in. Laat me niet meer verleiden tot een reactie als iemand me uitdaagt in de commissie.", "c", ""),
    ("e", "", "minder uitgaan, minder naar concerten in de stad, zeker niet waar veel mensen uit de regio komen", "a", ""),
    ("e", "", "voel me opgejaagd", "p", ""),
    ("e", "b", "Ik heb het niet als bedreigend ervaren dus effecten heb ik niet. Mijn secretaresse wel, die was behoorlijk geschrokken.", "", "ander"),
    ("e", "m", "ik let beter op wie er in de hal zit te wachten voor ik ga lunchen", "v", ""),
    ("e", "r", "Effect op mijn werk: ik stel minder kritische vragen aan de wethouder over handhaving, want dat lokt reacties uit van die groep", "c", ""),
    ("e", "", "gestopt met de spreekuren in de bieb en ik loop niet meer door de wijk waar het gebeurde", "a", ""),
    ("e", "p", "Spanning in huis, ruzie met mijn partner over mijn werk, onze oudste wil niet dat ik nog op tv kom", "p", ""),

    # ------------------------------------------------------------- ondersteuning
    ("o", "", "een goede cursus omgaan met bedreigingen", "t", ""),
    ("o", "", "vertrouwenspersoon", "", ""),
    ("o", "", "juridische bijstand bij aangifte en als het tot een rechtszaak komt", "", ""),
    ("o", "", "hoe je de-escaleert zou ik graag leren, ik sta nu vaak met m'n mond vol tanden", "t", ""),
    ("o", "", "nvt", "", ""),
    ("o", "gem", "Training gehad via VNG, prima. Verder niks nodig", "", "gevolgd"),
    ("o", "r", "medewerkers van de balie moeten training krijgen, die krijgen het meeste over zich heen", "", "groep"),
    ("o", "gm", "Wij aan de balie hebben echt behoefte aan een training hoe we met boze mensen omgaan", "t", "pos"),
    ("o", "", "beter contact met de politie, nu word je van het kastje naar de muur gestuurd", "", ""),
    ("o", "", "Een meldpunt waar je 24/7 terecht kan", "", ""),
    ("o", "", "weet ik niet", "", ""),
    ("o", "", "Iemand om mee te praten. Ik slaap al weken slecht.", "p", ""),
    ("o", "f", "Een weerbaarheidstraining voor de hele fractie, ik doe zelf ook mee", "t", "pos"),
    ("o", "r", "Heb geen cursus nodig, wel een burgemeester die achter ons staat", "", "neg"),
    ("o", "", "Nazorg. Na het incident heeft niemand meer gebeld.", "", ""),
    ("o", "", "coaching on the job door iemand die dit zelf heeft meegemaakt", "t", ""),
    ("o", "f", "Steun van de fractie, daar ontbrak het aan. Ben daardoor maandenlang somber geweest", "p", ""),
    ("o", "", "-", "", ""),
    ("o", "", "ik zou wel willen weten hoe ik beter kan reageren op online haat zonder dat het escaleert. misschien een workshop?", "t", ""),
    ("o", "", "Beveiliging bij mijn woning. Mijn kinderen zijn bang.", "p", ""),
    ("o", "", "een informatiebijeenkomst over wat wel en niet strafbaar is, zodat ik weet wanneer ik aangifte kan doen", "t", ""),
    ("o", "", "Een luisterend oor, ik pieker er veel over en durf het thuis niet te bespreken", "p", ""),
    ("o", "", "nee hoor, de training die we vorig jaar kregen was top. verder prima geregeld", "", "gevolgd"),
    ("o", "m", "Ik wil graag leren hoe ik aan de telefoon mijn grenzen aangeef", "t", ""),
    ("o", "", "een dikkere huid 😂", "", ""),
    ("o", "", "een training met praktijkvoorbeelden uit het openbaar bestuur, geen algemeen verhaal van een bureau dat ook bankmedewerkers traint", "t", ""),
    ("o", "", "Sneller handelen door het OM. Nu duurt alles maanden en de dader loopt gewoon vrij rond.", "", ""),
    ("o", "", "Weerbaarheidstraining, zsm", "t", ""),
    ("o", "r", "de nieuwe raadsleden zouden een introductie moeten krijgen over agressie en intimidatie. ik zit er al 12 jaar, ik red me wel", "", "groep"),
    ("o", "", "vergoeding voor de camera's. ik check nu elke ochtend de beelden voordat ik de deur uit ga, had ik nooit gedacht", "v", ""),
    ("o", "", "ik wil een cursus zelfverdediging, ik voel me niet meer veilig als ik 's avonds naar huis loop", "tp", ""),
    ("o", "", "Erkenning. En een training hoe je zo'n tirade aan de telefoon netjes afbreekt.", "t", ""),
    ("o", "", "Mijn man zou wel wat hulp kunnen gebruiken, hij is er meer van ondersteboven dan ik", "p", ""),
    ("o", "", "Iets wat me helpt om het los te laten, ik neem alles mee naar bed", "p", ""),
    ("o", "r", "ik weet het niet. de griffier let nu goed op wie er binnenkomt, dat scheelt al", "", "ander"),
    ("o", "gem", "Geen. Ik heb alles al gehad: training, gesprek met de burgemeester, beveiligingsadvies. Voldoende.", "", "gevolgd"),
    ("o", "", "Een opfriscursus zou fijn zijn, de vorige training is alweer vijf jaar geleden", "t", "pos"),
    ("o", "p", "Ik hoef geen training, ik wil dat de politiek stopt met polariseren", "", "neg"),
    ("o", "", "Een vast aanspreekpunt. En ik zou graag leren hoe ik een dreigmail het beste beantwoord (of juist niet)", "t", ""),
    ("o", "m", "handvatten om een agressief gesprek aan de telefoon af te kappen", "t", ""),
    ("o", "", "Beter contact met de wijkagent. Ik loop nu 's avonds niet meer alleen naar mijn auto en dat wil ik weer kunnen", "a", ""),
    ("o", "w", "er moet een cursus komen voor de boa's, die staan er vaak alleen voor", "", "groep"),
    ("o", "", "Psychologische hulp voor mijn dochter, zij heeft er het meest last van", "p", ""),
    ("o", "", "Niks, ik red me prima. Hoewel, een opfristraining zou geen kwaad kunnen eigenlijk", "t", "pos"),
    ("o", "", "Een training in het herkennen van signalen dat iemand over de grens gaat, zodat ik eerder kan ingrijpen", "t", ""),
    ("o", "", "een soort buddy, iemand uit een andere gemeente die hetzelfde heeft meegemaakt", "", ""),
    ("o", "s", "dat de provincie sneller reageert als er iets gemeld wordt. De gedeputeerden zijn zelf al heel voorzichtig in wat ze zeggen, daar zit het probleem niet", "", "ander"),
    ("o", "", "Geen behoefte aan coaching, ik zit al jaren in dit vak", "", "neg"),
    ("o", "", "ik zou graag een keer oefenen met een acteur, zoals ze bij de politie doen. hoe reageer je als iemand vlak voor je gaat staan schreeuwen", "t", ""),
    ("o", "", "Vooral rust. Ik ben op.", "p", ""),
    ("o", ":v", "goede afspraken met de politie. ben nl erg angstig, vooral als mijn man nachtdienst heeft", "p", ""),
    ("o", "r", "Ik zou het fijn vinden als de griffie een informatieavond organiseert over online veiligheid, hoe je je gegevens afschermt etc.", "t", ""),
    ("o", "", "Een juridisch adviseur die namens mij aangifte doet zodat mijn adres niet in het dossier komt", "", ""),
    ("o", "", "geen idee, heb er nooit over nagedacht", "", ""),
    ("o", "p", "mediatraining: hoe je omgaat met lastige vragen en daarna met de reacties online", "t", ""),
    ("o", "r", "Dat de voorzitter ingrijpt als de tribune gaat joelen. Ik zeg in de commissie inmiddels bijna niks meer over het azc, zo erg is het", "c", ""),
    ("o", "w", "Ondersteuning voor de medewerkers van de sociale dienst, daar gebeurt het het meest. Voor mezelf niks nodig.", "", "groep"),
    ("o", "s", "Een training heb ik in 2022 gehad bij het IPO, dat was goed. Nu vooral steun van de Staten zelf.", "", "gevolgd"),
    ("o", "r", "ik ben nog steeds nerveus als ik de raadszaal in loop, dus ik zou graag met iemand praten", "p", ""),
    ("o", "", "Een goede weerbaarheidscursus en een persoonlijk beveiligingsadvies voor thuis", "t", ""),
    ("o", "", "Niks. Alleen dat mensen normaal doen. Ik ben niet bang, niet voorzichtiger, niks.", "", "neg"),
    ("o", "", "Ik wil leren hoe ik rustig blijf als ik uitgescholden word, nu reageer ik te fel", "t", ""),
    ("o", "", "Beter geregelde nazorg na een incident, bijv via het BNO", "", ""),
    ("o", "", "Meer blauw op straat, zodat ik niet elke keer als ik fiets achterom hoef te kijken", "v", ""),
    ("o", "m", "voor de jongere collega's zou een training goed zijn. Ik heb 30 jaar ervaring, ik weet wel hoe het moet", "", "groep"),
    ("o", "", "Geen training nodig, wel hulp. Ik word nog steeds zweterig als ik de naam van die man in mijn inbox zie", "p", "neg"),
    ("o", "", "Ik zou willen dat de lessen van die training herhaald worden, ik ben veel vergeten", "t", "pos"),
    ("o", "", "een meldknop op mijn telefoon. en een korte instructie van de politie wat ik moet doen als iemand me volgt", "t", ""),
    ("o", "", "Tips & tricks om je privacy online te beschermen. Workshop of webinar.", "t", ""),
    ("o", "gem", "Dat de burgemeester publiekelijk afstand neemt van de bedreigingen", "", ""),
    ("o", "", "Een cursus is leuk maar lost niks op. Ik wil handhaving.", "", "neg"),
    ("o", "", "Hulp bij het verwerken, ik ben er nog steeds mee bezig en raak soms in paniek", "p", ""),
    ("o", "", "Ik zou een training willen volgen over hoe je een gesprek kunt sturen als iemand dreigend wordt", "t", ""),
    ("o", "", "Geen, de vertrouwenspersoon was heel goed", "", ""),
    ("o", "r", "een agent bij de deur tijdens vergaderingen. Sinds die avond ga ik niet meer naar de commissievergaderingen op locatie", "a", ""),
    ("o", "", "Ik zou coaching willen, iemand die met me meedenkt over hoe ik hiermee omga zodat ik weer met plezier mijn werk kan doen", "tp", ""),
    ("o", "r", "Gewoon een keer een telefoontje van de griffier hoe het gaat. Meer niet.", "", ""),
    ("o", "w", "Voorlichting voor het hele college over wat je moet doen als je bedreigd wordt, we weten het nu echt niet", "t", "pos"),
    ("o", "dg", "Er moet een training komen voor de dijkwachten, die hebben vaak direct contact met boze bewoners", "", "groep"),
    ("o", "ab", "Ik vind dat het waterschap te weinig doet. Maar wat ik zelf nodig heb weet ik niet.", "", ""),
    ("o", "", "Een zelfverdedigingscursus voor mijn vrouw, zij is degene die thuis is als er aangebeld wordt", "", "groep"),
    ("o", "", "Dat er eens iemand luistert. Ik ben op mijn werk minder vrolijk door alles en thuis ook", "p", ""),
    ("o", "", "n.v.t.", "", ""),
    ("o", "gem", "praktische training in lichaamstaal lezen en afstand houden. de theoretische van de VNG heb ik al gehad, die was te weinig", "t", "pos"),
    ("o", "", "Beveiliging van mijn huis. En ik wil dat mijn kinderen weer zonder angst naar school kunnen.", "p", ""),
    ("o", "r", "Meer steun van de partij landelijk. En een training voor lokale kandidaten, waar ik me ook meteen voor opgeef", "t", ""),
    ("o", "", "Ik heb voldoende kennis, heb zelf jarenlang agressietrainingen gegeven. Geen behoefte.", "", "neg"),
    ("o", "r", "Een goede training voor raadsleden waarin je leert omgaan met haat op social media. De griffie is er al alert op, maar ik ben er zelf echt niet goed in", "t", "ander"),
    ("o", "gem", "Een informatiesessie over wat de gemeente voor je kan doen als je bedreigd wordt, ik heb geen idee waar ik terecht kan", "t", ""),
    ("o", "m", "een bodycam, en een training hoe je die inzet zonder dat het escaleert", "t", ""),
    ("o", "", "Ik heb nu even niks nodig, dank", "", ""),
    ("o", "", "Dat de rechter eens streng straft. Vermijden van herhaling is het allerbelangrijkste", "", "vv"),
    ("o", "m", "de-escalatietraining voor iedereen die met publiek werkt, dus ook voor mij", "t", "pos"),
    ("o", "p", "geen training. ik heb vorig jaar die van het Netwerk Weerbaar Bestuur gedaan en dat was voldoende", "", "gevolgd"),
    ("o", "", "Ik zou graag willen dat mijn partner ook ergens terecht kan, zij is echt bang", "p", ""),
    ("o", "", "Een training gericht op veiligheid thuis: wat doe je als er iemand voor de deur staat te schreeuwen", "t", ""),
    ("o", "", "vertrouwenspersoon en juridische hulp. Ik zelf ben niet bang maar mijn kinderen zijn erg geschrokken", "p", "neg"),
    ("o", "", "Zorg dat de politie meldingen serieus neemt. Ik heb 3x gebeld en er kwam niemand.", "", ""),
    ("o", "", "ik zoek iemand die me kan leren hoe ik me beter afsluit voor alle negativiteit online", "t", ""),
    ("o", "", "Alert blijven op de begroting en de kosten van al die beveiliging, dat is wat ik nodig heb 😉", "", "vv"),
    ("o", "", "een cursus omgevingswet zou handig zijn maar dat is een andere vraag denk ik", "", "vv"),
    ("o", "", "Iemand die de berichten voor me filtert, ik word er ziek van om alles te lezen", "p", ""),
    ("o", "", "afscherming van mijn gegevens bij de KvK. ik ben tegenwoordig heel alert op wie er foto's van mijn huis maakt", "v", ""),
    ("o", "", "Een cursus omgaan met agressie zou fijn zijn. Ik merk dat ik dichtklap.", "t", ""),
    ("o", "m", "Een duidelijke lijn vanuit de organisatie. Onze teamleider is erg alert, maar de rest van het huis slaapt", "", "ander"),
    ("o", "", "Ik heb een weerbaarheidstraining gevolgd en wil graag een vervolg, de basis was te basic", "t", "pos"),
    ("o", "w", "coaching voor de nieuwe burgemeester zou goed zijn, die heeft dit nog nooit meegemaakt", "", "groep"),
    ("o", "", "geen, bedankt voor de vraag", "", ""),
    ("o", "gem", "Een app voor een noodmelding. Een cursus heb ik niet nodig, maar ik voel me niet veilig als ik 's avonds alleen in het gemeentehuis zit", "p", "neg"),
    ("o", "", "Begrip van mijn werkgever als ik een dag niet kan werken door de spanning", "p", ""),
    ("o", "", "Meer tijd! Dan kan ik eindelijk eens naar een training. Nu kom ik er niet aan toe.", "t", ""),
    ("o", "", "Ik snap niet waarom er wel geld is voor trainingen maar niet voor een beveiligde parkeerplaats", "", "neg"),
    ("o", "", "Contact met lotgenoten. Niemand snapt hoe eenzaam en bang je je kunt voelen", "p", ""),
    ("o", "f", "een goede workshop over hoe je omgaat met intimiderende insprekers in de commissie", "t", ""),
    ("o", "p", "Moet je mij niet vragen, ik heb er geen last van. Vraag de ambtenaren maar.", "", "neg"),
    ("o", "m", "Duidelijke richtlijnen wanneer we de politie bellen, en dat we daar ook een keer mee oefenen", "t", "pos"),
    ("o", "gem", "ik wil graag dat de VNG een lijstje maakt met wie je kunt bellen", "", ""),
    ("o", "", "Ik heb geen steun nodig, ik ben niet bang en ik laat me niet intimideren", "", "neg"),
    ("o", "", "Iets waardoor ik weer kan ontspannen, ik sta de hele dag aan", "p", ""),
    ("o", "m", "trainen met collega's, rollenspellen, hoe je een boze inwoner aan de telefoon rustig krijgt", "t", ""),
    ("o", "", "Een mentor. Iemand die al lang meedraait en tips kan geven hoe je met boze mensen omgaat.", "t", ""),
    ("o", "gem", "beveiligingscamera's, vergoed door de gemeente", "", ""),
    ("o", "gm", "De gemeentesecretaris moet verantwoordelijkheid nemen en ons als team leren hoe we met agressieve bellers omgaan", "t", "pos"),
    ("o", "r", "Ik vind dat de griffie een training moet organiseren voor de fractieassistenten. Wij raadsleden hebben er al een gehad.", "", "groep"),
    ("o", "", "Ondersteuning bij het terugkeren naar werk na mijn ziekteverlof, ik ben nog niet de oude", "p", ""),
    ("o", "", "Een spreekuur met een psycholoog", "", ""),
    ("o", "", "Ik heb gewoon behoefte aan kennis: wat zijn mijn rechten, hoe documenteer ik bedreigingen, wanneer schakel ik de politie in. Een korte cursus zou ideaal zijn.", "t", ""),
    ("o", "", "geen idee", "", ""),
    ("o", "", "Ik weet niet of een training helpt, dit soort mensen kun je niet de-escaleren", "", "neg"),
    ("o", "r", "Vooral politieke steun. Mijn collega's in de fractie zijn veel stiller geworden in debatten, dat moet anders", "", "ander"),
    ("o", "r", "Dat de partij een goed draaiboek heeft en de lokale afdelingen traint in hoe je hiermee omgaat. Ik als fractievoorzitter ook, ik heb geen flauw idee", "t", "pos"),
    ("o", "", "Ik zou willen leren hoe ik mijn social media zo instel dat er minder troep binnenkomt. Een korte uitleg is genoeg.", "t", ""),
    ("o", "", "Een luisterend oor voor mijn man, die is er niet goed van", "p", ""),
    ("o", "", "Voldoende geregeld, we hebben een agressieprotocol en hebben allemaal de training gehad.", "", "gevolgd"),
    ("o", "", "meer begrip van de bevolking, maar dat is wishful thinking", "", ""),
    ("o", "", "Zorg dat de dader een contactverbod krijgt", "", ""),
    ("o", "", "Vooral een training in weerbaarheid en omgaan met online bedreigingen, en iemand om mee te praten als het weer gebeurt. ik vind het namelijk best zwaar", "tp", ""),
    ("o", "", "een goede verzekering voor als mijn auto weer vernield wordt. ik parkeer hem gewoon op dezelfde plek, ik laat me niet wegjagen", "", "neg"),
    ("o", "", "hulp van een advocaat, kosten vergoed. En een cursus hoe ik het beste met de pers omga als zoiets gebeurt", "t", ""),
    ("o", "", "Cursus Excel 😜 nee serieus, niks", "", "vv"),
    ("o", "", "Mooi dat de organisatie trainingen aanbiedt aan leidinggevenden, maar ik heb het zelf niet nodig", "", "groep"),
    ("o", "r", "een gedragscode voor insprekers. ik spreek me nu al niet meer uit als bepaalde mensen op de tribune zitten", "c", ""),
    ("o", "m", "workshop 'omgaan met agressie' voor ons team, ik zit er zelf ook in en we hebben het hard nodig", "t", "pos"),
    ("o", "", "Weinig. Ik ben wel veel minder open tegen inwoners geworden, dat zou ik graag terug willen", "c", ""),
    ("o", "", "De politie moet sneller ter plaatse zijn", "", ""),
    ("o", "r", "Ik zoek een coach die me helpt om me weer uit te spreken in de raad, ik hou me nu te veel in", "ct", ""),
    ("o", "", "Een training over hoe je een inwoner te woord staat die boos aan de deur komt. Bij mij stond er iemand en ik wist niet wat ik moest doen.", "t", ""),
    ("o", "gem", "Ik ben goed geholpen door de gemeente. Geen aanvullende ondersteuning nodig.", "", ""),
    ("o", "", "Mijn vrouw is angstig geworden, voor haar zou ik hulp willen", "p", ""),
    ("o", "f", "Dat het bespreekbaar wordt in de fractie. Nu sta ik er alleen voor en dat knaagt", "p", ""),
    ("o", "", "iets zoals een EHBO-cursus maar dan voor agressie", "t", ""),
    ("o", "m", "Een beveiliger bij de balie en betere zichtlijnen", "", ""),
    ("o", "", "Ik ben huiverig voor trainingen, die zijn vaak te algemeen. Liever maatwerkadvies van de politie over mijn situatie.", "", "neg"),
    ("o", "r", "Bijscholing over de nieuwe Wet open overheid", "", "vv"),
    ("o", "m", "Ik zou heel graag leren hoe ik kalm blijf en de situatie onder controle houd als iemand aan de balie agressief wordt", "t", ""),
    ("o", "", "geen. ik stop na deze periode, ik ben er klaar mee", "p", ""),
    ("o", "g", "Dat iemand bij de provincie de reacties op onze socials modereert", "", ""),
    ("o", "s", "Iets als een training persoonlijke veiligheid. Ook voor als ik 's avonds laat uit het provinciehuis kom en nog een uur moet rijden.", "t", ""),
    ("o", "", "Een cursus 'lastige gesprekken voeren' zou ik wel zinvol vinden", "t", ""),
    ("o", "f", "niks nodig, ik heb een lieve familie en een goede fractie", "", ""),
    ("o", "db", "Dat het waterschap beleid maakt. Nu is er niks.", "", ""),
    ("o", "", "ik heb een oefensessie met de politie gedaan over wat te doen bij een dreigende situatie, dat was heel goed. Meer van dat soort dingen zou ik graag willen.", "t", "pos"),
    ("o", "gm", "De agressietraining van de gemeente heb ik al drie keer gedaan. Ik ken het riedeltje wel.", "", "gevolgd"),
    ("o", "r", "Duidelijke communicatie van het college. En voor mezelf een cursus 'weerbaar op social media', ik word gek van alle haat", "tp", ""),
    ("o", "", "ik wil leren omgaan met de haat op sociale media. nu lees ik alles en word ik er kapot van", "tp", ""),
    ("o", "r:v", "misschien een bijeenkomst met andere vrouwelijke raadsleden die het ook meemaken", "", ""),
    ("o", "m", "iemand van HR die vraagt hoe het gaat", "", ""),
    ("o", "m", "Voor mezelf niets. Voor de collega's van de buitendienst zou een weerbaarheidstraining goed zijn, die zijn vaak alleen op pad.", "", "groep"),
    ("o", "r", "De burgemeester moet een cursus krijgen in leidinggeven in crisissituaties", "", "groep"),
    ("o", "", "Hulp bij het afschermen van onze gegevens, ik maak me veel zorgen om de kinderen", "p", ""),
    ("o", "", "een cursus voor mij en mijn partner, wat te doen bij een bedreiging aan huis", "t", "pos"),
    ("o", "", "Dat er niet steeds een nieuw onderzoek komt. Ik hoef ook geen training, ik wil actie.", "", "neg"),
    ("o", "", "training <br> coaching <br> vertrouwenspersoon", "t", ""),
    ("o", "", "meer capaciteit bij de politie voor cybercrime", "", ""),
    ("o", "", "Ik vind de vraag lastig. Ik ben tevreden met wat er is.", "", ""),
    ("o", "b", "Ik zou willen oefenen hoe ik een vergadering voorzit als er mensen op de tribune gaan schreeuwen", "t", ""),
    ("o", "", "voldoende ondersteuning, dank. wel vind ik dat het OM sneller moet zijn", "", ""),
    ("o", "m", "Een paniekknop aan de balie", "", "vv"),
    ("o", "", "Angstig? Nee. Behoefte aan een cursus? Ook nee. Ik wil vooral dat het stopt.", "", "neg"),
    ("o", "", "Een paar sessies met een coach om te leren hoe ik grenzen stel bij inwoners die me dag en nacht appen", "t", ""),
    ("o", "", "financieel steuntje voor een alarmsysteem, ik doe 's nachts geen oog dicht", "p", ""),
    ("o", "", "Ik mis aandacht voor de thuissituatie. Mijn kinderen slapen slecht sinds de demonstratie voor ons huis.", "p", ""),
    ("o", "s", "een goede voorbereiding voor nieuwe statenleden op wat er op je afkomt. Had ik zelf ook graag gehad, en eigenlijk nog steeds", "t", "pos"),
    ("o", "", "Dat de omgeving begrijpt dat ik ook maar een mens ben. Ik zit niet in de put hoor, maar het mag gezegd worden.", "", "neg"),
    ("o", "", "Iets praktisch: hoe maak ik mijn nummer geheim, hoe laat ik mijn adres afschermen. Een instructie zou helpen.", "t", ""),
    ("o", "", "Ik denk dat mediation met de betreffende inwoner kan helpen", "", ""),
    ("o", "", "geen ondersteuning nodig, wel een goede ICT-afdeling. en ik ben niet van plan om van twitter af te gaan", "", "neg"),
    ("o", "", "Voorzichtig positief over het nieuwe veiligheidsplan, verder geen behoefte", "", "vv"),
    ("o", "", "Ik zou wel weer eens een training willen, het is lang geleden. Vooral omdat er tegenwoordig zoveel online gebeurt.", "t", "pos"),
    ("o", "", "Support van het thuisfront heb ik. Mijn vrouw is er heel nuchter onder en de kinderen merken er niks van", "", "neg"),
    ("o", "ab", "Een gesprek met de dijkgraaf over hoe we dit als bestuur aanpakken", "", ""),
    ("o", "", "Omgaan met agressie is iets wat je moet leren, dat zit niet in je. Dus ja, training graag.", "t", ""),
    ("o", "", "Wat ik nodig heb? Dat mensen ophouden met schelden. Meer niet.", "", ""),
    ("o", "", "Ik zou het fijn vinden als iemand me uitlegt hoe ik online bedreigingen goed bewaar als bewijs", "t", ""),
    ("o", "", "Professionele hulp. Ik heb PTSS-klachten.", "p", ""),
    ("o", "", "De training die we kregen was slecht, dus een betere training alstublieft", "t", "pos"),
    ("o", "b", "beveiliging bij evenementen waar ik moet spreken", "", ""),
    ("o", "", "Ik let tegenwoordig op alles en iedereen om me heen en dat is uitputtend. Een gesprek met een deskundige zou helpen.", "vp", ""),
    ("o", "p", "ik heb geen behoefte aan een weerbaarheidscursus maar wel aan een partij die achter me staat", "", "neg"),
    ("o", "g", "Hoe je omgaat met een volle zaal boze boeren, dat wil ik leren. Als gedeputeerde sta je er vaak alleen voor.", "t", ""),
    ("o", "m", "Meer collega's aan de balie en een training agressiehantering voor ons, we worden nu zonder enige voorbereiding ingezet", "t", "pos"),
    ("o", "", "Een goed protocol op papier. Ik hoef geen cursus.", "", "neg"),
    ("o", "", "dat ze mijn adres van internet halen. ik kan niet meer ontspannen in mijn eigen huis", "p", ""),
    ("o", "", "ik ben erg geschrokken en wil graag nazorg", "p", ""),
    ("o", "m", "Een cursus weerbaarheid voor alle medewerkers die met publiek werken, dus ook voor mij en mijn team. Ik heb overwogen ander werk te zoeken omdat ik het niet meer trok.", "tp", "pos"),
    ("o", "", "Sneller reageren op meldingen. De werkgroep veiligheid is voorzichtig optimistisch, ik niet", "", "vv"),
    ("o", "", "Ik wil graag leren hoe je een grens trekt zonder dat het escaleert, ook als mensen me in de privésfeer aanspreken bij de bakker", "t", ""),
    ("o", "s", "vergoeding reiskosten naar de rechtbank. een training? nee dank je, die van het IPO vond ik voldoende", "", "gevolgd"),
    ("o", "", "Ik heb geen ondersteuning nodig. ik ben er niet slechter door gaan slapen, echt niet", "", "neg"),
    ("o", "", "Online haat laten modereren door een extern bureau. Mijn eigen accounts heb ik dichtgegooid, ik kijk er niet meer naar", "a", ""),
    ("o", "m", "Een extra beveiliger op drukke dagen", "", ""),
    ("o", "m", "kennis over hoe je signalen van radicalisering herkent bij inwoners die dreigen, daar zou ik een training in willen", "t", ""),
    ("o", "r", "dat de burgemeester stopt met sussen", "", ""),
    ("o", "", "niks. Of ja, een goede advocaat.", "", ""),
    ("o", "", "Meer aandacht in de inwerkperiode voor dit soort zaken, ik ben pas begonnen en heb geen idee hoe ik dit moet aanpakken", "t", ""),
    ("o", "p", "Ik ga sinds het incident niet meer alleen over straat, dus begeleiding van en naar vergaderingen zou fijn zijn", "a", ""),
    ("o", "", "Een training 'omgaan met bedreigingen' is niet nodig, die hebben we in maart al gehad. Nu moet er gehandhaafd worden.", "", "gevolgd"),
    ("o", "", "Ik heb vooral behoefte aan rust in mijn hoofd. Elke dag zie ik die berichten voor me.", "p", ""),
    ("o", "", "Mijn zoon is erdoor getraumatiseerd, hij moet hulp krijgen. Ikzelf red me wel.", "p", ""),
    ("o", "w", "Een speciale training voor de wethouders die de asieldossiers hebben, zoals ik", "t", "pos"),
]

# --------------------------------------------------------------- metadata
LAGEN = {"gemeente": 0.70, "provincie": 0.15, "waterschap": 0.15}
FUNCTIES = {
    "gemeente": {"raadslid": 0.45, "wethouder": 0.20, "burgemeester": 0.08, "medewerker": 0.27},
    "provincie": {"statenlid": 0.50, "gedeputeerde": 0.20, "medewerker": 0.30},
    "waterschap": {"lid algemeen bestuur": 0.45, "lid dagelijks bestuur": 0.20,
                   "dijkgraaf": 0.08, "medewerker": 0.27},
}
# één vast gewicht per bestuurslaag x functie
WEIGHTS = {
    ("gemeente", "raadslid"): 0.874, ("gemeente", "wethouder"): 1.132,
    ("gemeente", "burgemeester"): 1.486, ("gemeente", "medewerker"): 0.653,
    ("provincie", "statenlid"): 1.215, ("provincie", "gedeputeerde"): 1.742,
    ("provincie", "medewerker"): 0.918,
    ("waterschap", "lid algemeen bestuur"): 1.361, ("waterschap", "lid dagelijks bestuur"): 1.577,
    ("waterschap", "dijkgraaf"): 1.953, ("waterschap", "medewerker"): 0.781,
}
FIXED = {
    "r": ("gemeente", "raadslid"), "w": ("gemeente", "wethouder"),
    "b": ("gemeente", "burgemeester"), "gm": ("gemeente", "medewerker"),
    "s": ("provincie", "statenlid"), "g": ("provincie", "gedeputeerde"),
    "ab": ("waterschap", "lid algemeen bestuur"), "db": ("waterschap", "lid dagelijks bestuur"),
    "dg": ("waterschap", "dijkgraaf"),
}


def pick(rng, dist):
    keys = list(dist)
    return rng.choices(keys, weights=[dist[k] for k in keys])[0]


def assign(rng, hint):
    if hint in FIXED:
        return FIXED[hint]
    if hint == "m":
        return pick(rng, LAGEN), "medewerker"
    if hint == "gem":
        return "gemeente", pick(rng, FUNCTIES["gemeente"])
    if hint == "f":
        return pick(rng, {("gemeente", "raadslid"): .75, ("provincie", "statenlid"): .15,
                          ("waterschap", "lid algemeen bestuur"): .10})
    laag = pick(rng, LAGEN)
    funcs = dict(FUNCTIES[laag])
    if hint == "p":
        funcs.pop("medewerker")
    return laag, pick(rng, funcs)


def codes_to_gold(codes):
    names = {LETTER[ch] for ch in codes}
    return ";".join(t for t in THEMES if t in names)


def main():
    assert len(ANSWERS) == 400, len(ANSWERS)
    # alleen heel korte antwoorden ('nvt', '-') mogen vaker voorkomen
    long_texts = [a[2] for a in ANSWERS if len(a[2]) > 5]
    assert len(set(long_texts)) == len(long_texts), "dubbele tekst"
    for vraag, meta, text, codes, kind in ANSWERS:
        assert vraag in ("e", "o")
        assert set(codes) <= set(LETTER), codes
        assert kind in HN_KINDS | {"pos", ""}, kind
        assert '"' not in text

    rng = random.Random(20240611)
    order = list(range(400))
    rng.shuffle(order)

    rows = []
    for n, idx in enumerate(order, start=1):
        vraag, meta, text, codes, kind = ANSWERS[idx]
        hint, _, sex = meta.partition(":")
        laag, functie = assign(rng, hint)
        if sex == "v":
            geslacht = "vrouw"
        elif sex == "m":
            geslacht = "man"
        else:
            geslacht = pick(rng, {"man": .50, "vrouw": .42, "anders": .02, "": .06})
        p_ernstig = 0.60 if "p" in codes else 0.40
        ernst = "ernstig" if rng.random() < p_ernstig else "minder ernstig"
        rows.append({
            "id": f"B{n:03d}",
            "bestuurslaag": laag,
            "functie": functie,
            "geslacht": geslacht,
            "ernst": ernst,
            "weight": f"{WEIGHTS[(laag, functie)]:.3f}",
            "vraag": "effecten" if vraag == "e" else "ondersteuning",
            "text": text,
            "handcodering": codes_to_gold(codes),
        })

    fields = ["id", "bestuurslaag", "functie", "geslacht", "ernst", "weight",
              "vraag", "text", "handcodering"]
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    # ---- statistiek voor README
    vc = Counter(a[0] for a in ANSWERS)
    tc = Counter(t for a in ANSWERS for t in codes_to_gold(a[3]).split(";") if t)
    none = sum(1 for a in ANSWERS if not a[3])
    kinds = Counter(a[4] for a in ANSWERS if a[4])
    hn_total = sum(v for k, v in kinds.items() if k in HN_KINDS)
    hn_none = sum(1 for a in ANSWERS if a[4] in HN_KINDS and not a[3])
    multi = sum(1 for a in ANSWERS if len(a[3]) > 1)
    print("vraag:", dict(vc))
    print("thema's:", {t: tc[t] for t in THEMES})
    print("zonder thema:", none, "| meer dan één thema:", multi)
    print("lastige gevallen:", dict(kinds), "| harde negatieven totaal:", hn_total,
          "waarvan zonder enig thema:", hn_none)
    for vr in ("e", "o"):
        sub = [a for a in ANSWERS if a[0] == vr]
        print(vr, {t: sum(1 for a in sub if t in codes_to_gold(a[3]).split(";")) for t in THEMES},
              "geen:", sum(1 for a in sub if not a[3]))
    print("laag:", dict(Counter(r["bestuurslaag"] for r in rows)))
    print("functie:", dict(Counter((r["bestuurslaag"], r["functie"]) for r in rows)))
    print("ernst:", dict(Counter(r["ernst"] for r in rows)),
          "geslacht:", dict(Counter(r["geslacht"] for r in rows)))
    print("geschreven:", OUT)


if __name__ == "__main__":
    main()
