"""A deterministic synthetic show guide, written as TOML in the real data format.

Scale 1 is shaped like the bundled guide when complete: 40 episodes in 4 seasons,
200 named characters and things and 2,000 recap sentences (50 an episode, in
paragraphs of five), five facts and one to three roles an entity, aliases for
most characters. Scale N multiplies episodes, entities and sentences by N
(seasons and episode numbers stay within 1-99). Text only names an entity from
the episode it first appears in, as the real guide's leak linter requires.

A few well-known names ("anchors": Aleida Rosales, Margo Madison, Sojourner-1, ...)
are planted so that the benchmark's typo queries have an intended answer; no
generated name uses an anchor's words or a typo query's words.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import tomli_w

BASE_EPISODES = 40
BASE_NAMES = 200
SENTENCES_PER_EPISODE = 50
SENTENCES_PER_PARAGRAPH = 5
FACTS_PER_ENTITY = 5
SEED = 1969

# (id, kind, name, aliases, position in the show as a fraction of its length)
ANCHORS: tuple[tuple[str, str, str, tuple[str, ...], float], ...] = (
    ("margo-madison", "character", "Margo Madison", ("Margo",), 0.0),
    ("ed-baldwin", "character", "Ed Baldwin", ("Ed", "Edward Baldwin"), 0.0),
    ("gordon-stevens", "character", "Gordon Stevens", ("Gordo",), 0.0),
    ("wernher-von-braun", "character", "Wernher von Braun", ("von Braun",), 0.0),
    ("aleida-rosales", "character", "Aleida Rosales", ("Aleida",), 0.01),
    ("danielle-poole", "character", "Danielle Poole", ("Danielle", "Dani"), 0.05),
    ("jamestown", "base", "Jamestown", ("Jamestown Base",), 0.12),
    ("sergei-nikulov", "character", "Sergei Nikulov", ("Sergei",), 0.3),
    ("happy-valley", "base", "Happy Valley", (), 0.7),
    ("sojourner-1", "spacecraft", "Sojourner-1", ("Sojourner",), 0.6),
    ("grigory-kuznetsov", "character", "Grigory Kuznetsov", ("Kuznetsov",), 0.65),
    ("polaris", "station", "Polaris", ("Polaris Station",), 0.4),
    ("ellen-wilson", "character", "Ellen Wilson", ("Ellen Waverly",), 0.02),
    ("roscosmos", "organisation", "Roscosmos", ("the Soviet space agency",), 0.0),
)

# Typo'd queries and the entity each means.
TYPO_QUERIES: tuple[tuple[str, str], ...] = (
    ("aleda", "aleida-rosales"),
    ("aleda rosals", "aleida-rosales"),
    ("margot", "margo-madison"),
    ("margo madisson", "margo-madison"),
    ("sojurner", "sojourner-1"),
    ("kusnetzov", "grigory-kuznetsov"),
    ("danielle pool", "danielle-poole"),
    ("dany pole", "danielle-poole"),
    ("wernher von brown", "wernher-von-braun"),
    ("gordo stevns", "gordon-stevens"),
    ("nikulv", "sergei-nikulov"),
    ("jamestwon", "jamestown"),
    ("happy vally", "happy-valley"),
    ("edd baldwn", "ed-baldwin"),
    ("polars station", "polaris"),
    ("elen wilsen", "ellen-wilson"),
    ("soviet space agency", "roscosmos"),
)

# The keystrokes of someone typing "aleda rosals".
KEYSTROKES: tuple[str, ...] = tuple("aleda rosals"[:i] for i in range(1, len("aleda rosals") + 1))

FIRST_NAMES = (
    "Abigail Adam Adrian Agnes Alan Albert Alice Amelia Andrea Andrew Angela Anna Anthony Arthur "
    "Barbara Beatrice Benjamin Bernard Beth Betty Bill Bobby Bonnie Boris Brenda Brian Bruce Carl "
    "Carmen Carol Caroline Catherine Cecilia Charles Charlotte Christine Clara Claude Clifford Colin "
    "Connie Craig Cynthia Daniel Dariusz Dennis Diana Dolores Donald Doris Dorothy Douglas Duane "
    "Dwight Edith Edgar Edmund Eileen Elena Eleanor Elias Elizabeth Emil Emily Emma Eric Ernest "
    "Esther Eugene Evelyn Felix Florence Frances Frank Fred Gabriel Gary George Gerald Gloria Grace "
    "Gregory Hannah Harold Harriet Harvey Hazel Helen Henry Howard Ian Igor Irene Iris Isaac Ivan "
    "Jack Jacqueline James Janet Janice Jean Jeffrey Jennifer Jerome Joan Joanne Joel John Joseph "
    "José Joyce Judith Julia Julian Karl Kathleen Keith Kenneth Kevin Larry Laura Lawrence Leon "
    "Leonard Lillian Linda Lorraine Louis Louise Lucas Lucille Lydia Malcolm Marcus Marie Marilyn "
    "Marion Martha Martin Mary Matthew Maureen Maxim Melvin Michael Mildred Miriam Monica Nadia Nancy "
    "Natalia Nathan Neil Nicholas Nina Norman Olga Oliver Oscar Pamela Patricia Patrick Paul Pauline "
    "Pavel Peggy Peter Philip Phyllis Rachel Ralph Raymond Rebecca Renée Richard Rita Robert Roger "
    "Ronald Rosa Roy Ruth Samuel Sandra Sarah Scott Sharon Sheila Shirley Simon Sofia Sonia Stanley "
    "Stephen Steven Susan Sylvia Teresa Theodore Thomas Timothy Valentina Vera Victor Viktor Vincent "
    "Virginia Vivian Walter Warren Wayne Wendy Wesley William Yuri Zoe Zoran Óscar Ángel Chloé "
    "Dmitri Hiroshi Kenji Yusuf Amara Kwame Ingrid Lars Astrid Priya Ravi Mei Wei"
).split()

SYLLABLES = (
    "ba be bo bra bri ca ce co cha chi da de do dra dri el en fa fe fo ga ge go gra ha he ho "
    "ja je jo ka ke ko kra la le lo lu ma me mo mu na ne no nu pa pe po pra ra re ro ru sa se "
    "so sta ste sto ta te to tra tre va ve vo wa we wi ya yo za ze zo lin son ton ley ner ski vich "
    "ova eva man berg stein field wood ford worth land mont vale"
).split()

THING_WORDS = (
    "Apollo Artemis Ares Athena Aurora Beacon Borealis Caldera Centaur Cinder Comet Condor Corona "
    "Crescent Daedalus Dawn Discovery Eagle Echo Ember Endeavour Equinox Falcon Frontier Gemini "
    "Harbor Helios Hermes Horizon Icarus Juno Kestrel Kepler Lantern Liberty Lodestar Lunar Meridian "
    "Mercury Nautilus Nova Odyssey Orbit Orion Osprey Pegasus Phoenix Pioneer Prospect Pulsar Quasar "
    "Ranger Raven Resolve Sentinel Skylark Solstice Spirit Summit Tempest Titan Trident Triton "
    "Unity Valiant Vanguard Vector Venture Vesper Voyager Zenith Zephyr"
).split()

THING_KINDS = (("spacecraft", ""), ("station", " Station"), ("base", " Base"), ("place", " Crater"),
               ("organisation", " Institute"), ("mission", " Program"), ("object", " Array"))

WORDS = (
    "launch orbit crew mission control engineer pilot commander capsule lander rover reactor "
    "fuel oxygen habitat module hatch airlock radio signal delay countdown abort burn trajectory "
    "surface crater ridge dust ice water drill sample rock helium mine shaft tunnel camp rescue "
    "storm flare radiation shield panel cable valve pump leak fire alarm budget hearing senator "
    "president treaty cosmonaut agency contractor factory rocket booster stage engine thrust "
    "telescope satellite antenna station base dome greenhouse garden kitchen infirmary doctor "
    "injury fever surgery funeral wedding party bar tavern house car road desert border family "
    "daughter son wife husband brother sister mother father friend rival pilot trainee class "
    "interview reporter newspaper television broadcast speech vote election campaign strike union "
    "protest secret file spy defector colonel general admiral officer guard prison escape trial "
    "verdict letter phone call meeting plan schedule test simulation failure success landing "
    "splashdown recovery ship helicopter hospital ward medal ceremony flag anthem song dance "
    "argument apology promise warning threat deal bargain bribe debt loan company stock market "
    "asteroid comet moon planet sun star night morning evening winter summer year week hour minute"
).split()

VERBS = (
    "met argued with warned trusted doubted helped confronted visited called followed rescued "
    "interviewed hired fired promoted replaced joined left questioned thanked blamed forgave "
    "recruited trained briefed defended accused comforted"
).split()

TEMPLATES = (
    "{a} {verb} {b} about the {w1} and the {w2}.",
    "At {t}, {a} checked the {w1} while {b} watched the {w2}.",
    "{a} told {b} that the {w1} on {t} had failed during the {w2}.",
    "The {w1} at {t} worried {a}, who asked {b} for a new {w2}.",
    "{a} and {b} spent the night repairing the {w1} near the {w2}.",
    "News of the {w1} reached {a} at {t}, and {b} called a {w2}.",
    "{a} {verb} {b} after the {w1} went wrong.",
    "Without the {w1}, {a} could not finish the {w2} at {t}.",
)

FACT_TEMPLATES = (
    "Works on the {w1} with {b}.",
    "Is assigned to {t} after the {w1}.",
    "Argues with {b} over the {w2}.",
    "Survives the {w1} at {t}.",
    "Keeps a {w1} from the {w2}.",
)


@dataclass
class Entity:
    id: str
    kind: str
    name: str
    first: int  # episode ordinal
    aliases: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Synthetic:
    """What was written, for the benchmark's own use (never read back by famtui)."""

    root: Path
    episodes: int
    names: int
    sentences: int
    lines: list[str]  # every name, alias, recap sentence and fact: the fzf corpus


def _pseudo_word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _banned_words() -> set[str]:
    banned = set()
    for _, _, name, aliases, _ in ANCHORS:
        for label in (name, *aliases):
            banned.update(w.casefold() for w in re.findall(r"\w+", label))
    for query, _ in TYPO_QUERIES:
        banned.update(query.split())
    return banned


def sizes(scale: int) -> tuple[int, int, int]:
    """(episodes, named entities, recap sentences an episode); scale 0 is a tiny guide for tests."""
    if scale <= 0:
        return 8, 2 * len(ANCHORS), 2 * SENTENCES_PER_PARAGRAPH
    return BASE_EPISODES * scale, BASE_NAMES * scale, SENTENCES_PER_EPISODE


def episode_codes(count: int) -> list[tuple[int, int]]:
    """``count`` (season, number) pairs in order: at least 4 seasons, at most 99 episodes each."""
    seasons = max(4, math.ceil(count / 99))
    base, extra = divmod(count, seasons)
    codes = []
    for season in range(1, seasons + 1):
        codes.extend((season, number) for number in range(1, base + (season <= extra) + 1))
    return codes


def _names(rng: random.Random, count: int) -> list[tuple[str, str, tuple[str, ...]]]:
    """(kind, name, aliases) for ``count`` generated entities, names unique."""
    banned = _banned_words()
    firsts = [n for n in FIRST_NAMES if n.casefold() not in banned]
    things = [w for w in THING_WORDS if w.casefold() not in banned]
    taken: set[str] = set()
    out = []
    while len(out) < count:
        if rng.random() < 0.6:
            surname = _pseudo_word(rng, rng.choice((2, 2, 3))).capitalize()
            if surname.casefold() in banned:
                continue
            first = rng.choice(firsts)
            name = f"{first} {surname}"
            if name in taken:
                continue
            roll = rng.random()
            aliases: tuple[str, ...] = ()
            if roll < 0.5:
                aliases = (first,)
            elif roll < 0.7:
                aliases = (surname,)
            elif roll < 0.8:
                aliases = (first[:3],) if len(first) > 4 else (first,)
            taken.add(name)
            out.append(("character", name, aliases))
        else:
            kind, suffix = rng.choice(THING_KINDS)
            word = rng.choice(things)
            extra = _pseudo_word(rng, 2).capitalize()
            if extra.casefold() in banned:
                continue
            name = f"{word} {extra}{suffix}" if kind != "spacecraft" else f"{word}-{rng.randint(1, 999)}"
            if name in taken:
                continue
            taken.add(name)
            out.append((kind, name, (f"{word} {extra}",) if suffix and rng.random() < 0.3 else ()))
    return out


def _slug(name: str) -> str:
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))


def generate(root: Path, scale: int = 1, seed: int = SEED) -> Synthetic:
    """Write a guide of the given scale under ``root`` (episodes/, characters/, things/)."""
    rng = random.Random(seed * 1000 + scale)
    n_eps, n_names, per_episode = sizes(scale)
    codes = episode_codes(n_eps)
    entities: list[Entity] = []
    used_ids: set[str] = set()
    for eid, kind, name, aliases, where in ANCHORS:
        first = min(n_eps - 1, int(where * n_eps))
        entities.append(Entity(eid, kind, name, first, [(a, first) for a in aliases]))
        used_ids.add(eid)
    for kind, name, aliases in _names(rng, n_names - len(ANCHORS)):
        eid = _slug(name)
        while eid in used_ids:
            eid += "-x"
        used_ids.add(eid)
        first = min(n_eps - 1, int(rng.random() ** 1.2 * n_eps))
        entity = Entity(eid, kind, name, first)
        for alias in aliases:
            entity.aliases.append((alias, min(n_eps - 1, first + rng.choice((0, 0, 0, 1, 3)))))
        entities.append(entity)
    entities.sort(key=lambda e: e.first)
    firsts = [e.first for e in entities]
    import bisect

    def known(ordinal: int) -> int:
        """How many entities (a prefix of ``entities``) the viewer knows by ``ordinal``."""
        return max(1, bisect.bisect_right(firsts, ordinal))

    def pick(ordinal: int, kind: str | None = None) -> Entity:
        pool = known(ordinal)
        # Mostly recent faces, sometimes anyone met so far.
        while True:
            i = pool - 1 - min(pool - 1, int(rng.expovariate(1 / 25))) if rng.random() < 0.7 \
                else rng.randrange(pool)
            entity = entities[i]
            if kind is None or (entity.kind == "character") == (kind == "character"):
                return entity
            if pool < 4:
                return entity

    def words(count: int) -> list[str]:
        return [rng.choice(WORDS) if rng.random() < 0.85 else _pseudo_word(rng, 3) for _ in range(count)]

    lines: list[str] = []
    (root / "episodes").mkdir(parents=True, exist_ok=True)
    (root / "characters").mkdir(exist_ok=True)
    (root / "things").mkdir(exist_ok=True)
    released = date(1990, 1, 5)
    sentences = 0
    for ordinal, (season, number) in enumerate(codes):
        paragraphs = []
        for _ in range(per_episode // SENTENCES_PER_PARAGRAPH):
            sentence_list = []
            for _ in range(SENTENCES_PER_PARAGRAPH):
                a, b, t = pick(ordinal, "character"), pick(ordinal, "character"), pick(ordinal, "thing")
                w1, w2 = words(2)
                sentence = rng.choice(TEMPLATES).format(a=a.name, b=b.name, t=t.name, w1=w1, w2=w2,
                                                        verb=rng.choice(VERBS))
                sentence_list.append(sentence[0].upper() + sentence[1:])
            lines.extend(sentence_list)
            sentences += len(sentence_list)
            paragraphs.append(" ".join(sentence_list))
        known_prev = known(ordinal - 1) if ordinal else 0
        who = entities[rng.randrange(known_prev)].name if known_prev else "the crew"
        table = {
            "season": season,
            "episode": number,
            "title": " ".join(words(rng.choice((1, 2, 3)))).title(),
            "released": released,
            "logline": f"{who} faces the {words(1)[0]} and the {words(1)[0]}.",
            "recap": paragraphs,
        }
        released += timedelta(days=7)
        _write(root / "episodes" / f"s{season}e{number:02d}.toml", table)

    def code(ordinal: int) -> str:
        season, number = codes[ordinal]
        return f"S{season}E{number}"

    for index, entity in enumerate(entities):
        table: dict = {"id": entity.id, "kind": entity.kind, "name": entity.name,
                       "first_seen": code(entity.first)}
        lines.append(entity.name)
        if entity.aliases:
            table["aliases"] = [{"name": a, "from": code(w)} for a, w in entity.aliases]
            lines.extend(a for a, _ in entity.aliases)
        span = [min(n_eps - 1, entity.first + rng.randrange(0, max(1, n_eps // 4))) for _ in range(6)]
        roles = sorted(span[: rng.choice((1, 2, 3))])
        table["roles"] = [{"from": code(w), "text": f"{words(1)[0].capitalize()} {rng.choice(WORDS)}"}
                          for w in roles]
        table["status"] = [{"from": code(entity.first), "value": "alive" if entity.kind == "character"
                            else "active"}]
        facts = []
        for w in sorted(entity.first + rng.randrange(0, max(1, n_eps // 3)) for _ in range(FACTS_PER_ENTITY)):
            w = min(w, n_eps - 1)
            w1, w2 = words(2)
            text = rng.choice(FACT_TEMPLATES).format(b=pick(w, "character").name, t=pick(w, "thing").name,
                                                     w1=w1, w2=w2)
            facts.append({"episode": code(w), "text": text})
            lines.append(text)
        table["facts"] = facts
        if index > 0:
            other = entities[rng.randrange(index)]
            table["relations"] = [{"id": other.id, "kind": "colleague", "from": code(entity.first)}]
        folder = "characters" if entity.kind == "character" else "things"
        _write(root / folder / f"{entity.id}.toml", table)
    return Synthetic(root, n_eps, len(entities), sentences, lines)


def _write(path: Path, table: dict) -> None:
    path.write_bytes(tomli_w.dumps(table).encode("utf-8"))
