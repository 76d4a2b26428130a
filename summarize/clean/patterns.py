"""Lexical boilerplate patterns, per language: whole lines that are never article text."""

from __future__ import annotations

import re
from functools import cache

from summarize.text.languages import canonical

_I = re.IGNORECASE

# Patterns match a whole (stripped) line. Each has a reason that goes into the report.
COMMON: list[tuple[str, str]] = [
    (r"\[\s*(?:ad|ads|advert)[_ -]?\d*\s*\]", "ad marker"),
    (r"\[(?:embed|video|audio|caption|gallery|related)[^\]]{0,60}\]", "embed marker"),
    (r"(?:photo|image|picture|video|graphic|illustration|foto|bild)s?(?: credits?)?\s*[:|/©].{0,120}", "photo credit"),
    (r"(?:credit|source|quelle)\s*:\s*.{0,80}(?:getty|reuters|afp|ap|epa|shutterstock|images?|photo).{0,40}",
     "photo credit"),
    (r"©.{0,100}", "copyright line"),
    # a caption that ends with its credit: "... in Paris. (Gonzalo Fuentes, pool photo, via AP)"
    (r".{0,300}\((?:[^()]{0,80}\b(?:photos?|AP Photo|via AP|Getty Images|Reuters|AFP|EPA|pool)\b[^()]{0,40})\)\.?",
     "photo caption"),
    (r"[\w .'-]{1,60}/\s*(?:getty images|reuters|afp|ap|epa(?:-efe)?|shutterstock|associated press)\.?", "photo credit"),
]

LANGUAGE: dict[str, list[tuple[str, str]]] = {
    "english": [
        (r"advertisement|sponsored(?: content)?|promoted(?: stories)?|ad feedback", "ad marker"),
        (r"source link|read more\b.{0,150}|continue reading\.?|click here\b.{0,150}", "link footer"),
        (r"(?:share|share this(?: article| story| page)?)\b.{0,80}(?:facebook|twitter|email|whatsapp|linkedin|x)\b.{0,60}",
         "share line"),
        (r"(?:subscribe|sign up)\b.{0,140}(?:newsletter|subscription|updates|news|inbox).{0,60}", "subscribe line"),
        (r"follow (?:us|him|her) on\b.{0,80}", "social line"),
        # names are matched case-sensitively: "By Tuesday evening the water rose" is no byline
        (r"by (?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,? (?:for |of )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})?)",
         "byline"),
        (r".{0,80}\b(?:contributed|contributing) (?:to )?(?:this|the) (?:report|story|article)\.?", "contributor line"),
        (r"(?:this is )?(?:a )?breaking news\b.{0,80}|breaking:?|previous stories below:?|developing story\.?",
         "breaking-news banner"),
        (r"editor'?’?s note:.{0,400}|correction:.{0,400}|clarification:.{0,400}", "editor's note"),
        (r"(?:comments?|\d+ comments?|leave a comment|view comments)\.?", "comments line"),
        (r"(?:all rights reserved|terms of (?:use|service)|privacy policy).{0,80}", "legal footer"),
        (r"(?:be|get) the first to know\b.{0,80}|sign me up!?|(?:get|sign up for) (?:our|the) (?:daily |weekly )?"
         r"newsletters?\b.{0,80}|no one covers what is happening in our community.{0,60}|"
         r"the news and stories that matter,? delivered weekday mornings\.?", "subscribe line"),
        (r"(?:we|[\w ]{1,40}) (?:have|has) reached out to .{0,120}\band (?:we )?will update (?:this|the) "
         r"(?:story|article|post).{0,80}", "update promise"),
        (r"this will appear next to all of your comments.{0,80}|(?:please )?enable javascript.{0,120}", "page chrome"),
        (r"invalid e-?mail address\.?|(?:please )?(?:enter|provide) a valid e-?mail(?: address)?\.?|"
         r"please verify (?:that )?you(?:'|’)?re not a robot\b.{0,60}|reserve your [\w -]{1,40} now[.!]?|"
         r"(?:email|e-mail|print) this(?: article| story)?\.?", "page chrome"),
        (r"media playback is unsupported on your device\b.{0,600}", "page chrome"),
    ],
    "french": [
        (r"publicité|contenu sponsorisé", "ad marker"),
        (r"lire (?:aussi|la suite|plus)\b.{0,150}|en savoir plus\b.{0,100}", "link footer"),
        (r"(?:partager|partagez)\b.{0,80}", "share line"),
        (r"(?:abonnez-vous|inscrivez-vous)\b.{0,140}", "subscribe line"),
        (r"par (?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})", "byline"),
        (r"\(?avec (?:afp|reuters|ap)\)?\.?", "contributor line"),
        (r"(?:dernière minute|alerte info)\b.{0,80}", "breaking-news banner"),
    ],
    "german": [
        (r"anzeige|werbung", "ad marker"),
        (r"(?:mehr|lesen sie auch|weiterlesen)\b.{0,150}", "link footer"),
        (r"(?:teilen|jetzt abonnieren|newsletter abonnieren)\b.{0,100}", "share line"),
    ],
    "spanish": [
        (r"publicidad|contenido patrocinado", "ad marker"),
        (r"(?:lee también|leer más|te puede interesar)\b.{0,150}", "link footer"),
        (r"(?:compartir|suscríbete)\b.{0,100}", "share line"),
    ],
}

# Headers that open a block of other stories: everything after them is cut.
SECTION_HEADERS: dict[str, str] = {
    "english": r"(?:also on|more from|more on|related(?: stories| articles| coverage| content)?|recommended(?: for you)?|"
               r"trending(?: now)?|most (?:read|popular|viewed)|you (?:may|might) also like|in other news|"
               r"top stories|around the web|latest news|more stories)\b.{0,60}",
    "french": r"(?:à lire aussi|sur le même sujet|les plus lus|à voir aussi)\b.{0,60}",
    "german": r"(?:mehr zum thema|das könnte sie auch interessieren|meistgelesen)\b.{0,60}",
    "spanish": r"(?:noticias relacionadas|lo más leído|más noticias)\b.{0,60}",
}


@cache
def compile_lines(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The whole-line patterns of a language (and those common to all), compiled once."""
    pats = COMMON + LANGUAGE.get(language, [])
    return tuple((re.compile(rf"^(?:{p})$", _I), reason) for p, reason in pats)


@cache
def compile_header(language: str) -> re.Pattern[str] | None:
    """The related-stories header pattern of a language, if it has one."""
    p = SECTION_HEADERS.get(language)
    return re.compile(rf"^(?:{p})$", _I) if p else None


# ---------------------------------------------------------------------------------------------
# Machine-translation debris (``broken`` step, :mod:`summarize.clean.debris`): the words that
# give a short sentence the shape of a dangling generic clause. Per language: first-person
# subject pronouns (a news report speaks in the third person outside quotations), third-person
# subject pronouns, speech verbs (what a mistranslated attribution tag is made of: "I called
# out.", "He said it was necessary.", "Il a déclaré.", "Er sagte."), and time words and
# auxiliaries (where the stop-word list lacks them), which tie no sentence to an event ("I'm
# entering my third year.", "Il a déclaré que c'était nécessaire."). Lower-case; an apostrophe is
# written ' (the detector folds ’ into it).
DEBRIS_WORDS: dict[str, dict[str, frozenset[str]]] = {
    language: {kind: frozenset(text.split()) for kind, text in kinds.items()}
    for language, kinds in {
        "english": {
            "first": "i i'm i've i'd i'll we we're we've we'll we'd",
            "third": "he she it they he's she's it's they're they've they'd he'd she'd",
            "speech": "said says say stated states added adds called calls declared declares noted notes explained "
                      "explains told tells stressed stresses insisted insists replied replies remarked remarks "
                      "continued concluded asserted asserts affirmed affirms cried shouted exclaimed",
            "time": "year years month months week weeks day days time times hour hours minute minutes today "
                    "yesterday tomorrow tonight morning afternoon evening night weekend monday tuesday "
                    "wednesday thursday friday saturday sunday",
            "auxiliary": "is are was were be been being am has have had do does did will would shall should can "
                         "could may might must",
        },
        "french": {
            "first": "je j' nous moi",
            "third": "il elle ils elles on",
            "speech": "dit dire déclaré déclare ajouté ajoute affirmé affirme souligné souligne expliqué explique "
                      "estimé estime précisé précise lancé lance indiqué indique insisté insiste répondu répond "
                      "poursuivi poursuit conclu conclut martelé martèle assuré assure noté note rappelé rappelle "
                      "déclaraient disaient disait déclarait s'est s'exclame s'est-il",
            "time": "an ans année années mois semaine semaines jour jours heure heures minute minutes fois "
                    "aujourd'hui hier demain matin après-midi soir soirée nuit week-end lundi mardi mercredi "
                    "jeudi vendredi samedi dimanche",
            "auxiliary": "a ai as avons avez ont avait avaient aurait auraient eu est sont était étaient été "
                         "sommes êtes suis es sera seront serait seraient fut c'est c'était ce cela ça fait "
                         "faire peut peuvent doit doivent va vont",
        },
        "german": {
            "first": "ich wir",
            "third": "er sie es man",
            "speech": "sagte sagten sagt sagen gesagt erklärte erklärten erklärt betonte betonten betont fügte fügt "
                      "hinzu meinte meinten meint rief ruft sprach spricht teilte teilt mit ergänzte ergänzt "
                      "unterstrich antwortete antwortet versicherte versichert",
            "time": "jahr jahre jahren jahres monat monate monaten woche wochen tag tage tagen stunde stunden "
                    "minute minuten mal heute gestern morgen abend nacht wochenende montag dienstag mittwoch "
                    "donnerstag freitag samstag sonntag",
            "auxiliary": "ist sind war waren sei seien wäre wären bin bist seid hat haben hatte hatten habe "
                         "hätte hätten wird werden wurde wurden würde würden kann können konnte muss müssen "
                         "musste soll sollen sollte gerade",
        },
        "spanish": {
            "first": "yo nosotros nosotras",
            "third": "él ella ellos ellas",
            "speech": "dijo dice dijeron afirmó afirma declaró declara añadió añade señaló señala explicó explica "
                      "aseguró asegura indicó indica agregó agrega subrayó manifestó sostuvo expresó comentó "
                      "respondió insistió dicho declarado",
            "time": "año años mes meses semana semanas día días hora horas minuto minutos vez veces hoy ayer "
                    "mañana tarde noche lunes martes miércoles jueves viernes sábado domingo",
            "auxiliary": "es son era eran fue fueron sea sido ser está están estaba estaban ha han había habían "
                         "he hemos haber hay puede pueden debe deben va van",
        },
        "italian": {
            "first": "io noi",
            "third": "lui lei loro egli ella essi esse",
            "speech": "detto disse dice dichiarato dichiara aggiunto aggiunge affermato afferma spiegato spiega "
                      "sottolineato sottolinea precisato osservato ribadito commentato risposto",
            "time": "anno anni mese mesi settimana settimane giorno giorni ora ore minuto minuti volta volte "
                    "oggi ieri domani mattina pomeriggio sera notte lunedì martedì mercoledì giovedì venerdì "
                    "sabato domenica",
            "auxiliary": "è sono era erano fu sia stato stata essere ha hanno aveva avevano ho abbiamo avere "
                         "può possono deve devono va vanno",
        },
        "portuguese": {
            "first": "eu nós",
            "third": "ele ela eles elas",
            "speech": "disse diz disseram afirmou afirma declarou declara acrescentou acrescenta explicou explica "
                      "sublinhou salientou referiu comentou respondeu",
            "time": "ano anos mês meses semana semanas dia dias hora horas minuto minutos vez vezes hoje ontem "
                    "amanhã manhã tarde noite segunda terça quarta quinta sexta sábado domingo",
            "auxiliary": "é são era eram foi foram seja sido ser está estão estava estavam tem têm tinha tinham "
                         "há pode podem deve devem vai vão",
        },
        "dutch": {
            "first": "ik wij we",
            "third": "hij zij ze het",
            "speech": "zei zegt zeiden verklaarde verklaart voegde voegt toe benadrukte benadrukt stelde stelt "
                      "meldde meldt antwoordde gezegd",
            "time": "jaar jaren maand maanden week weken dag dagen uur uren minuut minuten keer vandaag "
                    "gisteren morgen ochtend middag avond nacht weekend maandag dinsdag woensdag donderdag "
                    "vrijdag zaterdag zondag",
            "auxiliary": "is zijn was waren ben bent heeft hebben had hadden heb wordt worden werd werden zal "
                         "zullen zou zouden kan kunnen moet moeten",
        },
        "czech": {
            "first": "já my",
            "third": "on ona ono oni ony",
            "speech": "řekl řekla řekli uvedl uvedla uvedli prohlásil prohlásila dodal dodala dodali vysvětlil "
                      "zdůraznil zdůraznila poznamenal sdělil sdělila konstatoval",
        },
        "greek": {
            "first": "εγώ εμείς",
            "third": "αυτός αυτή αυτοί αυτές",
            "speech": "είπε δήλωσε πρόσθεσε τόνισε εξήγησε σημείωσε ανέφερε υπογράμμισε είπαν δήλωσαν",
        },
        "arabic": {
            "first": "أنا نحن",
            "third": "هو هي هم",
            "speech": "قال وقال قالت وقالت أضاف وأضاف أضافت وأضافت صرح وصرح أكد وأكد أوضح وأوضح",
        },
        "hebrew": {
            "first": "אני אנחנו אנו",
            "third": "הוא היא הם הן",
            "speech": "אמר אמרה אמרו הוסיף הוסיפה הסביר ציין הדגיש הצהיר",
        },
        "hindi": {
            "first": "मैं हम मैंने हमने",
            "third": "वह वे उसने उन्होंने",
            "speech": "कहा बताया जोड़ा",
        },
    }.items()
}


# Web-page chrome inside a sentence, as scrapes flattened into one line carry it (Multi-News):
# a prefix before the news ("Image copyright afp image caption ...", "Advertisement continue
# reading the main story ...", "Text size - + reset ...") is cut off (a sentence that is chrome
# through and through, "Invalid email address.", is a line pattern above).
_CHROME_PREFIX = {"english": [
    r"image copyright\b.{0,60}?\bimage caption\s+",
    r"(?:photo\s+)?advertisement(?:\s*-)?\s+continue reading(?: the main story| below)?\s+",
    r"(?:newsletter sign up\s+)?continue reading the main story\s+(?:sign up for the [\w/ -]{1,40} newsletter\s+)?",
    r"text size\s*-\s*\+\s*reset\s+(?:video:\s*)?",
    r"listen to (?:this )?article\s*\d+:\s*\d+\s+share this article(?:\s+(?:facebook|twitter|linkedin|email|whatsapp))*\s+",
    r"please enable javascript to (?:watch|view) this video\s+",
    r"you must enter the characters with black color that stand out from the other characters\s+"
    r"(?:message:\s*\*?\s*a friend wanted you to see this item from \S+\s+\S+\s+(?:[—–-]\s+)?)?",
    r"subscribe\s+(?=[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,2}\s+[—–]\s)",  # "Subscribe washington — ..."
    r"advertisement\s+(?!(?:revenues?|spending|sales|campaigns?|markets?|industry|agenc(?:y|ies)|budgets?|"
    r"executives?|rates?|space|dollars)\b)(?=[\"“]?[^\W\d_])",
]}
#: languages with chrome lists
CHROME_LANGUAGES = frozenset(_CHROME_PREFIX)


@cache
def _chrome(language: str) -> re.Pattern[str] | None:
    prefixes = _CHROME_PREFIX.get(canonical(language))
    return re.compile("^(?:" + "|".join(prefixes) + ")", _I) if prefixes else None


def page_chrome(sentence: str, language: str) -> tuple[str, str]:
    """A sentence without the web-page chrome before it: ``(sentence, "")`` when it has none,
    else ``(the rest, the prefix cut off)`` with the rest's first letter capitalised (only
    English has a list). Chrome that is a whole sentence ("Invalid email address.") is a line
    pattern of :data:`LANGUAGE` ("page chrome")."""
    prefix = _chrome(language)
    if prefix is None:
        return sentence, ""
    text = sentence.strip()
    cut = prefix.match(text)
    if cut is None:
        return sentence, ""
    rest = text[cut.end():].lstrip()
    if len(rest.split()) < 3:  # nothing of the news after it
        return sentence, ""
    return rest[0].upper() + rest[1:], text[:cut.end()]
