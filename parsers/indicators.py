"""What a figure measures: reading the words around a number.

A report states a figure as ``indicator + qualifiers + number`` (一般公共预算收入
完成88.3亿元, 国内生产总值增长5%左右) or as ``verb + number + object``
(建成开放40.2公里西山绿道). The words right before the number are read
backwards, nearest first — bounds (超, 近), a change verb (同比增长, 增至),
then neutral qualifiers (累计, 预期目标) — and what is left is the indicator.
A change verb counts only when it touches the number (bounds aside), which
is how 经济增长预期目标为5%左右 keeps 经济增长 as its indicator.

Only a short window before the number is read, so the cost per figure is
bounded however long the clause is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.figure_lexicon import ChangeVerb, FigureLexicon, lexicon

WINDOW = 60
"""How many characters before a number can belong to its indicator."""

_CJK_NAME = re.compile(r"[\u4e00-\u9fff]+")
_COMMAS = re.compile("[、，,]")
_OPENERS = "“‘「《（("
_CLOSERS = ("”", "’", "」", "》")
_TRIM = " \t\u3000、，,；;：:。"


@dataclass(slots=True)
class Reading:
    """The words before one number, taken apart."""

    core: str
    qualifiers: list[str] = field(default_factory=list)
    bound: str | None = None
    change: ChangeVerb | None = None
    change_text: str | None = None
    yoy: bool = False
    distribute: str | None = None
    whole: str | None = None


def _peel_word(text: str, lex: FigureLexicon) -> str | None:
    """The longest word closing ``text`` that reading backwards peels off."""
    if text[-1] not in lex.peel_ends:
        return None  # most readings end on a word no list holds: one set lookup decides
    for size in range(min(lex.peel_longest, len(text)), 0, -1):
        if text[-size:] in lex.peel:
            return text[-size:]
    return None


def read_before(words: str, fraction: bool = False) -> Reading:
    """Peel bounds, a change verb and qualifiers off the end of ``words``.

    For a fraction, the whole it is taken of is peeled too, wherever it
    stands among the bounds (超过全球一半, 占总数近三分之一).
    """
    found: list[str] = []
    reading = Reading("", found)
    rest = _peel(words[-WINDOW:], reading, found)
    if fraction and "占" not in rest:
        whole = next((w for w in lexicon().wholes if rest.endswith(w)), None)
        if whole is not None:
            reading.whole = whole
            rest = _peel(rest[: -len(whole)], reading, found)
    reading.core = rest
    found.reverse()  # peeled nearest first; the qualifiers read in text order
    return reading


def _peel(rest: str, reading: Reading, found: list[str]) -> str:
    lex = lexicon()
    touching = reading.change is None  # only bounds so far: a change verb may still follow
    while rest:
        word = _peel_word(rest, lex)
        if word is None:
            time = lex.time_before.search(rest)
            if time is None:
                break
            rest = rest[: time.start()]  # 增加到２００２年的…: a time, not the indicator
            continue
        role = lex.peel[word]
        if role == "keep" or (role == "change" and not touching):
            break
        rest = rest[: -len(word)]
        if role == "bound":
            found.append(word)
            if reading.bound is None and lex.bound_before[word] != "=":
                reading.bound = lex.bound_before[word]
            continue
        touching = False
        if role == "change":
            written = word
            base = lex.change_base.search(rest)
            if base is not None:
                written = base.group(0) + word
                rest = rest[: base.start()]
                reading.yoy = True
                # 比2020年分别下降: the list word sits between base and verb; it
                # spreads the figures over a list, it is no part of the change
                reading.distribute = next((w for w in lex.distribute if w in written), None)
                if reading.distribute is not None:
                    written = written.replace(reading.distribute, "", 1)
                    found.append(reading.distribute)
            reading.change, reading.change_text = lex.changes[word], written
            found.append(written)
        elif role == "chain":
            found.append(word)
            if word in lex.distribute:
                reading.distribute = word
    return rest


def without_reading(words: str) -> str:
    """``words`` less the bound, change and qualifier words closing them.

    Between two numbers those words read the second (…社会投资超千亿元), so
    an object read after the first must leave them to it.
    """
    tail = words[-WINDOW:]
    return words[: len(words) - len(tail) + len(read_before(tail).core)]


def anywhere_qualifiers(words: str) -> list[str]:
    """Qualifiers that count wherever they stand before the number (年均, 累计)."""
    window = words[-WINDOW:]
    return [w for w in lexicon().anywhere if w in window]


def clean_indicator(core: str) -> str:
    """Drop scope words, periods and connectors that say nothing about what is measured."""
    lex = lexicon()
    text = core.strip(_TRIM)
    while (tail := lex.trailing.search(text)) is not None and tail.start() < len(text):
        text = text[: tail.start()].rstrip(_TRIM)
    while (head := lex.leading.match(text)) is not None and head.end():
        text = text[head.end() :].lstrip(_TRIM)
    return _balance(lex.periods.sub("", text).strip(_TRIM))


def _balance(text: str) -> str:
    """Drop a quote or bracket left open at either end by the clause cut."""
    if text and text[-1] in _OPENERS:
        text = text[:-1]
    if text and text[0] in "”’」》）)":
        text = text[1:]
    return text


def verb_tail(core: str) -> str:
    """The verbs closing ``core`` (建成开放 of …建成开放), or "" when none does."""
    text = core.rstrip(_TRIM)
    return text[len(text) - _verb_run(text[::-1], reverse=True) :]


def verb_object(name: str) -> str:
    """The object of a name read as subject, verb and object, else the name.

    科幻产业集聚区集聚科幻企业和机构 names the place and what it gathers; a
    share of a whole (占全市科幻企业总数) is a share of the things
    gathered, 科幻企业和机构. A verb opening the name has no subject before
    it and stays (新增装机 counts the flow).
    """
    verbs = lexicon().object_verbs
    for cut in range(len(name) - 3, 0, -1):
        for size in (4, 3, 2):
            if len(name) - cut - size >= 2 and name[cut : cut + size] in verbs:
                return name[cut + size :]
    return name


def verb_head(core: str) -> str:
    """The verbs opening ``core`` (实施 of 实施杜家坎等), or "" when none does."""
    text = core.lstrip(_TRIM)
    return text[: _verb_run(text, reverse=False)]


def _verb_run(text: str, reverse: bool) -> int:
    """Length of the run of object verbs at the start of ``text`` (read reversed if asked)."""
    verbs = lexicon().object_verbs
    cut = 0
    while cut < len(text):
        for size in (4, 3, 2):
            word = text[cut : cut + size]
            if len(word) == size and (word[::-1] if reverse else word) in verbs:
                cut += size
                break
        else:
            break
    return cut


def examples_list(core: str) -> bool:
    """Whether ``core`` ends with examples of what a count counts (杜家坎等30项 → 杜家坎等).

    The examples name some members, not the measure, so the object after
    the number is what is counted.
    """
    return core.rstrip(_TRIM).endswith(lexicon().example_markers)


def read_object(
    after: str, predicate: bool = False, subject: bool = False, after_number: bool = True
) -> tuple[str, list[str]]:
    """The object written after a count (…个国债项目) and the qualifiers closing it.

    A linking 的 is skipped (完成800户的改造任务). With ``predicate`` (a streak:
    连续4年获评…) the whole clause that follows is what the streak is of. A
    count in ``subject`` place, with no words of its own before it, keeps the
    verbs that follow its noun (11家企业入选…链主企业): they say which things
    were counted, where a verb before the number would have. Words that
    follow a verb, not a number (发行超长期特别国债), open with no bound or
    change of a figure, so 超 there is the noun's own.
    """
    lex = lexicon()
    text = after.split("、", 1)[0][:WINDOW]
    linked = text.startswith("的")
    text = text[linked:]
    if not text or not ("\u4e00" <= text[0] <= "\u9fff" or text[0] in "“‘「"):
        return "", []
    if predicate:
        return _balance(text), []
    if after_number and not linked and lex.opens_reading.match(text):
        return "", []  # 从11.37万亿元提高到14.58万亿元: a change, not an object
    tails = [w for w in lex.object_tail if w in text]
    for word in tails:
        text = text.split(word, 1)[0]
    stop = lex.object_stops.search(text)
    if subject:
        if stop is not None and stop.start() == 0:
            return "", []  # 4.3亿人次受益: a bare predicate names nothing counted
        return _threshold_free(_balance(text.split("的", 1)[0].rstrip(_TRIM))), tails
    if stop is not None:
        text = text[: stop.start()]
    while text and lex.list_joiners.fullmatch(text[-1]):
        text = text[:-1]
    for joiner in ("以及", "和", "及", "与"):
        text = text.removesuffix(joiner)
    return _threshold_free(_balance(without_work(text))), tails


def measured_thing(name: str) -> str:
    """What ``name`` takes a measure of (细颗粒物年均浓度… → 细颗粒物), "" with no measure."""
    cuts = [name.find(noun) for noun in lexicon().measure_nouns]
    cut = min((c for c in cuts if c >= 2), default=-1)
    return name[:cut] if cut > 0 else ""


def without_work(noun: str) -> str:
    """``noun`` less a nominal verb closing it (保障性住房建设 → 保障性住房).

    The work on the things is not the things counted.
    """
    for suffix in lexicon().object_suffixes:
        if len(noun) > len(suffix):
            noun = noun.removesuffix(suffix)
    return noun


def _threshold_free(obj: str) -> str:
    """``obj``, or "" when it names the threshold an amount crossed (两个台阶, 大关)."""
    return "" if obj.endswith(lexicon().threshold_nouns) else obj


def after_clauses(core: str) -> str:
    """``core`` less the clauses a 、 joins before it.

    中央对地方一般性转移支付规模大幅增加、专项转移支付项目减少三分之二: a
    member with a subject and a change verb of its own is a clause, not a
    measure listed with the indicator. A verb opening the list (改造老旧供热、
    燃气、排水管网) governs every member, so it cuts nothing.
    """
    if "、" not in core:
        return core
    changes = lexicon().changes
    *before, last = core.split("、")
    for part in reversed(before):
        if any(len(w) > 1 and part.find(w, 2) >= 0 for w in changes):
            return clean_indicator(core[len(core) - len(last) :]) or core
        last = f"{part}、{last}"
    return core


def split_list(core: str, count: int) -> list[str]:
    """The ``count`` members of a listed indicator (普惠托位率、公办幼儿园覆盖率).

    The commas are tried first, since a joining word can sit inside a word
    (普及率 holds 及). A name holding a pair of members (城乡居民…,
    存贷款余额) is two members when two figures are listed for it. With no
    reading that gives ``count`` members, the result has another length.
    """
    parts = _members(_COMMAS.split(core))
    if len(parts) != count:
        parts = _members(lexicon().list_joiners.split(core))
    if count == 2 and len(parts) == 1:
        for pair, (first, second) in lexicon().pairs.items():
            if pair in core:
                return [core.replace(pair, first, 1), core.replace(pair, second, 1)]
    return _shared_tail(parts)


def _members(parts: list[str]) -> list[str]:
    return [clean_indicator(p) for p in parts if p.strip(_TRIM)]


def _shared_tail(parts: list[str]) -> list[str]:
    """Short names listed before one indicator share its words and preposition.

    对东盟、欧盟进出口 → 对东盟进出口, 对欧盟进出口: the names (places,
    partners) are as long as each other, so the last one is cut off its
    indicator at that length.
    """
    if len(parts) < 2:
        return parts
    lex = lexicon()
    *heads, last = parts
    lead = lex.list_preposition.match(heads[0])
    prep = lead.group() if lead else ""
    names = [heads[0][len(prep) :], *heads[1:]]
    size = len(names[0])
    if (
        not 2 <= size <= 3
        or len(last) < size + 2
        or any(len(n) != size or not _CJK_NAME.fullmatch(n) for n in names)
        or any(n.endswith(lex.metric_endings) for n in names)
        or last.startswith(prep + names[0])
    ):
        return _kind_tail(parts)
    tail = last[size:]
    return [prep + n + tail for n in names] + [prep + last]


def _kind_tail(parts: list[str]) -> list[str]:
    """Names of one kind listed before one indicator share it.

    第一产业、第二产业、第三产业增加值 → 第一产业增加值…: the names end
    alike (产业), and the last member goes on past that ending with the
    indicator they share (增加值).
    """
    lex = lexicon()
    *heads, last = parts
    ending = heads[0]
    for head in heads[1:]:
        while ending and not head.endswith(ending):
            ending = ending[1:]
    while len(ending) >= 2 and last.find(ending, 1) < 0:
        ending = ending[1:]  # 先进制造业、高技术制造业增加值: they share 制造业
    if len(ending) < 2 or any(h.endswith(lex.metric_endings) for h in heads):
        return _head_tail(parts)
    cut = last.find(ending, 1)
    tail = last[cut + len(ending) :] if cut > 0 else ""
    if len(tail) < 2:
        return _head_tail(parts)
    return [head + tail for head in heads] + [last]


def _head_tail(parts: list[str]) -> list[str]:
    """Bare names listed before a full indicator share its head noun.

    刑事治安、涉诈、涉毒警情 → …警情: a name built like the start of the
    last member (涉诈, 涉毒) and shorter than it shows where the shared head
    (警情, 毛入学率) begins. A quoted name (专精特新“小巨人”、单项冠军企业)
    shares the generic head the last member ends with. Members that are
    full indicators already (学前教育毛入园率) keep their own words.
    """
    lex = lexicon()
    *heads, last = parts
    tail = ""
    for head in heads:
        if head.endswith(_CLOSERS):
            tail = next((n for n in lex.head_nouns if last.endswith(n) and last != n), "")
        elif head[0] == last[0] and len(last) >= len(head) + 2 and head[1:2] != last[1:2]:
            found = last[len(head) :]
            if found.endswith(lex.metric_endings) or found.endswith(lex.head_nouns):
                tail = found
        if tail:
            break
    if not tail:
        return parts
    own = (*lex.metric_endings, *lex.head_nouns, tail)
    return [head if head.endswith(own) else head + tail for head in heads] + [last]


def ratio_name(name: str, previous: str) -> str:
    """A ratio named by abbreviation, completed from the figure before it.

    新增电动自行车充电接口9371个，达到车桩比3:1: 车 of 车桩比 stands for
    the 电动自行车 just counted, so the ratio is 电动自行车车桩比. Only a short
    name of two abbreviated things (…比) is read so.
    """
    if len(name) != 3 or not name.endswith("比") or not previous:
        return name
    for prefix in lexicon().flow_prefixes:
        previous = previous.removeprefix(prefix)
    found = previous.find(name[0])
    return previous[: found + 1] + name if found > 0 else name


def rank_name(core: str, subject: str) -> str:
    """The ranking a rank is a place in: 人均生产总值居全国 → 人均生产总值全国排名.

    A rank with nothing ranked before it (…增加到2.52万公里，从居世界第三十九位)
    places ``subject``, what the figure before it measured.
    """
    lex = lexicon()
    found = lex.rank_pattern.match(core)
    if found is None:
        return core
    within = found.group("within") or ""
    for word in lex.rank_frame:
        within = within.removeprefix(word).removesuffix(word)
    name = clean_indicator(found.group("what") + within) or subject
    return f"{name}{found.group('where') or ''}排名" if name else core
