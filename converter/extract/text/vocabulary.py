"""Named vocabularies of page furniture, matched whole-word and case-insensitive on short lines.

Each tuple names one kind of boilerplate that every site prints in its own words; a line that is
mostly one of these phrases is not article text.
"""

from __future__ import annotations

import re

SHARE = (
    "share this article", "share this", "share on facebook", "share on twitter", "share on x", "tweet",
    "share", "shares", "email this", "print this", "copy link", "whatsapp", "linkedin", "pinterest",
    "facebook", "twitter", "email", "e-mail", "instagram", "youtube", "reddit", "flipboard", "messenger",
    "telegram",
)
NEWSLETTER = (
    "sign up", "subscribe", "subscribers", "newsletter", "newsletters", "daily email", "weekly email",
    "get our", "inbox", "email update", "join our mailing list", "latest updates",
)
RELATED = (
    "related news", "related stories", "related articles", "related", "read more", "continue reading",
    "more stories", "most read", "most popular", "recommended", "you may also like", "trending",
    "read next", "up next", "more from", "see also", "latest news", "top stories",
)
DONATION = (
    "donate", "make a donation", "donation", "support us", "support our journalism", "become a member",
    "help fund", "support local journalism",
)
CONSENT = (
    "cookie", "cookies", "we use cookies", "uses cookies", "accept all", "privacy policy", "cookie policy",
    "consent", "manage preferences", "terms of use", "terms of service", "terms and conditions", "opt-out",
    "opt out", "user agreement", "privacy overview", "your experience", "browsing experience",
)
ADVERTISEMENT = (
    "advertisement", "advertising", "sponsored", "ad", "story continues below advertisement",
    "paid content", "partner content",
)
NAVIGATION = (
    "skip to content", "skip to main content", "menu", "home", "search", "log in", "login", "sign in",
    "register", "my account", "back to top", "open menu", "close", "toggle navigation", "main menu",
)
#: Links between posts under a blog entry: the article has ended.
POST_NAVIGATION = (
    "previous post", "next post", "post navigation", "previous article", "next article", "older post",
    "newer post", "older posts", "newer posts", "previous story", "next story",
)
STATUS = (
    "downloading pdf", "please wait", "loading", "javascript is disabled", "enable javascript",
    "this article is over", "this article is more than", "comments", "comment", "leave a comment",
    "reply", "print", "listen to this article", "follow us", "all rights reserved",
)

#: Vocabulary name -> phrases. The rule that drops a line reports the vocabulary's name.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "share": SHARE, "newsletter": NEWSLETTER, "related": RELATED, "donation": DONATION, "consent": CONSENT,
    "advertisement": ADVERTISEMENT, "post_navigation": POST_NAVIGATION, "navigation": NAVIGATION,
    "status": STATUS,
}

_PATTERNS = {name: re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(words, key=len, reverse=True))
                              + r")\b", re.I) for name, words in VOCABULARIES.items()}


#: Vocabularies whose phrases, two or more in one sentence, make a call to action rather than article text.
CALL_TO_ACTION = ("newsletter", "consent", "donation")


def vocabulary_of(text: str) -> str | None:
    """The vocabulary whose phrases make up most of ``text`` (at least half its letters), if any."""
    letters = sum(ch.isalpha() for ch in text) or 1
    for name, pattern in _PATTERNS.items():
        covered = sum(sum(ch.isalpha() for ch in m.group(0)) for m in pattern.finditer(text))
        if covered * 2 >= letters:
            return name
    return None


def call_to_action_of(text: str) -> str | None:
    """The vocabulary of which ``text`` holds two different phrases ("Subscribe to our newsletter")."""
    for name in CALL_TO_ACTION:
        found = {m.group(0).lower() for m in _PATTERNS[name].finditer(text)}
        if len(found) >= 2:
            return name
    return None
