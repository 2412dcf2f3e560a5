"""Gold spec of heldout_60 (op-ed on Australia-China relations 2017-2020, dated 2020-12-03)."""

SPEC = {
    "document": "tests/data/text/heldout_60.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-12-03",
    "genre": "op-ed",
    "split": "held-out round 10 (development since round 11)",
    "surfaces": {
        "AUS": [
            "Australia",
            "Australian",
            "Canberra",
            "Malcolm Turnbull",
            "Scott Morrison",
            "Morrison",
        ],
        "CHN": ["China", "Chinese", "Beijing"],
        "USA": ["Washington", "Americans", "American"],
        "IND": ["New Delhi", "Narendra Modi"],
        "JPN": ["Tokyo", "Prime Minister Suga"],
        "WTO": ["WTO"],
    },
    "exclude": [("American", 1), ("Tokyo", 1)],
    "relations": [
        ("AUS", "CHN", -1, "asserted", "Australia's relationship with China", "all our fault."),
        ("AUS", "CHN", -1, "asserted", "In December 2017 Malcolm Turnbull", "in our politics."),
        ("AUS", "CHN", -1, "asserted", "In August 2018 Canberra barred", "Beijing protested."),
        ("AUS", "CHN", -1, "asserted", "In April 2020 Canberra called", "as an accusation."),
        ("AUS", "CHN", -1, "asserted", "Days later China's ambassador", "wine and beef."),
        ("AUS", "CHN", -1, "asserted", "In May Beijing imposed tariffs", "claiming dumping."),
        ("AUS", "CHN", -1, "asserted", "In August it opened", "212 per cent."),
        (
            "AUS",
            "CHN",
            -1,
            "asserted",
            "Earlier that month the Chinese embassy",
            "against Canberra.",
        ),
        ("AUS", "CHN", -1, "hypothetical", "One official told them", 'will be the enemy."'),
        ("AUS", "USA", 1, "asserted", "At AUSMIN in July", "sales to China."),
        ("CHN", "USA", 1, "asserted", "At AUSMIN in July", "sales to China."),
        ("AUS", "IND", 1, "asserted", "In June Scott Morrison", "to the other."),
        ("AUS", "JPN", 1, "asserted", "In November Morrison flew", "each other's country."),
        ("AUS", "CHN", -1, "hypothetical", "I suspect the duties", "bend Canberra."),
        ("AUS", "CHN", -1, "hypothetical", "Trade officials expect", "may take years."),
        ("AUS", "JPN", 1, "hypothetical", "Closer ties with Tokyo", "room to say no."),
        ("AUS", "IND", 1, "hypothetical", "Closer ties with Tokyo", "room to say no."),
        ("AUS", "CHN", 1, "hypothetical", "An apology for the inquiry call", "not years."),
    ],
    "events": [
        ("2017-12", "In December 2017 Malcolm Turnbull", "foreign interference"),
        ("2018-08", "In August 2018 Canberra barred Huawei", "5G network"),
        ("2020-04", "In April 2020 Canberra called", "origins of the pandemic"),
        ("2020-04", "Days later China's ambassador warned", "wine and beef"),
        ("2020-05", "In May Beijing imposed tariffs", "Australian barley"),
        ("2020-08", "In August it opened", "into Australian wine"),
        ("2020-11-27", "on 27 November it set provisional duties", "212 per cent"),
        ("2020-11", "Earlier that month the Chinese embassy", "against Canberra"),
        ("2020-07", "At AUSMIN in July", "alliance with Canberra"),
        ("2020-01", "in January Washington had signed", "with Beijing"),
        ("2020-06", "In June Scott Morrison", "virtual summit"),
        ("2020-11", "In November Morrison flew", "each other's country"),
    ],
    "claims": [
        ("the author", None, "decrease", "Australia's relationship with China", "all our fault."),
        (
            "a Chinese official",
            "you make China the enemy",
            "decrease",
            "One official told them",
            'will be the enemy."',
        ),
        ("the author", None, "decrease", "I suspect the duties", "bend Canberra."),
        ("trade officials", None, "decrease", "Trade officials expect", "may take years."),
        ("the author", None, "increase", "Closer ties with Tokyo", "room to say no."),
        ("the author", None, "increase", "An apology for the inquiry call", "not years."),
    ],
    "notes": [
        "Codes as in earlier specs (AUS, CHN, USA, IND, JPN). 'WTO' is coded WTO as in the one "
        "earlier spec that has it; it is mentioned but no relation with it is marked: taking a "
        "dispute to the WTO is using the body, not cooperating or clashing with it.",
        "Leaders named as leaders are mentions: 'Malcolm Turnbull', 'Scott Morrison' and the bare "
        "'Morrison' after it (AUS, as 'Scott Morrison' in heldout_44), 'Narendra Modi' (IND), "
        "'Prime Minister Suga' (JPN). The title's 'Canberra has stopped flinching' is the state as "
        "doer (kept, as the title 'Seoul must stop waiting' in an earlier spec).",
        "Not mentions: 'American farmers' (people, not agents of the state; American 1 "
        "excluded), 'flew to Tokyo' (the capital as the place of a visit; Tokyo 1 excluded), "
        "'Huawei' (a company), 'his compatriots' (people), 'AUSMIN' (the name of a meeting). Kept: "
        "'Chinese meddling' and 'the Chinese embassy' (agents of the state), 'China's ambassador', "
        "'Australian wine and beef', 'Australian barley', 'Australian wine' (the state's goods, "
        "as 'Australian barley' in the guidelines), 'sales to China' (a state name as location), "
        "'replace China as a market' (the state's economy), both 'China' inside the quotation, "
        "'the Americans' (the US state, like 'along with the Japanese').",
        "The opening sentence ('at its lowest point in almost fifty years') is an expert's "
        "judgement of a relation's level: a claim by the author, direction decrease, and AUS-CHN "
        "-1 asserted. 'It is not.' has no relation of its own.",
        "'Days later China's ambassador warned that his compatriots might stop buying Australian "
        "wine and beef': the warning is a fact (asserted -1: a threat of a boycott), although "
        "its content is a 'might'. I marked asserted, not hypothetical. Its date is 'Days later' "
        "than April 2020: 2020-04 (the interview was on 26 April).",
        "'One official told them: \"If you make China the enemy, China will be the enemy.\"': "
        "'you' is Australia (the 'Canberra' of the previous sentence), so AUS-CHN -1 hypothetical "
        "(under 'if'). A conditional held by a named group: claim by 'a Chinese official', "
        "condition 'you make China the enemy', direction decrease. The telling is not marked as "
        "an event of its own (it is part of the embassy's briefing dated in the previous "
        "sentence).",
        "'At AUSMIN in July the Americans reaffirmed their alliance with Canberra, although in "
        "January Washington had signed a trade deal with Beijing that promised American farmers "
        "sales to China': AUS-USA +1 and CHN-USA +1 asserted, two events (July and January "
        "2020). The 'although' hints at a cost to Australia but does not state a conflict "
        "between Canberra and Washington: no AUS-USA -1.",
        "'In June Scott Morrison and Narendra Modi signed a logistics pact at a virtual summit, "
        "opening each side's military bases to the other': AUS-IND +1 asserted; one event "
        "(2020-06, the 4 June summit at which the pact was signed).",
        "'In November Morrison flew to Tokyo and agreed with Prime Minister Suga on a pact': "
        "AUS-JPN +1 asserted (an agreement in principle is an agreement); one event 2020-11.",
        "'In August it opened an anti-dumping inquiry into Australian wine, and on 27 November it "
        "set provisional duties': 'it' is Beijing; one AUS-CHN -1 for the sentence, two events.",
        "'I suspect the duties ... will stay for as long as Beijing thinks they can bend "
        "Canberra': AUS-CHN -1 hypothetical (a forecast of continued duties); claim direction "
        "decrease. 'Trade officials expect Australia to take the barley tariffs to the WTO, a "
        "fight that may take years': AUS-CHN -1 hypothetical (China is not named, but the "
        "barley tariffs are Beijing's, named two paragraphs up, and the fight is with it); "
        "claim by 'trade officials', decrease. This is the most doubtful relation of the text.",
        "'Closer ties with Tokyo and New Delhi will not replace China as a market, but will give "
        "Canberra room to say no': AUS-JPN and AUS-IND +1 hypothetical (future ties); 'will not "
        "replace China as a market' states no relation between Australia and China. Claim "
        "direction increase (room to manoeuvre).",
        "'An apology for the inquiry call would buy a truce of months, not years': no state is "
        "named; the pair is the paragraph's (Canberra and Beijing; the apology would be "
        "Canberra's to Beijing), so AUS-CHN +1 hypothetical (a truce). Claim with no condition "
        "span (the conditional lies in the subject, as 'A binding agreement would rebuild trust' "
        "in heldout_13), direction increase (the truce), although the author stresses its "
        "brevity. Borderline both for the relation and for the direction.",
        "Events number 12, two above the brief's 4-10: every dated happening of the text is "
        "marked (heldout_12 and heldout_14 also have 10-11).",
    ],
}
