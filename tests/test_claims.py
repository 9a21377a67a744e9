"""claims.v1 (with the attribution library): unit tests of hard cases against a stand-in actor resolver, and the
gold test over tests/gold/claims.{dev,test}.jsonl with the real pipeline.

Gold metrics (each claim matched at most once, greedily, in text order):

* **value F1** - a predicted claim matches a gold claim when their spans overlap and value, low, high, qualifier
  and category all agree.
* **source F1** - a true positive is a *matched* claim whose ``source`` equals the gold source, where null = null
  (the outlet's own voice) counts as agreement; every other predicted claim is a false positive and every other
  gold claim a false negative. So a claim scores here only if it is both found and attributed right.
* **chain accuracy / hedge accuracy** - over matched claims: the chain equal as a list; the hedge equal ignoring
  case, null = null.
* **non-claims** - the share of gold ``not_claims`` spans (years, ages, unit names...) that no predicted claim
  overlaps.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

import goldutil
from sitroom.model.enrich import Claim
from sitroom.nlp import Document, Pipeline
from sitroom.nlp.claims import extract_claims
from standin_actors import nlp, resolve

GOLD_STAGES = ("actors.v1", "dates.v1", "quantities.v1", "quotes.v1", "claims.v1")
VALUE_F1_FLOOR = 0.90  # measured 0.931 on dev+test (dev 0.945, test 0.918)
SOURCE_F1_FLOOR = 0.85  # measured 0.860 (dev 0.876, test 0.845); hierarchy-aware (parent/child agree) 0.870
NON_CLAIM_FLOOR = 0.95


def claims(text: str) -> list[Claim]:
    doc = Document(id="t", text=text, published=datetime(2024, 11, 5))
    doc.spacy = nlp()(text)
    return extract_claims(doc, resolve)


def one(text: str, value: float) -> Claim:
    found = [c for c in claims(text) if value in (c.value, c.low, c.high)]
    assert len(found) == 1, claims(text)
    return found[0]


def test_seed_sentence() -> None:
    text = ("The reported casualties from this deployment, including at least 30 North Korean personnel killed or "
            "wounded according to Ukrainian military intelligence, highlight the risks.")
    c = one(text, 30)
    assert (c.qualifier, c.low, c.high, c.category) == ("at_least", 30, None, "killed_or_wounded")
    assert (c.source, c.chain, c.source_text) == ("ukr-hur", ["ukr-hur"], "Ukrainian military intelligence")


def test_chain_citing() -> None:
    c = one("The Pentagon, citing Ukrainian intelligence, said some 8,000 North Korean soldiers had moved.", 8000)
    assert (c.source, c.chain, c.category) == ("usa-dod", ["usa-dod", "ukr-hur"], "personnel_deployed")


def test_chain_briefed_by() -> None:
    c = one("Lawmakers briefed by the NIS said Pyongyang had dispatched roughly 11,000 troops.", 11000)
    assert c.chain == ["kor-assembly", "kor-nis"]


def test_chain_quoted_as_saying() -> None:
    c = one("State media quoted the ministry as saying 231 soldiers had been killed.", 231)
    assert (c.chain, c.category) == (["prk-state-media", "prk-mod"], "killed")


def test_trailing_and_continuation() -> None:
    found = claims("Russia launched 97 drones and four missiles overnight, the Pentagon said, adding that 41 drones "
                   "had been shot down.")
    assert [(c.value, c.category, c.source) for c in found] == [
        (97, "attacks", "usa-dod"), (4, "attacks", "usa-dod"), (41, "equipment", "usa-dod")]


def test_two_speakers_in_one_sentence() -> None:
    found = claims("Hamas said about 50 hostages had been killed; the IDF said 239 hostages were held in Gaza.")
    assert [(c.value, c.category, c.source) for c in found] == [(50, "killed", "pse-hamas"),
                                                               (239, "captured", "isr-idf")]


def test_elliptic_numbers_borrow_the_noun() -> None:
    found = claims("TASS reported that 12 civilians had been killed and 121 injured.")
    assert [(c.value, c.unit, c.category) for c in found] == [(12, "civilians", "killed"),
                                                             (121, "civilians", "wounded")]


def test_toll_rose_to() -> None:
    c = one("The toll from the strike rose to 33, the Kremlin said.", 33)
    assert (c.category, c.source) == ("killed", "rus-gov")


def test_own_voice_has_no_source() -> None:
    c = one("Russia occupies roughly 110,000 square kilometres of Ukraine's territory.", 110000)
    assert (c.category, c.source, c.chain) == ("territory", None, [])


def test_denial_is_negated_and_hedged() -> None:
    c = one("Peskov denied that Moscow had lost 200 tanks near Pokrovsk.", 200)
    assert (c.negated, c.hedge, c.category) == (True, "denied", "equipment")


def test_hedges() -> None:
    assert one("Some 100,000 bodies may have been buried there, the UN said.", 100000).hedge == "may have"
    assert one("The IDF said it killed 9,000 militants, a figure that could not be verified.",
               9000).hedge == "could not be verified"
    assert one("Hamas claimed that 20,000 soldiers had died.", 20000).hedge == "claimed"
    assert one("Fewer than 2,000 troops are believed to remain in Syria.", 2000).hedge == "believed"


def test_money() -> None:
    c = one("The EU disbursed €1.2bn in aid, OCHA said.", 1.2e9)
    assert (c.category, c.unit, c.source) == ("money", "EUR", "ocha")


@pytest.mark.parametrize("text", [
    "The 155th Mechanised Brigade was rotated out for three weeks of rest.",
    "A 19-year-old conscript was among those aged 20 to 25 sentenced under Article 5 on 15 June 2024.",
    "Russia's overnight attack began at 1 a.m.; the rouble fell 3%.",
])
def test_non_claims(text: str) -> None:
    assert claims(text) == []


def categories(text: str) -> list[tuple[float | None, str]]:
    return [(c.value if c.value is not None else c.low, c.category) for c in claims(text)]


@pytest.mark.parametrize("text, expected", [
    # weapons: launched (attacks) vs supplied, held, downed (equipment), by the governing verb
    ("Russia launched 85 drones at Odesa overnight.", [(85, "attacks")]),
    ("Iran supplied 85 drones to Russia last year.", [(85, "equipment")]),
    ("The brigade still has 85 drones in reserve.", [(85, "equipment")]),
    ("Air defences shot down 30 of the 45 missiles fired at the capital.", [(30, "equipment"), (45, "attacks")]),
    ("The depot was hit by two missiles.", [(2, "attacks")]),
    ("The night raid involved 60 drones and 8 missiles.", [(60, "attacks"), (8, "attacks")]),
    # the same verb, a different counted noun
    ("The rebels captured 14 soldiers near the river.", [(14, "captured")]),
    ("The rebels captured 14 villages near the river.", [(14, "territory")]),
    # held: combatants are prisoners of war, civilians detainees; released captives count something else
    ("The militia is holding 300 soldiers at a stadium.", [(300, "captured")]),
    ("Police arrested 300 protesters in the capital.", [(300, "detained")]),
    ("The group freed 40 hostages on Friday.", [(40, "other")]),
    # nominal predicates
    ("The death toll rose to 57 on Monday.", [(57, "killed")]),
    ("Casualties reached 3,000 by the end of the week.", [(3000, "killed_or_wounded")]),
    ("The general staff put enemy losses at 400 personnel and nine tanks.",
     [(400, "killed_or_wounded"), (9, "equipment")]),
    # conjoined outcomes: each number to its own verb; "killed or wounded" undivided
    ("Shelling killed 12 civilians and wounded 40 in the town.", [(12, "killed"), (40, "wounded")]),
    ("Officials say 50 killed and 120 wounded in the blast.", [(50, "killed"), (120, "wounded")]),
    ("About 20 guards were killed or wounded in the raid.", [(20, "killed_or_wounded")]),
    # the doers of a harm, and speakers, count no victims
    ("Two gunmen killed 5 villagers at dawn.", [(5, "killed")]),
    ("Two officials said 30 soldiers had died.", [(30, "killed")]),
    ("About 600 fighters attacked the base.", [(600, "personnel_deployed")]),
    # bare numbers refer back; comparisons keep the figure's category
    ("Seoul said the troops had arrived and that 3,000 were at the front.", [(3000, "personnel_deployed")]),
    ("Roughly 700 marines remain on the island, down from 2,000 in May.",
     [(700, "personnel_deployed"), (2000, "personnel_deployed")]),
    ("The ministry recorded 90 deaths; the UN counted fewer than 60.", [(90, "killed"), (60, "killed")]),
    ("More than 8,000 residents have fled the city, with 3,000 crossing into the next province.",
     [(8000, "displaced"), (3000, "displaced")]),
    # outcomes as complements and modifiers
    ("Some 4,000 islanders remain displaced.", [(4000, "displaced")]),
    ("Nearly 600 sailors are listed as missing.", [(600, "missing")]),
    ("Aid reached 90,000 displaced families in the valley.", [(90000, "displaced")]),
    # shares: the whole given as a figure is not a claim; a whole with no figure for the share is
    ("The rebels hold 12 of the province's 20 districts.", [(12, "territory")]),
    ("Strikes destroyed most of the fleet's 18 patrol boats.", [(18, "equipment")]),
    # background counts that are no claims
    ("The motion passed by 13 votes to 2.", []),
    ("The missiles have a range of 300 km.", []),
])
def test_category_by_syntax(text: str, expected: list[tuple[float, str]]) -> None:
    assert categories(text) == expected


# -- gold ------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scored() -> dict[str, dict[str, Any]]:
    items = goldutil.load("claims")
    if not items:
        pytest.skip("no claims gold yet")
    pipeline = Pipeline(stages=GOLD_STAGES)
    docs = pipeline.pipe(Document(id=i["id"], text=i["text"], published=datetime.fromisoformat(i["published"]))
                         for i in items)
    out: dict[str, dict[str, Any]] = {}
    for item, doc in zip(items, docs):
        for key in (item["_split"], "all"):
            _score(out.setdefault(key, _empty()), item, doc.layer("claims"))
    return out


def _empty() -> dict[str, Any]:
    return dict.fromkeys(("tp", "fp", "fn", "src_tp", "chain_ok", "hedge_ok", "nc", "nc_ok"), 0)


def _score(acc: dict[str, Any], item: dict[str, Any], predicted: list[Claim]) -> None:
    text = item["text"]
    gold = [(goldutil.locate(text, g["span"], g.get("occurrence", 0)), g) for g in item["claims"]]
    used: set[int] = set()
    for p in predicted:
        match = next((i for i, (span, g) in enumerate(gold) if i not in used and goldutil.overlaps(span, (p.start, p.end))
                      and (g["value"], g["low"], g["high"], g["qualifier"], g["category"])
                      == (p.value, p.low, p.high, p.qualifier, p.category)), None)
        if match is None:
            acc["fp"] += 1
            continue
        used.add(match)
        g = gold[match][1]
        acc["tp"] += 1
        acc["src_tp"] += g["source"] == p.source
        acc["chain_ok"] += g["chain"] == p.chain
        acc["hedge_ok"] += (g["hedge"] or "").lower() == (p.hedge or "").lower()
    acc["fn"] += len(gold) - len(used)
    for nc in item["not_claims"]:
        span = goldutil.locate(text, nc["span"] if isinstance(nc, dict) else nc,
                               nc.get("occurrence", 0) if isinstance(nc, dict) else 0)
        acc["nc"] += 1
        acc["nc_ok"] += not any(goldutil.overlaps(span, (p.start, p.end)) for p in predicted)


def report(acc: dict[str, Any]) -> dict[str, Any]:
    """All metrics of one split (printed by the gold tests; run pytest -s to see them)."""
    tp, fp, fn, src = acc["tp"], acc["fp"], acc["fn"], acc["src_tp"]
    return {"value": goldutil.prf(tp, fp, fn), "source": goldutil.prf(src, tp + fp - src, fn + tp - src),
            "chain_accuracy": round(acc["chain_ok"] / max(tp, 1), 4),
            "hedge_accuracy": round(acc["hedge_ok"] / max(tp, 1), 4),
            "non_claims_clean": round(acc["nc_ok"] / max(acc["nc"], 1), 4)}


def test_gold_value_f1(scored: dict[str, dict[str, Any]]) -> None:
    for split in sorted(scored):
        print(split, report(scored[split]))
    assert report(scored["all"])["value"]["f1"] >= VALUE_F1_FLOOR


def test_gold_source_f1(scored: dict[str, dict[str, Any]]) -> None:
    assert report(scored["all"])["source"]["f1"] >= SOURCE_F1_FLOOR


def test_gold_non_claims(scored: dict[str, dict[str, Any]]) -> None:
    assert report(scored["all"])["non_claims_clean"] >= NON_CLAIM_FLOOR


# -- subject fallbacks and dates of future figures (real pipeline: actors and places) -------------------------------

@pytest.fixture(scope="module")
def full() -> Pipeline:
    return Pipeline(stages=("actors.v1", "places.v1", "dates.v1", "quantities.v1", "quotes.v1", "claims.v1"))


def _full(pipe: Pipeline, text: str) -> list[Claim]:
    doc = next(pipe.pipe([Document(id="t", text=text, published=datetime(2024, 10, 23))]))
    return doc.layer("claims")


@pytest.mark.parametrize("text, value, subject", [
    # 2. the origin of a force moved from one place to another
    ("According to the NIS, about 1,500 special forces soldiers were carried from ports on North Korea's east coast "
     "to Vladivostok aboard Russian navy ships.", 1500, "prk"),
    # 2. the agent of the clause, not the speaker
    ("Pyongyang has sent 10,000 to Russia, Kyiv said.", 10000, "prk-gov"),
    # 3. the previous figure of the same category in the paragraph; the speaker is never the subject
    ("North Korea has deployed 3,000 soldiers to Russia. The NIS believes more than 10,000 have been sent.",
     10000, "prk"),
    ("The NIS believes more than 10,000 have been sent.", 10000, None),
    # the victims' actor does not pass to a count of another kind, nor the attacker to the victims
    ("Ukraine was hit by 90 drones overnight.", 90, None),
])
def test_subject_fallbacks(full: Pipeline, text: str, value: float, subject: str | None) -> None:
    found = [c for c in _full(full, text) if value in (c.value, c.low)]
    assert len(found) == 1 and found[0].subject == subject, found


def test_subject_does_not_cross_paragraphs(full: Pipeline) -> None:
    found = _full(full, "North Korea has deployed 3,000 soldiers to Russia.\n\nThe NIS believes more than 10,000 "
                        "have been sent.")
    assert [(c.low or c.value, c.subject) for c in found] == [(3000, "prk"), (10000, None)]


def test_future_figure_dated_ahead(full: Pipeline) -> None:
    found = _full(full, "North Korea has sent about 3,000 soldiers to Russia so far and is expected to send a total "
                        "of about 10,000 by December, lawmakers said on Wednesday.")
    assert [(c.value, c.date) for c in found] == [(3000, "2024-10-23"), (10000, "2024-12-01")]
