"""The rule layer's vocabulary, as data: slang, contractions and token patterns.

Patterns are written in a small token language that :mod:`bot.crisis.grammar` compiles to
spaCy ``Matcher`` patterns. Text is normalised first (lower case, no accents, slang and
contractions expanded: :mod:`bot.crisis.normalize`), so each pattern is written once, in
plain form. Tokens are separated by spaces:

``word``            the token's lower-case text
``a|b|c``           any of these single words
``%MACRO``          any word of a list in :data:`MACROS` (mixable: ``%REL|someone``)
``@lemma``          the token's lemma (``@kill`` matches kill, kills, killed, killing)
``~N``              up to N tokens of anything
``x?``              the token is optional
``(a b|c d|e)``     any of these word sequences; ``(...)?`` makes the group optional

Kinds say what may cancel a risk pattern (see :mod:`bot.crisis.rules`): ``EXPLICIT``
first-person risk is cancelled only by span-level readings (negation, idiom, quotation) or a
crisis clearly in the past; ``INDIRECT`` and ``TOPIC`` are also cancelled by recognised
frames (a film, a game, a study question...); ``WEAK`` counts only when the model hears risk.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.crisis.labels import Label


class Kind(StrEnum):
    EXPLICIT = "explicit"
    INDIRECT = "indirect"
    TOPIC = "topic"
    WEAK = "weak"

    @property
    def weight(self) -> float:
        return _WEIGHTS[self]


_WEIGHTS = {Kind.EXPLICIT: 0.95, Kind.INDIRECT: 0.8, Kind.TOPIC: 0.7, Kind.WEAK: 0.5}


class Facet(StrEnum):
    """Cues that are harmless alone and imminent next to risk (see `rules.COMBOS`)."""

    MEANS = "means"
    PLAN = "plan"
    FAREWELL = "farewell"
    LOCATION = "location"
    TIMEFRAME = "timeframe"
    ACTION = "action"


class Frame(StrEnum):
    """Safe contexts the rule layer recognises."""

    IDIOM = "idiom"
    NEGATION = "negation"
    QUOTE = "quote"
    HYPERBOLE = "hyperbole"
    INFO = "info_question"
    STUDY = "study"
    MEDIA = "media"
    GAME = "game"
    DREAM = "dream"
    GRIEF = "grief"
    PREPAREDNESS = "preparedness"
    ACCIDENT = "accident"
    MINOR = "minor_injury"
    ROUTINE = "routine"
    PAST = "past"
    RESOLVED = "resolved"
    PAST_RESOLVED = "past_resolved"


@dataclass(frozen=True, slots=True)
class RiskPattern:
    name: str
    label: Label
    kind: Kind
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CuePattern:
    name: str
    facet: Facet
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FramePattern:
    name: str
    frame: Frame
    forms: tuple[str, ...]


# --- word lists ----------------------------------------------------------------------------

MACROS: dict[str, tuple[str, ...]] = {
    "NEG": ("not", "never", "no", "nah", "nope", "without", "nor"),
    "WANT": (
        "want",
        "wants",
        "wanted",
        "wanting",
        "wish",
        "wishes",
        "wished",
        "wishing",
        "hope",
        "hopes",
        "hoping",
    ),
    "DIE": ("die", "dying", "died", "dead", "gone"),
    "THIRDSELF": ("himself", "herself", "themselves", "themself"),
    "THIRD": ("he", "she", "they", "him", "her", "them", "his", "their"),
    "REL": (
        "friend",
        "friends",
        "sister",
        "sis",
        "brother",
        "bro",
        "mom",
        "mum",
        "mother",
        "mama",
        "dad",
        "father",
        "papa",
        "son",
        "daughter",
        "kid",
        "kids",
        "child",
        "wife",
        "husband",
        "boyfriend",
        "girlfriend",
        "partner",
        "roommate",
        "roomie",
        "coworker",
        "colleague",
        "cousin",
        "aunt",
        "uncle",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "nan",
        "nephew",
        "niece",
        "student",
        "classmate",
        "neighbor",
        "neighbour",
        "baby",
        "toddler",
        "teen",
        "teenager",
        "fiance",
        "fiancee",
        "ex",
        "buddy",
        "mate",
        "pal",
        "stepdad",
        "stepmom",
        "stepfather",
        "stepmother",
        "parents",
        "parent",
        "boss",
        "teammate",
        "girl",
        "guy",
        "boy",
        "man",
        "woman",
        "someone",
        "somebody",
        "patient",
        "client",
        "hermano",
        "hermana",
        "amigo",
        "amiga",
        "hijo",
        "hija",
        "esposo",
        "esposa",
        "novio",
        "novia",
        "padre",
        "madre",
    ),
    "ABUSER": (
        "he",
        "she",
        "they",
        "dad",
        "father",
        "mom",
        "mum",
        "mother",
        "stepdad",
        "stepmom",
        "stepfather",
        "stepmother",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "partner",
        "ex",
        "uncle",
        "aunt",
        "brother",
        "sister",
        "cousin",
        "grandpa",
        "grandma",
        "coach",
        "teacher",
        "parents",
        "parent",
        "guardian",
        "babysitter",
        "pastor",
        "priest",
        "boss",
        "fiance",
        "fiancee",
        "someone",
        "somebody",
        "man",
        "guy",
        "landlord",
        "roommate",
        "caregiver",
        "caretaker",
        "nurse",
        "nanny",
        "carer",
        "stepbrother",
        "stepsister",
    ),
    "METHOD": (
        "pills",
        "pill",
        "rope",
        "noose",
        "gun",
        "pistol",
        "rifle",
        "shotgun",
        "razor",
        "handgun",
        "revolver",
        "razors",
        "blade",
        "blades",
        "tablets",
        "sleeping",
        "tylenol",
        "paracetamol",
        "acetaminophen",
        "oxy",
        "oxycodone",
        "fentanyl",
        "heroin",
        "insulin",
        "bleach",
        "antifreeze",
        "poison",
        "bullets",
        "ammo",
        "helium",
        "charcoal",
        "xanax",
        "benadryl",
        "lithium",
        "seroquel",
        "opioids",
        "painkillers",
        "barbiturates",
        "cyanide",
        "pastillas",
    ),
    "BODY": (
        "arm",
        "arms",
        "wrist",
        "wrists",
        "thigh",
        "thighs",
        "leg",
        "legs",
        "skin",
        "stomach",
        "hip",
        "hips",
        "body",
        "forearm",
        "forearms",
        "ankle",
        "ankles",
        "belly",
        "shoulder",
        "shoulders",
        "face",
    ),
    "HIGH": (
        "bridge",
        "roof",
        "rooftop",
        "ledge",
        "edge",
        "cliff",
        "balcony",
        "overpass",
        "tracks",
        "railway",
        "top",
        "parking",
        "garage",
        "tower",
        "building",
        "window",
        "railing",
    ),
    "WEAPON": (
        "gun",
        "guns",
        "rifle",
        "rifles",
        "pistol",
        "knife",
        "knives",
        "bomb",
        "bombs",
        "ar15",
        "shotgun",
        "weapon",
        "weapons",
        "machete",
        "explosives",
        "ammo",
        "pipe",
    ),
    "TARGET": (
        "him",
        "her",
        "them",
        "someone",
        "somebody",
        "people",
        "everyone",
        "everybody",
        "my",
        "his",
        "that",
        "those",
        "these",
        "kids",
        "children",
        "students",
        "coworkers",
        "classmates",
        "teachers",
        "neighbor",
        "neighbour",
        "boss",
        "ex",
        "wife",
        "husband",
        "girlfriend",
        "boyfriend",
        "dad",
        "mom",
        "brother",
        "sister",
        "others",
        "anyone",
        "anybody",
        "baby",
        "kid",
        "child",
        "teacher",
        "lo",
        "la",
        "a",
        "the",
        "this",
        "newborn",
        "infant",
        "son",
        "daughter",
        "roommate",
        "coworker",
        "classmate",
    ),
    "PLACE": (
        "school",
        "mall",
        "office",
        "work",
        "church",
        "class",
        "classes",
        "campus",
        "party",
        "concert",
        "mosque",
        "synagogue",
        "temple",
        "store",
        "hospital",
        "workplace",
        "job",
        "building",
        "gym",
        "daycare",
        "university",
        "college",
        "parade",
        "club",
    ),
    "TRIVIAL": (
        "fries",
        "food",
        "pizza",
        "snack",
        "snacks",
        "charger",
        "seat",
        "spoiler",
        "spoilers",
        "spoil",
        "spoils",
        "late",
        "meeting",
        "meetings",
        "song",
        "lecture",
        "traffic",
        "emails",
        "email",
        "zoom",
        "shift",
        "customer",
        "customers",
        "ads",
        "commercial",
        "episode",
        "snoring",
        "snores",
        "leftovers",
        "chocolate",
        "cake",
        "coffee",
        "netflix",
        "password",
        "remote",
        "sweater",
        "borrows",
        "borrowed",
        "eats",
        "ate",
        "laundry",
        "dishes",
        "singing",
        "noise",
        "playlist",
        "jokes",
        "puns",
        "presentation",
        "paperwork",
        "queue",
        "wifi",
        "printer",
        "group",
        "chat",
        "karaoke",
        "alarm",
        "commute",
        "slides",
        "powerpoint",
        "spreadsheet",
        "excel",
        "game",
        "match",
        "team",
        "referee",
        "ref",
        "buffering",
        "lag",
        "update",
        "mondays",
        "monday",
        "kpop",
        "meme",
        "memes",
        "jingle",
        "ringtone",
        "video",
        "tiktok",
        "podcast",
        "advert",
        "playlist",
        "radio",
        "pillow",
        "pillows",
        "snowball",
        "snowballs",
        "nerf",
        "balloon",
        "toy",
        "sock",
        "foam",
    ),
    "LAUGH": ("lol", "lmao", "lmfao", "haha", "hahaha", "rofl", "jk", "😂", "💀", "🙄", "🤣", "😆"),
}

# --- risk patterns -------------------------------------------------------------------------

_METHOD_ACTS = (
    "((drive|driving|drove|crash|crashing|steer|steering|swerve|swerving|veer) ~3 (into|off) ~2 "
    "(river|lake|wall|tree|traffic|oncoming|oncoming traffic|truck|bridge|pole|cliff|ocean|sea|"
    "barrier|overpass|semi|canal)|(walk|walking|step|stepping|jump|jumping|throw myself|"
    "throwing myself|run|running|lie|lying|lay) ~2 (into|in front of|onto|on) ~2 (traffic|train|"
    "bus|truck|car|tracks|highway|freeway|road|express|subway|metro|tram)|(jump|jumping|throw "
    "myself|throwing myself) ~1 "
    "(off|from) ~3 (bridge|building|roof|cliff|balcony|ledge|overpass|garage|window|tower)|"
    "(hang|hanging) myself|(put|putting) ~1 (a|the|my) ~1 (gun|bullet) ~2 (to|in) my ~1 (head|"
    "mouth)|(let go|letting go) of the ~1 (steering)? wheel|(drive|driving|drove|swerve|"
    "swerving|veer|veering|steer|steering) ~2 off (the|a) ~1 (road|highway|bridge|cliff|"
    "overpass|pier))"
)
"""Ways of dying people describe instead of naming suicide ("drive into the river")."""

_SELF_VERBS = (
    "kill murder off hang shoot drown stab poison suffocate gas electrocute strangle overdose"
).split()
_KILL_SELF = (
    "("
    + "|".join(f"@{verb} myself" for verb in _SELF_VERBS)
    + "|@end my own? life|@end it all|commit suicide|committing suicide|@end everything|@take my "
    "own? life|@slit "
    "my wrist|@slit my wrists|@slit my throat|@overdose on purpose|@take my life)"
)

RISK: tuple[RiskPattern, ...] = (
    # -- ideation -------------------------------------------------------------------------
    RiskPattern("ideation.kill_self", Label.IDEATION, Kind.EXPLICIT, (_KILL_SELF,)),
    RiskPattern(
        "ideation.method",
        Label.IDEATION,
        Kind.EXPLICIT,
        (
            "(think|thinking|thought|thoughts|imagine|imagining|picture|picturing|fantasize|"
            "fantasizing|urge|urges|tempted|want|wanted|wanting|wish|keep thinking|dream|"
            "dreaming|considering|consider) ~3 (about|of|to)? ~1 " + _METHOD_ACTS,
            "(how easy|so easy|would be easy) ~3 " + _METHOD_ACTS,
        ),
    ),
    RiskPattern(
        "ideation.want_death",
        Label.IDEATION,
        Kind.EXPLICIT,
        (
            "%WANT ~1 to (die|be dead|be gone|disappear forever|stop existing|stop living|"
            "not exist|not be alive|not be here|not wake up|cease to exist|just die|sleep "
            "forever|go to sleep forever|fall asleep forever|go away forever|go away for good|"
            "vanish forever|stop breathing)",
            "%WANT i|to|he|she|they (was|were|could|would|will) ~1 (die|dead|gone|never born|"
            "disappear forever|stop existing)",
            "%WANT i|to had never been born",
            "%WANT i (did|do) not exist",
            "%WANT i ~2 (do not|would not|will not|never) wake up",
            "%WANT ~1 i (could|would|will) just ~1 (die|not wake up|disappear)",
            "i (should|deserve to|need to|ought to) ~1 (die|be dead|not be alive|not exist)",
            "(rather|prefer to) (be dead|die|not exist|not be alive|not wake up|not be here)",
            "(death|dying|suicide|killing myself|ending it) ~3 (only way|only answer|only option|"
            "only solution|only escape|the answer|the way out)",
            "pretending ~2 (i want to live|i want to be alive|to want to live|to be okay)",
            "how many ~3 (pills|tablets|tylenol|sleeping pills) ~3 (it takes|would it take|does it "
            "take|would take|to take)",
            "i should not (be alive|be here|exist|have been born)",
            "(ready|prepared) to die",
            "i just want out",
            "pray|praying i ~2 (die|do not wake up)",
            "%WANT (it|everything|this|life|it all|my life|the pain|all of it|the world) to "
            "(end|stop|be over) ~1 (forever|permanently|for good)?",
            "death (sounds|seems|feels|looks|would be|would feel|is) ~2 (peaceful|nice|good|"
            "better|easier|appealing|like a relief|a relief|like freedom|welcome|so nice|"
            "comforting|like rest|tempting)",
            "i ~2 (welcome|crave|long for|envy|am jealous of|romanticize) ~2 (death|the dead|"
            "dead people|dying)",
            "(quiero|quisiera|queria|deseo|ganas de|quiere) ~1 (morir|morirme|matarme|"
            "suicidarme|desaparecer|estar muerto|estar muerta|dejar de existir|no existir|no "
            "despertar)",
            "me (quiero|queria|quisiera) ~1 (morir|matar|suicidar)",
            "(pienso|pensando|pense|pensamientos|pienso mucho) ~2 (en|de) ~2 (matarme|"
            "suicidarme|morir|morirme|la muerte|quitarme la vida|el suicidio|desaparecer)",
            "soy suicida",
            "me siento suicida",
            "(ideas|pensamientos) suicidas",
            "quitarme la vida",
            "acabar con (todo|mi vida)",
            "(desaparecer|dormir|dormirme|irme) para siempre",
            "me mato",
            "mejor (me muero|muerto|muerta)",
        ),
    ),
    RiskPattern(
        "ideation.suicidal",
        Label.IDEATION,
        Kind.EXPLICIT,
        (
            "(i am|i|feel|feeling|been|getting|so|really|very|kind of|pretty|super|lowkey|"
            "highkey|always|still|felt|was|get) ~1 suicidal",
            "suicidal (again|lately|today|tonight|now|af|thoughts|urges|feelings|right now|"
            "these days|all the time|mood|episode|and)",
            "my suicidal",
            "(thinking|thought|think|thoughts|considering|considered|contemplating) ~2 (about|of)? "
            "~1 (suicide|dying|death|killing myself|ending it|ending it all|ending my life|"
            "ending things|not being here|not existing|taking my life|taking my own life|"
            "disappearing forever|offing myself|hanging myself|overdosing|jumping off|"
            "jumping in front)",
            "i ~4 (attempt|attempted|tried|try|trying) ~2 (suicide|to kill myself|to end my "
            "life|to end it|to die)",
            "i ~3 suicide again",
            "(@research|look up|looked up|looking up|googling|googled|searching|searched|"
            "reading about) ~3 (ways|how|methods|way|method) ~3 (die|suicide|kill|overdose|"
            "hang|end|lethal|painless)",
            "how (to|do i|can i|would i|could i|should i) ~3 (kill myself|end my life|commit "
            "suicide|die painlessly|die quickly|overdose|hang myself|end it all)",
            "(painless|easy|quick|easiest|quickest|best) ~1 (way|ways|method|methods) ~2 (to "
            "die|to go|of dying|to end it|of suicide|to kill myself)",
            "painless death",
            "how many ~3 (pills|tablets|tylenol|mg) ~4 (die|kill|lethal|overdose|fatal|to "
            "not wake up)",
            "lethal dose",
            "i ~3 kill yourself",
        ),
    ),
    RiskPattern(
        "ideation.not_living",
        Label.IDEATION,
        Kind.EXPLICIT,
        (
            "%NEG ~3 want to (live|exist|continue|continue living|go on|keep going|keep living|"
            "be alive|be here|be around|wake up|stay alive|survive|do this anymore|see tomorrow|"
            "see another day|be on this earth)",
            "no longer want to (live|exist|be here|be alive|go on|keep going|be around)",
            "%NEG ~2 want to (be alive|be here|be around|live|exist) ~1 anymore",
            "i hope i (do not|never|will not) wake up",
            "%NEG ~3 (reason|point|purpose) ~1 (to|in|for) ~2 (live|living|keep going|go on|"
            "going on|wake up|waking up|being alive|being here|exist|existing|staying alive|"
            "continue|continuing|stay|staying|life)",
            "%NEG (reason|reasons) ~1 to stay",
            "what is (the|even the) point of (living|life|being alive|anything|going on|"
            "existing|me|waking up|it all)",
            "life ~3 %NEG ~1 (worth living|worth it)",
            "not worth living",
            "nothing (left)? to live for",
            "%NEG ~1 will to live",
            "lost ~1 (the|my) will to live",
            "(tired|sick|exhausted|so tired|so done) ~2 of (living|existing|being alive|life|"
            "being here|waking up|breathing|being me|surviving|trying to survive|it all)",
            "(done|finished) with (life|living|existing|this world|this life|being alive)",
            "i can not (go on|keep living|live like this|do life|keep doing life|exist anymore)",
            "only way out",
            "(burden|weight) (to|on) (everyone|everybody|my family|them|the people)",
            "better off (without me|dead|if i was gone|if i were gone|if i was dead|if i were "
            "dead|if i died|if i disappeared|if i was not here|if i were not here|if i was "
            "never born)",
            "better off if (i|he|she|they) ~2 (dead|gone|died|disappeared|was not|were not|did not "
            "exist|"
            "was not around|were not around)",
            "(no one|nobody) ~2 (would|will|is going to) ~1 (miss me|even notice if i|care if "
            "i|notice if i|care when i|notice when i|notice i am gone|care i am gone|miss me "
            "when)",
            "(not|never) miss me (if|when)",
            "@sleep|rest (forever|permanently|eternally)",
            "(sleep|go to sleep|fall asleep|close my eyes) (and|&|n) (never|not) (wake up|open "
            "them)",
            "never wake up again",
            "(not|never) wake up (again|ever|anymore)",
            "(eternal|forever|permanent|endless) (sleep|rest|nap)",
            "(wish|hope|hoping|pray|praying) ~3 (car|bus|truck|train|plane|meteor|lightning) "
            "~2 (hits me|hit me|crashes|crash|would hit|would crash|kills me|kill me|runs me "
            "over|run me over|takes me out|goes down|go down|would go down)",
            "(not|never) ~1 mind if ~3 (hit me|hits me|killed me|kills me|kill me|i died|i "
            "die|i was dead|i were dead|crashed|crash|ran me over|runs me over|took me|i did "
            "not wake up|i never woke up|i got hit)",
            "(not|never) ~1 mind (dying|being dead|getting hit|not waking up|never waking up)",
            "(fine|okay|ok|happy|glad|relieved|at peace|better off) ~1 if i (did not|do not|never|"
            "would not|will not|could not) (wake up|make it|survive)",
            "(fine|okay|ok|happy|glad|relieved|at peace) ~1 if i (died|die|was dead|were dead|"
            "was gone|were gone|got hit|never woke up)",
            "(not|never) ~2 care if i (die|died|was dead|lived or died|did not wake up)",
            "if i ~2 (died|die) ~2 (tomorrow|tonight|today) ~3 (not care|fine|okay|relief|"
            "whatever)",
            "give up on (life|living|everything)",
            "i (have|am|just)? (given|giving|gave) up on (life|living)",
            "(@give) ~3 away ~3 my ~2 (things|stuff|belongings|possessions|clothes|books|games|"
            "jewelry|cat|dog|pets|plants|guitar|art|favorite)",
            "(@give) my ~4 (things|stuff|belongings|possessions|clothes|books|games|jewelry|"
            "pets|art) ~2 away",
            "(will not|do not|would not|never going to) need (them|it|these|those|my stuff|my "
            "things) ~2 (anymore|any more|where i am going|after|soon)",
            "(will|would|wo) not (be here|be around) ~2 (much longer|for long|long)",
            "not going to (be here|be around) ~2 (much longer|long|for long)",
            "(waiting|wait) (to die|for death|for it to end|for the end)",
            "%NEG future for me",
            "(everyone|everybody|the world|my family|they|people|my friends) ~4 (happier|"
            "easier|better) (without me|if i was gone|if i were gone|when i am gone)",
            "i ~2 (should have|should of) died",
            "i ~2 wish ~2 (had died|had not survived|would have died|did not survive|was not "
            "saved|had not woken up)",
            "should not have survived",
            "hate (being alive|existing|waking up every day)",
            "(be with|join|see) ~1 (her|him|them|mom|dad|my mom|my dad|grandma|grandpa) ~1 "
            "again? ~2 (in heaven|soon|on the other side|up there)",
            "(desaparecer|dormir|irme) para siempre",
            "no (me)? (quiero|quisiera|deseo) ~2 (vivir|despertar|despertarme|estar aqui|existir|"
            "seguir|seguir viviendo|estar vivo|estar viva)",
            "ya no (quiero|puedo|quiere|quieren|puede) ~2 (estar|vivir|seguir|existir|mas)",
            "(no tengo|no tiene|sin) ganas de vivir",
            "ojala (que)? ~2 (no despertar|no despierte|no despertara|no amanecer|no amanezca|me "
            "muera|me muriera|estuviera muerto|estuviera muerta|no existiera|desapareciera|no "
            "haber nacido|nunca haber nacido)",
            "mejor sin mi",
            "mejor si ~1 yo? ~2 (muero|muriera|desaparezco|desapareciera|no estuviera|no "
            "existiera)",
            "no vale la pena (vivir|seguir)",
            "no tiene sentido (vivir|seguir|nada)",
            "para que (seguir|vivir)",
            "ya no aguanto (mas|vivir)",
            "nadie me (extranaria|va a extranar|echaria de menos)",
            "nadie ~1 (notaria|se daria cuenta) ~2 si ~1 (muero|desaparezco|me muero)",
            "(cansado|cansada|harto|harta) de (vivir|existir)",
        ),
    ),
    RiskPattern(
        "ideation.third_party",
        Label.IDEATION,
        Kind.INDIRECT,
        (
            "(want|wants|wanted|going to|planning to|plans to|threatening to|threatened to|tried "
            "to|tries to|trying to|attempted to|talking about|talks about|keeps talking about|"
            "would|will|thinking about|thinks about|about to|ready to|decided to) ~2 (@kill|hang|"
            "shoot|drown|overdose|hurt|poison|end|off) (himself|herself|themselves|themself|his "
            "life|her life|their life|his own life|her own life)",
            "(%THIRD|%REL) ~3 (is|are|was|feels|feeling|been|seems) ~1 suicidal",
            "(said|says|wrote|writes|thinks|told me|texted|feels|posted|keeps saying) ~2 (that)? "
            "~1 (everyone|everybody|we|they|the world|her family|his family|people) ~3 better off "
            "without (her|him|them)",
        ),
    ),
    RiskPattern(
        "ideation.indirect",
        Label.IDEATION,
        Kind.INDIRECT,
        (
            "%WANT ~1 to (disappear|vanish) ~1 (forever|for good|permanently|and never come back)",
            "disappear (forever|for good|permanently)",
            "(thinking|think|thought|imagining|imagine|picturing|planning) about ~2 my (own)? "
            "(funeral|death|obituary|wake|memorial)",
            "(who|how many people) would (come|show up|go) to my (funeral|memorial)",
            "(google|googled|googling|search|searched|searching|look up|looked up|looking up|"
            "research|researching) ~2 (ways|how|methods) to (die|kill myself|end it|end my life)",
            "reasons to (stay alive|live|keep going|keep living|stay) ~6 (shorter|fewer|running "
            "out|can not think|none left)",
            "(question 9|q9|item 9|ninth question|last question) ~10 (nearly every day|more than "
            "half the days|several days)",
            "the thoughts are (there|back|still there|getting louder|louder)",
            "see you (on the other side|in the next life)",
            "(time|ready) (for me)? to go ~2 (for good|forever|permanently|for real|and not come "
            "back)",
            "(my time|it is my time) ~2 (to go|has come|is up)",
            "(world|everyone|everybody) (would be|is) better without me",
            "(world|everyone|nobody|no one|my family|they) ~2 (does not|do not|would not|will not) "
            "need me",
            "i can not (keep going|do this anymore|take it anymore|take this anymore|handle "
            "this anymore|handle life)",
            "done with (everything|it all)",
            "i (am|feel like|feel|am just) ~2 (a|such a) burden",
            "(tired|sick) of (everything|it all|fighting|trying)",
            "i (am|feel) ~2 (worthless|hopeless) ~3 (die|gone|dead|point|end)",
            "%NEG (point|reason) (anymore|any more)",
            "%NEG ~1 (reason|point) ~1 (to|in) ~1 (keep|keep going|anything|trying)",
            "%NEG ~1 way out",
            "(ya no puedo mas|no puedo mas)",
        ),
    ),
    RiskPattern(
        "ideation.topic",
        Label.IDEATION,
        Kind.TOPIC,
        ("suicidal", "suicide", "suicida", "suicidio", "suicidarme"),
    ),
    RiskPattern(
        "ideation.weak",
        Label.IDEATION,
        Kind.WEAK,
        (
            "i can not do (this|it) anymore",
            "(can not|could not) take (it|this) anymore",
            "i give up",
            "what is (even)? the point",
            "i am so done",
            "i am done (with)? (everything|life|it all|all of this|all of it|living|trying)",
            "hopeless",
            "worthless",
            "empty inside",
            "i just want (it|this|everything) to stop",
            "i want to disappear",
            "end it",
            "trapped",
            "i just want to sleep",
            "nobody cares",
            "i hate myself",
            "hate my life",
            "tired of existing",
            "not worth it anymore",
            "(it is|its|life is|it is all|none of it is|nothing is|this is)? not worth it",
            "i can not (even)? (anymore|any more)",
            "%NEG way out",
            "(goodbye|bye) (everyone|world|all)",
            "gone soon",
            "(make|made|update|updating|wrote|write|writing|finished) ~1 my ~1 (will|funeral "
            "plans|obituary)",
        ),
    ),
    # -- imminent -------------------------------------------------------------------------
    RiskPattern(
        "imminent.intent",
        Label.IMMINENT,
        Kind.EXPLICIT,
        (
            "(tonight|today|this weekend|tomorrow) (is|will be) the (night|day)",
            "this is ~1 my last (message|text|post|night|goodbye|day alive|day on earth)",
            "last time ~3 (hear|hearing) from me",
            "(last|final) (thing|words|message|text|post|note) ~2 (i will ever|i will|ever|"
            "you will ever|anyone will)",
            "my (suicide|goodbye|farewell) (note|notes|letter|letters)",
            "by the time (you|anyone|someone|they) ~1 (read|reads|see|sees|find|finds|get|"
            "gets) this",
            "i (will not|will never|am not going to) (be|wake up) ~1 (around|here|alive)? ~2 "
            "(tomorrow|tonight|by morning|next week|this weekend|in the morning)",
            "(will not|am not going to) be (around|here|alive) ~2 (tomorrow|tonight|by morning|"
            "next week|this weekend|in the morning|much longer|after today|after tonight)",
            "i will be (gone|dead) ~2 (tomorrow|tonight|by morning|soon|by then)",
            "(wrote|written|writing|write|finished|left|leaving) ~2 (a|my|the) ~1 (suicide|"
            "goodbye|farewell) (note|notes|letter|letters)",
            "%METHOD ~3 (lined up|laid out|laid up|counted out|ready to go|in my hand|in my "
            "mouth|all out)",
            "(counted|counting|sorted|stockpiled|stockpiling|hoarded|hoarding|saved up|saving "
            "up|collected|collecting|hiding|hid) ~3 %METHOD",
            "(gun|pistol|revolver) ~3 (loaded|cocked)",
            "loaded (gun|pistol|rifle|revolver)",
            "(gun|pistol|barrel|rifle|knife|blade|razor) ~3 (in my|to my|against my|on my) ~1 "
            "(mouth|head|temple|throat|wrist|wrists|neck|chest|lap)",
            "(rope|noose|belt|cord) ~3 (ready|tied|set up|around my neck|hanging|on the "
            "beam|on the door)",
            "(tied|tying|hung|hanging) ~2 (a|the) ~1 (rope|noose)",
            "i ~2 cut ~2 (too deep|deep|really deep|to the bone)",
            "(cut|slit|slitting|cutting) ~1 my (wrists|wrist|throat)",
            "bleeding ~3 (on purpose|out|to death)",
            "(car|engine) ~3 running ~2 in ~1 the ~1 garage",
            "(me voy a|voy a|quiero) (matar|suicidar) ~1 (hoy|esta noche|ahora)",
            "voy a (matarme|suicidarme)",
            "me voy a (matar|suicidar)",
            "me voy a tirar (de|del|por|al)",
            "(voy a|me voy a|quiero) (saltar|aventarme|tirarme|lanzarme|colgarme|ahorcarme) ~1 "
            "(de|del|desde|al|por|hoy|ahora|esta noche)?",
            "esta noche ~2 (me mato|lo hago|lo voy a hacer)",
            "(adios|adios a todos) ~1 (para siempre|a todos)",
            "tengo ~2 (pastillas|la cuerda|la pistola) ~2 (listas|lista|aqui|conmigo)",
        ),
    ),
    RiskPattern(
        "imminent.ingestion",
        Label.IMMINENT,
        Kind.EXPLICIT,
        (
            "(took|swallowed|taken|downed|ate|drank|popped|took like|taking) ~3 (all|"
            "whole|entire|bottle|bunch|handful|box|pack|packet|lot|everything|every|too many|"
            "dozens|20|30|40|50|60|100|a bunch) ~4 (pills|pill|tablets|meds|medication|"
            "medicine|sleeping|tylenol|paracetamol|insulin|xanax|antidepressants|"
            "painkillers|cabinet|prescription|advil|ibuprofen|aspirin|benadryl|lithium)",
            "(took|swallowed|taken|downed|ate|popped|took like) (#MANY) ~3 (pills|pill|tablets|"
            "meds|sleeping|tylenol|paracetamol|xanax|painkillers|advil|ibuprofen|benadryl|of)",
            "(took|swallowed|taken|downed|ate) ~6 (pills|tablets|meds|medication|medicine) ~1 "
            "(all of them|every one|every last one|the whole bottle|the whole box|the lot)",
            "(took|taken|swallowed|drank) ~2 everything ~2 (in|from) ~2 (the|my) ~1 "
            "(medicine|cabinet|bathroom|drawer|first aid)",
            "(swallowed|drank|drinking|took|ingested|taking) ~3 (bleach|antifreeze|"
            "poison|rat poison|pesticide|drain cleaner|weed killer|cleaner|detergent|lye|"
            "anti freeze|cyanide)",
            "i ~1 (just|already)? ~1 (overdosed|took an overdose)",
            "(me tome|trague|me trague|tome|se tomo|se trago|acabo de tomar|acabo de tomarme|"
            "acabo de tragar|acabo de tragarme|me acabo de tomar) ~3 (todas|todo|muchas|el "
            "frasco|la caja|un frasco|un monton|una caja|un bote|una botella|un blister|entera|"
            "entero) ~4 "
            "(pastillas|medicinas|pastilla|pildoras)",
            "me tome ~2 pastillas",
        ),
    ),
    RiskPattern(
        "imminent.location",
        Label.IMMINENT,
        Kind.INDIRECT,
        (
            "(i am|standing|sitting|sat|i am sitting|i am standing|here|i stand|i sit|i) ~2 "
            "(on|at|near) ~1 (the|this)? ~1 (top|edge|ledge|railing) ~1 of",
            "(i am|standing|sitting|sat|i am sitting|i am standing|here|i am now) ~2 (on|at) "
            "~1 (the|this)? ~1 (bridge|roof|rooftop|ledge|tracks|railway|overpass|cliff|"
            "railing|edge|train tracks|top floor)",
            "(holding|holding onto) ~2 (the|a|my) ~1 (gun|knife|blade|razor|rope|noose|pills) ~3 "
            "(right now|now|in my hand)",
            "(gun|pills|rope|noose|knife|blade) ~3 (in front of me|next to me|beside me|in my "
            "hand|in my lap|on my desk|on the bed|on the table|on my bed)",
            "so high up ~2 (🙃|and|looking|jump|down)",
            "(looking|look|staring) down ~2 (from|at) ~2 (bridge|roof|ledge|edge|water|street|"
            "the drop)",
            "estoy ~2 (en el puente|en la azotea|en el techo|en la orilla)",
            "(he|she|they|%REL) (is|are) ~2 (on|at|standing on|sitting on) the ~1 (bridge|roof|"
            "rooftop|ledge|tracks|railing|overpass|cliff|edge|rail|bridge rail)",
            "(esta|estan) ~2 (en el puente|en la azotea|en el techo|en la orilla|en las vias)",
            "se (va|quiere) a? (matar|suicidar|tirar|aventar)",
        ),
    ),
    # -- self-harm ------------------------------------------------------------------------
    RiskPattern(
        "self_harm.explicit",
        Label.SELF_HARM,
        Kind.EXPLICIT,
        (
            "@cut|burn|scratch|carve|bruise|starve|scar myself",
            "(hitting|banging|hit|bang|banged|smashing|smash) my head (against|on|into) ~1 "
            "(the|a)? (wall|walls|floor|desk|door|table)",
            "(compass|blade|razor|pin|needle|sharpener|scissors|nails) ~7 (dig|digging|dig it|"
            "carve|carving|scratch) ~2 (in|into)",
            "(got|took|taken|grabbed|have|get) (the|my|a) (razor|blade|blades|lighter|sharpener) "
            "(out|ready|in my hand)",
            "(cutting|burning|scratching|carving|starving|bruising) myself",
            "@hit|punch|hurt|harm|bite|pinch|slap|scratch|bang|beat myself (again|on "
            "purpose|until|when|to feel|so hard|every|badly|really bad|because|till)",
            "i (self harm|self harmed|self harming|have been self harming|started self "
            "harming|still self harm)",
            "(self harm|self harming|self harmed) (again|tonight|last night|today|is the only|"
            "helps|relapse|urges|urge|scars|cuts|wounds)",
            "(relapsed|relapse|relapsing) ~3 (self harm|cutting|burning|sh)",
            "@cut (again|deeper|last night|tonight|today|this morning) ~1",
            "(cutting|cut|burning|burned|burnt) (again|myself again)",
            "(carved|carving|cut|cutting|scratched|burned) ~4 into my ~1 %BODY|skin",
            "(days|months|weeks|years|day|month|week|year) ~1 clean ~2 (gone|ruined|over|"
            "broken|lost|down the drain|wasted)",
            "(broke|lost|ruined|reset) ~1 my ~1 (clean|streak|clean streak)",
            "(%WANT|urge|urges|tempted|craving|cravings|need|itching|want so bad) ~2 to (cut|"
            "self harm|burn myself|hurt myself|cut myself|cut again|hurt myself again)",
            "(urge|urges) (to cut|to self harm|to hurt myself|are back|to burn)",
            "(bleed|bleeding) on purpose",
            "make myself bleed",
            "(hide|hiding|cover|covering|covered) ~2 my ~1 (cuts|scars|self harm|wounds|burns)",
            "(blade|blades|razor|razors|sharpener|lighter) ~3 (my ~1 %BODY|myself|on my skin)",
            "me (corte|corto|lastimo|lastime|quemo|queme|rasguno|golpeo|hago dano|hice dano)",
            "(cortarme|lastimarme|autolesion|autolesiones|autolesionarme|hacerme dano|quemarme)",
            "(volvi a|otra vez a) (cortarme|lastimarme)",
        ),
    ),
    RiskPattern(
        "self_harm.indirect",
        Label.SELF_HARM,
        Kind.INDIRECT,
        (
            "(cuts|scars|marks|burns|wounds|bruises|scratches) ~1 (on|all over) ~1 (her|his|"
            "their|my) ~1 %BODY",
            "(keep|keeps|can not stop|cannot stop|always) ~1 (thinking|dreaming) about (the|my|"
            "a) (razor|blade|blades|lighter|sharpener|scissors|compass)",
            "(%THIRD|%REL) ~3 (cuts|cut|cutting|burns|burning|burned|carves|carving|hurts|"
            "hurting|harms|harming) ~1 (%THIRDSELF|again)",
            "(%THIRD|%REL) ~3 (self harms|self harming|self harmed|self harm)",
            "(fresh|new|deep|open) (cuts|scars|wounds|burns|scratches)",
            "covered in ~2 (cuts|scratches|scars|burns)",
            "(hitting|banging|punching|hit|bang|punch|slamming) ~4 (on purpose|until it bleeds|"
            "until i bleed|until i bruise)",
            "i ~2 @cut|burn|carve ~1 my ~1 %BODY",
            "@cut|slice|slit|carve|burn|scratch|scrape ~1 my ~1 %BODY",
            "(cuts|scars|marks|burns) ~1 on ~1 my ~1 %BODY",
            "(hurt|hurting|harm|harming|punch|punching|hit|hitting) myself",
            "(pain|hurting myself|cutting|burning) ~3 (to feel something|feel something|"
            "to feel better|to cope|to sleep|to feel real|to calm down|helps me sleep)",
            "(the only way|only way|only thing) ~3 (cope|feel|sleep|calm down)",
            "(barcode|barcodes|beans|styro)",
            "cat scratches",
            "' cat '",
            '" cat "',
        ),
    ),
    RiskPattern(
        "self_harm.topic",
        Label.SELF_HARM,
        Kind.TOPIC,
        (
            "self harm",
            "self harming",
            "self injury",
            "self injuring",
            "self mutilation",
            "cutting",
            "relapsed",
            "scars",
            "blades",
            "blade",
        ),
    ),
    # -- harm to others -------------------------------------------------------------------
    RiskPattern(
        "harm_to_others.intent",
        Label.HARM_TO_OTHERS,
        Kind.INDIRECT,
        (
            "(put|putting|hold|holding|press|pressing) (a|the) pillow over (his|her|their) face",
            "(i have|ive|i have got|i got) something (for|planned for) (them|him|her|those|all of "
            "them)",
            "(wait|waiting|gonna wait|going to wait|will wait) for ~3 (him|her|them|that guy|"
            "that girl|my ex|my boss|my stepdad|my dad) ~5 with (a|my|the|his) (bat|knife|gun|"
            "crowbar|hammer|machete|pipe|brick)",
            "(going to|want to|plan to|planning to|about to|ready to|decided to|urge to|wants to|"
            "plans to|tempted to|gonna|i will|i am going to|i could|i might|i would|i swear i will|"
            "i am gonna|really want to) ~2 @kill|hurt|stab|shoot|murder|strangle|choke|"
            "poison|attack|beat|punch|harm|burn ~1 %TARGET",
            "(going to|want to|plan to|planning to|about to|ready to|decided to|gonna|i will|"
            "i am going to|i could|i might) ~2 (run over|run down|mow down) ~1 %TARGET",
            "(@think|thinking|thoughts|fantasize|fantasizing|fantasies|dream|dreaming|urges|"
            "imagine|imagining) ~2 (about|of) ~2 (killing|hurting|stabbing|shooting|murdering|"
            "running|strangling|poisoning|attacking|harming|choking|beating|drowning) ~2 "
            "(people|someone|somebody|him|her|them|my|others|kids|over|a|the|strangers|"
            "everyone|pedestrians|cyclists|my baby|my kid)",
            "(shoot|shooting) ~1 up ~1 (%PLACE|the|his|her|my|a|our|their)",
            "@bring|take|carry|sneak ~3 %WEAPON ~2 (to|into) ~2 (%PLACE|the)",
            "(@bomb|blow up) ~2 (the|my|his|her|a|our) ~1 %PLACE",
            "(@plan|planning|plotting) ~3 (attack|shooting|massacre|bombing|revenge|to hurt|"
            "to kill)",
            "make (them|everyone|them all) (pay|suffer|regret)",
            "(get|getting) (my|our)? revenge",
            "kill (them all|everyone|everybody|all of them)",
            "(%THIRD|%REL) ~4 (going to|will|wants to|plans to|planning to|threatening to|"
            "threatened to|said he would|said she would|said they would|said he will|said he "
            "is going to|said she is going to|keeps saying he will|keeps talking about) ~2 "
            "@kill|shoot|hurt|stab|attack|bomb|murder ~2 (%TARGET|up|everyone)",
            "hit list",
            "(urge|urges|tempted|thoughts|intrusive thoughts|impulse|impulses) ~2 to (hurt|kill|"
            "harm|drown|smother|shake|stab|suffocate) ~1 (my|the|a|him|her|them|someone|people|"
            "somebody)",
            "(run|running) ~1 (him|her|them|my|that) ~2 over",
            "list of ~2 (people|names|kids|students) ~4 (hurt|kill|shoot|wants to|going to)",
            "(voy a|quiero|va a|vamos a) ~1 (matar|matarlo|matarla|matarlos|golpear|disparar)",
            "(lo|la|los|las) (voy a|vamos a) (matar|golpear)",
            "le voy a (pegar|disparar|hacer dano)",
        ),
    ),
    RiskPattern(
        "harm_to_others.weak",
        Label.HARM_TO_OTHERS,
        Kind.WEAK,
        (
            "%WEAPON ~3 %PLACE",
            "(showed|show|shown) ~2 me ~2 %WEAPON",
            "(posting|posts|posted|talking|talks|bragging) ~2 about ~3 (%WEAPON|shooting|"
            "bombing|killing people)",
            "@hurt|kill|harm|hit|punch|stab (anyone|anybody|someone|somebody|people)",
            "so angry ~3 (kill|hurt|punch|stab|snap)",
            "lose control ~3 (hurt|kill)",
        ),
    ),
    # -- abuse ----------------------------------------------------------------------------
    RiskPattern(
        "abuse.explicit",
        Label.ABUSE,
        Kind.EXPLICIT,
        (
            "i ~2 (was|got|been|am being|have been|get) ~1 (raped|molested|assaulted|sexually "
            "assaulted|abused|groomed|trafficked|drugged|beaten|choked|strangled|beaten up)",
            "(raped|molested|sexually assaulted|groped|drugged|roofied) me",
            "(%ABUSER|%REL) ~3 @hit|beat|punch|slap|kick|choke|strangle|smack|whip|burn|rape|"
            "molest|bite|abuse|strike (me|us|my mom|my sister|my brother|my kids)",
            "(%ABUSER|%REL) ~3 (touch|touches|touched|touching|fondle|fondles|fondled) (me|my "
            "daughter|my son|her|him) ~3 (inappropriately|private|down there|where|under|at "
            "night|when|in my|in her|in his|and)",
            "(%ABUSER|%REL) ~3 (threatened|threatens|threatening|says|said|swore|swears) ~3 "
            "(kill|hurt|beat) ~1 (me|us|my)",
            "(%ABUSER|%REL) ~2 (is going to|will|is gonna) kill me",
            "(%ABUSER|%REL) ~3 (slammed|slams|smashed|smashes|shoved|shoves|pushed|pushes|threw|"
            "throws|dragged|drags|pinned|pins) (me|my head|my face|my body|us) ~3 (into|against|"
            "down|onto|across|to the|by my|on the)",
            "(@stalk|stalking|stalks) me",
            "(@follow|following|follows|track|tracking|tracks) me ~3 (everywhere|home|to "
            "work|to school|phone|location|around)",
            "(i am|i am in|i live in|i am stuck in|my) ~1 abusive ~1 (relationship|partner|"
            "husband|wife|boyfriend|girlfriend|home|parents|dad|mom|father|mother|stepdad|"
            "household|ex|marriage)",
            "(sexual|physical|emotional) abuse ~3 (me|my|i|at home)",
            "(is|are|was|were|being|been|get|gets|getting) (starved|beaten|abused|neglected|"
            "molested|raped|trafficked|beaten up|locked up|choked)",
            "sexually (abused|assaulted)",
            "@lock|locked|locks (me|us|them|my kids|my sister|my brother) (in|out|inside|up)",
            "(%NEG|never) ~1 (feed|feeds|fed|let us eat|let me eat) (us|me|them|him|her|my)",
            "(lock|locks|locked) ~1 the ~1 (fridge|food|cabinets|pantry)",
            "(keep|keeps|kept|keeping) ~1 (girls|women|kids|children|people|boys|a girl|a "
            "woman|young girls) ~4 (in|inside|locked) ~3 (apartment|house|room|basement|van|"
            "car|trailer)",
            "(draining|drained|stealing|stole|steals|took|taking|takes|emptying|emptied) ~3 "
            "(his|her|their|grandpa|grandma|grandmother|grandfather|my grandma|my grandpa) "
            "~2 (bank|account|savings|pension|money|social security|benefits|checks)",
            "(afraid|scared|terrified) ~2 (to go|of going|to be) home",
            "(afraid|scared|terrified) ~2 (of|that) ~1 my ~1 (dad|father|husband|boyfriend|"
            "partner|stepdad|mom|mother|ex|wife|girlfriend) ~3 (will|going to|gonna|might|"
            "kill|hurt|hit|beat|find)?",
            "(asking|asked|asks|wants|send|sent|sending|messaging|messages|texting|dming) ~3 "
            "(nudes|nude|naked|pictures|pics|"
            "photos) ~5 "
            "(13|14|15|12|11|10|underage|a minor|in middle school|in 8th grade|in 7th grade)",
            "(grooming|groomed|trafficking|trafficked)",
            "(me|nos) (pega|pegan|pego|golpea|golpean|golpeo|viola|violo|violaron|abusa|abuso|"
            "abusaron|amenaza|amenazo|maltrata|maltrato|encierra|encerro|ahorca|ahorco)",
            "abuso (de mi|sexual)",
            "(abusa|abusaba|abusaron|abuso|abusando) de (mi|nosotros|nosotras|mi hermana|mi "
            "hermano|ella|el)",
            "violencia domestica",
            "me toca ~2 (partes|donde no|sin permiso|cuando)",
            "(me va a|nos va a|me quiere) matar",
        ),
    ),
    RiskPattern(
        "abuse.indirect",
        Label.ABUSE,
        Kind.INDIRECT,
        (
            "(%ABUSER|%REL) ~3 @push|shove|grab|throw|hurt|drag|pin|threaten|slam (me|us)",
            "(tells|told|telling|says|said|makes|made) (me|her|him) ~2 (not to|never to|to not|"
            "not) tell (anyone|anybody|my parents|my mom|my dad|her parents|his parents) ~5 "
            "(what we do|what happened|what he does|what she does|about us|our secret|what he "
            "did|what she did)",
            "(teacher|coach|tutor|stepdad|uncle|pastor|priest|boss|neighbor|neighbour) ~6 "
            "(our little secret|our secret|keep it a secret|keep this between us)",
            "(%ABUSER|%REL) ~3 @hit|beat|punch|slap|kick|choke|strangle|smack|whip|burn|rape|"
            "molest|abuse|starve (her|him|them|my sister|my mom|my brother|my kids|the kids|"
            "his kids|her kids|my grandma|my grandpa|grandma|grandpa)",
            "(knows|found out) where i (live|work|sleep)",
            "(keeps|keep|kept|always) (following|watching|stalking) me",
            "(@show) ~2 up ~2 (at|outside) my ~1 (work|house|job|school|gym|place|apartment|"
            "door|home|class)",
            "(control|controls|controlling) ~2 (my|all my) ~2 (money|phone|finances|"
            "friends|passport|keys|car keys|medication|meds)",
            "(will not|does not|never) let me (leave|eat|sleep|see my|call|have my)",
            "(bruises|bruised|black eye|welts|belt marks|handprints) ~3 (%REL|kid|child|"
            "student|her|his|she|he)",
            "(%REL|kid|child|student) ~3 (bruises|black eye|welts|belt marks|handprints)",
            "(yelling|yells|screams|screaming|shouting) ~1 at ~1 (me|him|her) ~3 (every|all|"
            "and|hits|throws|threatens)",
            "(do not|does not|never) feel safe (at home|with him|with her|around him)",
            "not safe at home",
            "(never leave|can not leave|not allowed to leave|never come out|never go outside)",
            "(sexual|physical|emotional) abuse",
        ),
    ),
    RiskPattern(
        "abuse.topic",
        Label.ABUSE,
        Kind.TOPIC,
        (
            "(domestic violence|domestic abuse|abusive relationship|abusive relationships|child "
            "abuse|elder abuse|sexual assault|human trafficking)",
        ),
    ),
    # -- medical emergency ----------------------------------------------------------------
    RiskPattern(
        "medical.acute",
        Label.MEDICAL_EMERGENCY,
        Kind.EXPLICIT,
        (
            "(%NEG|stopped|barely|trouble|struggling|hard time|difficulty) ~1 breathing",
            "(can not|could not|can barely) breathe",
            "(unconscious|unresponsive)",
            "(not responding|will not wake up|can not wake ~1 up|is not waking up|not waking up)",
            "(turning|turned|going) (blue|purple|grey|gray)",
            "(lips|face|skin|fingers|fingertips) ~2 (blue|purple|grey|gray)",
            "(he|she|they|baby|he is|she is) ~2 (blue|limp|floppy) ~2 (and|not|shivering|cold)",
            "(floppy|limp|lethargic)",
            "chest (pain|pains|pressure|tightness|is crushing|feels crushed)",
            "(pain|pressure|tightness|weight|elephant|crushing) ~3 (in|on) ~1 my ~1 chest",
            "having ~1 a ~1 (heart attack|stroke|seizure)",
            "(face|mouth|smile) ~2 (drooping|droopy|numb)",
            "(slurred|slurring) ~1 (speech|words)",
            "one side ~3 (numb|weak|paralyzed|droopy)",
            "(seizure|seizures|seizing|convulsing|convulsions|fitting)",
            "bleeding ~2 (a lot|heavily|badly|everywhere|will not stop|so much|non stop|from "
            "the head|from his head|from her head)",
            "(lots|lot|so much|pool|puddle) of blood",
            "(overdosed|overdosing)",
            "(took|taken|had|gave him|gave her) ~2 (too much|too many|way too much|double|"
            "triple|extra) ~3 (insulin|meds|medicine|medication|pills|pill|tablets|dose|"
            "tylenol|xanax|fentanyl|heroin|oxy|opioids)",
            "(swallowed|drank|ate|ingested|got into|licked|chewed) ~5 (bleach|detergent|pod|"
            "pods|battery|batteries|button battery|button batteries|coin|coins|magnets|magnet|"
            "pills|poison|antifreeze|"
            "cleaner|medicine|meds|chemicals|lye|rat poison|oven cleaner|vape juice|nicotine|"
            "grandma's pills|my pills|her pills|his pills)",
            "(allergic reaction|anaphylaxis|anaphylactic)",
            "(throat|tongue|lips|face) ~2 (swelling|closing|swollen|closing up)",
            "(drowning|drowned|nearly drowned|almost drowned)",
            "(fell|fallen|pulled|went) ~2 (through|into) ~1 the ~1 (ice|frozen)",
            "(fell|fallen|falling|tumbled) ~3 (out of|off|from|down) ~3 (window|roof|"
            "balcony|ladder|second floor|third floor|story|storey|bunk|tree|cliff|stairs)",
            "(hit by a|run over by a) (car|truck|bus|train)",
            "(been|got|was|is|has been|just got) (shot|stabbed)",
            "fever ~3 (104|105|106|107|40|41|42)",
            "(104|105|106|107) ~1 (fever|degrees)",
            "stiff neck ~3 (fever|rash)",
            "(hypothermia|heatstroke|heat stroke)",
            "(shaking|sweating|dizzy|confused|shaky|sweaty) ~4 (insulin|sugar|diabetic)",
            "(hit|banged|bumped) ~2 head ~5 (vomiting|throwing up|unconscious|confused|passed "
            "out|sleepy|seizure|not making sense|will not stop crying)",
            "(vomiting|throwing up|coughing up) ~2 blood",
            "(call|calling|called|should i call) ~1 (911|999|112|an ambulance)",
            "(no respira|no puede respirar|no puedo respirar|dejo de respirar)",
            "(se desmayo|desmayado|desmayada|inconsciente|no responde|no despierta)",
            "(convulsion|convulsiones|convulsionando)",
            "(se cayo|se callo|cayo) ~3 (ventana|techo|balcon|escalera|escaleras|segundo piso|"
            "tercer piso)",
            "dolor ~2 pecho",
            "(infarto|derrame)",
            "(sangra|sangrando|sangrado) ~1 (mucho|sin parar)",
            "(se trago|se tomo|tomo|bebio|se comio) ~3 (cloro|veneno|lejia|pastillas|"
            "medicinas|quimicos|pila|bateria)",
            "(sobredosis|envenenado|envenenada|envenenamiento|intoxicado|intoxicada)",
            "fiebre ~2 (40|41|104|105)",
            "(se ahogo|se esta ahogando|ahogandose)",
            "labios ~1 (morados|azules)",
        ),
    ),
    RiskPattern(
        "medical.indirect",
        Label.MEDICAL_EMERGENCY,
        Kind.INDIRECT,
        (
            "chest ~4 (tight|pain|pressure|crushing|hurts|heavy) ~8 (left arm|arm|jaw) ~2 (numb|"
            "tingling|hurts|pain|aching|heavy)",
            "(heart attack|stroke)",
            "(collapsed|passed out|fainted|blacked out)",
            "(car crash|car accident|bad accident)",
            "choking",
            "overdose",
            "(low|high) blood sugar",
            "(epipen|epi pen)",
            "(shaking|sweating|dizzy|confused) ~3 (can not|hard to|and)",
            "(blue|pale|cold) and (shivering|not moving|limp|unresponsive)",
        ),
    ),
    RiskPattern(
        "medical.weak",
        Label.MEDICAL_EMERGENCY,
        Kind.WEAK,
        ("(ambulance|paramedics|emergency room)", "not moving"),
    ),
)

INTENT_LEADS: tuple[str, ...] = (
    "(going to|about to|decided to|ready to|plan to|planning to|planning on|i will|tonight i|"
    "today i|finally|i am doing it|i am going to|gonna|so i can|this time i|i am gonna|i have "
    "decided to|i am finally going to|i will finally|time to|tonight is when i|i am ready to|"
    "waiting to|waiting for the train to|going to go|about to go|"
    "voy a|me voy a)",
)
"""Intent, when directly followed by an act below: "going to" + "jump off the bridge"."""

INTENT_ACTS: tuple[str, ...] = (
    _KILL_SELF,
    _METHOD_ACTS,
    "(overdose|jump off|jump from|jump in front|hang myself|suicide|end it tonight|end it today|"
    "end it now|end it all|end it soon|do it tonight|do it today|do it now|die tonight|die "
    "today)",
    "(swallow|take|down) ~2 (all|the|every|a bottle of|the whole) ~2 (pills|tablets|meds|bottle)",
)
"""Acts that, after an intent lead, make ideation imminent (see `rules.compose_intent`)."""

# --- cues ----------------------------------------------------------------------------------

CUES: tuple[CuePattern, ...] = (
    CuePattern(
        "cue.means",
        Facet.MEANS,
        (
            "(have|got|bought|buy|holding|found|ordered|grabbed|picked up|get|getting) ~2 "
            "(enough|all the|all my|the|a|some|his|her|dad's|my dad's|mom's|a bottle of|a "
            "whole|a lot of|so many|a bunch of|two|three|extra) ~1 %METHOD",
            "%METHOD ~2 (ready|here|now|next to me|in my hand|in my bag|on my desk|in front of "
            "me|with me)",
            "%METHOD ~3 (is|are|went) (missing|gone)",
            "(%THIRD|%REL) ~4 (has|have|got|took|taking|bought|is holding|grabbed) ~3 %METHOD",
            "(rope|noose|gun) ~2 (bought|ordered|arrived)",
            "(saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected) ~1 (up)? "
            "~1 (my|the|his|her)? (meds|pills|tablets|medication|painkillers|sleeping pills)",
            "(tied|tie|tying|hung|fixed) ~3 (cord|rope|belt|noose|scarf|cable|sheet) ~3 (to|from|"
            "around|over) ~2 (banister|beam|rail|railing|door|hook|ceiling|fan|tree|pipe|closet)",
            "tengo ~2 (pastillas|pistola|cuerda|navaja)",
        ),
    ),
    CuePattern(
        "cue.plan",
        Facet.PLAN,
        (
            "(been planning|planned|been thinking about how) ~1 (it|this|everything|how) ~2 "
            "(for|since|carefully|out|all|tonight|every)?",
            "(have|got|made) a plan (to|for how|and)",
            "(know|figured|figured out|decided|worked out) ~2 (how|when|where) ~3 (do it|i "
            "would do it|i will do it|i am going to do it|it will happen)",
            "know (how and when|when and how|exactly how)",
            "(set|picked|chose|chosen|decided on) ~1 (a|the) ~1 (date|day)",
            "(looked up|look up|googled|researched|checked|measured) ~2 (how high|how tall|how "
            "far down|the height of|how deep|how many floors)",
            "(floors|storeys|stories|meters|metres|feet) (is|are|should be|would be|will be|is "
            "definitely) enough",
            "(got|have|i have got) everything (i need|ready|sorted|in place)",
            "(lo tengo planeado|ya lo decidi|ya tengo un plan)",
        ),
    ),
    CuePattern(
        "cue.farewell",
        Facet.FAREWELL,
        (
            "(saying|said|say|texted|text|messaged|posted|sent|wrote) ~2 (goodbye|goodbyes|"
            "bye) ~2 (to everyone|to everybody|to all|to you all|to the world|to my family|"
            "to everyone i love|to the people|forever)?",
            "(texted|messaged|posted|sent|wrote|called) ~3 (goodbye|bye|farewell|sorry for "
            "everything|i love you)",
            "love you all",
            "(wrote|written|writing|left|finished) (my|the|a) (note|notes|goodbye letter|"
            "goodbye letters|letters to everyone)",
            "(take care of|look after) ~1 (the kids|my kids|my cat|my dog|mom|dad|the cat|the "
            "dog|my family|my babies)",
            "sorry for everything",
            "(forgive me|please forgive me)",
            "thank you for everything",
            "(left|leaving|wrote|found) (a|the|her|his|their) note",
            "(my|his|her|their) (goodbye|farewell) (letters|letter|notes|note|message|video)",
            "will not be (around|here|alive)",
            "(adios|perdon por todo|cuiden a|los quiero a todos)",
        ),
    ),
    CuePattern(
        "cue.location",
        Facet.LOCATION,
        (
            "(on|at) the (bridge|roof|rooftop|ledge|edge|tracks|cliff|overpass|top floor|"
            "railing|train station|station|platform|subway platform|pier|dam|quarry)",
            "top of (the|a) ~2 %HIGH",
            "so high up",
            "looking down",
            "(in|inside) the garage ~2 (car|engine)",
        ),
    ),
    CuePattern(
        "cue.timeframe",
        Facet.TIMEFRAME,
        (
            "tonight",
            "right now",
            "this weekend",
            "soon",
            "when (everyone|everybody|they|my parents|my family|my roommate|my partner|my "
            "husband|my wife|my mom|my dad|the house) ~2 (asleep|sleeping|gone|leaves|leave|out|"
            "away|at work|empty)",
            "house ~1 to myself",
            "after (work|my shift|school|class|everyone leaves|they leave)",
            "alone tonight",
            "(esta noche|ahora mismo)",
        ),
    ),
    CuePattern(
        "cue.action",
        Facet.ACTION,
        (
            "(do|doing|did) it",
            "(it is|its) happening",
            "(it is|its) time",
            "i am ready",
            "(already|just) (took|started|did)",
            "(took|swallowed|taken|taking|swallowing) ~2 (them|all)",
            "(take|swallow|gonna take|going to take) ~1 (them|it|all of them) (all|together|at "
            "once|tonight|now)",
            "(took|swallowed|taken|taking|swallowing) ~2 it",
            "(picked|chose|chosen) ~1 (a|the) ~1 (date|day|spot|place|time)",
            "(@research|look up|looked up) ~2 (how|ways|methods|dose|doses)",
            "(wrote|written|writing) ~1 (letters|notes|a letter|a note)",
            "(last|final) (message|text|goodbye)",
            "(no one|nobody) ~2 (stop|find) me",
            "(lo voy a hacer|ya lo hice|me las tome)",
        ),
    ),
)

# --- safe contexts -------------------------------------------------------------------------

IDIOMS: tuple[str, ...] = (
    "(the|this|that|these|those|my|your|it|school|work|exam|exams|homework|class|heat|traffic|"
    "job|boss|shift|week|day|commute|cramps|feet|back|headache|hangover|allergies|mondays|"
    "anxiety|suspense|wait|waiting|cold|kids|baby|toddler|teething|deadline|deadlines|"
    "humidity|math|project|coffee|shoes|heels|diet|gym|workout|class|semester|finals|"
    "midterms|chemistry|physics|calculus|essay|thesis|landlord|neighbor|cat|dog|puppy) ~2 "
    "(is|are|was|were) (killing|murdering) (me|us)",
    "(cooking|food|heat|homework|workout|exam|exams|class|traffic|job|shift|commute|cramps|"
    "hangover|diet|gym|semester|finals|weather|humidity|project|deadline|suspense|wait|"
    "waiting|stress|boredom|music|noise|singing|snoring|spice|curry|pepper|hot sauce) ~1 "
    "(is|are|was|will be) (going to|gonna) (kill|murder|be the death of) (me|us)",
    "(killing|killed|kill|slayed|slay|crushed|crushing) (it|the game|that)",
    "you are killing me",
    "(that|this|he|she|it) ~1 (killed|kills|kill) me ~2 (%LAUGH|omg|i can not)",
    "kill (time|the lights|the engine|the vibe|the mood|the music|two birds|the noise)",
    "killer (workout|deal|app|view|outfit|heels|smile|idea|song|set|game|combo|abs|look|"
    "playlist|recipe|sale|instinct)",
    "@kill for ~1 (a|some|an) ~1 (coffee|burger|pizza|nap|beer|drink|taco|tacos|sandwich|vacation)",
    "@murder|kill|destroy|demolish|devour ~2 (a|an|some|this|that|the) ~1 (burger|pizza|"
    "steak|tacos|taco|sandwich|pint|beer|curry|coffee|cake|plate|bowl|kebab|donut|burrito|"
    "wings|sushi|pasta|bagel|pie|ice cream|cheesecake|song|exam|test|stage|performance|"
    "competition|karaoke)",
    "to die for",
    "(die|dying|died) on ~1 (this|that) hill",
    "dying to ~2 (see|try|know|meet|go|get|hear|watch|read|eat|visit|tell|talk|play|find)",
    "(dying|died|die|dead|going to die) ~2 (of|from) ~1 (laughter|laughing|embarrassment|"
    "boredom|cringe|cuteness|curiosity|shame|thirst|hunger|heat|jealousy|anticipation)",
    "(dying|died|dead) laughing",
    "(i am|i|literally|actually|so|lol) ~2 dead ~1 (%LAUGH|omg|😭)",
    "💀",
    "(dead ass|deadass|dead serious|dead tired|dead asleep|dead on|dead end|deadline|dead "
    "last|dead weight|dead battery|dead phone|drop dead gorgeous|dead wrong|dead set|dead "
    "center|dead silent|dead giveaway|dead heat|dead of night|dead of winter)",
    "(my|the|our) ~1 (phone|battery|laptop|car|plant|plants|tv|printer|console|controller|"
    "charger|headphones|airpods|wifi|router|vibe|party|group chat|chat) ~1 (died|is dead|"
    "dead|is dying|died on me)",
    "(bored|scared|frightened|worried|sick|tired) to death",
    "rather die than ~8 %LAUGH",
    "(saw|see|seeing|met|meet) my ancestors",
    "gun to my head ~2 i (could not|can not|would not|could|would) ~2 (tell|say|remember|name|"
    "pick|choose|explain)",
    "(q9|question 9|item 9|question nine|last question) ~12 (not at all|zero|never)",
    "(kill|destroy|murder|wreck|smash|unalive) (my|her|his|the|this|that|our) (printer|laptop|"
    "phone|computer|alarm|router|wifi|tv|toaster|microwave|keyboard|mouse)",
    "(kill|destroy|murder|wreck|smash|beat) (him|her|you|them|me|us) (in|at) ~2 (fifa|cod|"
    "fortnite|chess|mario kart|smash|madden|2k|valorant|league|minecraft|apex|overwatch|"
    "tennis|pool|darts|poker|cards|scrabble|uno|monopoly|the game|ping pong)",
    "(so|too) ~1 (bored|tired|embarrassed|hungry|full|hot|sleepy|jealous|excited|happy|cold) ~1 "
    "i (could|might|will|am going to|am gonna) (die|just die|literally die|actually die)",
    "i would ~1 (happily|gladly|literally)? die for (you|my|her|him|them|our|this|that|a)",
    "could ~1 sleep (forever|for a week|for days|for a year) ~2 (after|lol|haha|lmao|this week)",
    "@murder|kill|destroy|crush|smash ~1 (this|that|the|my|today's|tomorrow's) (run|race|"
    "workout|interview|presentation|set|match|level|boss fight|leg day|audition|hike)",
    "(cut|cuts|nicked|burned|burnt|scratched|scraped) myself ~1 (shaving|cooking|chopping|"
    "gardening|baking|ironing|by accident|accidentally|on (a|the|some) ~1 (paper|glass|can|tin|"
    "lid|nail|fence|box|pan|oven|stove|broken))",
    "love ~2 to death",
    "(rip|rest in peace) ~1 (to)? ~1 (my|the) ~1 (photos|phone|wallet|bank|account|sleep|"
    "diet|money|grades|social life|weekend|plans|screen|car|laptop|pics)",
    "(shoot|shot) ~1 (me|you|him|her) ~1 (a|an) (text|email|message|dm|call)",
    "shoot ~1 (your|my) shot",
    "shoot the breeze",
    "(blow|blowing|blew) up ~1 (my|your|his|her) phone",
    "(blow|blowing|blew) off steam",
    "(cut|cutting|cuts) (class|classes|carbs|sugar|ties|corners|costs|the cord|back|down|"
    "loose|in line|the line|school|it out|me off|him off|her off)",
    "(cut|cutting|cuts) ~1 (my|his|her|the) (hair|bangs|nails|fringe|grass|lawn|losses|cake|"
    "onions|vegetables|veggies|budget|hours|costs|sleeve|finger|thumb|hand)",
    "(overdosed|overdose|overdosing) on (coffee|caffeine|sugar|netflix|anime|tiktok|candy|"
    "chocolate|cuteness|memes|kpop|sun|vitamin|dopamine|carbs|kdramas|cheese)",
    "suicide (squad|doors|door|sprints|sprint|runs|run|drill|drills|mission|missions|king|"
    "wings|hotline|prevention|awareness|rates|rate|statistics|stats|forest|bomber|note "
    "in the movie)",
    "(bombed|bomb) ~1 (the|my|that) (test|exam|interview|quiz|audition|presentation)",
    "(hang|hanging) (out|in there|on|up|tight|with)",
    "(jump|jumping|jumped) (on|off|into) (the|a) (call|zoom|bandwagon|couch|bed|trampoline|"
    "diving board|pool|lake|meeting|train|river|ocean|sea)",
    "cliff (jumping|diving)",
    "(jump|jumping|jumped|dive|diving|dove|dived) ~1 (off|from) ~2 (cliff|cliffs|bridge|rocks|pier|"
    "dock|boat|board|rope swing) ~2 into ~2 (lake|water|river|pool|sea|ocean|quarry|waves)",
    "(sleep|sleeping|slept) in",
    "(crash|crashing|crashed) (at|on) (my|his|her|your|their) ~1 (place|couch|house|sofa)",
    "%NEG wake up (early|before|until|at|for)",
    "(wake|waking) up early",
    "feeling blue",
    "once in a blue moon",
    "looks could kill",
    "dressed to kill",
    "curiosity killed the cat",
    "(killjoy|slay|slayed|slaying|slays)",
    "(murder mystery|murder podcast|true crime|murder she wrote)",
    "i ~2 could ~1 kill (you|him|her|them) ~2 (%LAUGH|😤)",
    "(mom|mum|dad|mother|father|parents|boss|teacher|coach|wife|husband|girlfriend|"
    "boyfriend|sister|brother|grandma|abuela|roommate|professor) ~3 (is|are|will|going to) "
    "~1 (going to|gonna)? ~1 kill me (if|when|for|because)",
    "kill me (if|when) ~2 (i am|i) ~1 (late|forget|miss|fail|lose|break|find out|see|sees)",
    "my (mom|mum|dad|mother|father|parents|boss|teacher|coach|grandma|grandpa|landlord|"
    "professor|manager) ~1 (is|are|will|going to|is going to|is gonna) ~1 (kill|murder) me",
    "(me va|me van|nos va|nos van) a matar (si|cuando)",
    "(me|nos) (mata|matan) (si|cuando)",
    "(mi mama|mi papa|mi madre|mi padre|mis papas|mi jefe|mi profe|mi abuela|mi entrenador) "
    "~2 (me mata|me va a matar|me mataria)",
    "me muero ~1 (de|por) ~1 (risa|hambre|sueno|ganas|calor|frio|verguenza|ver|verte|ir|"
    "saber|conocer|probar)",
    "(muerto|muerta) de (hambre|sueno|risa|cansancio|frio|calor|miedo|verguenza)",
    "me mata (el|la) (calor|trafico|espera|curiosidad)",
    "(ese|este|esta|esa|el|la|los|las|mi) (examen|trabajo|clase|dia|semana|calor|trafico|"
    "jefe|tarea|partido|entrenamiento|profe|profesor|chiste) ~1 (me mato|me esta matando|me "
    "va a matar|me mata)",
    "me corte|corto ~1 (el|la|las|los|un) (pelo|cabello|flequillo|unas|dedo|barba|fleco)",
    "better off without me (at|in|on|for) (this|the|that|our|tomorrow's) (meeting|project|"
    "call|team|group|class|game|match|party|trip|shift|conversation|chat|presentation|"
    "discussion|lineup|roster|round|group chat|panel)",
    "(disappear|disappearing|escape|vanish|run away) ~5 (beach|island|cabin|mountains|"
    "vacation|holiday|trip|week|weekend|few days|month|no phone|off the grid|no wifi|spa|"
    "bali|hawaii|mexico|europe|road trip)",
    "sleep ~4 (for|till|until) ~2 (hours|noon|hrs|weekend|days|a week|12|10|14|11|a year|monday)",
    "could sleep for ~1 (a|like|days|ever|a week|a year)",
    "sleep (all day|all weekend|all night|until noon|till noon|until lunch)",
    "(take|taking|took|takes) (my|her|his|our|the) (pills|meds|medication|medicine|vitamins|"
    "tablets|insulin|antidepressants|prescription) ~3 (every|each|daily|twice|at night|in the "
    "morning|this morning|with breakfast|with dinner|on time|as prescribed|before bed|like "
    "usual|as usual|as always|like always|like normal|with my coffee)",
    "(bridge|road|street|tracks|train|line|tunnel|highway) (was|is|were|are) (closed|shut|"
    "blocked|down|delayed|jammed|packed|under construction|out)",
    "(is|are|he is|she is|they are) dead to me",
    "(go|going to|gonna go|going to go|off to) (die|rot|pass out|collapse|dissolve) (in|on) ~1 "
    "(bed|couch|sofa|the couch|my bed)",
    "not (going to|gonna) do anything stupid",
    "(end|ended|ending) (it|things) with (him|her|them|my)",
    "(give|giving|gave) ~3 away ~3 to ~2 (charity|goodwill|donation|thrift|the shelter|"
    "the library|a friend|my sister|my cousin|the church)",
    "i am (so)? done (with)? ~2 (this|that|the|my) ~2 (homework|work|class|essay|shift|game|"
    "show|book|today|week|day|project|exam|job|diet|assignment|semester|meeting|season)",
    "done with (him|her|them|my ex|my boyfriend|my girlfriend|men|boys|girls|dating|people|"
    "the drama|this drama|social media|twitter|tiktok)",
    "can not do this (homework|class|job|diet|game|level|puzzle|assignment|semester|math|"
    "essay|workout|anymore lol)",
    "(can not|could not) breathe ~2 (%LAUGH|laughing|😭)",
    "(can not|could not) breathe for a (second|moment|minute|bit|few seconds)",
    "(make|made) a killing",
    "(pulled|pull) my (hamstring|muscle|back|groin)",
    "beat (me|us) ~2 (at|in) ~2 (chess|game|mario|race|match|cards|poker|tennis|fifa|"
    "scrabble|monopoly|arm wrestling|uno|smash|basketball|pong)",
    "hit (me|him|her) up",
    "(it|that|reality|nostalgia|wave|realization|the song|the smell|the news|the truth) ~2 "
    "(hit|hits) me",
    "hit me (like a|with a) ~2 (truck|ton|wave|brick)",
    "(dying|dead) (inside|of laughter) ~1 (%LAUGH)",
    "cross my heart and hope to die",
    "(give|gave|giving|hand|handed|handing|leave|left|leaving) ~3 (keys|car keys|pills|meds|"
    "medication|medications|gun|guns|knife|knives|razors|blades|rope|lighter|prescription) ~2 "
    "(to|with) ~3",
    "(lock|locked|locking) (up|away) ~3 (pills|meds|medication|guns|gun|knives|razors|blades|"
    "car keys|keys)",
    "(get rid of|got rid of|throw away|threw away|throwing away|flush|flushed|flushing|dispose "
    "of|disposed of) ~3 (pills|meds|medication|blades|razors|rope|gun|guns|lighter)",
    "(give up|giving up|gave up|i give up) on ~4 (fix|fixing|printer|puzzle|level|game|diet|"
    "recipe|assignment|homework|crossword|sudoku|wifi|laptop|computer|car|project|essay|code|"
    "bug|app|knitting|guitar|piano|language|duolingo|plant|plants|lawn)",
    "(a|such a) burden (on|to) (my|the|our) (team|group|class|squad|coworkers|colleagues|"
    "roommates|project|shift)",
    "(asked|asks|asking|ask) (me)? (if|whether) ~8 (i said no|and i said no|i told (him|her|"
    "them) no|i answered no|i said not|and i said i am not|i said i do not)",
    "(@kill|murder|crush|destroy|smash|nail|ace|rock) ~2 (this|that|the|my|our|tomorrow's) ~1 "
    "(presentation|interview|speech|audition|exam|final|finals|test|game|match|set|workout|"
    "project|assignment|essay|shift|class|quiz|race|performance|recital|pitch|demo|gig|"
    "show|round|level)",
    "what (does|do|is|did) ~5 (mean|means|stand for|stands for)",
    "(meaning|definition) of ~5",
    "(is|does|do|did|does not) ~4 (slang|an abbreviation|short|code|algospeak) (for)?",
    "(what|what is) ~2 (the point|the point of) ~2 (this|that|the|these|those) ~1 (meeting|"
    "class|assignment|homework|rule|policy|app|update|show|button|feature|exercise|lecture)",
    "(i want to|i am going to|going to|gonna) (die|kill myself) ~3 (%LAUGH|😭) ~1 (this|"
    "that|so|cringe|embarrassing)",
    "(cringe|embarrassing) ~2 (i want to die|kill me now)",
    "kill me now ~1 (%LAUGH)",
    "(bleeding|cut|scrape|scratch) ~3 (from|on) (a|the) (can lid|paper|thorn|rose|bush|fence "
    "while|cat|kitten)",
    "(paper cut|papercut)",
    "(me tome|tome) ~3 (pastilla|ibuprofeno|paracetamol) ~2 (para|por) ~2 (dolor|cabeza|"
    "fiebre|gripe)",
)
"""Idiom and hyperbole spans: a risk or cue span they overlap is cancelled."""

FRAMES: tuple[FramePattern, ...] = (
    FramePattern(
        "frame.info",
        Frame.INFO,
        (
            "(what is|what are|what does|what do|whats) ~4 (mean|means|meaning|number|called|"
            "signs|symptoms|difference|rate|rates|dose|side effects|naloxone|narcan|the "
            "hotline|the number|a safety plan|statistics)",
            "what number",
            "where (can|do|should|could) (i|we|you|people) ~3 (find|get|buy|learn|read|report|"
            "call|text|donate)",
            "how (do|does|can|would|should|could) ~4 (work|works|report|talk|ask|help|"
            "support|recognize|spot|tell|use|get|find|become|reach|text|call|refer|prevent|"
            "handle|respond)",
            "how (much|many) ~4 (can i take|safe|should i take|is safe|is too much|per day|a "
            "day|mg)",
            "is it ~1 (ok|okay|normal|true|safe|common|bad|possible|fine|weird|healthy) ~2 "
            "(to|that|if|for)",
            "(can|do|does|could|will) ~2 (antidepressants|ssris|meds|medication|therapy|lithium|"
            "melatonin|ibuprofen|tylenol)",
            "warning signs",
            "(slang|abbreviation|acronym|algospeak|statistics|data|research|study|studies|"
            "article|paper|essay|report|flyer|pamphlet|"
            "poster|training|workshop|course|lecture|seminar|podcast|documentary|fundraiser|"
            "charity walk|awareness)",
            "asking (for a|for my) (class|project|paper|school|essay|research)",
            "(mandated|mandatory) (reporter|reporters|reporting)",
            "(crisis line|hotline|helpline|988|samaritans|crisis text line)",
            "(que significa|que es|como puedo ayudar|donde puedo|que hago si|cual es el numero)",
        ),
    ),
    FramePattern(
        "frame.study",
        Frame.STUDY,
        (
            "(class|course|homework|assignment|essay|paper|thesis|dissertation|lecture|"
            "professor|textbook|seminar|syllabus|lit|psych|psychology|sociology|biology|"
            "nursing|debate|research|studying|chapter|report|clase|tarea|articulo|exam "
            "question|quiz question|case study|media class)",
        ),
    ),
    FramePattern(
        "frame.media",
        Frame.MEDIA,
        (
            "(movie|film|films|series|episode|season|netflix|hulu|hbo|disney|book|novel|"
            "song|songs|album|lyrics|lyric|track|playlist|podcast|documentary|anime|manga|"
            "cartoon|sitcom|musical|poem|poet|poetry|shakespeare|hamlet|rewatching|binge|"
            "binging|blasting|spotify|concert|singer|rapper|trailer|finale|plot|villain|"
            "quote|quotes|motto|meme|tiktok|youtube|video|youtuber|streamer|author|scene|"
            "sequel|cinema|theater|theatre|opera|pelicula|serie|cancion|kdrama|drama|"
            "fanfic|fanfiction|comic|comics|webtoon|audiobook|lyricist|chorus|verse|"
            "headline|news)",
            "(on repeat|listening to|watching|reading|singing|humming|the line|famous line|my "
            "favorite line)",
            "(the|a|my|this|that|their|fav|favorite|favourite) band",
            "(the|a|this|that|tv|netflix|fav|favorite|favourite|new|his|her|their) show",
            "(🎶|🎵|🎧|🎤|🎸|📖|🎬|📺|🎼)",
            "(13 reasons why|dead poets society|suicide squad|kill bill|romeo and juliet|"
            "the bell jar|girl interrupted|killing eve|breaking bad|the walking dead)",
            "by (blackpink|bts|taylor swift|taylor|drake|eminem|nirvana|queen|adele|billie|"
            "metallica|elton john|the beatles|twenty one pilots|mcr|linkin park)",
        ),
    ),
    FramePattern(
        "frame.game",
        Frame.GAME,
        (
            "(game|games|gaming|gamer|quest|quests|level|npc|player|players|minecraft|"
            "fortnite|roblox|valorant|overwatch|league|dnd|d&d|dungeons|campaign|rpg|respawn|"
            "spawn|pvp|raid|speedrun|sims|ps5|playstation|xbox|nintendo|controller|lobby|boss "
            "fight|boss battle|"
            "avatar|zelda|mario|pokemon|warzone|apex|skyrim|gta|chess|poker|paintball|airsoft|"
            "laser tag|nerf|larp|roleplay|roleplaying|tabletop|villain|assassin|dungeon|"
            "cluedo|clue|among us|elden ring|dark souls|final boss|side quest|hp|health bar|"
            "checkpoint|save file|my character|my sim|the character|a character)",
        ),
    ),
    FramePattern(
        "frame.dream",
        Frame.DREAM,
        ("(nightmare|nightmares|dream|dreamt|dreamed|sleep paralysis|pesadilla|sone)",),
    ),
    FramePattern(
        "frame.grief",
        Frame.GRIEF,
        (
            "(%THIRD|%REL|who|grandma|grandpa|grandmother|grandfather|mom|dad|mum|uncle|aunt|"
            "cousin|friend|dog|cat|pet|husband|wife|son|daughter|brother|sister|neighbor|"
            "neighbour|nan|granddad|grandad) ~3 (died|passed|passed away|passed on)",
            "(passed away|passed on|death of|funeral|memorial|miscarriage|miscarried|"
            "mourning|grieving|grief|rip|rest in peace|condolences|obituary|widow|widower|"
            "stillborn|falleció|fallecio|murio|duelo|velorio|entierro|lost my (mom|dad|"
            "mother|father|grandma|grandpa|baby|pregnancy|husband|wife|son|daughter|brother|"
            "sister|friend|dog|cat|best friend))",
            "(scared|afraid|terrified|worried) of losing",
            "(grandma|grandpa|grandmother|grandfather|nan|nana|granny|grandad|granddad|gran) ~6 "
            "(ready to go|ready to die|at peace|in hospice|hospice|palliative|end of life|last "
            "days|good long life)",
            "(committed suicide|killed himself|killed herself|killed themselves|took his own life|"
            "took her own life|took their own life|died by suicide|died of suicide|lost (him|her|"
            "them) to suicide|se suicido|se quito la vida)",
            "(cancer|terminal|hospice|diagnosis|diagnosed) ~3 (came back|again|stage|my mom|"
            "my dad|her|him)",
        ),
    ),
    FramePattern(
        "frame.preparedness",
        Frame.PREPAREDNESS,
        (
            "(drill|drills|fire drill|lockdown drill|first aid|cpr|training|practice|safety "
            "plan|on the fridge|just in case|prepared|preparedness|in case of|poison control|"
            "naloxone|narcan|flyer|pamphlet|kit|class on|course on|certification|simulation|"
            "scenario|mock)",
        ),
    ),
    FramePattern(
        "frame.accident",
        Frame.ACCIDENT,
        (
            "(by accident|accidentally|accident|by mistake|mistakenly|wrong dose|forgot i "
            "took|on accident|did not mean to|shaving|cooking|chopping|kitchen|can lid|paper "
            "cut|oven|stove|curling iron|sunburn|tripped|stubbed|soccer|football|hockey|"
            "rugby|skateboard|skating|bike|biking|hiking|climbing|gardening|rose bush|fence|"
            "the cat|my cat|kitten|tattoo|nearly got cut|almost got cut|nearly cut myself|almost "
            "cut myself)",
        ),
    ),
    FramePattern(
        "frame.minor",
        Frame.MINOR,
        (
            "(tiny|small|minor|little|slight|superficial) (cut|cuts|scratch|scrape|bump|bruise|"
            "burn|nick|graze|fever|cough|cold|headache|bleed)",
            "(bandaid|band aid|band-aid|playing normally|is fine now|fine now|totally fine|seems "
            "fine|is okay now|okay now|stopped bleeding|just a bruise|just a scratch|a scratch|"
            "nothing serious|probably a cold|a cold|cramps|period|acting normal|back to normal|"
            "no big deal|all good now|laughing and playing|seems okay|he is fine|she is fine|"
            "put it under cold water|cold water on it|scraped (his|her|my) (knee|elbow|hand))",
        ),
    ),
    FramePattern(
        "frame.routine",
        Frame.ROUTINE,
        (
            "(charity|goodwill|donate|donating|donated|declutter|decluttering|moving|marie "
            "kondo|garage sale|yard sale|thrift|minimalism|vacation|holiday|trip|view|views|"
            "sunset|sunrise|selfie|hike|hiking|tour|tourist|amazing|beautiful|gorgeous|"
            "fireworks|picnic|rooftop bar|skyline|photos|pics|date night|brunch|wedding|"
            "graduation|party|bought a house|mortgage|lawyer|attorney|estate planning|life "
            "insurance|gun range|shooting range|range|hunting|target practice|skeet|climbing|"
            "bouldering|sailing|boat|kayak|camping|tent|towing|tow rope|hammock|clothesline|"
            "washing line|tire swing)",
        ),
    ),
    FramePattern(
        "frame.past",
        Frame.PAST,
        (
            "(i used to|used to|back when|back then|years ago|year ago|months ago|when i was|"
            "in high school|in college|as a teenager|as a teen|as a kid|in my teens|in my "
            "twenties|last winter|last summer|last spring|last fall|last year|a long time ago|"
            "at the time|that time|cuando era|hace anos)",
        ),
    ),
    FramePattern(
        "frame.resolved",
        Frame.RESOLVED,
        (
            "(glad|grateful|thankful|proud|happy) ~3 (stayed|still here|did not|got help|"
            "survived|made it|reached out|held on|am alive|am here|called|i am now|i am|of "
            "myself)",
            "(years|months|year|days) (clean|sober|free|self harm free|without)",
            "(clean|sober|free) ~1 (years|months|a year|weeks)",
            "(do not|no longer|never) (feel|think) (that way|like that|that) ~1 (anymore|any "
            "more|now)",
            "(clean|sober|free) (for|since) ~2 (years|months|a year|over a year|weeks|days|high "
            "school|college)",
            "(not anymore|no longer|these days i am|doing better|much better now|better now|"
            "in recovery|recovered|healed|out of that place|in a better place|safe now|doing "
            "well now|doing great now|finally happy|life is good now)",
            "(safety plan|therapy|therapist|meds|treatment|support|medication|my doctor|"
            "counseling|crisis line) ~2 (helped|saved|worked|works|is working|really helped)",
            "(thanks|thank you) ~2 for ~2 (reminding|helping|listening|the resources|being there)",
            "(made it through|got through it|pulled through|came out the other side|calmer now|"
            "calmed down now|feel better now)",
            "(i am|i feel) ~1 (happy|okay|ok|fine|good|safe|stable|better|great|at peace|in a good "
            "place|doing well|doing good) (now|these days|today)",
            "(grown|healed|recovered|changed) ~2 (so much|a lot|since)",
            "(glad|grateful|thankful|happy|lucky) (to be here|to be alive|to still be here|i am "
            "still here|i am alive|to have survived|i survived|i made it)",
            "(have not|has not|did not|never have) ~3 (in|for|since) ~2 (years|months|a year|a "
            "long time|ages|over a year|high school|college)",
            "(it|things|life) got better",
            "(me alegro|ahora estoy bien|ya estoy mejor)",
        ),
    ),
)

SERIOUS: tuple[str, ...] = (
    "%NEG ~2 (joking|kidding|exaggerating|being dramatic|hyperbole|a joke|even joking)",
    "(i mean it|i am serious|i am being serious|seriously though|for real this time|no joke|"
    "this time for real|this is real|not a metaphor|literally going to|hablo en serio|no es "
    "broma)",
)
"""Phrases that block idiom and hyperbole readings: the person says they mean it."""

RELAPSE: tuple[str, ...] = (
    "(again|still|lately|these days|relapse|relapsed|relapsing|back to|gone|ruined|broke|"
    "coming back|came back|creeping back|returned|otra vez|de nuevo|right now|at the moment|"
    "currently)",
    "(can not|could not) ~3 (anymore|any more)",
)
"""Phrases that say a past crisis is present again: they block the past-resolved frame."""

NEGATION_TRANSPARENT: frozenset[str] = frozenset(
    (
        "am is are was were be been being going to really actually even ever that so too "
        "like any thinking about planning trying i do does did will would could should feel "
        "feeling felt currently right now at all way intend intending have has had get "
        "getting got just seriously anymore want wanting a an the or anything literally "
        "thoughts thought urges urge plans plan intention intent history of "
        "also honestly tbh necessarily im estoy voy a me lo tengo ganas de quiero"
    ).split()
)
"""Words that may stand between a negation and the phrase it negates ("not going to")."""

NEGATORS: frozenset[str] = frozenset(("not", "never", "no", "nah", "nope", "nor", "without"))

CLAUSE_BREAKS: frozenset[str] = frozenset(
    ". , ; : ! ? but and though although however because so then - ... yet pero y".split()
)

REPORTING_VERBS: frozenset[str] = frozenset(
    "said says texted texts wrote writes messaged posted posting posts tweeted tweeting "
    "captioned told tells sent screamed yelled "
    "whispered typed dm'd dmed saying dijo escribio mando think thinking thought thoughts "
    "brain head voice voices mind keep tell telling myself".split()
)
"""Words that attribute a quotation to a real person, the speaker included ("she texted
'...'", "'what's the point' is all I keep thinking"): a report, not a lyric or a motto."""

FIRST_PERSON: frozenset[str] = frozenset("i me myself yo".split())
THIRD_PERSON: frozenset[str] = frozenset(
    "he she they him her them himself herself themselves themself his their".split()
)

CRISIS_WORDS: frozenset[str] = frozenset(
    (
        # death, suicide, existence
        "die dying died dead death deaths kill killing killed suicide suicidal alive live "
        "living life lives exist existing existence gone disappear disappearing vanish forever "
        "burden hopeless worthless pointless point end ending wake waking born waste oxygen "
        "space funeral grave goodbye goodbyes note notes letters bother miss unalive purpose "
        "pain suffering suffer numb trapped sorry forgive heaven grave peace peaceful "
        # self-harm and means
        "hurt hurting harm harming cut cuts cutting burn burning scar scars blood bleed "
        "bleeding blade blades razor pills pill tablets overdose overdosed swallow swallowed "
        "gun guns knife rope noose bullet revolver pistol rifle bridge roof ledge jump jumping "
        "tracks train hang hanging drown poison bleach fatal lethal cliff balcony river lake sea "
        "ocean canal "
        "drugs drug heroin fentanyl meth cocaine xanax oxy opioids drunk alcohol vodka "
        # violence and abuse
        "hit hits beat beats beaten punch punched slap slapped choke choked choking strangle "
        "rape raped assault assaulted abuse abused abusive molest molested touch touched touches "
        "touching sexual forced forces force threat threaten threatens threatened stalk stalking "
        "following follows afraid scared unsafe shoot shooting stab stabbing attack bomb "
        "weapon revenge bruises bruise locked starving trafficked groomed marks belt hostage "
        "kidnapped pictures pics photos nudes nude naked messaging explicit minor underage "
        "police cops voices hallucinating slammed shoved pushed kicked pinned dragged "
        "meds medication medications stockpile stockpiling cord banister bat crowbar hammer "
        "machete secret sui regret bully bullies pillow compass "
        # medical
        "breathe breathing unconscious unresponsive collapsed collapse seizure chest stroke "
        "fever faint fainted allergic swelling drooping slurred overdosing ambulance "
        "emergency hospital 911 poisoned limp "
        # spanish
        "morir morirme muerte muerto muerta matar matarme mato suicidio suicida suicidarme "
        "vivir vida existir desaparecer despertar pastillas cortar cortarme corte sangre "
        "golpea pega pego viola violo abuso toco toca respira respirar desmayo pecho fiebre "
        "cuchillo pistola soga cuerda puente tirar tirarme dano lastimar lastimo amenaza "
        "quemo queme abusa abusaron abusando violencia golpes golpear golpeo pegar ahorcarme "
        "colgarme envenenar morire muero muera matare saltar azotea techo lanzarme "
        "aventarme tirarme"
    ).split()
)
"""Words (or lemmas) without one of which a message gets no model-only alarm unless the model
is very sure (see `fusion.BARE_ALARM`): short everyday lines ("I feel empty sometimes",
"I'd do anything for my kids") sit close to crisis in embedding space."""
