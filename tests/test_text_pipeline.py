"""The commentary reader: segmentation, actors, relations, events, claims, drafts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from equipoise.scenario import load_scenario
from equipoise.text import extract, scenario_context
from equipoise.text.actors import find_refs
from equipoise.text.dates import find_dates, parse_ref_date
from equipoise.text.draft import build_draft, header, write_draft
from equipoise.text.gazetteer import build_lexicon, bundled
from equipoise.text.segment import paragraphs, sentences

SCENARIO = load_scenario("indo-pacific-2021")
CTX = scenario_context(SCENARIO)


def read(text: str, date: str | None = None):  # type: ignore[no-untyped-def]
    return extract(text, scenario=CTX, date=parse_ref_date(date))


# segmentation ---------------------------------------------------------------------------------


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "The U.S. and Japan met. Then the U.S. Navy sailed.\nWhy did they? Nobody knows.\n"
    sents = sentences(text)
    assert [s.text for s in sents] == [
        "The U.S. and Japan met.",
        "Then the U.S. Navy sailed.",
        "Why did they?",
        "Nobody knows.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert [s.paragraph for s in sents] == [0, 0, 1, 1]
    assert sents[2].question and not sents[3].question
    assert [p.question for p in paragraphs(text)] == [False, False]


def test_offsets_count_characters_not_bytes() -> None:
    text = "Le communiqué — signé à Tokyo — dit: “Japan and Russia agreed.”"
    x = read(text)
    codes = {a.code: a.mentions for a in x.actors}
    for s, e in codes["JPN"]:
        assert text[s:e] in ("Tokyo", "Japan")
    assert text[codes["RUS"][0][0] : codes["RUS"][0][1]] == "Russia"


# actors ---------------------------------------------------------------------------------------


def mentions(text: str) -> list[tuple[str, str]]:
    return [(a.code, text[s:e]) for a in read(text).actors for s, e in a.mentions]


def test_capitals_and_governments_are_their_state() -> None:
    found = mentions("Tokyo and the Kremlin disagree, and Seoul watches.")
    assert ("JPN", "Tokyo") in found
    assert ("RUS", "Kremlin") in found
    assert ("KOR", "Seoul") in found


def test_hyphenated_pairs_are_two_mentions() -> None:
    found = mentions("Russian-Japanese drills and US–Russia talks resumed.")
    assert ("RUS", "Russian") in found and ("JPN", "Japanese") in found
    assert ("USA", "US") in found and ("RUS", "Russia") in found


def test_demonyms_of_people_and_places_are_not_mentions() -> None:
    text = (
        "Russian experts and their Japanese counterparts met near the Indian Ocean and "
        "the South China Sea; anti-Chinese sentiments grew."
    )
    assert mentions(text) == []
    refs = find_refs(text, build_lexicon(CTX.actors))
    assert {r.reason for r in refs} >= {"people (experts)", "place name", "attitude (anti-/pro-)"}


def test_demonyms_of_state_agents_are_mentions() -> None:
    found = mentions("South Korean soldiers trained with American missile units.")
    assert ("KOR", "South Korean") in found and ("USA", "American") in found


def test_capital_as_a_place_is_not_a_mention() -> None:
    assert mentions("He cancelled his visit to Moscow.") == []


def test_scenario_aliases_come_first() -> None:
    # "Korea" is an alias of South Korea in the scenario, not in the gazetteer
    assert ("KOR", "Korea") in mentions("Korea is a deeply nationalist country.")
    assert "Korea" not in {s for st in bundled()["states"].values() for s in st["names"]}


def test_leader_with_title_and_full_name_is_one_mention() -> None:
    assert mentions("President Moon Jae-in went abroad.") == [("KOR", "President Moon Jae-in")]


# relations ------------------------------------------------------------------------------------


def rels(text: str, date: str | None = None) -> list[tuple[str, str, int, str, str]]:
    return [(r.a, r.b, r.sign, r.kind, r.modality) for r in read(text, date).relations]


def test_sanctions_between_two_states() -> None:
    assert rels("Beijing imposed sanctions against Seoul.") == [
        ("CHN", "KOR", -1, "sanctions", "asserted")
    ]


def test_hyphen_pair_with_partnership() -> None:
    assert rels("The Russian-Japanese partnership is growing.") == [
        ("JPN", "RUS", 1, "partnership", "asserted")
    ]


def test_modality_hypothetical_and_negated() -> None:
    assert rels("South Korea could improve relations with Japan.")[0][4] == "hypothetical"
    assert rels("Japan does not want to join sanctions against Russia.")[0][2:] == (
        -1,
        "sanctions",
        "negated",
    )


def test_no_relation_without_a_trigger() -> None:
    assert rels("Japan and India are in Asia.") == []


def test_pair_reference_resolves_to_the_paragraph() -> None:
    text = "Relations between the United States and Russia matter. If they stabilise, all gains."
    assert ("RUS", "USA", 1, "cooperation", "hypothetical") in rels(text)


# events ---------------------------------------------------------------------------------------


def test_dates_are_normalised_against_the_text_date() -> None:
    ref = dt.date(2021, 9, 1)
    text = "in June, last May, in January 2020, at the end of 2012 and in 2016"
    values = [d.value for d in find_dates(text, 0, len(text), ref)]
    assert values == ["2021-06", "2021-05", "2020-01", "2012-12", "2016"]
    assert [d.value for d in find_dates("in June", 0, 7, None)] == [None]
    assert find_dates("in recent years and in the next decade", 0, 38, ref) == []


def test_events_with_dates() -> None:
    x = read("Russian and Japanese ships held drills in January 2020.", "2021-09-01")
    assert [(e.date, e.actors) for e in x.events] == [("2020-01", ["JPN", "RUS"])]


def test_planned_things_are_not_events() -> None:
    assert read("He wanted to have another summit in 2021.").events == []


# claims ---------------------------------------------------------------------------------------


def test_conditional_claim_with_holder_and_condition() -> None:
    text = "If Japan and Russia sign a treaty, relations will improve, Russian experts believe."
    (c,) = read(text).claims
    assert c.holder == "Russian experts"
    assert c.condition == "Japan and Russia sign a treaty"
    assert text[c.condition_span[0] : c.condition_span[1]] == c.condition  # type: ignore[index]
    assert (c.metric, c.direction) == ("relation", "increase")
    assert set(c.actors) == {"JPN", "RUS"}


def test_holder_carries_over_within_a_paragraph() -> None:
    text = "According to Russian experts, Korea needs an enemy. Soon China may take this role."
    claims = read(text).claims
    assert claims[-1].holder == "Russian experts"


def test_interview_answers_default_to_the_interviewee() -> None:
    text = (
        "What do you expect?\nJapan will deepen its ties with India.\n"
        "And Russia?\nRussia may lose influence in the coming decades.\n"
    )
    x = read(text)
    assert x.interview
    assert [c.holder for c in x.claims] == ["the interviewee", "the interviewee"]
    assert x.claims[1].horizon == 20


def test_questions_and_past_facts_are_not_claims() -> None:
    assert read("Will Japan join the Quad? Japan joined the talks in 2019.").claims == []


def test_condition_matches_a_scenario_intervention() -> None:
    text = "If US-Russia relations stabilise, Moscow and Tokyo will get more strategic space."
    (c,) = read(text).claims
    assert c.intervention == "us-russia-stabilisation"
    assert (c.metric, c.direction) == ("strategic_space", "increase")


def test_json_shape_of_the_issue() -> None:
    data = read("Beijing imposed sanctions against Seoul in March 2017.").to_json()
    assert set(data) >= {"actors", "relations", "events", "claims"}
    assert set(data["actors"][0]) >= {"code", "name", "kind", "mentions"}
    assert set(data["relations"][0]) >= {"a", "b", "sign", "kind", "modality", "span"}
    assert set(data["events"][0]) >= {"date", "actors", "what", "span"}
    json.dumps(data)


# drafts ---------------------------------------------------------------------------------------


def test_draft_validates_and_never_overwrites(tmp_path: Path) -> None:
    text = (
        "Beijing imposed sanctions against Seoul in March 2017. Ukraine and Russia clashed. "
        "If Japan and Russia sign a treaty, relations will improve, Russian experts believe."
    )
    x = read(text, "2021-01-01")
    draft = build_draft(
        x, text, scenario=SCENARIO, extends="indo-pacific-2021", source_file="t.txt"
    )
    assert draft.data["actors"][0]["code"] == "UKR"
    for section in ("actors", "relations", "events", "claims"):
        for item in draft.data[section]:
            assert item["draft"] is True
            for ev in item["evidence"]:
                s, e = ev["span"]
                assert text[s:e] == ev["quote"]
    out = tmp_path / "draft.toml"
    write_draft(draft, out, head=header("t.txt", "indo-pacific-2021", None))
    merged = load_scenario(out)
    assert "UKR" in merged.actor_codes
    assert any(c.draft for c in merged.claims)
    before = out.read_bytes()
    from equipoise.errors import InputError

    with pytest.raises(InputError, match="already exists"):
        write_draft(draft, out, head="")
    assert out.read_bytes() == before


# issues ---------------------------------------------------------------------------------------


def test_issue_mentions_with_stances() -> None:
    x = read("South Korea does not intend to join the Quad. The weather in Russia is cold.")
    assert [(i.issue, i.stances) for i in x.issues] == [
        ("indo-pacific-quad", {"KOR": "toward_low"})
    ]


def test_issue_naming_a_state_needs_that_state() -> None:
    assert read("Beijing imposed sanctions against Seoul.").issues == []
    x = read("The United States imposed sanctions against Russia.")
    assert [i.issue for i in x.issues] == ["russia-sanctions"]


def test_progress_is_reported_to_the_end() -> None:
    text = "Japan and Russia signed a treaty in 2019.\n" * 50
    seen: list[tuple[int, int]] = []
    extract(text, scenario=CTX, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(text), len(text))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) > 10


def test_means_end_statement_is_a_claim_with_the_means_as_condition() -> None:
    text = "Japan wants to improve its relationship with Russia in order to contend with China."
    (claim,) = read(text).claims
    assert claim.condition == "improve its relationship with Russia"
    assert claim.intervention == "japan-russia-rapprochement"
    # a past aim is history, not a claim
    assert read("Japan wanted Russia's help, in order to contend with China, in 2016.").claims == []


# round 6: holders and conditions of the kinds heldout_07-10 showed, on made-up sentences ------


def test_holders_of_other_kinds() -> None:
    text = (
        "Polish economists expect Warsaw to deepen its trade with Kyiv.\n\n"
        "A senior German official told us that a détente is not impossible, provided that "
        "the talks resume.\n\n"
        "We are less hopeful: in our view, ties between Rome and Paris will grow colder.\n\n"
        "The report's conclusion is cautious: the rivalry will intensify in the coming years.\n"
    )
    claims = read(text).claims
    assert [c.holder for c in claims] == [
        "Polish economists",
        "A senior German official",
        "the author",
        "the report",
    ]
    assert claims[1].condition == "the talks resume"
    assert claims[1].direction == "increase"  # "not impossible": a double negation
    assert claims[2].direction == "decrease"


def test_a_reporting_verb_with_that_scopes_its_holder_to_its_sentence() -> None:
    text = (
        "Danish officials fear that if the drills grow, relations will suffer. "
        "Unless Oslo acts, the region will become less stable. "
        "Swedish analysts noted that trade fell. In their view, it will fall further."
    )
    claims = read(text).claims
    assert [c.holder for c in claims] == ["Danish officials", "the author", "Swedish analysts"]
    assert claims[1].condition == "Oslo acts"


def test_relative_and_partial_dates() -> None:
    ref = dt.date(2019, 11, 30)

    def values(text: str, before: str | None = None) -> list[str | None]:
        return [d.value for d in find_dates(text, 0, len(text), ref, before)]

    assert values("On 15 June the talks failed.") == ["2019-06-15"]
    assert values("On 15 December the talks failed.") == ["2018-12-15"]  # the last December
    assert values("He was released this month.") == ["2019-11"]
    assert values("On 3 January 2020 it began; five days later it ended.") == [
        "2020-01-03",
        "2020-01-08",
    ]
    assert values("Earlier that year, jets staged a mock attack.", before="2018-10") == ["2018"]
    assert values("Earlier that year, jets staged a mock attack.") == []  # no anchor: not datable
    assert values("In the autumn of 2018 they met.") == ["2018"]  # a season is not a month
    assert values("A zone of low tension in the 2020s.") == []


def test_a_fronted_date_opens_its_event_clause() -> None:
    x = read(
        "On 3 January 2020 a general was killed by a drone strike in Baghdad; "
        "five days later, missiles struck a base.",
        "2020-02-15",
    )
    assert [e.date for e in x.events] == ["2020-01-03", "2020-01-08"]
    assert x.events[0].what.startswith("On 3 January 2020")


def test_general_holder_phrases() -> None:
    cases = {
        "Analysts in Delhi say the talks will fail.": "Analysts in Delhi",
        "A senior official told reporters that the talks will fail.": "A senior official",
        "According to the report, ties will worsen.": "the report",
        "The study concludes that ties will worsen.": "the study",
        "We believe ties will worsen.": "the author",
    }
    for text, holder in cases.items():
        assert [c.holder for c in read(text).claims] == [holder], text


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a day that is not in its month is read to the month; "later" from it is not datable
        (
            "China and Japan met on 31 February 2019. Three days later they clashed.",
            [("31 February 2019", "2019-02")],
        ),
        ("On June 31, 2019 they met.", [("June 31, 2019", "2019-06")]),
        ("On 99 June the talks began.", [("99 June", "2020-06")]),
        ("On 15 June the talks began.", [("15 June", "2020-06-15")]),
        # "²" is a digit to str.isdigit but not a number: not datable, no crash
        ("They met on 3 June 2019. ² days later China protested.", [("3 June 2019", "2019-06-03")]),
        (
            "On 3 June 2019 they met. Five days later they clashed.",
            [("3 June 2019", "2019-06-03"), ("Five days later", "2019-06-08")],
        ),
    ],
)
def test_impossible_days_are_read_to_the_month_never_a_crash(
    text: str, dates: list[tuple[str, str]]
) -> None:
    found = find_dates(text, 0, len(text), dt.date(2020, 7, 1))
    assert [(d.text, d.value) for d in found] == dates
    # and the whole reader takes the text
    extract(text, date=dt.date(2020, 7, 1))


# round 7: holders and claim cues of the kinds heldout_11-14 showed, on made-up sentences -----


def test_a_brief_is_a_holder_and_first_person_doubt_is_the_authors() -> None:
    text = (
        "The brief's judgement is cautious. If the fishing season is tense, Quito will seek "
        "closer ties with Lima. It will not join an alliance, however.\n\n"
        "Neither Peruvian nor Chilean officials want a clash, and I do not believe that one "
        "is coming soon.\n"
    )
    claims = read(text).claims
    assert [c.holder for c in claims] == ["the brief", "the brief", "the author"]


def test_a_judgement_of_a_ties_strength_and_standing_to_gain_are_claims() -> None:
    text = (
        "Diplomats in Lima say the Peruvian-Chilean partnership is not as fragile as the "
        "headlines suggest.\n\n"
        "Bolivia stands to gain cheaper gas from the pipeline.\n"
    )
    claims = read(text).claims
    assert len(claims) == 2
    assert claims[0].holder == "Diplomats in Lima"


def test_a_dated_verb_in_the_past_tense_is_an_event() -> None:
    text = (
        "On 2 April 2020 a fishing boat sank near the islands. "
        "In August 2019 Lima froze all Ecuadorian assets. "
        "Relations were considered stable in 2015. "
        "Trade will grow in 2021.\n"
    )
    events = read(text, date="2020-06-01").events
    assert [e.date for e in events] == ["2020-04-02", "2019-08"]


def test_directions_of_negated_weakness_sanctions_rebuilding_and_comparisons() -> None:
    text = (
        "Diplomats in Lima say the alliance with Quito is not as weak as the speeches suggest.\n\n"
        "If Quito keeps buying oil, Lima will extend sanctions to its companies.\n\n"
        "A deal would let the two capitals rebuild trust.\n\n"
        "Nor will Peru abandon Quito.\n\n"
        "In my view, a deal would do more for Andean security than new sanctions.\n"
    )
    claims = read(text).claims
    assert [c.direction for c in claims] == [
        "increase",
        "decrease",
        "increase",
        "increase",
        "increase",
    ]


def test_holders_of_round_7() -> None:
    text = (
        "Officials in the Morales administration expect Lima to be next. "
        "I would not count on it while the president is in office.\n\n"
        "A Chilean participant warned that if Lima resumed its claims, Santiago would protest.\n\n"
        "Analysts in Quito doubt that Peru will ever join the patrols. "
        "They do expect its cooperation with Chile to grow.\n\n"
        "Neither side will make a concession soon.\n"
    )
    claims = read(text).claims
    assert [c.holder for c in claims] == [
        "Officials in the Morales administration",
        "the author",
        "A Chilean participant",
        "Analysts in Quito",
        "Analysts in Quito",
        "the author",
    ]


def test_holders_of_round_10() -> None:
    # envoys, single officers and "thought"; a sentence-opening "And" is no name; a holder
    # named later in the paragraph does not reach back to an earlier claim
    text = (
        "A former Greek ambassador argued that if Berlin revives the talks, Athens and Ankara "
        "could return to the table by spring. "
        "Several participants thought the pressure would push Tokyo closer to Seoul.\n\n"
        "If borders stay shut, Chinese loans will look more attractive to Honiara. "
        "And officials in Taipei expect the new act to make Washington a more active partner.\n"
    )
    claims = read(text).claims
    assert [c.holder for c in claims] == [
        "A former Greek ambassador",
        "Several participants",
        "the author",
        "officials in Taipei",
    ]


def test_holders_of_round_11() -> None:
    text = (
        "Officials in Seoul hope a visit by Mr Xi next year would lift the curbs.\n\n"
        "Lawyers expect the merits to take years.\n"
    )
    assert [c.holder for c in read(text).claims] == ["Officials in Seoul", "Lawyers"]


def test_a_push_with_a_longer_object_is_a_causal_claim() -> None:
    for text in (
        "The rig crisis pushed Hanoi to widen its circle of friends.",
        "The remark pushed the government further from Cairo.",
        "The sanctions did nothing except push the two capitals closer.",
    ):
        assert [c.rule.split(";")[0] for c in read(text).claims] == ["claim:causal"], text
    for text in (
        "Officials pushed the talks to the next day.",
        "The summit was pushed back to 2021.",
        "Tokyo pushed hard to conclude the deal.",
    ):
        assert read(text).claims == [], text


def test_in_an_interview_a_reported_third_party_does_not_carry_on() -> None:
    text = (
        "Q: What does Moscow think?\n"
        "A: Russian officials say the launchers could fire cruise missiles. "
        "If the batteries are deployed, Russia and Japan will find their talks harder.\n"
        "Q: And Beijing?\nA: It will protest.\n"
    )
    claims = read(text).claims
    assert claims[-2].holder == "the interviewee"


DIRECTIONS = {
    # round 7 review
    "If Lima compromises, the dispute with Quito will be resolved.": "increase",
    "If Lima compromises, tensions with Quito will ease and cooperation will grow.": "increase",
    "Lima will end its talks with Quito.": "decrease",
    "Lima will suspend cooperation with Quito.": "decrease",
    "Few in Lima doubt that ties with Quito will grow.": "increase",
    "Lima's ties with Quito will grow, though some doubt that Chile will follow.": "increase",
    "In my view the rift between Lima and Quito will deepen.": "decrease",
    # round 13: with no word of growth or decline, the consequence's last relation trigger
    # gives the direction; stalling and eroding are declines
    "If Lima joins the pact, Quito would punish it.": "decrease",
    "A settlement would allow Lima and Quito to coordinate again.": "increase",
    "If the talks fail, the trade deal between Lima and Quito will stall.": "decrease",
    "If the levy returns, support for the alliance in Lima will erode.": "decrease",
    "If the talks fail, Lima will not cooperate with Quito.": "decrease",
    # still no direction where neither lexicon has a word
    "If Lima wins, Quito will be next.": None,
    # cold review: a verb that stops or refuses what follows; a doubt inside the consequence
    "If Lima protests, the visit to Quito will be called off.": "decrease",
    "If the sanctions stay, Lima will refuse any summit with Quito.": "decrease",
    "If Quito buys the radar, Lima will stop its tourists visiting Quito.": "decrease",
    "I doubt that ties between Lima and Quito will improve.": "decrease",
    "Few analysts in Lima doubt that the alliance with Quito will hold.": "increase",
}


@pytest.mark.parametrize(("text", "expected"), DIRECTIONS.items())
def test_claim_directions(text: str, expected: str | None) -> None:
    assert [c.direction for c in read(text).claims] == [expected]


def test_round_14_actor_and_holder_rules() -> None:
    # a capital after since/after/before/until and before a pause names a meeting held there
    assert mentions("Since Hanoi, Pyongyang has snubbed Seoul.") == [
        ("PRK", "Pyongyang"),
        ("KOR", "Seoul"),
    ]
    assert ("RUS", "Moscow") in mentions("After Moscow annexed Crimea, Kyiv protested.")
    # (cold review: not at a sentence's end, nor after a preposition ending the sentence before;
    # a country before "talks" is their subject, not their venue)
    assert ("RUS", "Moscow") in mentions("Kyiv lifted the ban only after Moscow.")
    assert ("CHN", "Beijing") in mentions("Talks resumed the week before. Beijing, though, left.")
    assert ("IRN", "Iran") in mentions("Washington walked out of the Iran talks.")
    # Libya's Government of National Accord is Libya
    assert ("LBY", "GNA") in mentions("Ankara signed a maritime deal with the GNA.")
    # "colleagues ... suspect that", "the panel doubted, however, that"
    text = "Colleagues in Seoul suspect that the projects can revive only if sanctions ease."
    assert [c.holder for c in read(text).claims] == ["Colleagues in Seoul"]
    text = "The panel doubted, however, that their support would go much further."
    assert [c.holder for c in read(text).claims] == ["the panel"]
    # (cold review: "agreed" without "that" is a decision, not a view)
    text = "The conference agreed on a ceasefire; if Moscow complies, ties with Kyiv will improve."
    assert [c.holder for c in read(text).claims] == ["the author"]


def test_round_17_holder_rules() -> None:
    # "judged that" attributes; "in his view" carries the paragraph's last holder, like "they"
    text = (
        "Some panellists judged that Ankara would use the migrants to press the EU. "
        "They warned that the deal could collapse."
    )
    assert [c.holder for c in read(text).claims] == ["Some panellists", "Some panellists"]
    text = (
        "A former Turkish diplomat argued that the sanctions would not break Turkey's ties with "
        "NATO. In her view, Turkey will keep the missiles in storage."
    )
    assert [c.holder for c in read(text).claims] == ["A former Turkish diplomat"] * 2
    # "in his view" carries a single holder only, never a group (round-17 cold review)
    text = (
        "Some panellists judged that Ankara would use the migrants to press the EU. "
        "In her view, the deal could collapse."
    )
    assert [c.holder for c in read(text).claims] == ["Some panellists", "the author"]
    # (a court's ruling is no view: "the judge ruled that" names no holder)
    text = "The judge ruled that Turkey will pay."
    assert [c.holder for c in read(text).claims] == ["the author"]


def test_round_16_holder_rules() -> None:
    # a state or capital opening the sentence with a belief, "some in" a capital
    text = "Moscow fears that American forces could be stationed on the islands."
    assert [c.holder for c in read(text).claims] == ["Moscow"]
    text = "A: Some in Tokyo hope that peace with Japan would draw Moscow away from Beijing."
    assert [c.holder for c in read(text).claims] == ["Some in Tokyo"]
    # (not a conditional opening, nor a verb of saying, nor without "that")
    text = "If Berlin insists that the pipeline goes ahead, Warsaw will protest."
    assert [c.holder for c in read(text).claims] == ["the author"]
    text = "Moscow says that it will answer any deployment."
    assert [c.holder for c in read(text).claims] == ["the author"]
    # more professions, a reply, and a trailing "he said" naming the paragraph's last holder
    text = (
        "An Algerian political scientist replied that Algiers would back the movement. "
        "Relations between Algeria and Morocco will not improve soon, he said."
    )
    assert [c.holder for c in read(text).claims] == [
        "An Algerian political scientist",
        "An Algerian political scientist",
    ]
    text = "A Mauritanian journalist expected Nouakchott to stay on good terms with Rabat."
    assert [c.holder for c in read(text).claims] == ["A Mauritanian journalist"]
    # (cold review: quantifiers, adverbs and nouns are no names; "as he said in 2019" is no
    # trailing attribution)
    for opening in (
        "Many fear that",
        "Such fears that",
        "Now Moscow fears that",
        "Nobody believes that",
    ):
        text = f"{opening} Russia will invade."
        assert [c.holder for c in read(text).claims] == ["the author"], opening
    text = (
        "An Algerian political scientist replied that Algiers would back the movement. "
        "As he said in 2019, relations will not improve soon."
    )
    assert [c.holder for c in read(text).claims][1] == "the author"


def test_adjectives_and_plans_in_the_past_form_are_no_events() -> None:
    text = (
        "The contested islands have been a source of friction since 2012. "
        "Tensions remain heightened in 2020. "
        "The deal is scheduled to be ratified in 2021. "
        "A Saudi-led coalition bombed the port in 2018.\n"
    )
    events = read(text, date="2020-06-01").events
    assert [(e.date, e.trigger) for e in events] == [("2018", "bombed")]
