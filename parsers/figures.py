"""Every figure of a report: the number, what it measures, and how sure it is.

The extractor reads the document one paragraph at a time (front matter, then
every heading and paragraph of the tree; dropped site chrome never), finds
the quantities with ``parsers.numbers``, and reads each one in its sentence
and clause:

- the indicator from the words before the number, or from the object after
  a count (建成开放40.2公里西山绿道); a figure with no words of its own
  inherits the indicator of the figure before it in the sentence
  (地区生产总值突破1200亿元、同比增长5.5%左右);
- bound, change and qualifiers from the words touching the number;
- status from the sentence (预计 scopes over its clause and the run of
  figure-bearing clauses that follows; 预期目标, 力争, 拟… make targets), from
  the lead of a colon list (…预期目标是：A；B；C。), and from the chapter: the
  figures of a plan chapter (2024年政府工作任务) are targets.

Every figure points into ``Document.text`` by offset, so
``doc.text[f.start:f.end] == f.surface`` always holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter

from parsers.figure_lexicon import FigureLexicon, lexicon
from parsers.figure_time import periods_in, plan_state
from parsers.gcpause import paused_gc
from parsers.indicators import (
    WINDOW,
    Reading,
    after_clauses,
    anywhere_qualifiers,
    clean_indicator,
    examples_list,
    measured_thing,
    rank_name,
    ratio_name,
    read_before,
    read_object,
    split_list,
    verb_head,
    verb_object,
    verb_tail,
    without_reading,
    without_work,
)
from parsers.model import Document, Figure, Node, Status
from parsers.numbers import Quantity, scan_quantities

_SENTENCE_END = re.compile(r"[。；！？;!?\n]")
_HARD_END = frozenset("。！？!?\n")
_CLAUSE_CUT = re.compile(r"[，,：:]")
_CJK = re.compile(r"[\u4e00-\u9fff“]")
_COLONS = ("：", ":")
_TRIM = " \t\u3000、，,；;：:。"
_OBJECT_KINDS = frozenset({"count", "measure", "level", "scale", "streak"})
_RELATIVE_KINDS = frozenset({"percent", "permille", "times", "tenths"})
_FRACTION_KINDS = frozenset({"fraction", "tenths"})
_UNIT_KINDS = {
    "level": "level",
    "count": "count",
    "scale": "count",
    "measure": "measure",
    "streak": "streak",
    "rank": "rank",
    "ratio": "ratio",
    "fraction": "share",
    "tenths": "share",
}
_SHARE_WORDS = ("比重", "占比", "份额", "比例")


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a paragraph sits: its section path and whether its chapter is a plan."""

    path: tuple[str, ...]
    plan: bool


@dataclass(frozen=True, slots=True)
class _Lead:
    """The lead of a colon list of targets, governing each item up to the sentence end."""

    period: str | None


@dataclass(slots=True)
class _Slot:
    """One quantity read in its clause, before figures are built from the slots."""

    q: Quantity
    clause: int
    seg_start: int
    window: str
    reading: Reading
    post: str | None
    obj: str
    tails: Sequence[str]
    joined: bool = False
    aim: str | None = None
    """The target the words after the number call it (5.5%左右的预期增长目标)."""


def extract_figures(doc: Document) -> list[Figure]:
    """Every figure of ``doc`` in text order."""
    figures: list[Figure] = []
    with paused_gc():
        for start, end, where in _text_spans(doc):
            if end > start:
                figures.extend(_Paragraph(doc.text, start, end, where, doc.meta.year).figures())
        figures.sort(key=attrgetter("start", "end"))
    return _named_aims(figures)


def _named_aims(figures: list[Figure]) -> list[Figure]:
    """Figures named only as a target (5.5%左右的预期增长目标) take what it was set for.

    A report sets its targets (经济增长5.5%左右), then comes back to one by its
    number alone; the target set earlier with the same value, unit and kind
    (a growth, not the 5.5% jobless rate) is what the figure measures. One
    pass, one dictionary: no text is read.
    """
    aims = lexicon().target_nouns
    set_for: dict[tuple[object, str, str], str] = {}
    for i, figure in enumerate(figures):
        if figure.status != "target":
            continue
        key = (figure.value, figure.unit, figure.kind)
        if not figure.indicator.endswith(aims):
            set_for[key] = figure.indicator
        elif key in set_for:
            figures[i] = replace(figure, indicator=set_for[key])
    return figures


def _text_spans(doc: Document) -> Iterator[tuple[int, int, _Where]]:
    """Front matter, then every heading and paragraph of the tree, with their places."""
    year = doc.meta.year
    front = _Where((), plan=False)
    for span in doc.front:
        yield span.start, span.end, front
    plan: bool | None = False
    for node in doc.children:
        plan = plan_state(node.title, bool(plan), year)
        yield from _node_spans(doc.text, node, (), plan, year)
    for node in doc.appendices:
        yield from _node_spans(doc.text, node, (), plan_state(node.title, False, year), year)


def _node_spans(
    text: str, node: Node, path: tuple[str, ...], plan: bool | None, year: int | None
) -> Iterator[tuple[int, int, _Where]]:
    """A node's heading and paragraphs, then its children's, with their places.

    In a chapter that reviews and plans at once (``plan`` None), the plan
    starts with the first paragraph that names a time after the report
    (到2035年, “十五五”时期 in a 2026 report).
    """
    path = (*path, node.title)
    plan = plan_state(node.title, plan, year) if plan is not None else None
    where = _Where(path, bool(plan))
    yield node.heading_span.start, node.heading_span.end, where
    for span in node.paragraphs:
        if plan is None and any(
            p.future for p in periods_in(text, span.start, span.end, year, plan=False)
        ):
            plan = True
            where = _Where(path, True)
        yield span.start, span.end, where
    for child in node.children:
        yield from _node_spans(text, child, path, plan, year)


class _Paragraph:
    """One paragraph: its quantities, sentences and the colon-list lead running through them."""

    def __init__(self, text: str, start: int, end: int, where: _Where, year: int | None):
        self.text = text[start:end]
        self.offset = start
        self.where = where
        self.year = year
        self.masks: list[tuple[int, int]] = []
        self.mask_ends: list[int] = []

    def figures(self) -> list[Figure]:
        quantities = self._quantities()
        if not quantities:
            return []
        out: list[Figure] = []
        lead: _Lead | None = None
        index, count = 0, len(quantities)
        for s0, s1 in self._sentences():
            first = index
            while index < count and quantities[index].start < s1:
                index += 1
            if index > first:
                sentence = _Sentence(self, s0, s1, quantities[first:index], lead)
                out.extend(sentence.figures())
            if index == count:
                break  # no figure left for a lead to govern
            lead = self._next_lead(s0, s1, lead)
        return out

    def _quantities(self) -> list[Quantity]:
        """The paragraph's quantities outside names and dates; masks only where numbers are."""
        found = list(scan_quantities(self.text))
        if not found:
            return found
        self.masks = [m.span() for m in lexicon().nonfigures.finditer(self.text)]
        if not self.masks:
            return found
        self.mask_ends = [end for _, end in self.masks]
        return [q for q in found if not self.masked(q.start, q.end)]

    def masked(self, start: int, end: int) -> bool:
        """Whether ``start:end`` overlaps a name, label or date (“两个确保”, 2024年)."""
        i = bisect_right(self.mask_ends, start)
        return i < len(self.masks) and self.masks[i][0] < end

    def _sentences(self) -> Iterator[tuple[int, int]]:
        begin = 0
        for match in _SENTENCE_END.finditer(self.text):
            yield begin, match.end()
            begin = match.end()
        if begin < len(self.text):
            yield begin, len(self.text)

    def _next_lead(self, s0: int, s1: int, lead: _Lead | None) -> _Lead | None:
        text = self.text
        colon = max(text.rfind("：", s0, s1), text.rfind(":", s0, s1))
        if colon >= 0 and lexicon().target_cues.search(text, s0, colon):
            periods = periods_in(text, s0, colon, self.year, self.where.plan)
            lead = _Lead(periods[-1].period if periods else None)
        if s1 > s0 and text[s1 - 1] in _HARD_END:
            return None
        return lead


class _Sentence:
    """One sentence with quantities: clauses, status cues, and the figures they yield."""

    def __init__(
        self,
        para: _Paragraph,
        s0: int,
        s1: int,
        quantities: Sequence[Quantity],
        lead: _Lead | None,
    ):
        self.para = para
        self.text = para.text
        self.s0, self.s1 = s0, s1
        self.lead = lead
        self.cuts = self._clause_cuts(quantities)
        self.quantities, self.clauses = self._drop_embedded(quantities)
        self.clauses_with_figures = set(self.clauses)
        lex = lexicon()
        self.targets = [
            (m.start(), m.end(), m.group())
            for m in lex.target_cues.finditer(self.text, s0, s1)
            if not para.masked(m.start(), m.end())
        ]
        self.estimates = self._estimate_scopes()
        self.periods = periods_in(self.text, s0, s1, para.year, para.where.plan)
        # Where the first time after the report is named (periods come in text
        # order): figures past it are targets.
        self.future_from = s1
        for period in self.periods:
            if period.future:
                self.future_from = period.start
                break
        self.said: tuple[str, int] | None = None
        """The stripped sentence and where it starts, made once for all its figures."""

    # clauses -----------------------------------------------------------------

    def _clause_cuts(self, quantities: Sequence[Quantity]) -> list[int]:
        starts = [q.start for q in quantities]
        cuts = []
        for match in _CLAUSE_CUT.finditer(self.text, self.s0, self.s1):
            i = bisect_right(starts, match.start()) - 1
            if i >= 0 and quantities[i].end > match.start():
                continue  # the comma of 1,200 or the colon of 3:1
            cuts.append(match.start())
        return cuts

    def clause_of(self, pos: int) -> int:
        return bisect_left(self.cuts, pos + 1) if self.cuts else 0

    def clause_span(self, index: int) -> tuple[int, int]:
        """Start and end of a clause, its delimiter (，；。) excluded."""
        start = self.cuts[index - 1] + 1 if index > 0 else self.s0
        if index < len(self.cuts):
            return start, self.cuts[index]
        end = self.s1
        if end > start and _SENTENCE_END.match(self.text, end - 1):
            end -= 1
        return start, end

    def _drop_embedded(self, quantities: Sequence[Quantity]) -> tuple[list[Quantity], list[int]]:
        """Drop numbers that belong to the next figure's indicator (500米服务半径覆盖率100%).

        Returns the figures kept and the clause each stands in.
        """
        lex = lexicon()
        text = self.text
        clauses = [self.clause_of(q.start) for q in quantities]
        kept: list[Quantity] = []
        kept_clauses: list[int] = []
        last = len(quantities) - 1
        for i, q in enumerate(quantities):
            bound = lex.bound_after_at.match(text, q.end)
            after = bound.end() if bound else q.end
            if (
                q.unit in lex.modifier_units
                and _CJK.match(text, after)
                and not lex.opens_reading.match(text, after)
            ):
                continue  # 65岁及以上老年人: an age threshold, not an amount
            if i < last and q.kind in _OBJECT_KINDS and clauses[i] == clauses[i + 1]:
                between = text[after : quantities[i + 1].start]
                if (
                    between
                    and not lex.list_joiners.search(between)
                    and read_before(between).core.endswith(lex.metric_endings)
                ):
                    continue
            kept.append(q)
            kept_clauses.append(clauses[i])
        return kept, kept_clauses

    # status ------------------------------------------------------------------

    def _estimate_scopes(self) -> list[tuple[int, int, str]]:
        """(cue start, scope end, cue) for each 预计: its clause and the figure clauses after it."""
        scopes = []
        for match in lexicon().estimate_cues.finditer(self.text, self.s0, self.s1):
            if self.para.masked(match.start(), match.end()):
                continue
            clause = self.clause_of(match.start())
            _, clause_end = self.clause_span(clause)
            if not any(match.end() <= q.start < clause_end for q in self.quantities):
                continue
            while clause + 1 in self.clauses_with_figures:
                clause += 1
            scopes.append((match.start(), self.clause_span(clause)[1], match.group()))
        return scopes

    def _status(self, slot: _Slot, seg_start: int) -> tuple[Status, list[str]]:
        """Status of a figure and the status cues that count as its qualifiers."""
        q = slot.q
        for start, end, cue in self.estimates:
            if start < q.start < end:
                return "estimate", [cue]
        if slot.aim:
            return "target", [slot.aim]
        before = False
        own: list[str] = []
        for start, end, cue in self.targets:
            if end <= q.start:
                before = True
                if start >= seg_start or self._leads(start):
                    own.append(cue)
        if before or self.future_from < q.start or self.lead is not None or self.para.where.plan:
            return "target", own
        return "actual", own

    def _leads(self, cue_start: int) -> bool:
        """Whether a cue stands in a clause that ends with a colon, leading a list."""
        _, end = self.clause_span(self.clause_of(cue_start))
        return end < self.s1 and self.text[end] in _COLONS

    def _period(self, pos: int) -> str | None:
        """The nearest time named before ``pos`` in the sentence, else the colon lead's."""
        for named in reversed(self.periods):
            if named.start < pos:
                return named.period
        return self.lead.period if self.lead else None

    # figures -----------------------------------------------------------------

    def figures(self) -> list[Figure]:
        groups = self._groups(self._slots())
        out: list[Figure] = []
        earlier: list[str] = []
        for group in groups:
            head, last = group[0], group[-1]
            shared = (*anywhere_qualifiers(head.window), *head.reading.qualifiers)
            indicators = self._indicators(group, earlier)
            for slot, indicator in zip(group, indicators, strict=True):
                out.append(self._figure(slot, head, last, indicator, shared))
            earlier += indicators
        return out

    def _slots(self) -> list[_Slot]:
        lex = lexicon()
        text = self.text
        slots: list[_Slot] = []
        consumed = self.s0
        previous_clause = -1
        quantities, clauses = self.quantities, self.clauses
        last = len(quantities) - 1
        for i, q in enumerate(quantities):
            clause = clauses[i]
            clause_start, clause_end = self.clause_span(clause)
            seg_start = clause_start if clause != previous_clause else consumed
            # Only the last WINDOW characters before a number are ever read.
            window = text[max(seg_start, q.start - WINDOW) : q.start]
            reading = read_before(window, fraction=q.kind in _FRACTION_KINDS)
            post = lex.bound_after_at.match(text, q.end)
            after_start = post.end() if post else q.end
            same_clause = i < last and clauses[i + 1] == clause
            limit = quantities[i + 1].start if same_clause else clause_end
            obj = ""
            aim: str | None = None
            tails: Sequence[str] = ()
            consumed = after_start
            region = text[after_start:limit]
            if same_clause:
                region = without_reading(region)
            if self._takes_object(q, region, limit == clause_end):
                subject = (
                    limit == clause_end
                    and q.kind in _OBJECT_KINDS
                    and not region.startswith("的")
                    and not text[clause_start : q.start].strip(_TRIM)
                )
                obj, tails = read_object(region, predicate=q.kind == "streak", subject=subject)
                if region.startswith("的") and obj.endswith(lex.target_nouns):
                    aim = obj
                if obj and self._judged(q, obj, reading):
                    obj, tails = "", []
                if obj:
                    consumed += len(region.split("、", 1)[0])
            joined = (
                bool(slots)
                and previous_clause == clause
                and not slots[-1].obj
                and not text[seg_start : q.start].strip(" 、和及与以")
            )
            slots.append(
                _Slot(
                    q=q,
                    clause=clause,
                    seg_start=seg_start,
                    window=window,
                    reading=reading,
                    post=post.group() if post else None,
                    obj=obj,
                    tails=tails,
                    joined=joined,
                    aim=aim,
                )
            )
            previous_clause = clause
        return slots

    @staticmethod
    def _judged(q: Quantity, obj: str, reading: Reading) -> bool:
        """Whether a share's object only judges it (控制在3.5%的较低水平).

        The indicator then stays the one before the number; with none there
        (5.5%左右的预期增长目标) the object is all the text says it measures.
        """
        return (
            q.kind in _RELATIVE_KINDS
            and obj.endswith(lexicon().evaluative_nouns)
            and bool(clean_indicator(reading.core))
        )

    @staticmethod
    def _takes_object(q: Quantity, region: str, clause_ends: bool) -> bool:
        """Whether the words after a number can say what it counts.

        Counts, measures and amounts take an object (9个国债项目); a share only
        through 的 (71%的煤电机组); a streak only when it closes its clause.
        """
        if not region:
            return False
        if q.kind == "streak":
            return clause_ends
        return q.kind in _OBJECT_KINDS or region.startswith("的")

    @staticmethod
    def _groups(slots: list[_Slot]) -> list[list[_Slot]]:
        """Figures listed with only 、/和 between them share words (72.9%、66%)."""
        groups: list[list[_Slot]] = []
        for slot in slots:
            if slot.joined and groups:
                groups[-1].append(slot)
            else:
                groups.append([slot])
        return groups

    def _indicators(self, group: list[_Slot], earlier: list[str]) -> list[str]:
        names = self._names(group, earlier)
        if group[0].q.kind == "rank":
            subject = earlier[-1] if earlier else ""
            names = [rank_name(name, subject) for name in names]
        elif group[0].q.kind == "ratio" and earlier:
            names = [ratio_name(name, earlier[-1]) for name in names]
        if len(group) == 1 and not group[0].obj:
            carried = self._carried(group[0], names[0], earlier)
            if carried:
                names = [carried]
        whole = group[0].reading.whole
        return [f"{name}占{whole}比重" for name in names] if whole else names

    def _names(self, group: list[_Slot], earlier: list[str]) -> list[str]:
        """Indicators for a group, from its words, its object, or the figures before it."""
        head, last = group[0], group[-1]
        core = clean_indicator(head.reading.core)
        previous = earlier[-1] if earlier else None
        if last.obj:
            if examples_list(head.reading.core):
                base = verb_head(core)
            else:
                base = verb_tail(head.reading.core) or verb_tail(head.window) or core
            if not base and previous and head.q.kind == "streak":
                # 细颗粒物年均浓度31.1微克/立方米，连续4年稳定达标: the streak
                # says what the thing measured before did, not its measure
                base = measured_thing(previous)
            return [base + last.obj] * len(group)
        if head.reading.distribute is None:
            core = after_clauses(core)
        if len(group) > 1 and (head.reading.distribute == "分别" or not core):
            # 普惠托位率、公办幼儿园覆盖率分别达72.9%、66%; or, with no words of
            # their own, the figures just listed: 第一产业…、第二产业…，分别增长4.0%、9.2%
            parts = (
                split_list(core, len(group))
                if core
                else list(dict.fromkeys(earlier))[-len(group) :]
            )
            if len(parts) == len(group):
                return parts
        if core.startswith("占") and previous:
            share = core if core.endswith(_SHARE_WORDS) else f"{core}比重"
            return [verb_object(previous) + share] * len(group)
        if core:
            return [core] * len(group)
        if previous is None:
            return [self._topic(head)] * len(group)
        if head.reading.change is None:
            for prefix in lexicon().flow_prefixes:
                if previous.startswith(prefix) and len(previous) > len(prefix):
                    previous = previous[len(prefix) :]
                    break
        return [previous] * len(group)

    def _carried(self, head: _Slot, name: str, earlier: list[str]) -> str | None:
        """What a bare verb counts when an earlier clause of the sentence names it.

        A figure read as a verb alone (今年先发行1万亿元, 今年开工580万套) has its
        object or subject stated before it: the same verb with its object
        (拟发行超长期特别国债，…今年先发行… → 超长期特别国债), or the topic of
        the clause before (保障性住房建设加快推进，今年开工… → 保障性住房), or
        the topic of a plan it starts (启动新的三年棚改攻坚计划 → 棚改). A
        beneficiary verb (惠及1.7万余人) counts the people reached by what the
        figure or clause before it provides: 促就业资金惠及人数.
        """
        lex = lexicon()
        if name and name[-1] not in lex.object_verb_ends:
            return None  # most names end on a noun: one set lookup decides
        if head.reading.change is not None:
            return None  # 投资增长5%: a noun the change is of, not a verb
        verb = verb_tail(name or (head.reading.qualifiers or [""])[-1])
        if not verb or len(name) > len(verb) + 1:
            return None
        text = self.text
        found = text.rfind(verb, self.s0, head.seg_start)
        if found >= 0 and verb not in lex.beneficiary_verbs:
            after = found + len(verb)
            clause_end = self.clause_span(self.clause_of(after))[1]
            obj, _ = read_object(text[after:clause_end], after_number=False)
            if obj:
                return obj
        clause = ""
        if head.clause > 0:
            start, end = self.clause_span(head.clause - 1)
            clause = text[start:end].strip(_TRIM)
        if verb in lex.beneficiary_verbs:
            noun = ""
            if earlier:
                noun = earlier[-1][len(verb_head(earlier[-1])) :]
            elif lead := verb_head(clause):
                noun, _ = read_object(clause[len(lead) :], after_number=False)
            unit = head.q.base_unit or head.q.unit
            return f"{noun}{verb}{lex.count_nouns.get(unit, '')}" if noun else None
        topic = lex.topic_before.match(clause) or lex.plan_topic.search(clause)
        return without_work(topic.group(1)) if topic else None

    def _topic(self, head: _Slot) -> str:
        """The opening clause of the sentence, when it only names what the next one counts.

        城镇居民家庭人均可支配收入，由１９９７年的５１６０元增加到…: the first
        clause is the topic of the figures in the second.
        """
        if head.clause != 1:
            return ""
        start, end = self.clause_span(0)
        return clean_indicator(self.text[start:end][-WINDOW:])

    def _figure(
        self, slot: _Slot, head: _Slot, last: _Slot, indicator: str, shared: tuple[str, ...]
    ) -> Figure:
        """One figure; ``shared`` holds the qualifiers read before the group's first number."""
        q, reading = slot.q, head.reading
        status, status_cues = self._status(slot, head.seg_start)
        qualifiers = [*status_cues, *shared]
        if slot.post:
            qualifiers.append(slot.post)
        if q.approx:
            qualifiers.append(q.approx)
        qualifiers += last.tails
        lex = lexicon()
        bound = (
            (lex.bound_after[slot.post] if slot.post else None)
            or (lex.bound_inside[q.approx] if q.approx else None)
            or reading.bound
            or "="
        )
        kind, change_kind, direction = _classify(q, indicator, reading, lex)
        if kind == "growth":
            indicator = lex.growth_names.get(indicator, indicator)
        period = self._period(q.start)
        if self.said is None:
            raw = self.text[self.s0 : self.s1]
            self.said = (raw.strip(), self.s0 + len(raw) - len(raw.lstrip()))
        sentence, sentence_at = self.said
        offset = self.para.offset
        return Figure(
            start=offset + q.start,
            end=offset + q.end,
            surface=self.text[q.start : q.end],
            sentence=sentence,
            section_path=self.para.where.path,
            value=q.value,
            unit=q.unit,
            kind=kind,
            indicator=indicator,
            bound=bound,
            status=status,
            value_hi=q.value_hi,
            base_value=q.base_value,
            base_unit=q.base_unit,
            change=reading.change_text,
            change_kind=change_kind,
            direction=direction,
            qualifiers=tuple(dict.fromkeys(qualifiers)),
            period=period,
            ratio_to=q.ratio_to,
            sentence_start=offset + sentence_at,
        )


def _classify(
    q: Quantity, indicator: str, reading: Reading, lex: FigureLexicon
) -> tuple[str, str | None, str | None]:
    """Kind, change kind and direction of a figure."""
    change = reading.change
    relative = q.kind in _RELATIVE_KINDS
    change_kind: str | None
    direction: str | None
    if change is not None:
        if change.to:
            change_kind = "to"
        elif relative:
            change_kind = "yoy_rel" if reading.yoy else "rel"
        else:
            change_kind = "yoy_abs"
        direction = change.direction
    elif q.kind == "percent" and indicator.endswith(lex.growth_suffixes):
        change_kind, direction = "rel", "up"
    else:
        change_kind = direction = None
    if q.kind in ("percent", "permille", "point", "times"):
        if change_kind in ("rel", "yoy_rel") and q.kind != "point":
            kind = "growth"
        elif q.kind == "times":
            kind = "ratio"
        elif any(cue in indicator for cue in lex.share_cues):
            kind = "share"
        else:
            kind = "rate"
    else:
        kind = _UNIT_KINDS.get(q.kind, "count")
    return kind, change_kind, direction
