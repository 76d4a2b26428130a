"""Lexical boilerplate patterns, per language: whole lines that are never article text."""

from __future__ import annotations

import re
from functools import cache

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
         r"newsletters?\b.{0,80}|no one covers what is happening in our community.{0,60}", "subscribe line"),
        (r"(?:we|[\w ]{1,40}) (?:have|has) reached out to .{0,120}\band (?:we )?will update (?:this|the) "
         r"(?:story|article|post).{0,80}", "update promise"),
        (r"this will appear next to all of your comments.{0,80}|(?:please )?enable javascript.{0,120}", "page chrome"),
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
