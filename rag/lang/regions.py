"""Regions a set question may restrict its respondents to ("which Latin American states…", "哪些欧洲国家"), and groups
of states by membership ("the five permanent members", "EU member states"): the states of each
(rag/lang/data/regions.yaml) and the words naming it (cue families region_<name>)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml

from rag.lang import apart, cues, intent
from rag.lang.names import Mention, NameTable

DATA = Path(__file__).parent / "data" / "regions.yaml"
ORGANIZATIONS_AFTER = 25  # characters after the words asking which where a group of organizations still says who
NEGATION_BEFORE = 20  # characters before a group of organizations where a negation sets it aside


# A region beside a word for respondents says which ones are asked about.
_REGION_VERB = cues.pattern("region_verb")
REGION_VERB_REACH = 40  # characters before a place in which a verb says the respondents are there
_REGION_LINK = rf"(?:\s*(?:{cues.alternation('region_link')}))?\s*"
_NOUN_BEFORE_REGION = re.compile(
    rf"(?:{intent.RESPONDENT_NOUN}|{cues.alternation('among_them')}){_REGION_LINK}\Z", re.I
)
_ORIGIN_BEFORE_REGION = re.compile(rf"(?:{cues.alternation('region_origin')})\s*\Z")  # "来自南北美洲的…"
# "Latin America|n states": the rest of the region's word (not Chinese characters), then the word for respondents.
_NOUN_AFTER_REGION = re.compile(rf"[^\W\d_\u3000-\u9fff]*{_REGION_LINK}{intent.RESPONDENT_NOUN}", re.I)


# A report named by its symbol ("to A/77/96", "al informe A/77/96"), between a word for respondents and a region.
_SYMBOL = re.compile(r"[A-Z]{1,2}/(?:RES/)?\d+/\d+(?=\s)")
_LAST_WORDS = tuple(re.compile(rf"(?:\s+\S+){{{n}}}\s*\Z") for n in (1, 2))  # "to", "au rapport" before it


def _noun_before(before: str) -> bool:
    """Whether a word for respondents (and a link) ends the text before a region, a report named by its symbol
    between them passed over ("replies to A/77/96 from Latin America")."""
    if _NOUN_BEFORE_REGION.search(before[-40:]):
        return True
    for symbol in _SYMBOL.finditer(before):
        for last_words in _LAST_WORDS:
            head = last_words.sub("", before[: symbol.start()].rstrip())
            if _NOUN_BEFORE_REGION.search((head + before[symbol.end() :])[-40:]):
                return True
    return False


_LINK_BEFORE = re.compile(rf"(?:{_REGION_LINK}|(?:{cues.alternation('region_origin')})\s*)\Z", re.I)


def region_link_start(text: str, start: int) -> int:
    """Where the words linking a region (at `start`) to the respondents it qualifies begin: "that were part of the
    former Soviet Union", "来自南北美洲"; `start` when none stand before it."""
    match = _LINK_BEFORE.search(text, max(0, start - 40), start)
    return match.start() if match is not None and match.group().strip() else start


def qualifies_respondents(text: str, start: int, end: int) -> bool:
    """Whether the region a question names at text[start:end] says which respondents it asks about ("Latin American
    states", "États d'Amérique latine", "来自非洲的答复方"), not what they speak of ("which respondents mention
    Latin America", "哪些答复方提到了拉丁美洲")."""
    return bool(
        intent.RESPONDENT_WORD.search(text, start, end)  # "Arab States", "الدول العربية": the name holds the noun
        or _noun_before(text[max(0, start - 60) : start])
        or _NOUN_AFTER_REGION.match(text, end)
        or _ORIGIN_BEFORE_REGION.search(text, max(0, start - 4), start)
        # "Which states that replied to the … report are in Latin America?": where they are, however far the noun
        or _REGION_VERB.search(text[max(0, start - REGION_VERB_REACH) : start]) is not None
    )


@dataclass(frozen=True)
class RegionMention:
    region: str
    members: frozenset[str]  # the names table's ids of its states
    start: int
    end: int
    membership: bool = False  # a group of states by membership (the P5, the EU's members), not a place
    outside: bool = False  # the states asked about are those not among `members` ("non-EU states")
    organizations: bool = False  # a group of organizations ("regional organizations"), not of states
    pointed_to: tuple[int, int] | None = None  # the organization named before that "its member states" points to
    since: tuple[tuple[str, int], ...] = ()  # members that joined late, with the year they joined
    at_cue: bool = False  # says who is asked about only where the question asks which (its words hold a noun)

    def holds(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies within the words naming it ("欧盟" in "欧盟成员国"), or is the organization its
        words point back to ("ОДКБ" of "ОДКБ отвечала… А какие её государства-члены…")."""
        within = self.start <= start and end <= self.end
        return within or (self.pointed_to is not None and self.pointed_to[0] <= start and end <= self.pointed_to[1])


@dataclass(frozen=True)
class _Region:
    name: str
    members: frozenset[str]
    membership: bool
    pattern: re.Pattern[str] | None  # its words (cue family region_<name>), if it has any
    outside: bool = False
    organizations: bool = False
    of: str | None = None  # the organization whose member states it is, named beside a word for members
    since: tuple[tuple[str, int], ...] = ()
    at_cue: bool = False


@cache
def _regions() -> tuple[_Region, ...]:
    """Each region of the data file: a list of states, or a group of them by membership ({members, membership})."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    regions = []
    for name, value in raw.items():
        group = value if isinstance(value, dict) else {"members": value}
        outside = group.get("outside")  # {outside: eu_members}: every state but that group's
        listed = raw[outside] if outside is not None else group["members"]
        members = frozenset(listed["members"] if isinstance(listed, dict) else listed)
        membership = bool(group.get("membership", False))
        family = f"region_{name}"
        pattern = cues.pattern(family) if family in cues.FAMILIES else None
        organizations = bool(group.get("organizations", False))
        of, since = group.get("of"), tuple(sorted(group.get("since", {}).items()))
        at_cue = bool(group.get("at_cue", False))
        regions.append(
            _Region(name, members, membership, pattern, outside is not None, organizations, of, since, at_cue)
        )
    return tuple(regions)


_MEMBER_AFTER = re.compile(rf"(?:{cues.alternation('member_after')})", re.I)
_MEMBER_BEFORE = re.compile(rf"(?:{cues.alternation('member_before')})\Z", re.I)
_ITS_MEMBERS = cues.pattern("its_members")
MEMBER_REACH = 40  # characters before an organization's name in which the word for its members stands


_Named = tuple[str, int, int, tuple[int, int] | None]  # an organization's id, the words' span, the name pointed to


def _members_named(text: str, mentions: Sequence[Mention]) -> list[_Named]:
    """The organizations whose member states a text names by the organization's name and a word for members ("NATO
    countries", "北约成员国", "les membres de l'OTSC", "государства — члены ОДКБ"), or by a word for its members
    pointing back to it ("its member states", "الدول الأعضاء فيها")."""
    found: list[_Named] = []
    groups = {r.of for r in _regions() if r.of is not None}
    for its in _ITS_MEMBERS.finditer(text):  # "ОДКБ отвечала… А какие её государства-члены…": the last one named
        named = [m for m in mentions if m.end <= its.start() and m.entity.id in groups]
        if named:
            found.append((named[-1].entity.id, its.start(), its.end(), (named[-1].start, named[-1].end)))
    for mention in mentions:
        after = _MEMBER_AFTER.match(text, mention.end)
        before = _MEMBER_BEFORE.search(text[max(0, mention.start - MEMBER_REACH) : mention.start])
        if mention.entity.id in groups and _OUTSIDE_BEFORE.search(text, 0, mention.start):
            found.append((mention.entity.id, mention.start, mention.end, None))  # "not members of NATO" (_outside)
        elif after is not None:
            found.append((mention.entity.id, mention.start, after.end(), None))
        elif before is not None:
            found.append((mention.entity.id, mention.start - len(before.group()), mention.end, None))
    # "государства СНГ или ОДКБ", "CIS or CSTO states": another group joined to one the word for members is said of
    for mention in mentions:
        if mention.entity.id in groups and not any(f[0] == mention.entity.id for f in found):
            joined = (
                _JOINED.fullmatch(text, e, mention.start) or _JOINED.fullmatch(text, mention.end, s)
                for _, s, e, _ in found
            )
            if any(joined):
                found.append((mention.entity.id, mention.start, mention.end, None))
    return found


_OPENING, _CLOSING = '«“"', '»”"'  # quotation marks a group's name may stand between


def _with_member_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A group's words with the word for its members before or after them ("участников «Группы двадцати»", "G20
    members"): who is asked about, no topic."""
    before = _MEMBER_BEFORE.search(text[max(0, start - MEMBER_REACH) : start])
    after = _MEMBER_AFTER.match(text, end)
    start, end = start - (len(before.group()) if before else 0), after.end() if after else end
    if end < len(text) and text[end] in _CLOSING and any(q in text[start:end] for q in _OPENING):
        end += 1  # "участников «Группы двадцати»": the quotation closed
    return start, end


def find(text: str, names: NameTable) -> list[RegionMention]:
    """The regions a text names, leaving out words inside a state's or organization's name ("South Africa",
    "European Union", "African Union"); a group's words may hold a name ("EU member states")."""
    mentions = names.find_mentions(text)
    inside = [(m.start, m.end) for m in mentions]
    members = _members_named(text, mentions)
    found = []
    for region in _regions():
        spans = [(start, end, pointed) for of, start, end, pointed in members if of == region.of]
        if region.pattern is not None:
            spans += [
                (*(_with_member_words(text, *m.span()) if region.membership else m.span()), None)
                for m in region.pattern.finditer(text)
                if not any(s <= m.start() and m.end() <= e for s, e in inside)
            ]
        spans = list(dict.fromkeys(spans))  # "EU member states": by its name and a word for members, and by its cue
        found += [
            RegionMention(
                region.name,
                region.members,
                start,
                end,
                region.membership,
                region.outside,
                region.organizations,
                pointed,
                region.since,
                region.at_cue,
            )
            for start, end, pointed in spans
        ]
    # "South-East Asia", "东南亚": the words of a subregion name no region of their own (Asia, 南亚); nor do those of a
    # group by membership ("the Asia-Pacific Group" is no Asia), unless the states are outside it ("European states
    # outside the EU": Europe still).
    found = [r for r in found if r.membership or not any(_within(r, o) for o in found if not o.outside)]
    # "non-EU member states": the words of a group outside which the states are hold no group of its own.
    outside = [r for r in found if r.outside]
    return [
        r
        for r in found
        if r.outside or not r.membership or not any(o.start < r.end and r.start < o.end for o in outside)
    ]


def _within(inner: RegionMention, outer: RegionMention) -> bool:
    """Whether a region's words lie inside the longer words of another ("Asia" in "South-East Asia")."""
    shorter = inner.end - inner.start < outer.end - outer.start
    return shorter and outer.start <= inner.start and inner.end <= outer.end


_JOINED = re.compile(rf"\W*(?:{cues.alternation('and_word')}|{cues.alternation('or_word')})\W*(?:\w{{1,3}}\W+)?", re.I)
# "азиатские государства (включая Ближний Восток)", "Asian states (including the Middle East)": a region in brackets
# right after one says which states that one takes in
_BRACKET_OPENS = re.compile(r"[^()（）]{0,24}[(（][^()（）]{0,16}")
_BRACKET_CLOSES = re.compile(r"\s*[)）]")


def of_respondents(text: str, names: NameTable) -> list[RegionMention]:
    """The regions a question names to say which respondents it asks about ("Latin American states", "来自非洲的
    答复方"), with those joined to one of them by "and" or "or" ("países de América Latina y el Caribe",
    "拉丁美洲和加勒比国家"); not those it asks what the replies say of ("which respondents mention Africa"). A group
    by membership always says who is asked about ("Кто из пяти постоянных членов…")."""
    found = sorted(find(text, names), key=lambda r: r.start)
    # "Which states work with regional organizations?" asks about states; the organizations are what they speak of.
    found = [a for r in found if (a := _asks_organizations(text, r) if r.organizations else r) is not None]
    found = [_outside(text, r) for r in found]
    chosen = [
        r.membership
        or (
            (not _mentioned(text, r.start) if r.outside else qualifies_respondents(text, r.start, r.end))
            and _at_cue(text, r)
        )
        for r in found
    ]
    for _ in range(len(found)):  # a qualifying region passes it on across "and" / "or", either way
        for i in range(len(found) - 1):
            if chosen[i] != chosen[i + 1] and _JOINED.fullmatch(text, found[i].end, found[i + 1].start):
                chosen[i] = chosen[i + 1] = True
    for i in range(len(found) - 1):
        if chosen[i] and _BRACKET_OPENS.fullmatch(text, found[i].end, found[i + 1].start):
            chosen[i + 1] = chosen[i + 1] or _BRACKET_CLOSES.match(text, found[i + 1].end) is not None
    return [r for r, keep in zip(found, chosen, strict=True) if keep]


_OUTSIDE_BEFORE = re.compile(rf"(?:{cues.alternation('outside_region')})\Z", re.I)
_OUTSIDE_AFTER = re.compile(rf"(?:{cues.alternation('outside_region_after')})", re.I)
MENTIONED_BEFORE = 24  # characters between a verb of mentioning and a region it names ("mention countries outside…")


def _outside(text: str, region: RegionMention) -> RegionMention:
    """A place named with words putting the states asked about outside it ("non-European states", "من خارج
    أوروبا", "hors d'Europe", 除了欧洲国家以外, 欧洲以外的国家): every state but its own, its words taken in."""
    if region.outside or region.organizations:
        return region
    before = _OUTSIDE_BEFORE.search(text, 0, region.start) or apart.BESIDES.search(text[: region.start])
    if before is not None:
        return replace(region, start=before.start(), outside=True)
    if (after := _OUTSIDE_AFTER.match(text, region.end)) is not None:
        return replace(region, end=after.end(), outside=True)  # "欧洲以外", as the answer names the group
    return region


def _mentioned(text: str, start: int) -> bool:
    """Whether a verb of mentioning stands right before a place: what replies speak of ("which states mention
    countries outside Europe"), not who is asked about."""
    return intent.MENTION_VERB.search(text, max(0, start - MENTIONED_BEFORE), start) is not None


def _at_cue(text: str, region: RegionMention) -> bool:
    """Whether a region whose words hold a noun ("the countries that have nuclear weapons") stands where the question
    asks which ("Which of the countries that have nuclear weapons replied?"), when it says who is asked about only
    there ("Which states call on the countries that have nuclear weapons to…" asks who speaks of them)."""
    if not region.at_cue:
        return True
    cue = intent.set_cue(text)
    return cue is not None and cue[1] <= region.end and region.start <= cue[2]  # its words and the cue's meet


def _asks_organizations(text: str, group: RegionMention) -> RegionMention | None:
    """A group of organizations a question names, when it is who the question asks about: it stands at the question's
    words asking which ("which regional organizations replied"), not elsewhere ("which states work with regional
    organizations", "من يقول إنه يرفع تقارير … إلى منظمة إقليمية"). Negated right before ("lesquelles ne sont pas des
    organisations régionales"), the organizations asked about are the others."""
    cue = intent.set_cue(text)
    if cue is None and (which := intent.ASKS_WHICH.search(text)) is not None:  # "哪些具有全球性成员的组织…"
        cue = ("organization", which.start(), which.end())
    if cue is None or cue[0] == "state" or not (cue[1] <= group.end and group.start <= cue[2] + ORGANIZATIONS_AFTER):
        return None
    negation = intent.negation(text, max(cue[2], group.start - NEGATION_BEFORE), group.start)
    if negation is not None:  # its words say it: "(ne sont pas des organisations régionales)"
        return replace(group, start=negation.start(), outside=True)
    return group


def groups(text: str, names: NameTable) -> list[RegionMention]:
    """The groups of states by membership a question names ("the five permanent members", "欧盟成员国"): always who it
    asks about."""
    return [r for r in of_respondents(text, names) if r.membership]


def states_asked(named: Sequence[RegionMention], names: NameTable) -> frozenset[str]:
    """The ids of the states the regions a question names ask about: those of any region it names but not of a group
    it names them outside of ("European states not in the EU"), every state the names table knows when it names
    only such a group ("non-EU states"); of a group of organizations, every organization ("not regional ones")."""
    within = [r.members for r in named if not r.outside]
    kind = "organization" if any(r.organizations for r in named) else "state"
    every = frozenset().union(*within) if within else frozenset(e.id for e in names if e.kind == kind)
    return every - frozenset().union(*(r.members - dict(r.since).keys() for r in named if r.outside))


def outside_until(named: Sequence[RegionMention]) -> dict[str, int]:
    """The late members of a group the states asked about are outside of, with the year they joined: outside it in a
    report of an earlier year ("states not in NATO" in 2022 include Sweden, a member since 2024)."""
    return {state: year for r in named if r.outside for state, year in r.since}


def joined_after(named: Sequence[RegionMention]) -> dict[str, int]:
    """The members of the groups named that joined late, with the year they joined: a reply of an earlier year is not
    a member's ("SCO members" in a 2022 report are not Belarus, a member since 2024)."""
    inside = [r for r in named if not r.outside]
    # a state of another group named from the start is asked about whatever year it joined this one ("NATO or EU")
    always = {state for r in inside for state in r.members if state not in dict(r.since)}
    return {state: year for r in inside for state, year in r.since if state not in always}
