"""Records the analyses derive from the enrichment layers. Each analysis keeps its records in one block."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

# -- claim reconciliation (sitroom.analysis.claims) ------------------------------------------------------------
# Slotted dataclasses rather than pydantic models: a whole-store reconciliation builds one SourcedFigure per
# stored claim (hundreds of thousands), and these are four times cheaper to build and hold.

_QUALIFIER_WORDS = {"approx": "about ", "at_least": "at least ", "more_than": "more than ", "at_most": "up to ",
                    "less_than": "fewer than "}


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def figure_text(qualifier: str | None, value: float | None, low: float | None, high: float | None) -> str:
    """A figure as an analyst writes it: ``about 10,000``, ``11,000-12,000``, ``at least 30``."""
    if qualifier == "range" or (value is None and low is not None and high is not None and low != high):
        return f"{_number(low)}-{_number(high)}" if low is not None and high is not None else "?"
    shown = next((x for x in (value, low, high) if x is not None), None)
    if shown is None:
        return "?"
    return _QUALIFIER_WORDS.get(qualifier or "", "") + _number(shown)


@dataclass(slots=True)
class SourcedFigure:
    """One claim as one article reported it, with everything needed to trace it back to the exact words.

    ``origin`` is the actor the figure comes from: the innermost named asserting actor of the chain ("the Pentagon,
    citing Ukrainian intelligence" -> ``ukr-hur``; "lawmakers, citing officials" -> the lawmakers), or
    ``outlet:<name>`` for a claim in an outlet's own voice or from anonymous sources only, named after the first
    outlet of its near-duplicate cluster so that syndicated copies share it. ``side`` is where the assertion comes
    from: the origin actor's country (ISO3), or that outlet's country.
    ``date`` is the publication day of the reporting article; ``claim_date`` the date the claims stage found in
    the sentence, if any (shown, not used for ordering)."""

    ref: str  # "<article id>#<seq>": unique per stored claim
    article_id: str
    date: str
    claim_date: str | None
    published: str | None
    outlet: str | None
    camp: str | None  # the publishing outlet's camp (sources table)
    cluster: str  # near-duplicate cluster: syndicated copies share it
    url: str | None
    origin: str
    side: str
    source: str | None  # outermost asserting actor as extracted (None: the outlet's own voice)
    chain: list[str]
    source_text: str | None
    subject: str | None  # the subject as extracted, before normalisation
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    hedge: str | None
    negated: bool
    start: int  # the claim's span in the article text
    end: int
    text: str
    sentence_start: int | None  # the evidence sentence
    sentence_end: int | None
    sentence_text: str | None

    @property
    def figure(self) -> str:
        shown = figure_text(self.qualifier, self.value, self.low, self.high)
        return f"denied: {shown}" if self.negated else shown

    @property
    def denial(self) -> bool:
        """Asserted as not the case, or a figure of zero ("the number is zero")."""
        return self.negated or (self.high if self.high is not None else self.value) == 0

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return self.date, self.published or "", self.ref

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "figure": self.figure}


@dataclass(slots=True)
class Revision:
    """An originating actor put out a new figure: ``before`` is the first report of its previous figure,
    ``after`` the first report of the new one. ``direction``: raised, lowered or qualified (same middle)."""

    actor: str
    direction: str
    before: SourcedFigure
    after: SourcedFigure
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "direction": self.direction, "before": self.before.to_dict(),
                "after": self.after.to_dict(), "summary": self.summary}


@dataclass(slots=True)
class Conflict:
    """Figures from two sides, about the same time, that cannot both hold: ``disagreement`` (non-overlapping
    ranges) or ``denial`` (one side denies what the other counts)."""

    kind: str
    a: SourcedFigure
    b: SourcedFigure
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": self.a.to_dict(), "b": self.b.to_dict(), "summary": self.summary}


@dataclass(slots=True)
class Milestone:
    """A distinct figure of a set, at its first appearance; ``reports`` and ``origins`` count who repeated it."""

    figure: str
    first: SourcedFigure
    reports: int
    origins: int

    def to_dict(self) -> dict[str, Any]:
        return {"figure": self.figure, "first": self.first.to_dict(), "reports": self.reports,
                "origins": self.origins}


@dataclass(slots=True)
class ClaimSet:
    """Every reported figure about one quantity: one thing counted (``category``, plus ``unit`` for things and
    money) about one subject (normalised: ``prk-mil`` and ``prk`` are one), over the query window for running
    totals (troops deployed, casualties) or on one ``day`` for one-off counts (strikes, aid packages).

    ``id`` is the key itself (``killed_or_wounded/prk``, ``attacks/rus/drone@2024-12-05``), hence stable.
    ``independent_origins`` counts near-duplicate clusters (syndicated copies of a wire story count once);
    ``origins`` lists the distinct originating actors. ``conservative`` is the lower median of the latest lower
    bounds of the origins (see :func:`sitroom.analysis.figures.conservative`); ``spread_low``/``spread_high`` bound
    those latest figures. ``latest_by_camp``/``latest_by_actor`` include denials; ``latest`` does not."""

    id: str
    category: str
    subject: str | None
    unit: str | None
    day: str | None
    subjects: list[str]
    figures: list[SourcedFigure]  # date order
    n_articles: int
    outlets: list[str]
    independent_origins: int
    origins: list[str]
    range_low: float | None
    range_high: float | None
    latest: SourcedFigure | None
    latest_by_camp: dict[str, SourcedFigure]
    latest_by_actor: dict[str, SourcedFigure]
    milestones: list[Milestone]
    revisions: list[Revision]
    conflicts: list[Conflict]
    conservative: float | None
    conservative_basis: str
    spread_low: float | None
    spread_high: float | None
    related: list[str] = field(default_factory=list)  # ids of linked sets (killed_or_wounded <-> killed, wounded)

    @property
    def n_claims(self) -> int:
        return len(self.figures)

    @property
    def n_outlets(self) -> int:
        return len(self.outlets)

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflicts)

    @property
    def summary(self) -> str:
        return (f"reported by {self.n_outlets} outlets in {self.n_articles} articles, {self.independent_origins} "
                f"independent origins, {len(self.origins)} originating sources")

    def to_dict(self, figures: bool = True) -> dict[str, Any]:
        """JSON form; ``figures=False`` leaves out the per-report timeline (for listings)."""
        out: dict[str, Any] = {
            "id": self.id, "category": self.category, "subject": self.subject, "unit": self.unit, "day": self.day,
            "subjects": self.subjects, "n_claims": self.n_claims, "n_articles": self.n_articles,
            "n_outlets": self.n_outlets, "outlets": self.outlets, "independent_origins": self.independent_origins,
            "origins": self.origins, "summary": self.summary, "range_low": self.range_low,
            "range_high": self.range_high, "latest": self.latest.to_dict() if self.latest else None,
            "latest_by_camp": {k: v.to_dict() for k, v in self.latest_by_camp.items()},
            "latest_by_actor": {k: v.to_dict() for k, v in self.latest_by_actor.items()},
            "milestones": [m.to_dict() for m in self.milestones],
            "revisions": [r.to_dict() for r in self.revisions],
            "conflicts": [c.to_dict() for c in self.conflicts], "has_conflict": self.has_conflict,
            "conservative": self.conservative, "conservative_basis": self.conservative_basis,
            "spread_low": self.spread_low, "spread_high": self.spread_high, "related": self.related,
        }
        if figures:
            out["figures"] = [f.to_dict() for f in self.figures]
        return out
# -- end of claim reconciliation --------------------------------------------------------------------------------


# -- relations, involvement, escalation, alerts (sitroom.analysis.relations / escalation / alerts) ----------------
class Evidence(BaseModel):
    """Where a finding comes from: one event or claim in one article, by its character span."""

    article_id: str
    seq: int  # the record's position in its layer (events or claims) of the article
    start: int
    end: int
    text: str  # the event's evidence sentence, or the claim's words
    sentence: str | None = None  # for claims: the evidence sentence
    trigger: str | None = None  # for events: the trigger words
    outlet: str | None = None
    published: str | None = None  # ISO timestamp of the article
    via: str  # "event:MOBILIZE", "claim:personnel_deployed"


class Quadrants(BaseModel):
    """Counts or weights by CAMEO quad class."""

    verbal_coop: float = 0.0
    material_coop: float = 0.0
    verbal_conflict: float = 0.0
    material_conflict: float = 0.0

    @property
    def cooperation(self) -> float:
        return self.verbal_coop + self.material_coop

    @property
    def conflict(self) -> float:
        return self.verbal_conflict + self.material_conflict


class DyadPoint(BaseModel):
    """Independent events from ``source`` to ``target`` in one period: counts and intensity weights by quadrant."""

    period: str  # first day of the period (ISO date)
    events: int = 0  # all events, including those without a quadrant (CONCEAL)
    counts: Quadrants = Field(default_factory=Quadrants)
    weights: Quadrants = Field(default_factory=Quadrants)  # sums of |intensity|


class DyadSeries(BaseModel):
    source: str
    target: str
    first_seen: str
    last_seen: str
    total: DyadPoint  # period = first_seen
    points: list[DyadPoint] = Field(default_factory=list)


class AlignmentPoint(BaseModel):
    period: str
    cooperation: float  # weight of cooperative events, both directions
    conflict: float
    score: float  # (cooperation - conflict) / (cooperation + conflict), in [-1, 1]


class Alignment(BaseModel):
    """How aligned a pair of actors is over time (unordered pair, ``a < b``)."""

    a: str
    b: str
    score: float  # over the whole window
    points: list[AlignmentPoint] = Field(default_factory=list)


class Relations(BaseModel):
    since: str | None = None
    until: str | None = None
    freq: str
    country_level: bool
    actors: dict[str, dict[str, Any]] = Field(default_factory=dict)  # node id -> {name, country, role}
    dyads: list[DyadSeries] = Field(default_factory=list)
    alignment: list[Alignment] = Field(default_factory=list)


InvolvementKind = Literal["troops", "weapons", "money", "diplomatic", "sanctions"]


class Involvement(BaseModel):
    """One kind of involvement of a third country, with when it was first and last reported and the evidence."""

    country: str  # ISO3 (or an organisation's actor id)
    kind: InvolvementKind
    partners: list[str] = Field(default_factory=list)  # countries it is directed at (supported or sanctioned)
    first_seen: str  # ISO day
    last_seen: str
    reports: int  # independent reports (events and claims, syndicated copies counted once)
    figure: float | None = None  # largest figure claimed (troops, money, equipment)
    unit: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)  # earliest first


class IndicatorPoint(BaseModel):
    """Escalation indicators of one group (event type, region, actor, or "all") in one period."""

    period: str
    group: str
    events: int = 0
    conflict: int = 0  # events in the conflict quadrants
    conflict_share: float = 0.0
    intensity_sum: float = 0.0
    intensity_mean: float | None = None
    casualties: float | None = None  # sum of independent killed/wounded claims (None where not attributable)
    casualty_reports: int | None = None


ChangeKind = Literal["spike", "drop", "shift_up", "shift_down"]


class Change(BaseModel):
    """A flagged change in an indicator series, with the events or claims behind it."""

    group: str
    metric: str  # events, conflict, casualties, intensity_sum
    kind: ChangeKind
    period: str  # the period flagged (spike) or the first period of the new level (shift)
    value: float  # the value (spike) or the new level's median (shift)
    baseline: float  # the rolling median (spike) or the previous level's median (shift)
    score: float  # robust z (spike) or the median-shift statistic (shift)
    method: str
    evidence: list[Evidence] = Field(default_factory=list)


class Alert(BaseModel):
    """One alert a rule fired, identified by (rule, key) so it fires once."""

    rule: str
    kind: str
    key: str
    title: str
    seen: str  # ISO day of the data that triggered it
    value: float | None = None
    actors: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    fired_at: str | None = None
# -- end of relations, involvement, escalation, alerts ----------------------------------------------------------
