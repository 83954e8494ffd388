"""Recipes: the ingredient list and the method are the article, not a menu.

A recipe prints its ingredients as a run of short lines ("500g strong white flour", "1 egg") and its
method as "Step 1" / paragraph pairs: shapes the menu pass (``passes.navigation_runs``) would drop as a
run of short lines. The named page pass ``recipe_parts`` runs before it and reads the recipe's own
section heads (``RECIPE_HEADS``: "Ingredients", "Method", in the languages we read):

- under an ingredients head, the lines that follow it in the input without a blank line, short, no
  sentences, at least half opening with an amount (``QUANTITY``), are the list
  (``recipe_ingredient``, a Markdown list item); a group's name among them ("For the dough", "Filling:")
  is a sub-head (``recipe_group``);
- under a method head, a "Step 1" line (``STEP``) is a sub-head (``recipe_step``); the steps' text is left
  to the layout (it reads as paragraphs).

The section heads themselves are sub-heads (``recipe_section``).
"""

from __future__ import annotations

import re

from converter.extract.text.lines import Line
from converter.extract.text.rules import Decided, Verdict

#: Heads of a recipe's ingredient list, by language.
INGREDIENT_HEADS = ("ingredients", "you will need", "what you need", "zutaten", "ingrédients", "ingredientes",
                    "ingredienti", "ingrediënten", "ingredienser", "składniki")
#: Heads of a recipe's method, by language.
METHOD_HEADS = ("method", "directions", "instructions", "preparation", "steps", "zubereitung", "préparation",
                "preparación", "preparo", "modo de preparo", "procedimento", "preparazione", "bereiding",
                "tillagning", "przygotowanie")
RECIPE_HEADS = re.compile(r"^(?P<head>" + "|".join(map(re.escape, INGREDIENT_HEADS + METHOD_HEADS)) + r")\s*:?$",
                          re.I)
#: "Step 1", "Step 2:", "Schritt 3", "Étape 4".
STEP = re.compile(r"^(?:step|schritt|étape|paso|passo|stap|steg|krok)\s+\d{1,2}\s*[:.]?$", re.I)
#: A group's name inside the ingredient list: "For the dough", "For the glaze:", "Filling:".
GROUP = re.compile(r"^(?:for (?:the )?\w[\w -]{0,30}|[A-Z][\w -]{0,30}:)$", re.I)
#: An amount opening an ingredient line: "500g", "½ tsp", "A handful of", "Pinch of"; at least half of an
#: ingredient list's lines open with one.
QUANTITY = re.compile(r"^(?:\d|[½¼¾⅓⅔⅛]|(?:a|an|one|two|three|a few|a handful|pinch|a pinch|some)\b)", re.I)
#: An ingredient line is at most this many words.
INGREDIENT_WORDS = 12


def recipe_parts(lines: list[Line], decided: Decided) -> None:
    """Decide a recipe's section heads, ingredient lists and step heads (see the module docstring)."""
    for i, line in enumerate(lines):
        head = RECIPE_HEADS.match(line.text)
        if not head or i in decided:
            continue
        ingredients = head["head"].casefold() in INGREDIENT_HEADS
        items = list(_block(lines, i + 1))
        if ingredients:
            if len(items) < 2 or any(lines[j].sentence or lines[j].words > INGREDIENT_WORDS for j in items):
                continue
            if sum(bool(QUANTITY.match(lines[j].text)) for j in items) * 2 < len(items):
                continue  # a menu under a word "Ingredients" ("Recipes", "Dinner"): no amounts
            decided[i] = Verdict("heading", "recipe_section")
            for j in items:
                if j not in decided:
                    group = GROUP.match(lines[j].text) and not lines[j].text[:1].isdigit()
                    decided[j] = Verdict("heading", "recipe_group") if group else Verdict("kept", "recipe_ingredient")
        elif any(STEP.match(lines[j].text) for j in items):
            decided[i] = Verdict("heading", "recipe_section")
            for j in items:
                if j not in decided and STEP.match(lines[j].text):
                    decided[j] = Verdict("heading", "recipe_step")


def _block(lines: list[Line], first: int):
    """Indices of the lines from ``first`` that follow each other in the input without a blank line."""
    j = first
    while j < len(lines) and lines[j].number == lines[j - 1].number + 1:
        yield j
        j += 1
