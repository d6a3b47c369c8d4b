"""Capitalised runs in running text: the words that might be somebody's name.

A run is a sequence of capitalised words ("Commander Danielle Poole", "Sea Dragon",
"Apollo 1"), possibly joined by "of"/"von"/"de" ("Department of Justice"). Honorifics
and sentence openers ("Commander", "Meanwhile", "The") are context, not part of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|\d+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
CONNECTORS = frozenset({"of", "von", "van", "de", "da", "del", "der", "la", "le", "du"})

HONORIFICS = frozenset("""
commander cmdr dr doctor mr mrs ms miss colonel col captain capt general gen major lieutenant
lt sergeant sgt senator president director administrator agent astronaut cosmonaut secretary
governor congressman congresswoman professor prof sir madam chief flight engineer pilot
""".split())

# Capitalised words that open sentences or headings but are not names.
STOPWORDS = frozenset("""
a an the this that these those there here it its i i'm i've he she they we you me him her them
us his hers their theirs our ours your yours my mine who whom whose what which where when why how
and but or nor so yet for as at by in on of off to from into onto with without within about above
below after before during until while since because although though if unless whether then than
also even still now just only not no yes all any both each every few many more most much some such
other another same once twice again later soon meanwhile however therefore thus hence instead
otherwise elsewhere afterwards eventually finally first second third next last back over under
up down out through throughout upon against among between despite toward towards across behind
beyond near far well very too quite rather really almost always never often sometimes usually
indeed perhaps maybe both either neither one two three four five six seven eight nine ten
is are was were be been being has have had do does did will would shall should can could may might
must let lets let's says said tells told asks asked after episode episodes season seasons recap
recaps review reviews ending explained spoilers spoiler part chapter scene scenes act photo image
credit source read watch watched where similar posts post share related advertisement
monday tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december
""".split())

IGNORED_NAMES = frozenset({"for all mankind", "mankind", "apple tv", "apple tv+", "apple"})
# Nationalities are not somebody's name.
NATIONALITIES = frozenset("""
american americans soviet soviets russian russians vietnamese korean koreans chinese german germans
british french english japanese cuban cubans indian indians european europeans african africans
mexican mexicans canadian canadians israeli israelis iranian iranians italian italians
""".split())


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str  # without a possessive ending

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Run:
    words: tuple[Word, ...]
    sentence_start: bool  # the run opens its sentence
    after_honorific: bool

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def words(sentence: str) -> list[Word]:
    found = []
    for match in _WORD.finditer(sentence):
        text = match.group(0).rstrip(".-")
        text = _POSSESSIVE.sub("", text) or text
        if text:
            found.append(Word(match.start(), match.start() + len(text), text))
    return found


def is_stopword(text: str) -> bool:
    return text.lower().rstrip(".") in STOPWORDS


def is_honorific(text: str) -> bool:
    return text.lower().rstrip(".") in HONORIFICS


def runs(sentence: str) -> list[Run]:
    """Every capitalised run in one sentence, honorifics and openers stripped."""
    ws = words(sentence)
    result: list[Run] = []
    i = 0
    while i < len(ws):
        if not ws[i].capitalised:
            i += 1
            continue
        j = i + 1
        while j < len(ws) and _joined(sentence, ws[j - 1], ws[j]):
            if ws[j].capitalised or ws[j].text.isdigit():
                j += 1
            elif ws[j].text in CONNECTORS and j + 1 < len(ws) and ws[j + 1].capitalised \
                    and _joined(sentence, ws[j], ws[j + 1]):
                j += 2
            else:
                break
        opens = i == 0 or _opens(sentence, ws[i - 1], ws[i])
        if opens and is_opener(ws[i].text):
            i += 1  # "Tricking Nick into ..." opens with a verb, not a name
            continue
        honorific = False
        piece: list[Word] = []
        for k in range(i, j + 1):
            word = ws[k] if k < j else None
            if word is not None and (word.text in CONNECTORS
                                     or not (is_stopword(word.text) or is_honorific(word.text))):
                piece.append(word)
                continue
            # a stopword or an honorific splits the run ("Mankind Season 3 Episode 5")
            while piece and (piece[0].text.isdigit() or piece[0].text in CONNECTORS):
                piece = piece[1:]
            while piece and piece[-1].text in CONNECTORS:
                piece = piece[:-1]
            if piece:
                first = ws.index(piece[0])
                result.append(Run(tuple(piece), opens and first == i, honorific))
            honorific = word is not None and is_honorific(word.text)
            piece = []
        i = j
    return result


def is_opener(text: str) -> bool:
    """A capitalised verb form that opens a sentence ("Seeing", "Tricking")."""
    lower = text.lower()
    return len(lower) > 5 and lower.endswith("ing") and lower not in HONORIFICS


def _joined(sentence: str, left: Word, right: Word) -> bool:
    """Two words belong to one name: only spaces between them (or "Dr. " style)."""
    gap = sentence[left.end:right.start]
    if gap.strip(" ") == "":
        return len(gap) >= 1
    return gap in (". ",) and is_honorific(left.text)


def _opens(sentence: str, previous: Word, word: Word) -> bool:
    """The word follows only punctuation that opens a clause (quote, dash, colon)."""
    gap = sentence[previous.end:word.start]
    return any(ch in gap for ch in ".!?:;") and previous.text.lower() not in HONORIFICS
