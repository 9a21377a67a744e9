"""What every section builder receives: the scope, the citer, and the analyses computed once per briefing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sitroom.analysis.claims import reconcile
from sitroom.analysis.escalation import changes
from sitroom.analysis.relations import involvement, relations
from sitroom.model.analysis import Change, ClaimSet, Evidence, Involvement, Relations
from sitroom.report.cite import Citer
from sitroom.report.model import Citation
from sitroom.report.scope import Scope
from sitroom.store import Store

#: Change detection runs on days for windows up to this many days, else on weeks.
DAILY_UP_TO = 45


@dataclass
class Context:
    scope: Scope
    citer: Citer
    limit: int = 6  # items per list (developments, responses...)

    @property
    def store(self) -> Store:
        return self.scope.store

    @property
    def freq(self) -> str:
        s, u = self.scope.since, self.scope.until
        return "day" if s and u and (u - s).days <= DAILY_UP_TO else "week"

    @cached_property
    def claimsets(self) -> list[ClaimSet]:
        """Claim sets of the window with at least one figure in scope."""
        sets = reconcile(self.store, self.scope.since, self.scope.until)
        return [s for s in sets if self.scope.holds(f.article_id for f in s.figures)]

    @cached_property
    def involvement(self) -> list[Involvement]:
        found = involvement(self.store, since=self.scope.since, until=self.scope.until)
        return [i for i in found if self.scope.holds(e.article_id for e in i.evidence)]

    @cached_property
    def relations(self) -> Relations:
        return relations(self.store, since=self.scope.since, until=self.scope.until, freq=self.freq,
                         country_level=True)

    @cached_property
    def changes(self) -> list[Change]:
        found = changes(self.store, since=self.scope.since, until=self.scope.until, freq=self.freq,
                        metrics=("events", "conflict", "casualties"))
        return [c for c in found if self.scope.holds(e.article_id for e in c.evidence)]

    def cite_evidence(self, evidence: list[Evidence], limit: int = 4) -> list[Citation]:
        """Citations of analysis evidence: the claim's sentence when known, else the record's own span."""
        return self.citer.cite_all(((e.article_id, e.start, e.end, e.text, e.sentence) for e in evidence), limit)
