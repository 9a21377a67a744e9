"""Attribution mechanisms (sitroom.nlp.attribution) on sentences written for these tests, scored through the
claims they attribute. A small resolver stands in for the actor stage: it knows a few names, with the country and
role the mechanisms look at, and fills the document's actor layer the same way."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from sitroom.model.enrich import ActorMention, Claim
from sitroom.nlp import Document, Pipeline
from sitroom.nlp.claims import extract_claims
from sitroom.nlp.quotes import extract_quotes
from standin_actors import nlp

#: phrase -> (actor id, ISO3, role); the longest phrase found wins.
ACTORS = {
    "the pentagon": ("usa-dod", "USA", "ministry"), "pentagon": ("usa-dod", "USA", "ministry"),
    "us officials": ("usa-gov", "USA", "government"), "us official": ("usa-gov", "USA", "government"),
    "officials": ("usa-gov", "USA", "government"), "the washington post": ("usa-wapo", "USA", "media"),
    "cnn": ("usa-cnn", "USA", "media"), "hamas": ("pse-hamas", "PSE", "armed group"),
    "israel": ("isr", "ISR", "state"), "north korea": ("prk", "PRK", "state"),
    "south korean": ("kor", "KOR", "state"), "residents": ("mmr-civ", "MMR", "civilians"),
    "the nug": ("mmr-nug", "MMR", "government"), "the bbc": ("bbc", None, "media"),
    "mediazona": ("rus-mediazona", "RUS", "media"), "the european union": ("eu", None, "international organisation"),
    "moldova": ("mda", "MDA", "state"), "britain": ("gbr", "GBR", "state"),
    "monusco": ("monusco", None, "international organisation"), "the nis": ("kor-nis", "KOR", "intelligence"),
    "civil defence agency": ("pse-civil-defence", "PSE", "government"),
    "hamas-run": ("pse-hamas", "PSE", "armed group"),
    "kirby": ("usa-kirby", "USA", "leader"), "the un": ("un", None, "international organisation"),
    "the world food programme": ("wfp", None, "international organisation"),
    "russia's defence ministry": ("rus-mod", "RUS", "ministry"), "kyiv": ("ukr-gov", "UKR", "government"),
    "kyiv intelligence": ("ukr-hur", "UKR", "intelligence"), "the junta": ("mmr-gov", "MMR", "government"),
    "congo": ("cod", "COD", "state"), "m23": ("cod-m23", "COD", "armed group"),
}
PATTERN = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in sorted(ACTORS, key=len, reverse=True)), re.I)


def mentions(text: str) -> list[ActorMention]:
    out = []
    for m in PATTERN.finditer(text):
        actor_id, country, role = ACTORS[m.group(0).lower()]
        out.append(ActorMention(start=m.start(), end=m.end(), text=m.group(0), actor_id=actor_id, name=m.group(0),
                                country=country, role=role))
    return out


def resolve(doc: Document, start: int, end: int) -> ActorMention | None:
    """The mention holding the span's last noun (its head), else the first mention inside the span."""
    inside = [m for m in doc.layer("actors") if start <= m.start and m.end <= end]
    return inside[-1] if inside and doc.text[inside[-1].end:end].strip() == "" else (inside or [None])[0]


def parse(text: str) -> Document:
    doc = Document(id="t", text=text, published=datetime(2024, 11, 5))
    doc.spacy = nlp()(text)
    doc.layers["actors"] = mentions(text)
    return doc


def claim(text: str, value: float) -> Claim:
    found = [c for c in extract_claims(parse(text), resolve) if value in (c.value, c.low, c.high)]
    assert len(found) == 1, found
    return found[0]


def source(text: str, value: float) -> str | None:
    return claim(text, value).source


def test_trailing_cue_the_parser_mistags() -> None:
    assert source("Some 2 million people face hunger, the World Food Programme estimates.", 2e6) == "wfp"


def test_reporter_of_a_reported_claim_leads_the_chain() -> None:
    c = claim("US officials estimate that 900 soldiers died, the Washington Post reported.", 900)
    assert c.chain == ["usa-wapo", "usa-gov"]


def test_neighbouring_cues_do_not_report_each_other() -> None:
    text = "Hamas said 40 people died, while Israel said it killed 300 fighters."
    assert (source(text, 40), claim(text, 300).chain) == ("pse-hamas", ["isr-gov"])


def test_coordinated_speakers() -> None:
    assert source("According to residents and the NUG, 170 people died in the strike.", 170) == "mmr-nug"
    c = claim("The BBC and Mediazona have identified by name 5,000 soldiers killed in the war.", 5000)
    assert c.chain == ["bbc", "rus-mediazona"]


def test_speaker_named_through_context() -> None:
    assert source("The European Union sent €2bn to Moldova this week, the commission said.", 2e9) == "eu"
    assert source("MONUSCO has 11 000 troops in the east, the mission's commander said.", 11000) == "monusco"
    assert source("Congo will pay the M23 negotiators nothing, a presidential spokeswoman said, denying a $10 "
                  "million offer.", 1e7) == "cod-gov"


def test_pronoun_inside_what_another_speaker_says() -> None:
    text = "About 10,000 soldiers are in Russia, up from the 3,000 it reported last week, the NIS said."
    assert (source(text, 10000), source(text, 3000)) == ("kor-nis", "kor-nis")


def test_relative_pronoun_speaker() -> None:
    text = "Deserters number 20,000, according to Mediazona, which said that courts heard over 5,000 cases."
    assert source(text, 5000) == "rus-mediazona"


def test_owner_modifier_is_not_the_speaker() -> None:
    assert source("The Hamas-run civil defence agency said 90 people were killed.", 90) == "pse-civil-defence"


def test_negated_cue_attributes_nothing() -> None:
    text = "Kirby says around 300 were killed, numbers North Korea has not acknowledged."
    assert source(text, 300) == "usa-kirby"


def test_revised_tallies_and_owned_tallies() -> None:
    assert source("The UN lowered its count of the dead to 2,500 from 3,000.", 2500) == "un"
    assert source("Ukraine reported 3,000 casualties; South Korean estimates were lower, at around 1,100.",
                  1100) == "kor-gov"


def test_headline_speaker_but_not_headline_topic() -> None:
    assert source("Pentagon: hundreds of troops have been killed, a US official says.", 200) == "usa-dod"
    assert source("North Korea: 3,000 troops at the front by Christmas, Kyiv intelligence says", 3000) == "ukr-hur"


def test_unnamed_officials_speak_for_the_institution_they_report() -> None:
    text = "The Pentagon raised its estimate of Russian casualties from 315,000 to about 350,000, officials said."
    assert (source(text, 315000), source(text, 350000)) == ("usa-dod", "usa-dod")


def test_outlet_told_in_a_relative_clause_reports() -> None:
    c = claim("The US has spent well over $1 billion, according to two officials who spoke to CNN.", 1e9)
    assert c.chain == ["usa-cnn", "usa-gov"]


def test_pledge_is_a_source_but_not_a_quote() -> None:
    text = "The European Union sent €1bn, the commission said, while Britain pledged a further £150m."
    assert source(text, 1.5e8) == "gbr-gov"
    assert all("pledged" not in (q.cue.text if q.cue else "") for q in extract_quotes(parse(text), resolve))


def test_conjoined_verb_shares_the_subject() -> None:
    assert source("The junta revived a conscription law and said it would call up 5,000 people a month.",
                  5000) == "mmr-gov"


def test_relative_after_a_figure_is_not_the_speaker() -> None:
    text = "Russia's defence ministry claimed Ukrainian losses of 1,500 troops, a figure Kyiv dismissed."
    assert source(text, 1500) == "rus-mod"


@pytest.mark.parametrize("text", ["Some 600 delegates attended, a year after the war ended.",
                                  "Israeli jets struck 350 targets overnight."])
def test_own_voice(text: str) -> None:
    assert all(c.source is None for c in extract_claims(parse(text), resolve))


# -- with the real actor stage: speakers resolved through the dictionary ---------------------------------------

@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=("actors.v1", "dates.v1", "quantities.v1", "quotes.v1", "claims.v1"))


@pytest.mark.parametrize("text, value, expected", [
    ("Some 40 drones were shot down overnight, a Pentagon spokesman said.", 40, "usa-dod"),  # title, no name
    ("Some 40 drones were shot down overnight, Pentagon spokesman Pat Ryder said.", 40, "usa-ryder"),
    ("Seoul's defence minister said about 30 howitzers had been shipped.", 30, "kor-mnd"),
    ("A missile killed 12 people in Kharkiv on Thursday, police said.", 12, "ukr-police"),
    ("Hamas fighters took 240 hostages, according to Israeli tallies.", 240, "isr-gov"),
    ("Egypt said 30 ships had turned back, citing figures from the Suez Canal Authority.", 30, "egy-gov"),
])
def test_speaker_actors(pipeline: Pipeline, text: str, value: float, expected: str) -> None:
    doc = pipeline(text, published=datetime(2024, 11, 5))
    assert [c.source for c in doc.layer("claims") if c.value == value] == [expected]
