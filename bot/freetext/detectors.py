"""What a generated sentence must not do: diagnose, advise on medication, or claim to be human.

Each detector is a set of regular expressions over one sentence. They are deliberately
broad: a false alarm costs a templated reply, a miss can cost a person's safety. A few
phrasings are exempt because they are exactly what Haven wants the model to say
("I can't diagnose", "I'm not a therapist", "ask your doctor about sertraline").
"""

from __future__ import annotations

import re
from enum import StrEnum


class Reason(StrEnum):
    """Why the guardrails changed a reply. Safe to log: it never carries user text."""

    DIAGNOSIS = "diagnosis"
    MEDICATION = "medication"
    HUMAN_CLAIM = "human_claim"
    TOO_LONG = "too_long"
    """The reply was cut at the last sentence within `max_reply_chars`."""
    REPEATED = "repeated"
    """The model began repeating a sentence; the reply ends before the repeat."""
    EMPTY = "empty"
    """The model wrote nothing usable; a templated reply was sent instead."""


def _words(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


def _any_of(listing: str) -> str:
    """A regex alternation of the comma-separated items in `listing`."""
    return _words(*(item.strip() for item in listing.split(",") if item.strip()))


_FLAGS = re.IGNORECASE

# --- diagnosis --------------------------------------------------------------------------

_CONDITION = _words(
    r"(?:major |clinical |postpartum |postnatal )?depression",
    r"(?:a )?(?:major )?depressive (?:disorder|episode)",
    r"(?:generali[sz]ed |social )?anxiety disorder",
    r"panic disorder",
    r"bipolar(?: disorder| depression| ii| i| 1| 2)?",
    r"manic depression",
    r"c-?ptsd",
    r"ptsd",
    r"post-?traumatic stress(?: disorder)?",
    r"ocd",
    r"obsessive[- ]compulsive(?: disorder)?",
    r"adhd",
    r"autism",
    r"asperger'?s",
    r"(?:borderline )?personality disorder",
    r"bpd",
    r"narcissis(?:m|tic personality)",
    r"schizo\w*",
    r"psychosis",
    r"(?:an )?eating disorder",
    r"anorexia(?: nervosa)?",
    r"bulimia(?: nervosa)?",
    r"binge[- ]eating disorder",
    r"dysthymia",
    r"seasonal affective disorder",
    r"(?:a )?mental (?:illness|disorder)",
)
_CONDITION_ADJECTIVE = _words(
    r"(?:clinically )?depressed",
    r"bipolar",
    r"autistic",
    r"psychotic",
    r"schizophrenic",
    r"anorexic",
    r"bulimic",
    r"manic",
    r"a narcissist",
    r"mentally ill",
)
_HEDGE = r"(?:(?:probably|likely|clearly|definitely|possibly|maybe|really|actually)\s+)?"
# "burnout and depression", "stress, anxiety and PTSD": a condition named within a list.
_LISTED = r"(?:[\w-]+(?:,\s*|\s+(?:and|or)\s+)){0,3}"
_DIAGNOSIS = [
    re.compile(
        r"\byou(?:'ve| have|'ve got| might have| may have| could have| probably have"
        r"| likely have| seem to have| appear to have)\s+(?:got\s+)?"
        r"(?:a\s+|an\s+|some\s+|signs of\s+|symptoms of\s+|a case of\s+)?"
        + _LISTED
        + _CONDITION
        + r"\b",
        _FLAGS,
    ),
    re.compile(
        r"\byou(?:'re| are)\s+" + _HEDGE + r"(?:suffering from|showing (?:signs|symptoms) of"
        r"|experiencing|living with)\s+" + _LISTED + _CONDITION + r"\b",
        _FLAGS,
    ),
    re.compile(r"\byou(?:'re| are)\s+" + _HEDGE + _CONDITION_ADJECTIVE + r"\b", _FLAGS),
    re.compile(
        r"\b(?:sounds|seems|looks)\s+(?:a lot\s+|very much\s+)?like\s+"
        r"(?:you\s+(?:have|might have|may have|'ve got)\s+)?"
        r"(?:(?:a|an|classic|textbook|typical)\s+)*(?:case of\s+)?" + _LISTED + _CONDITION + r"\b",
        _FLAGS,
    ),
    re.compile(
        r"\b(?:signs|symptoms|indicative|consistent|typical|characteristic)\s+(?:of|with)\s+"
        r"(?:a\s+|an\s+)?" + _CONDITION + r"\b",
        _FLAGS,
    ),
    re.compile(
        r"\b(?:diagnos(?:e|ing)\s+(?:you|this|it)|my diagnosis|I(?:'d| would)\s+diagnose"
        r"|(?:this|that|it)(?:\s+is|'s)\s+" + _HEDGE + _CONDITION + r")\b",
        _FLAGS,
    ),
]

# --- medication -------------------------------------------------------------------------

_DRUG = _any_of(
    r"""
    sertraline, zoloft, fluoxetine, prozac, citalopram, celexa, escitalopram, lexapro,
    cipralex, paroxetine, paxil, seroxat, venlafaxine, effexor, duloxetine, cymbalta,
    mirtazapine, remeron, bupropion, wellbutrin, amitriptyline, nortriptyline, trazodone,
    vortioxetine, agomelatine, lithium, lamotrigine, lamictal, valproate, depakote,
    quetiapine, seroquel, olanzapine, zyprexa, risperidone, aripiprazole, abilify,
    clozapine, haloperidol, diazepam, valium, lorazepam, ativan, alprazolam, xanax,
    clonazepam, klonopin, temazepam, zopiclone, zolpidem, ambien, buspirone, propranolol,
    pregabalin, lyrica, gabapentin, methylphenidate, ritalin, concerta, adderall,
    lisdexamfetamine, vyvanse, elvanse, atomoxetine, ibuprofen, advil, nurofen,
    paracetamol, acetaminophen, tylenol, aspirin, codeine, co-codamol, tramadol, oxycodone,
    naproxen, diphenhydramine, benadryl, nytol, melatonin, st\.? john'?s wort, valerian,
    kava, 5-htp, cbd, ketamine, esketamine, spravato
    """
)
_DRUG_CLASS = _any_of(
    r"""
    anti-?depressants?, ssris?, snris?, maois?, benzodiazepines?, benzos?, sleeping pills?,
    sleeping tablets?, sleep aids?, pain ?killers?, pain relievers?, anti-?psychotics?,
    mood stabili[sz]ers?, beta[- ]blockers?, stimulants?, sedatives?, tranquill?i[sz]ers?,
    anxiolytics?, supplements?
    """
)
_MEDICINE = _words(
    _any_of(r"doses?, dosages?, medications?, medicines?, meds, pills?, tablets?, capsules?"),
    _any_of(r"prescriptions?"),
    _DRUG_CLASS,
    _DRUG,
)
_REFERRAL = re.compile(
    r"\b(?:doctor|gp|pharmacist|prescriber|psychiatrist|nurse|clinician|physician"
    r"|healthcare|health care|care team)\b",
    _FLAGS,
)
_MEDICATION = [
    # A dose: "50mg", "200 milligrams", "two pills".
    re.compile(
        r"\b\d+(?:\.\d+)?\s*(?:mg|milligrams?|mcg|micrograms?|µg|ml|millilit(?:re|er)s?|iu)\b",
        _FLAGS,
    ),
    re.compile(
        r"\b(?:\d+|one|two|three|four|five|half an?|a couple of|a few|extra|another)\s+"
        r"(?:pills?|tablets?|capsules?|doses?)\b",
        _FLAGS,
    ),
    # Changing or taking medicine: "increase your dose", "stop taking your meds".
    re.compile(
        r"\b(?:increase|decrease|raise|lower|double|halve|reduce|up|adjust|change|stop|skip"
        r"|miss|cut(?: down| back)?(?: on)?|taper|wean (?:yourself )?off|come off|go off"
        r"|quit|start|restart|take|taking|switch)\s+"
        r"(?:(?:your|the|a|an|some|more|less|extra|another|higher|lower|my|of)\s+)*"
        r"(?:\w+\s+)?" + _MEDICINE + r"\b",
        _FLAGS,
    ),
    # Suggesting a drug: "try ibuprofen", "you could consider taking melatonin".
    re.compile(
        r"\b(?:try|trying|use|using|pop|add|adding|consider|considering|recommend"
        r"|suggest|prescribe|switch(?:ing)? to|ask for|get some)\s+(?:\w+\s+){0,3}?"
        + _words(_DRUG, _DRUG_CLASS)
        + r"\b",
        _FLAGS,
    ),
    # Vouching for a drug: "sertraline works well", "sleeping pills can help".
    re.compile(
        _words(_DRUG, _DRUG_CLASS)
        + r"\b[^.!?]{0,40}?\b(?:helps?|helpful|works?|effective|an option|safe|good for"
        r"|great for|better)\b",
        _FLAGS,
    ),
]
_NAMED_DRUG = re.compile(r"\b" + _DRUG + r"\b", _FLAGS)

# --- claims to be human -----------------------------------------------------------------

_HUMAN_ROLE = _any_of(
    r"""
    human(?: being)?, person, therapist, psychotherapist, counsell?or, psychologist,
    psychiatrist, doctor, nurse, social worker, clinician, coach, volunteer, man, woman,
    guy, girl
    """
)
_HUMAN_CLAIM = [
    re.compile(
        r"\bI(?:'m| am)\s+(?:(?:just|also|actually|really|only|still|a|an|real|actual"
        r"|licensed|qualified|trained|certified|fellow)\s+)*" + _HUMAN_ROLE + r"\b",
        _FLAGS,
    ),
    re.compile(r"\bI(?:'m| am)\s+(?:very\s+|totally\s+)?real\b", _FLAGS),
    re.compile(
        r"(?<!such )(?<!well )\bas\s+(?:a|an|your)\s+(?:fellow\s+|real\s+)?" + _HUMAN_ROLE + r"\b"
        r"(?!,?\s+(?:you|would|might|could|may|can|will)\b)",
        _FLAGS,
    ),
    re.compile(
        r"\bI(?:'m| am)\s+not\s+(?:just\s+)?(?:a\s+|an\s+)?(?:bot|robot|ai|a\.i\.|machine"
        r"|program|computer|chatbot|automated)\b",
        _FLAGS,
    ),
    re.compile(
        r"\bI(?:'ve| have)\s+(?:also\s+|personally\s+|myself\s+)?(?:been through|gone through"
        r"|been there|felt (?:that|this|the same)|struggled with|lived with|had (?:depression"
        r"|anxiety|panic attacks|the same))",
        _FLAGS,
    ),
    re.compile(
        r"\b(?:when I was (?:younger|a kid|a child|a teenager|at school|in school|depressed"
        r"|going through)|in my (?:own )?(?:experience|practice|clinic|life)"
        r"|my (?:own )?(?:therapist|wife|husband|partner|kids|children|son|daughter|mum|mom"
        r"|dad|family|clients|patients))\b",
        _FLAGS,
    ),
]

# "I can't diagnose you", "I'm not saying you have depression"; only within the clause.
_NEGATED = re.compile(r"\b(?:not|never|cannot|unable to)\b|n't\b", _FLAGS)
_CLAUSE_BREAK = re.compile(r".*(?:[,;:]|\bbut\b)", _FLAGS | re.DOTALL)
_NEGATION_WINDOW = 30
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def find_reasons(sentence: str) -> tuple[Reason, ...]:
    """The guardrail reasons a generated sentence trips, in a fixed order."""
    sentence = sentence.translate(_APOSTROPHES)
    reasons: list[Reason] = []
    if _matches(_MEDICATION, sentence, negatable=False) or (
        _NAMED_DRUG.search(sentence) and not _REFERRAL.search(sentence)
    ):
        reasons.append(Reason.MEDICATION)
    if _matches(_DIAGNOSIS, sentence, negatable=True):
        reasons.append(Reason.DIAGNOSIS)
    if _matches(_HUMAN_CLAIM, sentence, negatable=False):
        reasons.append(Reason.HUMAN_CLAIM)
    return tuple(reasons)


def _matches(patterns: list[re.Pattern[str]], sentence: str, *, negatable: bool) -> bool:
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            before = sentence[max(0, match.start() - _NEGATION_WINDOW) : match.start()]
            before = _CLAUSE_BREAK.sub("", before)
            if not (negatable and _NEGATED.search(before)):
                return True
    return False
