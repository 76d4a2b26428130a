"""Cheap, deterministic readability hazards of a single sentence.

Four detectors a reader would trip over, shared by the extractive base class (to keep such
sentences out of summaries) and by :mod:`summarize.evaluation.readability` (to count them):

- :func:`fragment`: not a sentence at all ("Ms.", "Habibie.", "MORE", "(vs/krt)");
- :func:`dangling`: a sentence that points back at something before it ("But Britain said...",
  "This storm of meteors...", "They fled.", '"We will win," he said.');
- :func:`cut`: a sentence that was truncated (no sentence-final punctuation);
- :func:`quote_balanced`: whether quotation marks open and close (re-exported from
  :mod:`summarize.text.sentences`, which also finds multi-sentence quotations).

:func:`strip_connective` repairs the one dangling case that can be repaired without changing
what the sentence claims: a droppable connective at its start.

Everything here is a rule on the surface text, with word lists per language (English, French,
German, Spanish, Italian, Portuguese, Dutch). Other languages get the language-independent
checks (fragments, cuts, quotations) and no dangling check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarize.text.languages import UNCASED, canonical
from summarize.text.sentences import quote_balanced
from summarize.text.tokenize import stop_words

__all__ = ["cut", "dangling", "fragment", "quote_balanced", "strip_connective"]

# Opening quotation marks and brackets a sentence may start with.
_OPENERS = "\"'“‘«„‚‹([{¿¡—–-* "
# Closing quotation marks and brackets that may follow sentence-final punctuation.
_CLOSERS = "\"'”’»‹›)]}*"
_FINAL = ".!?…。！？؟।॥"
_WORD = re.compile(r"[^\W_]", re.UNICODE)  # a letter or digit: "_" (a wire list's dash) is no word

# ---------------------------------------------------------------------------------------------
# fragments

# Titles that precede a name and never end a sentence (lower-cased, without the final dot).
_TITLES = frozenset("""
mr mrs ms messrs mmes dr drs prof sen sens rep reps gov govs gen lt col capt cmdr cmdt maj sgt
cpl pvt adm brig rev fr msgr sr sra srta dra hon pres supt insp det atty amb dist asst dep spc pfc spec
lieut
mme mlle hr dhr mevr sig sigg dott dottssa avv
""".split())
# Dotted abbreviations that do end sentences ("...returned to the U.S.").
_SENTENCE_FINAL_ABBREVIATIONS = frozenset(
    {"u.s.", "u.k.", "u.n.", "d.c.", "e.u.", "u.s.a.", "l.a.", "n.y.", "a.m.", "p.m.", "b.c.", "a.d.",
     "e.g.", "i.e.", "etc.", "inc.", "co.", "corp.", "ltd.", "jr.", "sr.", "bros.", "no.", "vs."}
)
# An initial or a run of initials: "W.", "B.J.", "J.R.R."
_INITIALS = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ]\.){1,3}$")
# two or three lower-case initials, as lower-cased corpora write them ("george h.w."); a single
# letter ("hepatitis c.") may end a sentence
_LOWER_INITIALS = re.compile(r"^(?:[a-z]\.){2,3}$|^[A-Z]\.(?:[a-z]\.){1,2}$")  # "h.w.", "C.b."


# A dateline standing alone ("Ocean city, md.", "Norristown, Pa.", "Washington, D.C."): a place
# and a US state's AP abbreviation, nothing else; the news begins after it
_STATES = ("ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont "
           "neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash w.va wis wyo d.c").split()
_DATELINE = re.compile(r"^(?P<place>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,2}),\s*(?:%s)\.?$"
                       % "|".join(re.escape(s) for s in _STATES), re.IGNORECASE)  # a place of 1-3 words


def _words(sentence: str) -> list[str]:
    return [w for w in sentence.split() if _WORD.search(w)]


def _last_of_three(sentence: str) -> str | None:
    """``_words(sentence)[-1]`` when the sentence has three words or more, else ``None`` (without
    testing every token of a long sentence)."""
    tokens = sentence.split()
    count = 0
    for w in tokens:
        if _WORD.search(w):
            count += 1
            if count == 3:
                break
    if count < 3:
        return None
    return next(w for w in reversed(tokens) if _WORD.search(w))


def _cased(language: str) -> bool:
    return canonical(language) not in UNCASED


def fragment(sentence: str, language: str = "english") -> str | None:
    """Say why ``sentence`` is not a whole sentence, or return ``None`` when it is.

    Rules, in order:

    1. fewer than 3 words (a word is a whitespace token with a letter or digit): "Ms.",
       "Habibie.", "MORE", "(vs/krt)", "___", "_ Interior Department.";
    2. it ends on a title abbreviation ("Mr.", "Ms.", "Dr.", "Sen.", "Gen.", ..., also "M.",
       "Mme", "Sr.", "Dott.") or on initials ("W.", "B.J.", lower-cased "h.w."): the splitter cut before a name.
       Dotted abbreviations that do end sentences ("U.S.", "D.C.", "Jr.", "Inc.", "a.m.") do not
       count;
    3. a dateline alone: a place and a US state's abbreviation ("Ocean city, md.", "Norristown,
       Pa."), as a scraped page or the splitter leaves it before the news;
    4. in scripts with letter case (not Arabic, Hebrew, Hindi): it has no lower-case letter
       ("NATIONAL FORECAST FOR TUESDAY");
    5. in scripts with letter case: it starts (after opening quotation marks and brackets) with
       a lower-case word (the tail of a sentence cut in two). Words with a capital inside
       ("iPhone", "eBay") are not lower-case words;
    6. it opens with ``_ `` or ``* ``, a wire story's or a page's list mark: one item of a list
       ("_ Treasury Department and U.S. Postal Service.");
    7. it opens more brackets than it closes: a parenthesis the splitter cut ("(Astronomers
       designate objects moving earthward as "meteoroids.").

    Args:
        sentence: one sentence.
        language: a language name or code (decides rules 3 and 4).

    Returns:
        A short reason (``"short"``, ``"dateline"``, ``"ends on a title"``, ``"ends on an
        initial"``, ``"no lower case"``, ``"lower-case start"``, ``"list item"``, ``"unclosed
        bracket"``), or ``None``.
    """
    last_word = _last_of_three(sentence)
    if last_word is None:
        return "short"
    if len(sentence) <= 48:
        dateline = _DATELINE.match(sentence.strip())
        if dateline and not set(dateline["place"].lower().split()) & stop_words("english"):  # "He lives in X, Md."
            return "dateline"
    last = last_word.rstrip(_CLOSERS)
    if last.endswith(".") and last.lower() not in _SENTENCE_FINAL_ABBREVIATIONS:
        if last[:-1].lower().lstrip(_OPENERS) in _TITLES:
            return "ends on a title"
        if _INITIALS.match(last.lstrip(_OPENERS)) or _LOWER_INITIALS.match(last.lstrip(_OPENERS)):
            return "ends on an initial"
    elif last.lower().lstrip(_OPENERS) in {"mme", "mlle"}:  # French titles take no dot
        return "ends on a title"
    if _cased(language):
        if not any(c.islower() for c in sentence):
            return "no lower case"
        first = sentence.lstrip(_OPENERS).split(" ", 1)[0]
        if first[:1].isalpha() and first.islower():
            return "lower-case start"
    if sentence.startswith(("_ ", "* ")):
        return "list item"  # a wire story's list, one item out of it: "_ Treasury Department and U.S. Postal Service."
    if "(" in sentence and sentence.count("(") > sentence.count(")"):
        return "unclosed bracket"  # "(Astronomers designate objects ... as "meteoroids."": the rest is in the next one
    return None


# ---------------------------------------------------------------------------------------------
# dangling sentences


@dataclass(frozen=True)
class _Lexicon:
    """What makes a sentence point back, in one language (all entries as they open a sentence)."""

    connectives: tuple[str, ...]  # discourse connectives that relate the sentence to a previous one
    droppable: frozenset[str]  # connectives whose removal leaves the same claim and a sentence
    pronouns: frozenset[str]  # personal/possessive pronouns and demonstratives, always dangling
    demonstratives: frozenset[str]  # determiners that dangle unless a time expression follows
    time_words: frozenset[str]  # nouns after a demonstrative that make a time expression
    phrases: tuple[str, ...]  # multi-word openers that point back ("The two", "Both")
    expletive: re.Pattern[str] | None  # "It is clear that...": the pronoun points at nothing
    attribution: re.Pattern[str] | None  # '..., he said': a speaker the reader cannot resolve
    numbers: tuple[str, ...] = ()  # number words for "The two"/"All four" openers


_EN_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both")
_DAYS_MONTHS_EN = ("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                   "june july august september october november december").split()

_EN = _Lexicon(
    connectives=(
        "On the other hand", "At the same time", "As a result", "In addition", "Even so", "In contrast",
        "By contrast", "In fact", "In turn", "After that", "Before that", "Since then", "By then",
        "In response", "For that reason", "Because of that", "Because of this", "That said", "Even then",
        "But", "And", "Or", "Meanwhile", "Also", "However", "Still", "Yet", "Instead", "Moreover",
        "Furthermore", "Nevertheless", "Nonetheless", "Then", "Thus", "Therefore", "Hence", "Consequently",
        "So", "Besides", "Likewise", "Similarly", "Otherwise", "Later", "Afterward", "Afterwards",
        "Earlier", "Indeed", "Again", "Additionally", "Accordingly", "Plus", "Nor",
    ),
    droppable=frozenset({
        "But", "And", "Also", "However", "Meanwhile", "Still", "Yet", "Moreover", "Furthermore",
        "Nevertheless", "Nonetheless", "In addition", "Besides", "Even so", "Indeed", "In fact",
        "Likewise", "Similarly", "At the same time", "On the other hand", "In contrast", "By contrast",
        "Additionally", "Plus", "That said",
    }),
    pronouns=frozenset({"He", "She", "It", "They", "His", "Her", "Its", "Their", "Them", "Him",
                        "Theirs", "Hers", "This", "These", "Those", "That", "Such"}),
    demonstratives=frozenset({"This", "These", "Those", "That"}),
    time_words=frozenset({
        "year", "years", "week", "weeks", "month", "months", "morning", "afternoon", "evening", "night",
        "weekend", "summer", "spring", "fall", "autumn", "winter", "season", "day", "days", "time",
        "past", "coming", "century", "decade", "quarter", "semester", "term", "today", *_DAYS_MONTHS_EN,
    }),
    phrases=("The latter", "The other", "The same", "Another", "Both", "Each of them", "All of them",
             "Neither of them", "None of them", "Some of them", "Many of them", "Most of them",
             "In each case", "In both cases", "In either case", "In that case", "In this case",
             "In such cases", "Something like that", "Nothing like that"),
    # "It is/was/seems ... that/to/whether ...", "It is raining": the "it" points at nothing.
    expletive=re.compile(
        r"^It(?:'s|’s| is| was| has been| had been| will be| would be| may be| might be| could be| seems"
        r"| seemed| appears| appeared| remains| remained| became| becomes| took| takes| happened)\b"
        r"(?=(?:\s+\S+){0,8}?\s+(?:that|to|whether|if|how|why|when|what|who|for)\b)"
        r"|^It(?:'s|’s| is| was)?\s+(?:raining|snowing|rained|snowed|pouring|windy|cold|hot|sunny)\b"),
    attribution=re.compile(
        r"(?:[,!?…][\"'”’»]?|[\"”’»])\s+(?:he|she|they|it)\s+(?:said|says|added|adds|told|tells|stated|"
        r"explained|explains|noted|notes|insisted|insists|argued|argues|warned|warns|declared|declares|"
        r"continued|continues|asked|asks|replied|replies|wrote|writes|states|"
        r"claimed|claims|recalled|recalls|conceded|concedes|acknowledged|acknowledges|admitted|admits|"
        r"stressed|stresses|emphasized|emphasised|emphasizes|predicted|predicts|vowed|vows|urged|urges|"
        r"announced|announces|reported|reports|assert|asserts|asserted|contend|contends|contended)\b"),
    numbers=_EN_NUMBERS,
)

_FR = _Lexicon(
    connectives=(
        "Pendant ce temps", "Par ailleurs", "En outre", "De plus", "En revanche", "Par contre", "De même",
        "Par conséquent", "En effet", "Malgré tout", "Quant à lui", "Quant à elle", "Du coup", "Après cela",
        "Mais", "Et", "Cependant", "Pourtant", "Toutefois", "Néanmoins", "Aussi", "Ainsi", "Donc", "Puis",
        "Ensuite", "Alors", "Entre-temps", "Or", "D'ailleurs", "D’ailleurs", "Enfin", "Également",
        "Egalement", "Sinon", "Plus tard", "Auparavant",
    ),
    droppable=frozenset({"Mais", "Et", "Cependant", "Pourtant", "Toutefois", "Néanmoins", "Par ailleurs",
                         "En outre", "De plus", "Pendant ce temps", "Entre-temps", "D'ailleurs", "D’ailleurs",
                         "Également", "Egalement", "En revanche", "Par contre", "De même"}),
    pronouns=frozenset({"Il", "Elle", "Ils", "Elles", "Son", "Sa", "Ses", "Leur", "Leurs", "Celui-ci",
                        "Celle-ci", "Ceux-ci", "Celles-ci", "Cela", "Ceci", "Ça", "Lui", "Eux", "Ce", "Cet",
                        "Cette", "Ces", "Tel", "Telle", "Tels", "Telles"}),
    demonstratives=frozenset({"Ce", "Cet", "Cette", "Ces"}),
    time_words=frozenset({"année", "an", "semaine", "mois", "matin", "soir", "week-end", "été", "hiver",
                          "printemps", "automne", "jour", "jours", "jours-ci", "lundi", "mardi", "mercredi",
                          "jeudi", "vendredi", "samedi", "dimanche", "après-midi", "nuit", "siècle", "saison"}),
    phrases=("Ce dernier", "Cette dernière", "Ces derniers", "Ces dernières", "Les deux", "Les trois",
             "Les quatre", "Tous deux", "Toutes deux", "Tous les deux", "L'autre", "L’autre", "Un autre",
             "Une autre", "Tous les trois"),
    # "Il y a", "Il faut", "Il est ... de/que", "Il s'agit", "Il pleut", "Il semble", "Il reste"
    expletive=re.compile(r"^Il\s+(?:ne\s+|n'|n’)?(?:y\s+a|y\s+avait|y\s+aura|faut|fallait|faudra|s'agit|s’agit|pleut|neige|"
                         r"semble|semblait|paraît|reste|restait|suffit|importe|convient|est\s+\S+\s+(?:de|d'|d’|que|qu'|qu’))"),
    attribution=re.compile(r"-t-(?:il|elle|ils|elles)\b|\b(?:dit|ajoute|affirme|explique|précise|souligne|"
                           r"déclare|estime|assure|poursuit|conclut|indique)-(?:il|elle|ils|elles)\b"),
)

_DE = _Lexicon(
    connectives=(
        "Darüber hinaus", "Im Gegenzug", "Auf der anderen Seite", "Zur gleichen Zeit", "Aus diesem Grund",
        "Aber", "Und", "Doch", "Jedoch", "Allerdings", "Außerdem", "Zudem", "Auch", "Trotzdem", "Dennoch",
        "Deshalb", "Daher", "Deswegen", "Darum", "Also", "Dann", "Danach", "Inzwischen", "Unterdessen",
        "Währenddessen", "Stattdessen", "Ebenso", "Gleichzeitig", "Zugleich", "Später", "Sonst", "Somit",
        "Folglich", "Dabei", "Andererseits", "Hingegen", "Oder", "Sondern", "Zuvor", "Vorher", "Dazu",
    ),
    # Only coordinating conjunctions: an adverb in first position takes the verb after it
    # ("Außerdem wurde ..."), so dropping it would leave a verb-first question.
    droppable=frozenset({"Aber", "Und", "Doch"}),
    pronouns=frozenset({"Er", "Sie", "Es", "Sein", "Seine", "Seinen", "Seinem", "Seiner", "Ihr", "Ihre",
                        "Ihren", "Ihrem", "Ihrer", "Dies", "Diese", "Dieser", "Dieses", "Diesen", "Diesem",
                        "Jene", "Jener", "Jenes", "Beide", "Letzterer", "Letztere", "Solche", "Solch"}),
    demonstratives=frozenset({"Diese", "Dieser", "Dieses", "Diesen", "Diesem"}),
    time_words=frozenset({"Jahr", "Jahres", "Woche", "Monat", "Monats", "Morgen", "Abend", "Wochenende",
                          "Sommer", "Winter", "Frühjahr", "Herbst", "Tage", "Tag", "Montag", "Dienstag",
                          "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag", "Saison", "Jahrhundert",
                          "Zeit"}),
    phrases=("Die beiden", "Die drei", "Die vier", "Der Letztere", "Die Letztere", "Der andere", "Die andere",
             "Das andere", "Ein anderer", "Eine andere", "Alle drei", "Alle vier", "Alle beide"),
    # "Es gibt", "Es ist ... zu/dass", "Es regnet", "Es geht um", "Es handelt sich"
    expletive=re.compile(r"^Es\s+(?:gibt|gab|geht|ging|handelt|regnet|regnete|schneit|kam\s+zu|kommt\s+zu|"
                         r"(?:ist|war|sei|bleibt|scheint)\b(?=.*\b(?:zu|dass|ob|wie|wann)\b))"),
    attribution=re.compile(r"(?:[,!?…][\"'“”’»«]?|[\"“”’»«])\s+(?:sagte|sagt|erklärte|erklärt|betonte|betont|"
                           r"fügte|meinte|meint|so|schrieb|warnte|ergänzte|kritisierte)\s+(?:er|sie)\b"),
)

_ES = _Lexicon(
    connectives=(
        "Sin embargo", "No obstante", "Mientras tanto", "Por tanto", "Por lo tanto", "Así que",
        "Por otra parte", "Por otro lado", "En cambio", "Aun así", "De hecho", "Del mismo modo", "Por eso",
        "Por ello", "Al mismo tiempo", "Por su parte", "A su vez", "Por el contrario", "Más tarde",
        "Pero", "Y", "Además", "También", "Asimismo", "Entretanto", "Así", "Entonces", "Luego", "Después",
        "Igualmente", "Tampoco", "Incluso", "Encima", "Finalmente", "Posteriormente",
    ),
    droppable=frozenset({"Pero", "Y", "Sin embargo", "No obstante", "Además", "También", "Asimismo",
                         "Mientras tanto", "Entretanto", "Aun así", "De hecho", "Por otra parte",
                         "Por otro lado", "En cambio", "Al mismo tiempo", "Igualmente", "Del mismo modo"}),
    pronouns=frozenset({"Él", "Ella", "Ellos", "Ellas", "Su", "Sus", "Esto", "Eso", "Aquello", "Este", "Esta",
                        "Estos", "Estas", "Ese", "Esa", "Esos", "Esas", "Aquel", "Aquella", "Aquellos",
                        "Aquellas", "Ambos", "Ambas", "Dicho", "Dicha", "Dichos", "Dichas", "Tal", "Tales"}),
    demonstratives=frozenset({"Este", "Esta", "Estos", "Estas", "Ese", "Esa", "Esos", "Esas"}),
    time_words=frozenset({"año", "semana", "mes", "mañana", "tarde", "noche", "fin", "verano", "invierno",
                          "otoño", "primavera", "día", "lunes", "martes", "miércoles", "jueves", "viernes",
                          "sábado", "domingo", "siglo", "temporada", "jornada"}),
    phrases=("Este último", "Esta última", "Estos últimos", "Los dos", "Las dos", "Los tres", "Las tres",
             "Los cuatro", "El otro", "La otra", "Otro", "Otra", "El mismo", "La misma"),
    expletive=None,
    attribution=re.compile(r"(?:[,!?…][\"'”’»]?|[\"”’»])\s+(?:dijo|añadió|afirmó|explicó|señaló|agregó|"
                           r"aseguró|indicó|declaró)\s+(?:él|ella)\b"),
)

_IT = _Lexicon(
    connectives=(
        "Nel frattempo", "D'altra parte", "D’altra parte", "Dall'altra parte", "Dall’altra parte",
        "Allo stesso tempo", "Di conseguenza", "Per questo", "In seguito", "Più tardi", "Da parte sua",
        "Ma", "E", "Però", "Tuttavia", "Inoltre", "Anche", "Intanto", "Quindi", "Dunque", "Perciò", "Poi",
        "Allora", "Invece", "Comunque", "Eppure", "Infatti", "Pertanto", "Altrimenti", "Così", "Anzi",
        "Successivamente", "Infine",
    ),
    droppable=frozenset({"Ma", "E", "Però", "Tuttavia", "Inoltre", "Anche", "Intanto", "Nel frattempo",
                         "Comunque", "Eppure", "Infatti", "D'altra parte", "D’altra parte", "Allo stesso tempo"}),
    pronouns=frozenset({"Lui", "Lei", "Loro", "Egli", "Ella", "Esso", "Essa", "Essi", "Esse", "Questo",
                        "Questa", "Questi", "Queste", "Quello", "Quella", "Quelli", "Quelle", "Ciò", "Suo",
                        "Sua", "Suoi", "Sue", "Entrambi", "Entrambe", "Tale", "Tali"}),
    demonstratives=frozenset({"Questo", "Questa", "Questi", "Queste", "Quest'", "Quest’"}),
    time_words=frozenset({"anno", "settimana", "mese", "mattina", "sera", "notte", "fine", "estate",
                          "inverno", "autunno", "primavera", "giorno", "giorni", "lunedì", "martedì",
                          "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "secolo", "stagione"}),
    phrases=("Quest'ultimo", "Quest’ultimo", "Quest'ultima", "Quest’ultima", "Il suo", "La sua", "I suoi",
             "Le sue", "I due", "Le due", "I tre", "Le tre", "I quattro", "L'altro", "L’altro", "L'altra",
             "L’altra", "Un altro", "Un'altra", "Un’altra"),
    expletive=None,
    attribution=None,
)

_PT = _Lexicon(
    connectives=(
        "No entanto", "Além disso", "Enquanto isso", "Por outro lado", "Ainda assim", "Mesmo assim",
        "Por isso", "Ou seja", "De fato", "Da mesma forma", "Ao mesmo tempo", "Por sua vez", "Mais tarde",
        "Mas", "E", "Porém", "Contudo", "Todavia", "Entretanto", "Também", "Assim", "Portanto", "Então",
        "Depois", "Logo", "Aliás", "Inclusive", "Posteriormente", "Finalmente",
    ),
    droppable=frozenset({"Mas", "E", "Porém", "Contudo", "Todavia", "No entanto", "Entretanto", "Além disso",
                         "Também", "Enquanto isso", "Ainda assim", "Mesmo assim", "De fato", "Por outro lado",
                         "Ao mesmo tempo", "Aliás", "Da mesma forma"}),
    pronouns=frozenset({"Ele", "Ela", "Eles", "Elas", "Seu", "Sua", "Seus", "Suas", "Isto", "Isso", "Aquilo",
                        "Este", "Esta", "Estes", "Estas", "Esse", "Essa", "Esses", "Essas", "Aquele", "Aquela",
                        "Aqueles", "Aquelas", "Ambos", "Ambas", "Tal", "Tais"}),
    demonstratives=frozenset({"Este", "Esta", "Estes", "Estas", "Esse", "Essa", "Esses", "Essas"}),
    time_words=frozenset({"ano", "semana", "mês", "manhã", "tarde", "noite", "fim", "verão", "inverno",
                          "outono", "primavera", "dia", "segunda-feira", "terça-feira", "quarta-feira",
                          "quinta-feira", "sexta-feira", "sábado", "domingo", "século", "temporada"}),
    phrases=("Este último", "Esta última", "Os dois", "As duas", "Os três", "As três", "Os quatro",
             "O outro", "A outra", "Outro", "Outra", "O mesmo", "A mesma"),
    expletive=None,
    attribution=re.compile(r"(?:[,!?…][\"'”’»]?|[\"”’»])\s+(?:disse|afirmou|acrescentou|explicou|declarou)"
                           r"\s+(?:ele|ela)\b"),
)

_NL = _Lexicon(
    connectives=(
        "Aan de andere kant", "Op hetzelfde moment", "Daarnaast", "Maar", "En", "Toch", "Echter",
        "Bovendien", "Ook", "Intussen", "Ondertussen", "Inmiddels", "Daarom", "Dus", "Dan", "Daarna",
        "Vervolgens", "Later", "Eerder", "Tegelijkertijd", "Evenzo", "Anders", "Desondanks", "Niettemin",
        "Verder", "Daardoor", "Zo", "Of", "Ook", "Wel", "Daarbij", "Tevens",
    ),
    droppable=frozenset({"Maar", "En"}),  # adverbs take the verb after them, as in German
    pronouns=frozenset({"Hij", "Zij", "Ze", "Zijn", "Haar", "Hun", "Dit", "Dat", "Deze", "Die", "Beide",
                        "Beiden", "Laatstgenoemde", "Zulke", "Zo'n", "Zo’n"}),
    demonstratives=frozenset({"Dit", "Deze", "Die", "Dat"}),
    time_words=frozenset({"jaar", "week", "maand", "ochtend", "middag", "avond", "nacht", "weekend", "zomer",
                          "winter", "herfst", "lente", "dag", "dagen", "maandag", "dinsdag", "woensdag",
                          "donderdag", "vrijdag", "zaterdag", "zondag", "eeuw", "seizoen", "keer"}),
    phrases=("De twee", "De drie", "De vier", "De laatste", "De ander", "De andere", "Een ander", "Een andere",
             "Alle drie", "Alle vier"),
    expletive=None,
    attribution=re.compile(r"(?:[,!?…][\"'”’»]?|[\"”’»])\s+(?:zei|zegt|aldus|voegde|verklaarde|schreef)"
                           r"\s+(?:hij|ze|zij)\b"),
)

_LEXICONS = {"english": _EN, "french": _FR, "german": _DE, "spanish": _ES, "italian": _IT,
             "portuguese": _PT, "dutch": _NL}


def _lexicon(language: str) -> _Lexicon | None:
    return _LEXICONS.get(canonical(language))


@lru_cache(maxsize=16)
def _connective_pattern(language: str) -> re.Pattern[str] | None:
    lex = _lexicon(language)
    if lex is None:
        return None
    words = sorted(lex.connectives, key=len, reverse=True)
    # a connective is a whole word: followed by a comma, a space or a dash, not by a hyphen
    # ("Then-President"), an apostrophe or another letter.
    return re.compile(r"^(" + "|".join(re.escape(w) for w in words) + r")(?=[,;:]|\s|\s?[—–]|$)")


def _body(sentence: str) -> str:
    """The sentence without leading quotation marks, brackets, dashes and spaces."""
    return sentence.strip().lstrip(_OPENERS).lstrip()


def _first_words(text: str, n: int) -> list[str]:
    return [w.strip(",;:.!?\"'”’»)") for w in text.split(None, n)[:n]]  # (not splitting the whole sentence)


# Openers that look like connectives but are not ("So far", "Still photographs" is left alone:
# too rare to list) and connective uses followed by a time expression relative to now.
_EN_NOT_CONNECTIVE = re.compile(r"^(?:So\s+(?:far|much|many|long|too)\b|Later\s+(?:this|next|in)\b|"
                                r"Earlier\s+(?:this|in)\b|Then\s+(?:again)\b|Plus\s+\d)")
# "The two/three ... " and "All four ..." point back at a set the reader has not seen.
_THE_NUMBER = {"english": ("The", "All"), "french": (), "german": (), "spanish": (), "italian": (),
               "portuguese": (), "dutch": ()}
_FORMER = re.compile(r"^The former(?:[,;:]|\s+(?:is|was|has|had|said|says|will|would|can|could|were|are|'s|’s)\b)")
# "The meeting included ...", "The attack killed ...": a gathering or an incident named only by a
# definite noun with its verb straight after it is one an earlier sentence introduced ("The
# meeting of NATO ministers", "The attack on the embassy", "The summit in Paris" name theirs)
_EVENT_REFERENCE = re.compile(
    r"^The (meeting|conference|summit|talks|visit|attack|incident|accident|crash|blast|explosion|shooting)\s+"
    r"(?:is|was|were|are|has|had|have|will|would|could|can|came|comes|included|includes|followed|"
    r"killed|left|drew|brought|began|ended|took|lasted|involved|marked|sparked|prompted|caused|"
    r"also|occurred|happened)\b")


def _opening_connective(body: str, language: str) -> str | None:
    pattern = _connective_pattern(language)
    if pattern is None:
        return None
    if canonical(language) == "english" and _EN_NOT_CONNECTIVE.match(body):
        return None
    match = pattern.match(body)
    return match.group(1) if match else None


_QUOTED = re.compile(r"[\"“„«][^\"”“»]*[\"”“»]")
_SENTENCE_END = re.compile(r"[.!?]\s")
_FIRST_TOKEN = re.compile(r"[^\s,;:.!?\"”’»)]+")
_APOSTROPHE = re.compile(r"['’]")


def _unresolved_attribution(sentence: str, lex: _Lexicon, language: str = "english") -> str | None:
    """A '..., he said' attribution with no named speaker before it (outside quotation marks)."""
    if lex.attribution is None:
        return None
    match = lex.attribution.search(sentence)
    if match is None:
        return None
    before = _QUOTED.sub(" ", sentence[: match.end()])  # drop quoted words (the closing mark included)
    before = before.lstrip(_OPENERS)
    names = [w for w in before.split()[1:] if w[:1].isupper()]
    if names:
        return None
    # a unit of several sentences (a quotation with what leads up to it) that opens with a noun
    # phrase ("Demi lovato has broken her silence ... "...," she wrote.") names its speaker first,
    # even in lower-cased text
    first = before.split()[:1]
    if _SENTENCE_END.search(before) and first and first[0][:1].isupper():
        word = first[0].strip(",:;")
        if word not in lex.pronouns and word not in lex.demonstratives and word.lower() not in stop_words(language):
            return None
    return f"attribution {match.group(0).lstrip(_CLOSERS + ',!?… ').strip()!r}"


def dangling(sentence: str, language: str = "english") -> str | None:
    """Say why ``sentence`` points back at something before it, or return ``None``.

    The sentence is read from its first word, after any opening quotation marks, brackets or
    dashes (so '"They will never return," she said.' dangles by "They"). Rules:

    1. **Connective opening**: a discourse connective relates it to a previous sentence ("But",
       "And", "Meanwhile", "Also", "However", "Still", "Yet", "Instead", "Moreover", "Then",
       "Thus", "So", "In addition", "As a result", "On the other hand", "Later", "Earlier", ...;
       in French "Mais", "Cependant", "Par ailleurs"; in German "Aber", "Jedoch", "Außerdem";
       ...). Not connectives: "So far", "So many", "Later this/next ...", "Earlier this ...",
       "Then-President" (a hyphen follows).
    2. **Pronoun or demonstrative subject**: "He", "She", "They", "His", "Her", "Its", "Their",
       "This", "These", "Those", "That", "Such" (and per language "Il", "Elle", "Er", "Sie",
       "Él", "Lui", "Ele", "Hij", ...). "They" always dangles. A demonstrative followed by a
       time word is a time expression and does not dangle ("This year", "This week", "That day",
       "These days", "This Monday"); followed by anything else it does ("This storm of
       meteors", "This is the worst ...").
       "It" dangles except as an expletive: "It is/was/seems/... <up to 8 words> that/to/
       whether/if/how/..." ("It is not clear whether...", "It took three days to...") and
       weather ("It is raining"). So "It sank." and "It is the largest ship" dangle.
       "That" as a conjunction ("That he lied is clear") is rare at a sentence start and is
       counted as a demonstrative.
    3. **Set or contrast reference**: "The two", "The three", ..., "All four ...", "Both",
       "The latter", "The other", "The same", "Another", "Each of them" ("Both" not before a
       name: "Both Britain and France" names its set); "The former" only
       when used as a pronoun ("The former said", "The former,"), not as an adjective ("The
       former president"). In English also a gathering or an incident named by a bare
       definite noun with its verb straight after it: "The meeting included ...", "The attack
       killed ..." (not "The meeting of NATO ministers ...", "The attack on the embassy ...").
       Per language: "Les deux", "Ce dernier", "Die beiden", "Los dos", "Quest'ultimo", "Os
       dois", "De twee", ...
    4. **English subjects never given**: first person outside any quotation marks ("I was in
       the meeting.": the speaker of an earlier paragraph's quotation); a pronoun subject after
       an opening phrase that names no one ("On Saturday, he traveled ...", "As the founder of
       the party, he ...", also with an attribution between: "Sometime ..., American
       authorities assert, he fell ..."; not "When Smith arrived, he said ..."); one of a
       series the reader has not seen ("The second question is: ...", "The other issue"), and
       "In each case", "In that case", "Something like that".
    5. **Unresolved attribution**: a pronoun that reports speech after a quotation or comma
       ('"We will win," he said.', "Meanwhile, it says, the old government ...", French
       "a-t-il dit", German "sagte er") with no capitalised name before it outside the
       quotation marks: the reader does not know who spoke. "When Smith arrived, he said ..."
       does not dangle (a name comes first).

    Languages without a word list here (anything but English, French, German, Spanish,
    Italian, Portuguese, Dutch) get no check: ``None``. Null-subject sentences ("Dijo que...")
    are not detected.

    Args:
        sentence: one sentence.
        language: a language name or code.

    Returns:
        A short reason (``"connective 'But'"``, ``"pronoun 'They'"``, ``"reference 'The two'"``,
        ``"attribution 'he said'"``), or ``None``.
    """
    lex = _lexicon(language)
    if lex is None:
        return None
    body = _body(sentence)
    if not body:
        return None
    connective = _opening_connective(body, language)
    if connective is not None:
        return f"connective {connective!r}"
    reason = _pronoun_opening(body, lex, canonical(language))
    if reason is not None:
        return reason
    if canonical(language) == "english":
        reason = _english_subject(body, lex, sentence)
        if reason is not None:
            return reason
    return _unresolved_attribution(sentence, lex, canonical(language))


_EN_FIRST_PERSON = frozenset({"I", "We", "My", "Our", "Me", "Us"})
_QUOTE_MARKS = "\"“”„«»"
# an opening phrase, up to 12 words and a comma, then a pronoun subject: "On Saturday, he ..."
# (with an attribution between them: "Sometime over the next few years, American authorities
# assert, he fell ...")
_EN_OPENING_THEN_PRONOUN = re.compile(
    r"^(?P<phrase>[^,;:.!?\"“”]{1,120}?),\s+"
    r"(?:[^,;:\"“”]{1,60}?\s(?:said|say|says|assert|asserts|asserted|contend|contends|believe|believes|"
    r"argue|argues|insist|insists|claim|claims),\s+)?"
    r"(?P<pronoun>he|she|they|it|his|her|their|its)(?P<rest>['’]\w+)?\s+(?P<next>\S+)")
# "The second question is: ...", "The other issue ...": one of a series the reader has not seen
_EN_ORDINAL_REFERENCE = re.compile(
    r"^The (?:first|second|third|fourth|fifth|last|final|next|other|latest) (?:question|issue|problem|point|"
    r"reason|step|option|case|thing|possibility|concern|change|one|ones)\b")


def _english_subject(body: str, lex: _Lexicon, sentence: str) -> str | None:
    """Two English openings whose subject the reader was never given: first person outside any
    quotation ("I was in the meeting.": a speaker of an earlier paragraph's quotation), and a
    pronoun subject after an opening phrase that names no one ("On Saturday, he traveled ...",
    "As the founder of the party, he announced ..."; not "When Smith arrived, he said ...").
    A name is a capitalised word inside the phrase, so in lower-cased text ("after meeting
    clinton, he ...") the rule cannot see one and the sentence counts as dangling."""
    match = _FIRST_TOKEN.match(body)
    if match is not None and _APOSTROPHE.split(match.group(0), maxsplit=1)[0] in _EN_FIRST_PERSON \
            and not any(q in sentence for q in _QUOTE_MARKS):
        return f"speaker {match.group(0)!r}"
    ordinal = _EN_ORDINAL_REFERENCE.match(body)
    if ordinal is not None:
        return f"reference {ordinal.group(0)!r}"
    if ", " not in body[:130]:
        return None
    opening = _EN_OPENING_THEN_PRONOUN.match(body)
    if opening is None:
        return None
    words = opening["phrase"].split()
    if len(words) > 12:
        return None
    if opening["pronoun"] == "it" and lex.expletive is not None and lex.expletive.match(
            "It" + body[opening.end("pronoun"):]):
        return None  # "In the end, it is unclear whether ...": an expletive "it"
    stops = stop_words("english")
    if opening["pronoun"] in ("his", "her", "their", "its") and opening["next"].lower() in stops:
        return None  # a possessive before a function word opens no subject ("..., her own ...")
    for w in words[1:]:
        token = w.strip("()[]'’.-")
        if token[:1].isupper() and token.lower() not in lex.time_words and token.lower() not in stops:
            return None  # a name (or a capitalised noun) the pronoun may stand for
    return f"pronoun {opening['pronoun']!r} after an opening phrase"


@lru_cache(maxsize=64)
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(phrases, key=len, reverse=True))


def _pronoun_opening(body: str, lex: _Lexicon, language: str) -> str | None:
    for phrase in _longest_first(lex.phrases) if body.startswith(lex.phrases) else ():
        if body.startswith(phrase) and not body[len(phrase):len(phrase) + 1].isalnum() and \
                body[len(phrase):len(phrase) + 1] != "-":
            if phrase == "Both" and body[len(phrase):].lstrip()[:1].isupper():
                return None  # "Both Britain and France": the set is named
            return f"reference {phrase!r}"
    if language == "english":
        if _FORMER.match(body):
            return "reference 'The former'"
        event = _EVENT_REFERENCE.match(body)
        if event:
            return f"reference 'The {event.group(1)}'"
        words = _first_words(body, 3)
        if len(words) >= 2 and words[0] in _THE_NUMBER["english"] and words[1].lower() in lex.numbers:
            nxt = body.split(None, 2)[1]
            if "-" not in nxt:  # "The two-day summit" is an adjective
                return f"reference {words[0] + ' ' + words[1]!r}"
    # first word, an elided French/Italian form kept whole ("Quest'anno")
    match = _FIRST_TOKEN.match(body)
    if match is None:
        return None
    first = match.group(0)
    if language == "italian" and (first.startswith("Quest'") or first.startswith("Quest’")):
        rest = first[6:].lower()
        return None if rest in lex.time_words else f"pronoun {first!r}"
    if language == "english":
        first = _APOSTROPHE.split(first, maxsplit=1)[0]  # "It's", "They're", "He'll"
    if first not in lex.pronouns:
        return None
    if first in lex.demonstratives:
        words = body.split(None, 2)
        nxt = words[1].strip(",;:.!?\"'”’»)") if len(words) > 1 else ""
        key = nxt if language == "german" else nxt.lower()
        if key in lex.time_words:
            return None
    if lex.expletive is not None and lex.expletive.match(body):
        return None
    return f"pronoun {first!r}"


def strip_connective(sentence: str, language: str = "english") -> str | None:
    """The sentence with a droppable opening connective removed, when that repairs it.

    Droppable connectives only mark how the sentence relates to the one before (contrast,
    addition, simultaneity): "But", "And", "Also", "However", "Meanwhile", "Still", "Yet",
    "Moreover", "Furthermore", "In addition", "Besides", "Nevertheless", "Even so", "Indeed",
    "In fact", "Likewise", "At the same time", "On the other hand", ...; what remains states the
    same claim. Never dropped: "Instead" and "Otherwise" (the rest is an alternative or a
    counterfactual: "Otherwise, the talks would collapse" is no claim of its own), "So",
    "Thus", "Therefore", "Hence", "As a result", "Consequently" (the rest is presented as a
    conclusion from something the reader does not see), "Then", "Later", "Earlier",
    "Afterwards" (the rest loses its place in time). In German and Dutch only coordinating
    conjunctions ("Aber", "Und", "Doch"; "Maar", "En") are dropped: an adverb in first position
    takes the verb after it, and removing it leaves a verb-first question.

    A connective inside a quotation ('"But we will win," he said.') is never dropped: a quote
    is not edited.

    Examples:
        "But Britain said Pinochet did not have diplomatic immunity." -> "Britain said Pinochet
        did not have diplomatic immunity."; "However, the ship sank." -> "The ship sank.";
        "Meanwhile, it says, the old government..." -> ``None`` ("it" still dangles).

    Args:
        sentence: one sentence.
        language: a language name or code.

    Returns:
        The repaired sentence, re-capitalised, when the sentence opens with a droppable
        connective and the rest is neither a fragment nor dangling; ``None`` otherwise.
    """
    lex = _lexicon(language)
    text = sentence.strip()
    if lex is None or not text or text[0] in _OPENERS.strip():
        return None
    connective = _opening_connective(text, language)
    if connective is None or connective not in lex.droppable:
        return None
    rest = text[len(connective):].lstrip(" ,;:—–").lstrip()
    if not rest:
        return None
    first = rest.split(" ", 1)[0]
    if first.islower():
        rest = rest[0].upper() + rest[1:]
    if fragment(rest, language) is not None or dangling(rest, language) is not None or cut(rest, language):
        return None
    return rest


# ---------------------------------------------------------------------------------------------
# cut sentences and quotations


def cut(sentence: str, language: str = "english") -> bool:
    """True when the sentence was truncated: it does not end on sentence-final punctuation.

    Sentence-final: ``. ! ? …`` (and ``。！？؟।॥``; in Greek also ``;``), optionally followed by
    closing quotation marks and brackets ('...," he said.', '(AP)."' and '"Help!"' are whole).
    A colon or semicolon at the end ("He said:") is a cut: what it announces is missing.

    Args:
        sentence: one sentence.
        language: a language name or code (Greek ends questions with ``;``).

    Returns:
        ``True`` for a cut sentence (including an empty one).
    """
    text = sentence.rstrip().rstrip(_CLOSERS).rstrip()
    if not text:
        return True
    final = _FINAL + (";;" if canonical(language) == "greek" else "")
    return text[-1] not in final
