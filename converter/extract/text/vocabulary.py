"""Named vocabularies of page furniture, matched whole-word and case-insensitive on short lines.

Each tuple names one kind of boilerplate that every site prints in its own words; a line that is
mostly one of these phrases is not article text.
"""

from __future__ import annotations

import re

from converter.extract.phrases import phrase_alternation

# Audited (issue 12) on the ~900 dev pages of ../shared/corpus: an entry stays when lines on several sites
# match it, or when it names a shape of today's pages the older corpora predate (cookie banners, checked by
# our own fixtures); entries that matched no dev page, or only the seed article, or that another entry or
# rule already covers, were removed (bench/README.md lists them).
SHARE = (
    "share this article", "share this", "share on facebook", "share on twitter", "tweet", "share", "shares",
    "email this", "print this", "whatsapp", "linkedin", "pinterest", "facebook", "twitter", "email",
    "e-mail", "instagram", "youtube", "reddit", "flipboard", "messenger", "telegram",
)
NEWSLETTER = (
    "sign up", "subscribe", "subscribers", "newsletter", "newsletters", "daily email", "weekly email",
    "get our", "inbox", "latest updates",
    # French, German, Spanish, Italian: "Recevez notre newsletter", "Inscrivez-vous à la newsletter",
    # "Jetzt Newsletter abonnieren", "Suscríbete a nuestro boletín", "Iscriviti alla newsletter".
    "recevez notre", "recevez nos", "inscrivez-vous", "abonnez-vous", "s'abonner", "lettre d'information",
    "abonnieren", "jetzt abonnieren", "melden sie sich", "suscríbete", "suscríbase", "suscribirse", "boletín",
    "iscriviti",
)
RELATED = (
    "related news", "related stories", "related articles", "related content", "related coverage", "related",
    "read more", "continue reading", "more stories", "most read", "most popular", "recommended",
    "you may also like", "trending", "up next", "more from", "see also", "latest news", "top stories",
    "more on this story", "more on this topic", "also read",
    # French, German, Spanish, Portuguese, Italian: "Lire aussi", "Lesen Sie auch", "Leer más".
    "lire aussi", "à lire aussi", "voir aussi", "lesen sie auch", "mehr zum thema", "leer más", "lee también",
    "leia também", "leggi anche",
)
DONATION = ("donate", "donation", "become a member")
CONSENT = (
    "cookie", "cookies", "uses cookies", "accept all", "privacy policy", "cookie policy", "consent",
    "manage preferences", "terms of use", "terms of service", "terms and conditions", "opt-out", "opt out",
    "user agreement", "your experience", "browsing experience",
)
ADVERTISEMENT = ("advertisement", "advertising", "sponsored", "ad")
NAVIGATION = (
    "skip to content", "skip to main content", "menu", "home", "search", "log in", "login", "sign in",
    "register", "my account", "back to top", "close", "toggle navigation", "main menu",
)
#: Links between posts under a blog entry: the article has ended.
POST_NAVIGATION = (
    "previous post", "next post", "post navigation", "previous article", "next article", "older post",
    "newer post", "previous story", "next story",
)
#: Notices about the page itself: loading, comments, printing, and its age ("This article is over 2 years
#: old").
STATUS = (
    "loading", "enable javascript", "this article is over", "this article is more than", "comments",
    "comment", "leave a comment", "reply", "print", "follow us",
)

#: Vocabulary name -> phrases. The rule that drops a line reports the vocabulary's name.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "share": SHARE, "newsletter": NEWSLETTER, "related": RELATED, "donation": DONATION, "consent": CONSENT,
    "advertisement": ADVERTISEMENT, "post_navigation": POST_NAVIGATION, "navigation": NAVIGATION,
    "status": STATUS,
}



def _phrases(words: tuple[str, ...]) -> str:
    """An alternation of ``words``, longest first (so "related stories" wins over "related"), as a trie
    (``phrase_alternation``: the same matches, searched in a fraction of the time)."""
    return phrase_alternation(words, re.I)


_PATTERNS = {name: re.compile(r"\b(?:" + _phrases(words) + r")\b", re.I) for name, words in VOCABULARIES.items()}


#: Vocabularies whose phrases, two or more in one sentence, make a call to action rather than article text.
CALL_TO_ACTION = ("newsletter", "consent", "donation")


def _alternation(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any phrase of the named vocabularies (a quick test before the per-name ones): a
    match of it is a match of one of theirs, as one trie of all their phrases."""
    return re.compile(r"\b(?:" + _phrases(tuple(p for name in names for p in VOCABULARIES[name])) + r")\b", re.I)


_ANY = _alternation(tuple(VOCABULARIES))
_ANY_CALL = _alternation(CALL_TO_ACTION)


def vocabulary_of(text: str) -> str | None:
    """The vocabulary whose phrases make up most of ``text`` (at least half its letters), if any."""
    if not _ANY.search(text):
        return None  # most lines hold no phrase of any vocabulary
    letters = sum(map(str.isalpha, text)) or 1
    for name, pattern in _PATTERNS.items():
        covered = sum(sum(map(str.isalpha, m.group(0))) for m in pattern.finditer(text))
        if covered * 2 >= letters:
            return name
    return None


#: A line that is only a phrase of the related vocabulary (maybe with a colon): the header of a list of
#: other stories ("Related stories", "Lire aussi :"). Not a bare "More": a menu's last item.
_RELATED_HEADER = re.compile(r"^(?:" + _phrases(RELATED) + r")\s*:?$", re.I)


def mentions_related(text: str) -> bool:
    """``text`` holds a phrase of ``RELATED`` anywhere ("Related to this story:", "More stories from ...")."""
    return bool(_PATTERNS["related"].search(text))


def is_related_header(text: str) -> bool:
    """``text`` is a header over a list of other stories: a phrase of ``RELATED`` alone on its line."""
    return bool(_RELATED_HEADER.match(text))


#: A call to read another story and that story's title on one line: "Read more: Ferry posts first profit",
#: "ALSO READ | Harbour to be dredged", "Lire aussi : ...", "Lesen Sie auch: ...", "Leer más: ...".
_RELATED_LINK = re.compile(r"^(?:" + _phrases(RELATED) + r")\s*[:|\-–—]\s*(?P<title>\S.*)$", re.I)
#: The other story's title is at most this many words (a longer rest is a sentence of the article).
RELATED_LINK_TITLE_WORDS = 20


def is_related_link(text: str) -> bool:
    """``text`` is a teaser link: a phrase of ``RELATED``, a colon, bar or dash, then a title of at most
    ``RELATED_LINK_TITLE_WORDS`` words ("Read more: Ferry company posts first profit in a decade")."""
    m = _RELATED_LINK.match(text)
    return m is not None and len(m.group("title").split()) <= RELATED_LINK_TITLE_WORDS


def call_to_action_of(text: str) -> str | None:
    """The vocabulary of which ``text`` holds two different phrases ("Subscribe to our newsletter"); a phrase
    and its plural count once."""
    if not _ANY_CALL.search(text):
        return None
    for name in CALL_TO_ACTION:
        # A word and its plural are one phrase: "Dip each cookie ... the cookies" is a recipe's sentence.
        found = {m.group(0).lower().removesuffix("s") for m in _PATTERNS[name].finditer(text)}
        if len(found) >= 2:
            return name
    return None


# Sign-up, consent and ad-label boxes set inside an article ("Sign up to our daily newsletter / Enter your
# email address / Subscribe / By signing up you agree to our privacy policy."; "Anzeige / Newsletter / ... /
# Jetzt anmelden"). A phrase here marks a line of such a box; ``passes.sign_up_boxes`` removes a short run of
# them as one block. Written from how such boxes read in each language (not taken from any page); one phrase
# alone in a long sentence decides nothing: the pass wants several short lines and a button or label.
SIGN_UP_BOX: dict[str, tuple[str, ...]] = {
    "en": ("sign up", "signing up", "sign-up", "sign me up", "subscribe", "subscribing", "unsubscribe",
           "newsletter", "newsletters", "enter your email", "your email address", "email address",
           "your inbox", "in your inbox", "to your inbox", "privacy policy", "privacy notice", "terms of service",
           "terms of use", "terms and conditions", "thanks for subscribing", "thank you for subscribing",
           "opt out", "get the latest"),
    "de": ("newsletter", "anmelden", "jetzt anmelden", "abonnieren", "jetzt abonnieren", "abmelden",
           "abbestellen", "e-mail-adresse", "ihre e-mail", "per e-mail", "ins postfach", "in ihr postfach",
           "datenschutzerklärung", "datenschutzhinweise", "einwilligung", "registrieren"),
    "fr": ("newsletter", "inscrivez-vous", "s'inscrire", "je m'inscris", "abonnez-vous", "s'abonner",
           "se désabonner", "se désinscrire", "adresse e-mail", "adresse email", "adresse mail", "votre e-mail",
           "votre email", "boîte mail", "boîte de réception", "politique de confidentialité",
           "données personnelles", "lettre d'information"),
    "es": ("suscríbete", "suscríbase", "suscribirse", "suscripción", "boletín", "correo electrónico",
           "tu correo", "tu email", "política de privacidad", "darse de baja", "date de baja", "regístrate"),
    "it": ("iscriviti", "iscrizione", "newsletter", "indirizzo email", "indirizzo e-mail", "la tua email",
           "la tua e-mail", "informativa sulla privacy", "informativa privacy", "annulla l'iscrizione",
           "registrati"),
    "nl": ("aanmelden", "meld je aan", "meld u aan", "schrijf je in", "nieuwsbrief", "e-mailadres", "je e-mail",
           "uw e-mail", "privacybeleid", "privacyverklaring", "afmelden", "abonneer"),
    "pt": ("inscreva-se", "assine", "assinar", "boletim", "newsletter", "seu e-mail", "seu email",
           "endereço de e-mail", "endereço de email", "política de privacidade", "descadastrar",
           "cancelar inscrição", "cadastre-se"),
}
#: The label over an advertisement, alone on its line ("Anzeige", "Publicité", "- Advertisement -").
AD_LABELS = (
    "advertisement", "ad", "sponsored", "sponsored content", "anzeige", "werbung", "gesponsert", "publicité",
    "sponsorisé", "publicidad", "patrocinado", "pubblicità", "sponsorizzato", "advertentie", "gesponsord",
    "publicidade",
)

_BOX_PHRASE = re.compile(r"\b(?:" + _phrases(tuple({p for ps in SIGN_UP_BOX.values() for p in ps})) + r")\b",
                         re.I)
_AD_LABEL = re.compile(r"^[\W_]*(?:" + _phrases(AD_LABELS) + r")[\W_]*$", re.I)


def is_sign_up_line(text: str) -> bool:
    """``text`` holds a phrase of ``SIGN_UP_BOX`` (any language): a line of a newsletter or consent box."""
    return bool(_BOX_PHRASE.search(text.replace("’", "'")))


def is_ad_label(text: str) -> bool:
    """``text`` is only the label over an advertisement (a phrase of ``AD_LABELS``)."""
    return bool(_AD_LABEL.match(text))
