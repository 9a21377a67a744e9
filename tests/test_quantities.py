"""quantities.v1: numbers, scale words, currencies, vague numbers, ranges, qualifiers, counted nouns, and the
numbers that are not amounts (dates, years, times, designations, weapon names)."""

from __future__ import annotations

import pytest

from sitroom.nlp.quantities import find_quantities, is_count
from standin_actors import nlp


def quantities(text: str) -> list[tuple[str, float | None, float | None, float | None, str, str | None]]:
    return [(f.quantity.text, f.quantity.value, f.quantity.low, f.quantity.high, f.quantity.qualifier,
             f.quantity.unit) for f in find_quantities(nlp()(text))]


@pytest.mark.parametrize("text, expected", [
    ("North Korea sent around 10,000 troops.", ("around 10,000", 10000, 10000, 10000, "approx", "troops")),
    ("About 11 500 troops marched.", ("About 11 500", 11500, 11500, 11500, "approx", "troops")),
    ("Some 11.000 soldiers arrived.", ("Some 11.000", 11000, 11000, 11000, "approx", "soldiers")),
    ("The package is worth $988 million.", ("$988 million", 988e6, 988e6, 988e6, "exact", "USD")),
    ("The EU paid €1.2bn.", ("€1.2bn", 1.2e9, 1.2e9, 1.2e9, "exact", "EUR")),
    ("Britain pledged £150m more.", ("£150m", 150e6, 150e6, 150e6, "exact", "GBP")),
    ("It will spend 13.2 trillion roubles.", ("13.2 trillion", 13.2e12, 13.2e12, 13.2e12, "exact", "RUB")),
    ("1,7 million people fled.", ("1,7 million", 1.7e6, 1.7e6, 1.7e6, "exact", "people")),
    ("Ten thousand people fled.", ("Ten thousand", 1e4, 1e4, 1e4, "exact", "people")),
    ("Twenty-five tanks were lost.", ("Twenty-five", 25, 25, 25, "exact", "tanks")),
    ("A dozen soldiers were captured.", ("A dozen", 12, 12, 12, "approx", "soldiers")),
    ("Dozens of soldiers died.", ("Dozens", 24, 24, None, "at_least", "soldiers")),
    ("Scores of people were hurt.", ("Scores", 40, 40, None, "at_least", "people")),
    ("Tens of thousands of people fled.", ("Tens of thousands", 2e4, 2e4, None, "at_least", "people")),
    ("Hundreds of thousands of people fled.", ("Hundreds of thousands", 2e5, 2e5, None, "at_least", "people")),
    ("The RSF has 20,000-25,000 fighters.", ("20,000-25,000", None, 2e4, 2.5e4, "range", "fighters")),
    ("There are 11,000–12,000 troops.", ("11,000–12,000", None, 11e3, 12e3, "range", "troops")),
    ("They had 10,000 to 12,000 men.", ("10,000 to 12,000", None, 1e4, 1.2e4, "range", "men")),
    ("Between 300 and 400 people died.", ("Between 300 and 400", None, 300, 400, "range", "people")),
    ("It sent 1.5 to 2 million shells.", ("1.5 to 2 million", None, 1.5e6, 2e6, "range", "shells")),
    ("At least 30 soldiers were killed.", ("At least 30", 30, 30, None, "at_least", "soldiers")),
    ("More than 100 missiles were fired.", ("More than 100", 100, 100, None, "more_than", "missiles")),
    ("Over 8,000 people left.", ("Over 8,000", 8000, 8000, None, "more_than", "people")),
    ("Nearly 100 hostages remain.", ("Nearly 100", 100, 100, 100, "approx", "hostages")),
    ("An estimated 4,000 troops died.", ("An estimated 4,000", 4000, 4000, 4000, "approx", "troops")),
    ("Up to 3 million shells were made.", ("Up to 3 million", 3e6, None, 3e6, "at_most", "shells")),
    ("As many as 40,000 prisoners joined.", ("As many as 40,000", 4e4, None, 4e4, "at_most", "prisoners")),
    ("Fewer than 400 children returned.", ("Fewer than 400", 400, None, 400, "less_than", "children")),
    ("Less than a dozen soldiers survived.", ("Less than a dozen", 12, None, 12, "less_than", "soldiers")),
    ("500 or more people were hurt.", ("500 or more", 500, 500, None, "at_least", "people")),
    ("Russia handed over 22 soldiers.", ("22", 22, 22, 22, "exact", "soldiers")),
    ("The toll rose by 3% overnight.", ("3", 3, 3, 3, "exact", "percent")),
])
def test_amounts(text: str, expected: tuple) -> None:
    assert expected in quantities(text)


@pytest.mark.parametrize("text", [
    "The offensive began on 10 May.", "The pact was signed in 2024.", "It happened at 1 a.m. on Monday.",
    "The 155th Mechanised Brigade held the line.", "Ukraine received F-16 jets and S-400 parts were hit.",
    "Su-34 bombers and Kh-101 missiles were used.", "Resolution 2714 lifted the embargo.", "Article 5 applies.",
    "Brigade 47 was rotated.", "It was the 1,000th day of the war.", "One of the largest attacks hit Kyiv.",
    "Gangs stormed the two largest prisons.", "The Three Brotherhood Alliance advanced.",
])
def test_not_amounts(text: str) -> None:
    assert [q for q in quantities(text) if q[5] not in ("percent",)] == []


@pytest.mark.parametrize("text", ["The boy was aged 14.", "A 19-year-old conscript deserted.", "It lasted two days.",
                                  "A 2,000-kilometre border.", "The war lasted five years."])
def test_non_counts(text: str) -> None:
    sdoc = nlp()(text)
    assert not any(is_count(f.quantity, text) for f in find_quantities(sdoc))


def test_strong_is_personnel() -> None:
    assert ("5,550", 5550, 5550, 5550, "exact", "personnel") in quantities("a 5,550-strong force")


def test_offsets_are_exact() -> None:
    text = "Officials said some 8,000 soldiers, £150m and between 2 000 and 2 500 men were involved."
    for f in find_quantities(nlp()(text)):
        assert text[f.quantity.start:f.quantity.end] == f.quantity.text


@pytest.mark.parametrize("text, expected", [
    ("The toll is nearing 5,000.", ("nearing 5,000", 5000, 5000, 5000, "approx", None)),
    ("The real number could be as high as 9,000.", ("as high as 9,000", 9000, None, 9000, "at_most", None)),
    ("Arrivals topped 2 000 last week.", ("topped 2 000", 2000, 2000, None, "more_than", None)),
    ("Some 2,5 million people fled.", ("Some 2,5 million", 2.5e6, 2.5e6, 2.5e6, "approx", "people")),
])
def test_predicate_qualifiers_and_formats(text: str, expected: tuple) -> None:
    assert expected in quantities(text)


def test_clock_times_are_not_amounts() -> None:
    assert quantities("The convoy was hit at 4:45 a.m. and again at 17:30.") == []
