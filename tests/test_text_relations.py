"""The relation reader's rules, each on hand-made sentences (never the annotated texts).

The rules are tested alone (``pair_model=False``); the pair model's second opinion has its own
tests in tests/test_text_pairmodel.py.

Also: the reader never crashes and keeps every offset inside the text, on arbitrary Unicode and
on random strings of the gazetteer's names and trigger words (hypothesis).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equipoise.text import extract

Rel = tuple[str, str, int]


def rels(text: str) -> set[Rel]:
    return {
        (r.a, r.b, r.sign)
        for r in extract(text, date=dt.date(2020, 6, 1), pair_model=False).relations
    }


def full(text: str) -> dict[tuple[str, str], tuple[int, str, str]]:
    return {
        (r.a, r.b): (r.sign, r.modality, r.rule) for r in extract(text, pair_model=False).relations
    }


# coordination ----------------------------------------------------------------------------------


def test_coordinated_subjects_each_relate_to_the_object_not_to_each_other() -> None:
    assert rels("Russia and China have protested against the United States.") == {
        ("CHN", "USA", -1),
        ("RUS", "USA", -1),
    }


def test_a_list_of_names_shares_the_relation() -> None:
    assert rels("Japan regards India, Vietnam and Australia as its partners.") == {
        ("AUS", "JPN", 1),
        ("IND", "JPN", 1),
        ("JPN", "VNM", 1),
    }


def test_not_only_but_also_is_a_coordination() -> None:
    assert rels("Washington sees not only China but also Russia as a rival.") == {
        ("CHN", "USA", -1),
        ("RUS", "USA", -1),
    }


def test_parenthetical_along_with_is_a_coordination() -> None:
    assert rels("Japan (along with India) is looking for common ground with Russia.") == {
        ("JPN", "RUS", 1),
        ("IND", "RUS", 1),
    }


def test_coordinated_pair_with_its_own_trigger_is_still_a_pair() -> None:
    assert rels("Russia and China held joint drills.") == {("CHN", "RUS", 1)}


# companions, subjects and objects --------------------------------------------------------------


def test_comitative_pairs_the_subject_with_the_companion_not_the_place() -> None:
    text = "Indian soldiers took part in drills in Australia along with the Japanese."
    assert rels(text) == {("IND", "JPN", 1)}
    assert full(text)[("IND", "JPN")][2] == "comitative"


def test_trigger_with_a_prepositional_object_takes_the_clause_subject() -> None:
    text = "Japan wants better relations with Russia in order to contend with a rising China."
    found = full(text)
    assert found[("CHN", "JPN")][:1] == (-1,)
    assert found[("CHN", "JPN")][2] == "subject-object"


def test_demonym_head_noun_of_conflict_is_the_trigger() -> None:
    assert rels("Ankara bought the missiles despite the risk of American sanctions.") == {
        ("TUR", "USA", -1)
    }
    # a cooperative head is not taken over a governing verb of conflict
    assert ("CIV", "SEN", 1) not in rels("Ivory Coast rejected a Senegalese peace plan.")


def test_a_capital_used_as_a_place_can_be_a_side_of_a_trigger() -> None:
    assert rels("Protesters in Baghdad condemned the United States.") == {("IRQ", "USA", -1)}


# pronouns --------------------------------------------------------------------------------------


def test_subject_it_is_the_previous_sentences_subject() -> None:
    text = "Japan understands Russia’s interests. That is why it seeks closer ties with India."
    assert ("IND", "JPN", 1) in rels(text)
    assert ("IND", "RUS", 1) not in rels(text)


def test_object_it_is_not_its_own_clauses_subject() -> None:
    text = "Turkey bought Russian missiles, and Washington punished it with sanctions."
    assert ("TUR", "USA", -1) in rels(text)


def test_possessive_its_is_the_subject_of_its_clause() -> None:
    text = (
        "If Russia and China draw closer, India will expand its cooperation with the United States."
    )
    assert ("IND", "USA", 1) in rels(text)
    assert ("RUS", "USA", 1) not in rels(text)


def test_expletive_it_is_not_resolved() -> None:
    assert rels("Japan is worried. It is clear that China and India compete.") == {
        ("CHN", "IND", -1)
    }


def test_he_is_the_last_leader_named_as_a_subject() -> None:
    text = (
        "Prime Minister Abe wanted a summit with President Putin. "
        "Because of the pandemic, he had to cancel his visit to Moscow."
    )
    found = extract(text, pair_model=False).relations
    last = [r for r in found if r.span[0] >= text.index("Because")]
    assert [(r.a, r.b, r.sign, r.trigger) for r in last] == [("JPN", "RUS", -1, "cancel his visit")]


def test_this_partnership_is_the_pair_the_paragraph_is_about() -> None:
    text = (
        "Russia and India remain close partners. Moscow also trades with Beijing. "
        "This partnership will survive."
    )
    last = [r for r in extract(text, pair_model=False).relations if r.span[0] >= text.index("This")]
    assert [(r.a, r.b, r.modality) for r in last] == [("IND", "RUS", "hypothetical")]


def test_places_are_not_resolved_as_the_two_countries() -> None:
    text = (
        "Japanese sailors trained in Australia alongside South Korean sailors. "
        "Tensions between the two countries persist."
    )
    assert ("AUS", "JPN", -1) not in rels(text)
    assert ("JPN", "KOR", -1) in rels(text)


# trigger choice --------------------------------------------------------------------------------


def test_a_governing_verb_of_the_other_sign_wins_over_its_noun() -> None:
    assert full("Moscow will not sacrifice its ties with India.") == {
        ("IND", "RUS"): (-1, "negated", "trigger-between")
    }
    assert rels("Abe had to cancel his visit to Moscow.") == {("JPN", "RUS", -1)}
    # a conjunction between them breaks the government ("closer as tensions")
    assert ("FRA", "TUR", -1) in rels(
        "France has drawn closer to Greece as tensions with Turkey rose."
    )


def test_modality_of_the_verb_group_after_a_noun_trigger() -> None:
    assert full("The US-Japan alliance will survive.")[("JPN", "USA")][1] == "hypothetical"
    assert full("The US-Japan alliance does not work.")[("JPN", "USA")][1] == "negated"
    assert full("The US-Japan alliance works.")[("JPN", "USA")][1] == "asserted"


def test_sino_is_china_in_a_hyphenated_pair() -> None:
    assert rels("Sino-Russian rapprochement continues.") == {("CHN", "RUS", 1)}
    assert rels("The Sino-Indian border dispute flared.") == {("CHN", "IND", -1)}


# robustness ------------------------------------------------------------------------------------

_WORDS = [
    "Russia",
    "China",
    "Japan",
    "India",
    "the United States",
    "Moscow",
    "Beijing",
    "Tokyo",
    "the Kremlin",
    "Sino-Russian",
    "US–Japan",
    "Russian",
    "Japanese",
    "NATO",
    "the Quad",
    "it",
    "its",
    "It",
    "he",
    "they",
    "the two countries",
    "this partnership",
    "bilateral relations",
    "and",
    "or",
    ",",
    ".",
    "?",
    "(",
    ")",
    "along with",
    "not only",
    "but also",
    "with",
    "against",
    "in",
    "to",
    "alliance",
    "sanctions",
    "cancel",
    "visit",
    "ties",
    "rival",
    "if",
    "would",
    "not",
    "experts believe",
    "in January 2020",
    "\n",
    "\n\n",
    "—",
    "’s",
    "President Putin",
]


def _check(text: str) -> None:
    x = extract(text, date=dt.date(2020, 6, 1))
    n = len(text)
    for a in x.actors:
        assert all(0 <= s < e <= n for s, e in a.mentions)
    for r in x.relations:
        assert r.a < r.b and r.sign in (-1, 1)
        assert 0 <= r.span[0] <= r.trigger_span[0] <= r.trigger_span[1] <= r.span[1] <= n or (
            0 <= r.trigger_span[0] <= r.trigger_span[1] <= n
        )
        assert r.modality in ("asserted", "hypothetical", "negated")
    for c in x.claims:
        assert 0 <= c.span[0] <= c.span[1] <= n
    for e in x.events:
        assert 0 <= e.span[0] <= e.span[1] <= n


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_reader_never_crashes_on_arbitrary_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), max_size=60))
def test_reader_never_crashes_on_random_strings_of_names_and_triggers(words: list[str]) -> None:
    _check(" ".join(words))


def test_cameo_verbs_added_from_the_plover_development_half() -> None:
    assert rels("Israel refused to meet Jordan's king.") == {("ISR", "JOR", -1)}
    assert rels("Washington granted Hanoi a waiver.") == {("USA", "VNM", 1)}
    assert rels("Italy announced a suspension of air links with Serbia.") == {("ITA", "SRB", -1)}
    assert rels("Argentina has apologized to Brazil.") == {("ARG", "BRA", 1)}


# round 4 (from the errors of heldout_04 and heldout_05) ----------------------------------------


def test_depends_on_a_state_is_a_relation_but_depends_on_a_state_of_affairs_is_not() -> None:
    assert rels("Kazakhstan depends on Russia for its security.") == {("KAZ", "RUS", 1)}
    text = "The partnership depends on the state of relations between the United States and Japan."
    assert ("JPN", "USA", 1) not in rels(text)


def test_copular_its_is_not_the_subject_of_its_own_clause() -> None:
    text = "Hanoi trades with Tokyo, while China has become its largest creditor."
    assert ("CHN", "VNM", 1) in rels(text)


def test_backing_rival_factions_is_conflict() -> None:
    assert rels("Russia and Turkey support rival factions in Libya.") == {("RUS", "TUR", -1)}


def test_neither_country_distributes_over_the_pair() -> None:
    text = "India and Japan fund roads, but neither country is a strategic partner for Hanoi."
    found = full(text)
    assert found[("IND", "VNM")][:2] == (1, "negated")
    assert found[("JPN", "VNM")][:2] == (1, "negated")
    assert ("IND", "JPN") not in found


def test_demonstrative_relation_noun_points_to_the_pair_of_its_sentence_or_paragraph() -> None:
    text = (
        "Seoul and Tokyo share intelligence with Canberra. Such coordination is unlikely to last."
    )
    last = [r for r in extract(text, pair_model=False).relations if r.span[0] >= text.index("Such")]
    assert [(r.a, r.b) for r in last] == [("JPN", "KOR")]


def test_pressure_from_a_state_takes_the_clause_subject() -> None:
    assert ("KOR", "USA", -1) in rels("Seoul reversed course under pressure from Washington.")


def test_unlikely_after_a_noun_trigger_negates() -> None:
    assert full("Such coordination is unlikely.") == {}
    text = "Seoul and Tokyo train together. Such coordination is unlikely to last."
    last = [r for r in extract(text, pair_model=False).relations if r.span[0] >= text.index("Such")]
    assert [(r.a, r.b, r.modality) for r in last] == [("JPN", "KOR", "negated")]


# round 5: structural cases of heldout_06, each on made-up sentences ----------------------------


def test_a_trigger_before_coordinated_objects_does_not_pair_the_objects() -> None:
    found = rels("Seoul has moved closer to Canberra and Ottawa.")
    assert ("AUS", "CAN", 1) not in found
    assert {("AUS", "KOR", 1), ("CAN", "KOR", 1)} <= found
    # "between" still pairs its two objects
    assert ("CAN", "MEX", 1) in rels("Cooperation between Canada and Mexico deepened.")


def test_a_title_pair_before_a_colon_takes_the_phrase_after_it() -> None:
    assert rels("Turkey and Greece: a partnership of convenience") == {("GRC", "TUR", 1)}
    assert rels("Egypt and Ethiopia: an old rivalry revived") == {("EGY", "ETH", -1)}


def test_bare_neither_and_both_distribute_over_the_last_coordinated_subjects() -> None:
    text = (
        "Malaysia and Thailand follow the talks. Neither wants a quarrel with Beijing, "
        "but both will welcome a firmer Japanese stance."
    )
    found = rels(text)
    assert {("JPN", "MYS", 1), ("JPN", "THA", 1)} <= found
    assert ("CHN", "JPN", 1) not in found  # "a quarrel with Beijing" is not about Japan
    # "both Japan and Korea" is a determiner, not a reference
    assert rels("Both Japan and South Korea signed the treaty.") == {("JPN", "KOR", 1)}


def test_an_interview_answer_continues_its_question_pair() -> None:
    text = (
        "How are relations between Hanoi and Manila?\n"
        "They are at their lowest point since 2016.\n"
        "What comes next?\n"
        "Nobody knows.\n"
    )
    assert rels(text) == {("PHL", "VNM", -1)}
    # outside an interview a paragraph starts afresh
    text = "Hanoi and Manila met.\nThey are at their lowest point since 2016.\n"
    assert ("PHL", "VNM", -1) not in rels(text)


# round 6: the general cases heldout_07-10 showed, each on made-up sentences ----------------------


def test_pushed_towards_relates_the_pushed_and_its_new_partner() -> None:
    found = rels("Tariffs have pushed Seoul towards Tokyo in recent years.")
    assert ("JPN", "KOR", 1) in found


def test_a_cold_adjective_governs_ties() -> None:
    assert rels("The frosty ties between Ankara and Athens persist.") == {("GRC", "TUR", -1)}
    assert ("EGY", "SDN", -1) in rels("Cairo blamed Khartoum for the incident.")


def test_the_two_capitals_reach_the_pair_of_the_paragraph_before() -> None:
    text = (
        "Hanoi and Manila signed a treaty in 2015.\n\n"
        "A quarrel over fishing has cast a shadow over ties between the two capitals.\n"
    )
    assert ("PHL", "VNM", -1) in rels(text)
    # a pronoun does not reach across the paragraph
    text = "Hanoi and Manila signed a treaty in 2015.\n\nThey will clash soon.\n"
    assert ("PHL", "VNM", -1) not in rels(text)


def test_neither_nor_coordinates_and_a_reported_clause_holder_is_no_side() -> None:
    found = rels("Neither Ankara nor Cairo is likely to defend Tripoli.")
    assert {("LBY", "TUR", 1), ("EGY", "LBY", 1)} <= found
    found = rels("Polish officials fear that if German exercises grow, Moscow will retaliate.")
    assert not any("POL" in (a, b) for a, b, _ in found)


def test_open_to_both_a_and_b_does_not_pair_a_and_b() -> None:
    assert rels("Hanoi keeps channels open to both Beijing and Washington.") == {
        ("CHN", "VNM", 1),
        ("USA", "VNM", 1),
    }


def test_coordinated_subjects_of_a_direct_object_are_co_agents() -> None:
    assert rels("Vietnam and the Philippines both reject Beijing's claims.") == {
        ("CHN", "PHL", -1),
        ("CHN", "VNM", -1),
    }
    assert rels("The rift between Egypt and Ethiopia persists.") == {("EGY", "ETH", -1)}


def test_more_friction_words() -> None:
    assert rels("Canberra and Beijing are at odds.") == {("AUS", "CHN", -1)}
    assert rels("Japan is wary of China.") == {("CHN", "JPN", -1)}
    assert rels("The feud between Cairo and Addis Ababa goes on.") == {("EGY", "ETH", -1)}


def test_the_head_noun_of_x_between_a_and_b_gives_the_sign() -> None:
    # a degree verb after it does not ("deepened"); a reversing one does ("eased", "collapsed")
    assert rels("The feud between Cairo and Addis Ababa deepened.") == {("EGY", "ETH", -1)}
    assert rels("Tensions between Hanoi and Beijing eased in 2019.") == {("CHN", "VNM", 1)}
    assert rels("Cooperation between Seoul and Tokyo collapsed.") == {("JPN", "KOR", -1)}


# round 7: the general cases heldout_11-14 showed, each on made-up sentences ---------------------


def test_ending_a_tie_is_friction() -> None:
    assert rels("Lima broke off diplomatic relations with Quito.") == {("ECU", "PER", -1)}
    assert rels("Oslo severed ties with Minsk in 2016.") == {("BLR", "NOR", -1)}
    found = rels("In May Canberra gave notice to end the fisheries agreement with Jakarta.")
    assert found == {("AUS", "IDN", -1)}
    # "several" is not "sever", and a tie that is kept stays cooperation
    assert rels("Lima signed several agreements with Quito.") == {("ECU", "PER", 1)}


def test_the_verb_after_a_relation_noun_gives_its_sign() -> None:
    found = rels("Poland's ties with Hungary will worsen if the budget talks fail.")
    assert ("HUN", "POL", -1) in found and ("HUN", "POL", 1) not in found
    assert rels("Ghana's dispute with Togo has eased since June.") == {("GHA", "TGO", 1)}
    assert rels("Relations between Lima and Quito will sour for a decade.") == {("ECU", "PER", -1)}


def test_co_agents_of_a_third_actors_pressure_or_a_passive() -> None:
    found = rels("Chile and Peru have dealt with Bolivian pressure since 2018.")
    assert ("CHL", "PER", -1) not in found
    assert ("BOL", "CHL", -1) in found
    found = rels("Quito announced a new zone, a move rejected by Chile and Peru alike.")
    assert ("CHL", "PER", -1) not in found


def test_lifting_sanctions_is_cooperation_and_freezing_aid_is_friction() -> None:
    assert rels("Oslo had lifted most of its sanctions on Minsk in 2016.") == {("BLR", "NOR", 1)}
    assert rels("Lima faces new sanctions from Quito.") == {("ECU", "PER", -1)}
    found = rels("Washington froze almost $400 million of military aid to Kyiv last summer.")
    assert found == {("UKR", "USA", -1)}


def test_the_tie_ending_and_lifting_phrases_do_not_stretch_across_words() -> None:
    """The triggers are case-insensitive: their filler must not take any lower-case word."""
    assert rels("Quito removed its ambassador after new sanctions from Lima.") == {
        ("ECU", "PER", -1)
    }
    assert rels("Lima relaxed its stance but kept sanctions on Quito.") == {("ECU", "PER", -1)}
    assert ("ECU", "PER", -1) not in rels("Lima left the door open to talks with Quito.")
    assert ("ECU", "PER", -1) not in rels("In the end the talks between Lima and Quito succeeded.")


def test_round_10_relation_rules() -> None:
    # a tie's age does not hide its ending
    assert rels("In September Honiara ended 36 years of diplomatic ties with Taipei.") == {
        ("SLB", "TWN", -1)
    }
    # fighting alongside someone is cooperation; bombers flying a joint patrol are
    assert rels("Estonian troops are fighting alongside the French in Mali.") == {("EST", "FRA", 1)}
    # (fighting "for" someone stays hostility: "fight for influence" is rivalry)
    assert ("RUS", "TUR", -1) in rels("Turkey and Russia are fighting for influence in Libya.")
    assert rels("Russian and Chinese bombers flew their first joint patrol.") == {("CHN", "RUS", 1)}
    # a summit named after its venue: the capital is no side
    assert rels("Two years after NATO's Warsaw summit, the region is better defended.") == set()


def test_the_two_countries_are_states_not_the_alliance_beside_them() -> None:
    text = (
        "Sweden and Finland have drawn closer to NATO. In May the two countries signed a "
        "statement of intent on defence cooperation with Washington."
    )
    second = [r for r in extract(text, pair_model=False).relations if r.span[0] > 45]
    assert {(r.a, r.b) for r in second} == {("FIN", "SWE"), ("FIN", "USA"), ("SWE", "USA")}


def test_round_11_relation_rules() -> None:
    # the verb phrase around a relation noun after a pronoun is the trigger
    found = rels("Honiara and Tarawa cut their ties with Taipei in September 2019.")
    assert {("SLB", "TWN", -1), ("KIR", "TWN", -1)} <= found
    # (the two acted together: no KIR-SLB friction is asserted; the reader's KIR-SLB pair from
    # "their" is a known error, not pinned here)
    # "closer to war" is no rapprochement; to stop buying someone's goods is friction
    assert rels("The strike brought Washington and Tehran closer to war.") == {("IRN", "USA", -1)}
    assert ("AUS", "CHN", -1) in rels(
        "China's ambassador warned that his compatriots might stop buying Australian wine."
    )


def test_round_12_relation_rules() -> None:
    # a tie-ending phrase is read whole even when its verb is also a trigger of its own
    assert rels("In September Washington suspended part of its aid to Addis Ababa.") == {
        ("ETH", "USA", -1)
    }
    # lifting an arms embargo is cooperation
    assert rels("In May 2016 Washington lifted the US arms embargo on Hanoi.") == {
        ("USA", "VNM", 1)
    }
    # an organisation's chamber as a venue is no side (with a trigger that reached it before)
    found = rels("Moscow and Beijing circulated a draft at the Security Council to lift the ban.")
    assert not any("UN" in (a, b) for a, b, _ in found)
    # other organisations after "at the" stay sides
    assert ("EU", "RUS", -1) in rels("Moscow hit back at the EU with counter-sanctions.")


def test_round_13_relation_rules() -> None:
    # a venue is no side: a meeting named after it, a sentence-opening "In X", a forum a case
    # is taken to, the UN naming an instrument or a meeting
    assert rels("Months later Ankara and Tehran launched the Doha talks.") == {("IRN", "TUR", 1)}
    assert rels("Putin and Abe met twice. In Singapore in 2018 they agreed on talks.") == {
        ("JPN", "RUS", 1)
    }
    assert rels("In Syria Moscow struck the rebels.") == set()  # (before: RUS-SYR)
    assert rels("Canberra will take the barley tariffs to the WTO.") == set()
    assert rels("Beijing blocked a UN listing of the militant leader.") == set()
    # (before: RUS-UN and CHN-UN)
    assert rels("Russia blocked the resolution in the Security Council, angering Kyiv.") == set()
    assert rels("Beijing got a closed-door meeting of the Security Council on Kashmir.") == set()
    # (the UN acting is still a side)
    assert ("ERI", "UN", 1) in rels("The UN Security Council lifted its sanctions on Eritrea.")
    # the verb after "the partnership between A and B" or "the alliance with B" gives the sign
    assert rels("The partnership between Riyadh and Abu Dhabi has frayed.") == {("ARE", "SAU", -1)}
    assert rels("If Washington pushes, its alliance with Seoul will suffer.") == {
        ("KOR", "USA", -1)
    }
    # closer to collapse is no rapprochement
    assert rels("Arms control between Moscow and Washington came closer to collapse.") == {
        ("RUS", "USA", -1)
    }
    # new cues: talking, one voice, a return to the table, a deadlock, squaring off, apart
    assert rels("Yet Beijing and Tokyo are talking again.") == {("CHN", "JPN", 1)}
    assert rels("Athens and Ankara could return to the table by spring.") == {("GRC", "TUR", 1)}
    assert rels("Seoul and Washington have been deadlocked since autumn.") == {("KOR", "USA", -1)}
    assert rels("Washington and Beijing square off in public.") == {("CHN", "USA", -1)}
    assert rels("The longer Washington and Pyongyang stay apart, the worse.") == {
        ("PRK", "USA", -1)
    }


def test_round_14_relation_rules() -> None:
    # a list of three that opens its clause and signs, meets or acts jointly: every two members
    assert rels("In May Russia, Iran and Turkey agreed on four zones.") == {
        ("IRN", "RUS", 1),
        ("IRN", "TUR", 1),
        ("RUS", "TUR", 1),
    }
    assert rels("The statement Putin, Aliyev and Pashinyan signed froze the front.") == {
        ("ARM", "AZE", 1),
        ("ARM", "RUS", 1),
        ("AZE", "RUS", 1),
    }
    # (not a list that is the object of something else)
    assert rels("Sanctions on Russia, Iran and Syria were agreed.") == set()
    # the trigger of a compound ("Russian-backed") is no tie to the next name; a trigger after
    # it still is (cold review)
    assert rels("Russian-backed separatists attacked Ukrainian troops.") == {("RUS", "UKR", -1)}
    assert rels("Saudi-backed forces clashed with Emirati-backed militias.") == {("ARE", "SAU", -1)}
    # pushed into someone's arms; siding with, standing by, sitting down with, a breach
    assert rels("The blockade pushed Doha into Ankara's arms.") == {("QAT", "TUR", 1)}
    assert rels("Beijing sided openly with Pakistan.") == {("CHN", "PAK", 1)}
    assert rels("Moscow stood by Tehran.") == {("IRN", "RUS", 1)}
    assert rels("In December Zelensky sat down with Putin.") == {("RUS", "UKR", 1)}
    assert rels("Tokyo called the ruling a breach by Seoul.") == {("JPN", "KOR", -1)}
    # freezing aid with its amount is still the end of a tie; fighter jets are hardware
    assert rels("Washington froze almost 400 million dollars of military aid to Kyiv.") == {
        ("UKR", "USA", -1)
    }
    assert rels("In July Delhi cleared the purchase of Russian fighter jets.") == {
        ("IND", "RUS", 1)
    }


def test_round_15_relation_rules() -> None:
    # calling off a visit or a drill, stopping a dealing: friction, not the meeting's sign
    assert rels("Trump called off his visit to Denmark.") == {("DNK", "USA", -1)}
    assert rels("Cambodia called off its Angkor Sentinel exercise with the Americans.") == {
        ("KHM", "USA", -1)
    }
    assert rels("Moscow may stop talking to the EU.") == {("EU", "RUS", -1)}
    # going downhill, a snub, blame, breaking with someone, a separation
    assert rels("Ties between Turkey and the EU went steadily downhill.") == {("EU", "TUR", -1)}
    assert rels("Argentina cannot afford to snub Washington.") == {("ARG", "USA", -1)}
    assert rels("NATO declared that Russia bore sole responsibility.") == {("NATO", "RUS", -1)}
    assert rels("Manila will not break with China.") == {("CHN", "PHL", -1)}
    # standing beside, tilting towards, leaning harder on (or expected to lean on) a patron
    assert rels("President Duda stood beside Donald Trump.") == {("POL", "USA", 1)}
    assert rels("Manila will tilt further towards Washington.") == {("PHL", "USA", 1)}
    assert rels("Bangkok is likely to lean harder on Washington.") == {("THA", "USA", 1)}
    assert rels("Bolsonaro will lean on China.") == {("BRA", "CHN", 1)}
    # ... but not leaning hard on someone to act, a present "leans on", or co-subjects
    assert ("PAK", "USA", 1) not in rels("The Americans leaned hard on Pakistan to act.")
    assert ("SAU", "USA", 1) not in rels("If Washington leans on Riyadh, talks could open.")
    assert ("DEU", "FRA", 1) not in rels("Berlin and Paris will lean harder on Moscow.")
    # an aside between a coordinated pair and its verb; an apposition naming the tie
    assert rels("Russia and China, meanwhile, are drawing closer.") == {("CHN", "RUS", 1)}
    assert rels("Thailand, a treaty ally of the United States, hedges.") == {("THA", "USA", 1)}


def test_round_16_relation_rules() -> None:
    # trade remedies are tariffs; stopping transit ends a tie; declining to meet, cooling
    # towards someone, a row, deterring and overrunning are friction or hostility
    assert rels("China added anti-dumping deposits on Australian wine.") == {("AUS", "CHN", -1)}
    assert rels("Beijing may lift its duties on Canberra.") == {("AUS", "CHN", 1)}
    assert rels("Kyiv stopped Russian military transit.") == {("RUS", "UKR", -1)}
    assert rels("Pence declined to meet the Solomon Islands' premier.") == {("SLB", "USA", -1)}
    assert rels("Paris has cooled towards Bamako.") == {("FRA", "MLI", -1)}
    assert rels("The row between Japan and South Korea spread.") == {("JPN", "KOR", -1)}
    assert rels("Japan won three in a row against Korea.") == set()
    assert rels("Washington will deter Moscow.") == {("RUS", "USA", -1)}
    # normalising or establishing ties, invitations, congratulations, rejoining, membership,
    # an arrangement, imports, trading with or turning to a named partner, "backs"
    assert rels("Sudan agreed to normalise ties with Israel.") == {("ISR", "SDN", 1)}
    assert rels("Israel and the UAE would establish full relations.") == {("ARE", "ISR", 1)}
    assert rels("India invited Australia to the Malabar exercise.") == {("AUS", "IND", 1)}
    assert rels("Putin congratulated Moldova.") == {("MDA", "RUS", 1)}
    assert rels("Morocco rejoined the African Union in 2017.") == {("AU", "MAR", 1)}
    assert rels("Kazakhstan is a founding member of the Eurasian Economic Union.") == {
        ("EAEU", "KAZ", 1)
    }
    assert rels("Germany imports gas from Russia.") == {("DEU", "RUS", 1)}
    assert rels("Rabat wants to keep trade with Mauritania flowing.") == {("MAR", "MRT", 1)}
    assert rels("Bamako could turn to Russia for arms.") == {("MLI", "RUS", 1)}
    assert rels("A new attempt is unlikely while Ankara backs Baku.") == {("AZE", "TUR", 1)}


def test_round_17_relation_rules() -> None:
    # ramming a ship is hostility; curbing exports to someone is friction
    assert rels("A Vietnamese patrol vessel rammed an Indonesian navy ship.") == {
        ("IDN", "VNM", -1)
    }
    assert rels("Japan tightened exports of chip-making chemicals to South Korea.") == {
        ("JPN", "KOR", -1)
    }
    # a possessive name inside a tie-ending phrase ("break Turkey's ties with NATO")
    assert rels("The sanctions would not break Turkey's ties with NATO.") == {("NATO", "TUR", -1)}
    # the verb after a relation noun: talks that stall, break down or collapse, ties that come
    # under strain (also after a written pair, after a whole coordination, after an aside)
    assert rels("Lebanon's talks with the IMF stalled in July.") == {("IMF", "LBN", -1)}
    assert rels("If Chinese-American talks break down, little will be left.") == {
        ("CHN", "USA", -1)
    }
    assert rels("US-China talks collapsed in May.") == {("CHN", "USA", -1)}
    assert rels("Japan's cooperation with India has never faltered.") == {("IND", "JPN", 1)}
    assert rels("Ethiopia's ties with the US and the EU could come under strain.") == {
        ("ETH", "EU", -1),
        ("ETH", "USA", -1),
    }
    assert rels("Russia's ties with Iran, which Israel fears, have stalled.") == {
        ("IRN", "RUS", -1)
    }
    # a non-restrictive relative clause between a subject and its verb does not cut the clause
    assert rels("Vietnam, which chairs ASEAN this year, is a rival of Indonesia.") == {
        ("IDN", "VNM", -1)
    }
    assert rels("Erdogan, who met Putin in Sochi, is a partner of Aliyev.") == {("AZE", "TUR", 1)}


def test_the_cold_review_after_round_17() -> None:
    # the co-objects of a relation noun are no pair ("ties with the US and the EU worsened")
    assert rels("Ethiopia's ties with the US and the EU worsened.") == {
        ("ETH", "EU", -1),
        ("ETH", "USA", -1),
    }
    # failing "to" act, or pressure "to" act, says nothing of the tie itself
    assert ("JPN", "USA", -1) not in rels("Japan's alliance with the US failed to deter China.")
    assert rels("The US-Japan alliance will come under pressure to act.") == {("JPN", "USA", 1)}
    # exports curbed with no target, "limited" as an adjective, or co-subjects' exports
    assert rels("Iran has limited exports to Iraq.") == set()
    assert rels("Japan and South Korea both tightened their exports of rice.") == set()
    assert rels("Japan and South Korea tightened exports to China.") == {
        ("CHN", "JPN", -1),
        ("CHN", "KOR", -1),
    }
    # "left Turkey's ties intact" ends nothing; people described by a demonym are no partner
    assert rels("The vote left Turkey's ties with NATO intact.") == {("NATO", "TUR", 1)}
    assert rels("The US worked with Russian dissidents.") == set()


def test_the_cold_review_after_round_16() -> None:
    # senses that are no tie: import curbs, declining to comment, a membership bid, a
    # soldier's duties, backing down, a burden of responsibility, cooling towards an idea
    assert rels("China imposed import curbs on Australian coal.") == set()
    assert rels("Russia declined to comment on China's proposal.") == set()
    assert rels("Ukraine's NATO membership bid angers Russia.") == set()
    assert rels("Indian troops on UN peacekeeping duties in Congo were attacked.") == set()
    assert rels("Iran backs down as the United States sends a carrier.") == set()
    assert rels("The United States bears responsibility for the security of Iraq.") == set()
    assert rels("Poland cooled towards the idea of a deal with Russia.") == set()
    assert rels("Let us now turn to China and India.") == set()
    # directed cues relate each subject with the object, never the co-subjects or co-objects
    assert rels("Serbia and Montenegro tilt towards Russia.") == {
        ("MNE", "RUS", 1),
        ("RUS", "SRB", 1),
    }
    assert rels("Poland and Hungary are members of the EU.") == {("EU", "HUN", 1), ("EU", "POL", 1)}
    assert rels("Nothing will deter Russia and Turkey from their plans.") == set()
    # leaning on someone "to" act is pressure; a joint call-off is no friction between the two
    assert ("PAK", "USA", 1) not in rels("Washington will lean on Islamabad to act.")
    assert ("KOR", "USA", -1) not in rels("Seoul and Washington called off their joint exercise.")
    # a former ally is no ally; an adversary is a rival
    assert rels("Pakistan, a former ally of the United States, hedges.") == set()
    assert rels("Iran, an adversary of the United States, hedges.") == {("IRN", "USA", -1)}
    # a later clause's own relation is not overridden by a joint list's verb
    text = "Russia, Turkey and Iran met in Astana, but Turkey condemned Iran."
    assert ("IRN", "TUR", -1) in rels(text)


def test_the_cold_review_after_round_14() -> None:
    # cues that over-reached: talking up, standing by while, "the side with", a win over,
    # assured destruction, one voice towards a name, breach as a verb
    assert rels("Beijing was talking up its growth while Tokyo cut rates.") == set()
    assert ("DEU", "RUS", 1) not in rels("Berlin will not stand by while Moscow bullies Kyiv.")
    assert rels("Kyiv is the side with the most to lose from Moscow's moves.") == set()
    assert ("IRN", "USA", 1) not in rels("Washington sided with Riyadh against Tehran.")
    assert rels("Azerbaijan's win over Armenia reshaped the Caucasus.") == set()
    assert rels("Washington and Moscow remain locked in mutually assured destruction.") == set()
    assert rels("The EU spoke with one voice on Minsk sanctions.") == set()
    # venues: a warning sent to NATO, a possessive after "In", the head of the UN
    assert rels("Moscow sent a stern warning to NATO.") == {("NATO", "RUS", -1)}
    assert ("RUS", "UKR", -1) in rels("In Russia's war with Ukraine, Belarus stayed neutral.")
    assert rels("Beijing clashed with the head of the UN over Xinjiang.") == {("CHN", "UN", -1)}
    # joint lists: not "significant", "signs of", a negation, a list that is no subject
    for text in (
        "Russia, China and Iran pose significant threats.",
        "Russia, Turkey and Iran showed signs of strain.",
        "Russia, China and Iran never agreed on anything.",
        "Ukraine, Russia and Germany agreed on nothing.",
        "In March Russia, China and Iran signalled opposition to each other.",
    ):
        assert rels(text) == set(), text
    assert not {("IRN", "RUS", 1), ("G7", "RUS", 1)} & rels(
        "On Russia, Iran and Syria, the G7 agreed new sanctions."
    )
    # a negated degree verb keeps the relation noun's sign
    assert rels("The partnership between Riyadh and Abu Dhabi has never frayed.") == {
        ("ARE", "SAU", 1)
    }
    assert rels("If Washington pushes, its alliance with Seoul will not suffer.") == {
        ("KOR", "USA", 1)
    }
