"""Bylines and datelines in many languages: golden text scrapes written by us (tests/cases/bylines/), the
same lines as an HTML page's visible byline, and the byline module's own rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter import extract
from converter.extract.bylines import byline_names, clean_names, find_date, jalali_to_gregorian
from converter.extract.html import extract_html

CASES = Path(__file__).parent / "cases" / "bylines"

#: Language -> (headline, authors, ISO date) each golden scrape must give.
EXPECTED: dict[str, tuple[str, tuple[str, ...], str]] = {
    "en": ("Harbour ferry returns after a winter of repairs", ("Maren Ellis", "Tom Okafor"), "2024-03-03"),
    "fr": ("La nouvelle médiathèque ouvre ses portes au public", ("Jeanne Martin",), "2024-07-03"),
    "de": ("Die Fähre fährt wieder über den See", ("Lena Hoffmann",), "2024-03-12"),
    "es": ("La biblioteca municipal abre sus puertas tras la reforma", ("María López Díaz",), "2024-05-05"),
    "pt": ("A nova ponte pedonal liga os dois bairros do rio", ("João Silva",), "2024-06-07"),
    "it": ("Il traghetto torna in servizio dopo i lavori invernali", ("Giulia Rossi",), "2024-09-09"),
    "nl": ("De pont vaart weer na een winter op de werf", ("Sanne de Vries",), "2024-02-14"),
    "ru": ("Паром снова ходит через озеро после зимнего ремонта", ("Иван Петров",), "2024-04-15"),
    "el": ("Το πλοίο επιστρέφει στη γραμμή μετά τις χειμερινές επισκευές", ("Ελένης Παπαδάκη",), "2024-03-12"),
    "ar": ("العبارة تعود إلى العمل بعد إصلاحات الشتاء", ("سلمى الحداد",), "2024-06-12"),
    "fa": ("کشتی مسافری پس از تعمیرات زمستانی دوباره راه افتاد", ("مریم احمدی",), "2024-06-01"),  # 12 Khordad 1403
    "he": ("המעבורת חוזרת לשייט אחרי תיקוני החורף", ("דנה כהן",), "2024-06-12"),
    "zh": ("渡轮完成冬季维修后恢复运营", ("王小明",), "2024-06-12"),
    "ja": ("冬の修理を終えたフェリーが運航を再開", ("山田太郎",), "2024-06-12"),
    "ko": ("겨울 수리를 마친 여객선이 운항을 재개했다", ("김민수",), "2024-06-12"),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_text_scrape_gives_headline_clean_author_and_iso_date(language: str) -> None:
    article = extract(CASES / f"{language}.txt")
    title, authors, date = EXPECTED[language]
    assert (article.title, article.authors, article.date, article.language) == (title, authors, date, language)
    assert article.body.splitlines()[0] == (CASES / f"{language}.txt").read_text("utf-8").splitlines()[-3]


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_html_visible_byline_gives_clean_author_and_iso_date(language: str) -> None:
    """The scrape's headline, byline and dateline as a page prints them: ``<h1>``, then a byline element."""
    lines = (CASES / f"{language}.txt").read_text("utf-8").splitlines()
    title_at = next(i for i, line in enumerate(lines) if line == EXPECTED[language][0])
    byline = " ".join(lines[title_at + 1:-3])
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[-3:])
    page = (f'<html lang="{language}"><body><article><h1>{lines[title_at]}</h1>'
            f'<div class="byline">{byline}</div>{paragraphs}</article></body></html>')
    metadata = extract_html(page).metadata
    title, authors, date = EXPECTED[language]
    assert (metadata["title"], metadata["authors"], metadata["date"]) == (title, authors, date)


@pytest.mark.parametrize(("line", "names"), [
    ("Ada Ferreira @adaferreira / 4:05 pm UTC • March 1", ("Ada Ferreira",)),  # issue 13's byline
    ("By Ann Lee and Bo Chan, with additional reporting by Cy Dow", ("Ann Lee", "Bo Chan")),
    ("بقلم سلمى الحداد — ١٢ يونيو ٢٠٢٤", ("سلمى الحداد",)),
    ("本报记者 李华", ("李华",)),
    ("김민수 기자 minsu@example.com", ("김민수",)),
    ("Par Jeanne Martin et Luc Petit", ("Jeanne Martin", "Luc Petit")),
    ("Av Kari Nordmann og Ola Dahl", ("Kari Nordmann", "Ola Dahl")),  # Norwegian and Swedish "by"
    ("Skrevet af Mette Holm", ("Mette Holm",)),
    ("Kirjoittaja: Aino Virtanen", ("Aino Virtanen",)),
    ("Autor: Anna Nowak", ("Anna Nowak",)),
    ("Yazar: Elif Demir", ("Elif Demir",)),
    # A photographer's or an illustrator's credit is not an author; the writer's role prefix goes.
    ("Text: Lotte Brink; Fotos: Jonas Feld", ("Lotte Brink",)),
    ("Texte : Élise Morel ; Photos : Hugo Lambert", ("Élise Morel",)),
    ("Words: Rosa Vane | Photography: Ian Holt", ("Rosa Vane",)),
    ("Words by Rosa Vane, photos by Ian Holt", ("Rosa Vane",)),
    ("Von Lotte Brink; Bilder: Jonas Feld", ("Lotte Brink",)),
    ("Text: Lotte Brink, Illustration: Mira Sol", ("Lotte Brink",)),
    ("By Rosa Vane; Photos : Ian Holt", ("Rosa Vane",)),
    # A name written in capitals is given in title case; a one-word acronym (an agency) is kept.
    ("By PETRA LONGMIRE-HAYES | Published 4 May 2025", ("Petra Longmire-Hayes",)),
    ("By CIARAN O'DWYER and NELL MCCARTHY", ("Ciaran O'Dwyer", "Nell McCarthy")),
    ("By PIET VAN DER MEER", ("Piet van der Meer",)),
    ("By AFP", ("AFP",)),
    ("By BBC NEWS", ("BBC News",)),  # a part without a vowel is an acronym and stays in capitals
    ("By NPR STAFF", ("NPR",)),  # "Staff" is the desk's word, no part of a name
    # Greek: the article of the genitive, or "Από"; the name is given as printed (in the genitive).
    ("Της Μαρίας Αντωνίου", ("Μαρίας Αντωνίου",)),
    ("Του Γιώργου Παπαδόπουλου | 15 Νοεμβρίου 2026", ("Γιώργου Παπαδόπουλου",)),
    ("Των Μαρίας Αντωνίου και Νίκου Παππά", ("Μαρίας Αντωνίου", "Νίκου Παππά")),
    ("Από τον Γιώργο Παπαδόπουλο", ("Γιώργο Παπαδόπουλο",)),
])
def test_byline_names_are_clean(line: str, names: tuple[str, ...]) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize("line", [
    "记者会见上，市长宣布了新的计划。",  # starts with the marker's characters: a sentence, not a byline
    "Von der Leyen said on Monday that the plan would go ahead.",
    "By the way, this is fine",
    "Par ailleurs",
    "Av og til regner det hele dagen.",  # Norwegian "now and then": a sentence, not a byline
    "Της Ελλάδας οι νέοι κανόνες για τα σχολεία",  # Greek "of Greece ...": a headline, not a byline
    "της κοιλάδας το πρωί",
])
def test_sentences_starting_like_a_byline_are_not_bylines(line: str) -> None:
    assert byline_names(line) is None


def test_a_date_without_a_year_gives_no_date() -> None:
    assert find_date("Ada Ferreira @adaferreira / 4:05 pm UTC • March 1") is None
    assert clean_names("Ada Ferreira @adaferreira / 4:05 pm UTC • March 1") == ("Ada Ferreira",)


@pytest.mark.parametrize(("text", "iso"), [
    ("١٢ حزيران ٢٠٢٤", "2024-06-12"),  # Levantine month name, Arabic-Indic digits
    ("12 يونيو/حزيران 2024", "2024-06-12"),
    ("12.06.2024", "2024-06-12"),
    ("2024년 6월 12일", "2024-06-12"),
    ("1 Farvardin: ۱ فروردین ۱۴۰۳", "2024-03-20"),
    ("le 1er août 2024", "2024-08-01"),
    ("31 June 2024", None),
])
def test_date_forms(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_persian_calendar_conversion() -> None:
    assert [jalali_to_gregorian(*d) for d in ((1403, 1, 1), (1403, 3, 12), (1402, 12, 29), (1399, 10, 11))] == [
        "2024-03-20", "2024-06-01", "2024-03-19", "2020-12-31"]


def test_short_cjk_headline_after_a_menu_is_the_headline_not_furniture() -> None:
    """A Chinese scrape: menu, a six-character headline, a 记者 byline and a dateline. The headline is not
    part of the menu run, the byline gives the author, and the dateline is not taken for the title."""
    scrape = (CASES / "zh.txt").read_text("utf-8").replace("渡轮完成冬季维修后恢复运营", "渡轮恢复运营")
    article = extract(scrape.encode("utf-8"), kind="text")
    assert (article.title, article.authors, article.date) == ("渡轮恢复运营", ("王小明",), "2024-06-12")


def test_a_handle_and_a_time_are_not_part_of_the_author_in_html_or_text() -> None:
    """Issue 13's byline: a name, a social handle, a time and a day without a year."""
    byline = "Ada Ferreira @adaferreira / 4:05 pm UTC • March 1"
    prose = "".join(f"<p>{'The council met on Monday and agreed the budget for the new ferry. ' * 3}</p>"
                     for _ in range(3))
    page = f'<html lang="en"><body><article><h1>Ferry budget agreed</h1><p class="byline">{byline}</p>{prose}'
    metadata = extract_html(page + "</article></body></html>").metadata
    assert metadata["authors"] == ("Ada Ferreira",) and "date" not in metadata
    scrape = "Ferry budget agreed\n" + byline + "\n" + "\n".join(
        ["The council met on Monday and agreed the budget for the new ferry, after a long debate."] * 3)
    article = extract(scrape.encode("utf-8"), kind="text")
    assert (article.title, article.authors, article.date) == ("Ferry budget agreed", ("Ada Ferreira",), "")


def test_a_scrape_with_a_photo_credit_gives_only_the_writer(tmp_path: Path) -> None:
    scrape = tmp_path / "museum.txt"
    scrape.write_text("Startseite\nStadt\nDie Bibliothek verlängert ihre Öffnungszeiten am Abend\n"
                      "Text: Lotte Brink; Fotos: Jonas Feld\n14.03.2025\n"
                      "Die Stadtbibliothek hat ab April bis zweiundzwanzig Uhr geöffnet, an allen Werktagen.\n"
                      "Der Lesesaal im ersten Stock bleibt dabei für Gruppen reserviert, die sich vorher anmelden.\n"
                      "Die Ausleihe funktioniert am Abend nur noch über die Automaten im Foyer des Hauses.\n",
                      "utf-8")
    article = extract(scrape)
    assert (article.title, article.authors, article.date) == (
        "Die Bibliothek verlängert ihre Öffnungszeiten am Abend", ("Lotte Brink",), "2025-03-14")


def test_shipped_month_names_are_babels() -> None:
    """The shipped month-name table is what CLDR through the installed Babel gives, name for name and in
    the same order (the first reading of a name wins); when Babel's CLDR changes, run
    ``scripts/month_names.py`` again."""
    from converter.extract.bylines import DATE_LANGUAGES, _shipped_month_names, cldr_month_names

    shipped = _shipped_month_names()
    assert list(shipped) == list(DATE_LANGUAGES)
    for language in DATE_LANGUAGES:
        assert list(shipped[language].items()) == list(cldr_month_names(language).items()), language


def test_shipped_weekday_names_are_babels() -> None:
    """The shipped weekday-name table is what CLDR through the installed Babel gives, and the pattern built
    from it is the one Babel's names build; when Babel's CLDR changes, run ``scripts/month_names.py`` again."""
    from converter.extract import bylines

    shipped = bylines._shipped_weekday_names()
    assert list(shipped) == list(bylines.DATE_LANGUAGES)
    for language in bylines.DATE_LANGUAGES:
        assert shipped[language] == bylines.cldr_weekday_names(language), language
    assert "jeudi" in shipped["fr"] and "thu" in shipped["en"]
    assert bylines._cut_at_date("Ann Lee Thursday, December 27, 2007") == "Ann Lee"
    assert bylines._cut_at_date("Anne Leroy jeudi 27 décembre 2007") == "Anne Leroy"


#: Bylines as unseen pages print them, each language's shape, with what stands around the names: the names
#: alone must come out (no marker, handle, date, time, reading time, desk, job, paper, town or label).
@pytest.mark.parametrize(("line", "names"), [
    # a job, a desk or a paper glued to the name
    ("By Jane Roe Staff Reporter", ("Jane Roe",)),
    ("By Jane Roe Senior Editor, Games", ("Jane Roe",)),
    ("By ERIN CUNNINGHAM and JOHN SMITH, Associated Press", ("Erin Cunningham", "John Smith")),
    ("By Jane Roe, The Washington Post", ("Jane Roe",)),
    ("By Jane Roe, Reuters", ("Jane Roe",)),
    ("By Reuters Staff", ("Reuters",)),
    ("By M.A.Qudoos and Nada S. Mussallam (Our staff reporters)", ("M.A.Qudoos", "Nada S. Mussallam")),
    ("By Krishna Roy, Distinguished Scientist, Founder, Daily News", ("Krishna Roy",)),
    # what follows the names on the same line
    ("By Jane Roe on 03/11/2015", ("Jane Roe",)),
    ("By Jane Roe 5 min read", ("Jane Roe",)),
    ("By Jane Roe Follow", ("Jane Roe",)),
    ("By Jonathon Ramsey RSS feed", ("Jonathon Ramsey",)),
    ("Written by Tim Ferris Topics: Filling the Void", ("Tim Ferris",)),
    ("By Ann Lee Filed under: Politics", ("Ann Lee",)),
    ("By John Leyden ? More by this author", ("John Leyden",)),
    ("By Jane Roe with John Doe", ("Jane Roe", "John Doe")),
    # French, German, Spanish, Italian, Dutch
    ("Par Jean Dupont Publié le 12 mars 2024 à 10h00", ("Jean Dupont",)),
    ("Par Jean Dupont (avec AFP)", ("Jean Dupont",)),
    ("Par Jean Dupont, envoyé spécial à Kiev", ("Jean Dupont",)),
    ("Ein Kommentar von Hans Müller", ("Hans Müller",)),
    ("Von Hans Müller, Berlin", ("Hans Müller",)),
    ("Von Hans Müller | Stand: 12.03.2024, 10:00 Uhr", ("Hans Müller",)),
    ("Por María García, corresponsal en Madrid", ("María García",)),
    ("Por María García | 12 de marzo de 2024", ("María García",)),
    ("Di Mario Rossi, inviato a Roma", ("Mario Rossi",)),
    ("Door Jan de Vries en Piet Jansen", ("Jan de Vries", "Piet Jansen")),
    # Arabic, Chinese, Korean, Japanese, Russian, Hebrew
    ("بقلم: سلمى الحداد", ("سلمى الحداد",)),
    ("新华社记者王小明", ("王小明",)),
    ("김민수 기자 kim@example.com", ("김민수",)),
    ("山田太郎記者", ("山田太郎",)),
    ("Автор: Иван Петров", ("Иван Петров",)),
    ("מאת: דנה כהן", ("דנה כהן",)),
])
def test_unseen_bylines_give_clean_names(line: str, names: tuple[str, ...]) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize("line", ["By Staff Reporter", "By Staff", "Posted by admin", "Staff and agencies",
                                  "Last Update: 1/01 1:10 pm"])
def test_a_desk_credit_or_a_label_names_no_one(line: str) -> None:
    """A desk's credit ("Staff", "Agencies"), a CMS account ("admin") or a label is no writer's name: the
    byline module gives none, and neither does the HTML reader of a byline element."""
    assert not byline_names(line)
    prose = "".join(f"<p>{'The council met on Monday and agreed the budget for the new ferry. ' * 3}</p>"
                    for _ in range(3))
    page = f'<html lang="en"><body><article><h1>Ferry budget agreed</h1><p class="byline">{line}</p>{prose}'
    assert "authors" not in extract_html(page + "</article></body></html>").metadata


def test_a_byline_that_runs_into_a_sentence_gives_no_author_in_a_scrape() -> None:
    """"By Jane Roe Jane Roe is a senior writer ..." (the name, then the writer's note on the same line): a
    sentence, so the text reader's English fallback names no one rather than the whole line."""
    from converter.extract.text.metadata import byline_names as text_byline_names

    assert text_byline_names("By Jane Roe Jane Roe is a senior writer covering technology.") is None
    assert text_byline_names("By Jane Roe and Bo Chan") == ("Jane Roe", "Bo Chan")


@pytest.mark.parametrize(("under", "authors"), [
    (["Maren Ellis", "Harbour Editor"], ("Maren Ellis",)),  # the name, then the writer's job
    (["Maren Ellis • 8h"], ("Maren Ellis",)),  # the name and a relative time on one line
    (["Maren Ellis", "6 min read"], ("Maren Ellis",)),  # the name, then a reading time
    (["Next Post", "3 March 2024"], ()),  # a link's label is no one's name
    (["Harbour Works", "Local News"], ()),  # a label under the headline, with no date or job after it
])
def test_a_name_alone_under_the_headline_is_the_author_of_a_scrape(under: list[str], authors: tuple[str, ...]) -> None:
    """A byline printed without "By": a name alone under the headline, dated on its line or followed by a
    date, a reading time or the writer's job (``text.metadata.name_under_headline``)."""
    paragraph = "The harbour ferry returned to service on Monday after a winter of repairs to its hull and engines."
    scrape = "\n".join(["Harbour ferry returns after a winter of repairs", *under, *[paragraph] * 4])
    article = extract(scrape.encode("utf-8"), kind="text")
    assert (article.title, article.authors) == ("Harbour ferry returns after a winter of repairs", authors)
