"""Gold spec of heldout_71 (policy brief on Vietnam's South China Sea policy 2014-2020, dated 2020-11-10)."""

SPEC = {
    "document": "tests/data/text/heldout_71.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-11-10",
    "genre": "policy brief",
    "split": "held-out round 11 (development since round 12)",
    "surfaces": {
        "VNM": ["Vietnam", "Vietnamese", "Hanoi"],
        "CHN": ["China", "Chinese", "Beijing"],
        "USA": ["US", "American", "Washington", "President Obama"],
        "JPN": ["Japan", "Prime Minister Suga"],
        "IND": ["India", "Narendra Modi"],
        "RUS": ["Russia", "Moscow"],
        "ASEAN": ["ASEAN"],
    },
    "exclude": [("Vietnamese", 3), ("Hanoi", 4), ("Hanoi", 8)],
    "relations": [
        ("CHN", "VNM", -1, "asserted", "Since 2014 Vietnam", "pick a side."),
        ("CHN", "VNM", -1, "asserted", "In May 2014 China towed", "rig in July."),
        ("CHN", "VNM", -1, "asserted", "From July to October 2019", "Vanguard Bank."),
        ("CHN", "VNM", -1, "asserted", "In April 2020 a Chinese", "protest from Hanoi."),
        ("USA", "VNM", 1, "asserted", "In May 2016 President Obama", "at Da Nang."),
        ("JPN", "VNM", 1, "asserted", "Japan has supplied", "October 2020."),
        ("IND", "VNM", 1, "asserted", "When Narendra Modi", "strategic partners."),
        ("RUS", "VNM", 1, "asserted", "Russia still sells", "early 2017."),
        ("RUS", "VNM", 1, "negated", "Yet Moscow is unlikely", "closest partner."),
        ("CHN", "RUS", 1, "asserted", "Yet Moscow is unlikely", "closest partner."),
        ("ASEAN", "CHN", 1, "asserted", "ASEAN and China agreed", "since stalled."),
        ("CHN", "VNM", -1, "hypothetical", "In our judgement, Beijing", "Vanguard Bank."),
        ("USA", "VNM", 1, "hypothetical", "If ties with Washington", "through trade."),
        ("CHN", "VNM", -1, "hypothetical", "If ties with Washington", "through trade."),
        ("USA", "VNM", 1, "negated", "Officials in Hanoi expect", "Beijing does."),
        ("ASEAN", "CHN", 1, "hypothetical", "A code of conduct would", "were binding."),
    ],
    "events": [
        ("2014-05", "In May 2014 China towed", "that Vietnam claims"),
        ("2014-07", "Beijing withdrew the rig", "in July"),
        ("2019-07", "From July to October 2019", "Vanguard Bank"),
        ("2020-04", "In April 2020 a Chinese", "protest from Hanoi"),
        ("2016-05", "In May 2016 President Obama", "embargo on Vietnam"),
        ("2018-03", "in March 2018 an American carrier", "at Da Nang"),
        ("2020-10", "Prime Minister Suga chose", "October 2020"),
        ("2016-09", "When Narendra Modi", "strategic partners"),
        ("2017", "the last of six Kilo-class", "early 2017"),
        ("2020-06", "the June summit named", "maritime entitlements"),
        ("2018-08", "ASEAN and China agreed", "August 2018"),
    ],
    "claims": [
        ("the author", None, "increase", "The rig crisis pushed Hanoi", "circle of friends."),
        ("the author", None, "decrease", "Yet Moscow is unlikely", "closest partner."),
        ("the author", None, "decrease", "In our judgement, Beijing", "Vanguard Bank."),
        (
            "the author",
            "ties with Washington deepen further",
            "decrease",
            "If ties with Washington",
            "through trade.",
        ),
        ("officials in Hanoi", None, "decrease", "Officials in Hanoi expect", "Beijing does."),
        ("the author", "it were binding", "increase", "A code of conduct would", "were binding."),
    ],
    "notes": [
        "Codes as in earlier specs (VNM, CHN, USA, JPN, IND, RUS, ASEAN); no new code.",
        "Not mentions: 'a Vietnamese fishing boat' (fishermen, not agents of the state; "
        "Vietnamese 3 excluded, as in the earlier spec with the same April 2020 sinking), "
        "'Suga chose Hanoi for his first trip abroad' (the capital as the destination of a visit; "
        "Hanoi 4 excluded), 'Officials in Hanoi' (the capital as the officials' location, as "
        "'officials in Taipei' earlier; Hanoi 8 excluded), 'Da Nang', 'the Paracels', 'Vanguard "
        "Bank' (places), 'the bloc' (not a name), 'UNCLOS' (a treaty), 'HYSY-981' (a rig). Kept: "
        "the title's 'Hanoi's balancing act' (the state), 'Vietnamese patrol vessels' and "
        "'Vietnamese vessels' near Vanguard Bank (state coast guard and fisheries-control ships), "
        "'Chinese ships', 'Chinese survey ship', 'Chinese coast guard' (state vessels), 'the US "
        "arms embargo', 'an American carrier' (the state's warship), 'Russia still sells Hanoi' "
        "(the buyer state), 'Narendra Modi' and 'Prime Minister Suga' and 'President Obama' "
        "(leaders named as leaders).",
        "The summary's 'Since 2014 Vietnam has faced a more assertive China at sea' is CHN-VNM -1 "
        "asserted; 'Since 2014' frames a period, not a single happening, so no event.",
        "'In April 2020 a Chinese coast guard ship sank a Vietnamese fishing boat ..., drawing a "
        "protest from Hanoi': CHN-VNM -1 asserted (Hanoi, the state, is named through the "
        "protest); one event 2020-04 (2 April).",
        "'The rig crisis pushed Hanoi to widen its circle of friends': a causal claim by the "
        "author, direction increase (more partners); names only Vietnam, so no relation.",
        "'In May 2016 President Obama lifted the US arms embargo on Vietnam, and in March 2018 an "
        "American carrier called at Da Nang': one USA-VNM +1 for the sentence, two events. "
        "'Japan has supplied Vietnam with patrol boats, and Prime Minister Suga chose Hanoi for "
        "his first trip abroad in October 2020': JPN-VNM +1, one event (the visit, 2020-10); the "
        "boat deliveries are a programme with no date, not an event.",
        "'Russia still sells Hanoi most of its arms; the last of six Kilo-class submarines "
        "arrived in early 2017': one sentence (the semicolon does not end it), RUS-VNM +1 "
        "asserted; the submarine's arrival is an event dated 2017 ('early 2017'). Events then "
        "number 11, one above the brief's 4-10: every dated happening is marked.",
        "'Yet Moscow is unlikely to back Vietnam against Beijing, its closest partner': RUS-VNM "
        "+1 negated (support unlikely) and CHN-RUS +1 asserted (closest partner). CHN-VNM is "
        "not marked: 'against Beijing' presupposes the Vietnam-China contest but the sentence "
        "states only what Moscow will not do (as 'Moscow has not taken Vietnam's side' had no "
        "third relation in heldout_61). Borderline. Also a forward-looking claim of the author, "
        "direction decrease (a negated improvement).",
        "'As ASEAN's chair in 2020, Hanoi stiffened the bloc's language': no ASEAN-VNM relation "
        "(chairing is a role, and the sentence says how Vietnam shaped the bloc's text, not how "
        "the two relate). Borderline. 'the June summit named UNCLOS as the basis of maritime "
        "entitlements' is an event 2020-06 (the 36th ASEAN summit, 26 June 2020, held online; "
        "its chairman's statement). 'As ASEAN's chair in 2020' is a year-long role, not an event.",
        "'ASEAN and China agreed on a single draft of a code of conduct in August 2018, but the "
        "talks have since stalled': ASEAN-CHN +1 asserted (an agreement; the stall is not a "
        "conflict). 'A code of conduct would ease tension between China and ASEAN only if it "
        "were binding': ASEAN-CHN +1 hypothetical (easing tension is improvement, sign +1); "
        "claim of the author, condition 'it were binding', direction increase.",
        "'If ties with Washington deepen further, China could punish Vietnam through trade': "
        "USA-VNM +1 hypothetical (the condition names only Washington; the ties are Vietnam's, "
        "the paragraph's subject) and CHN-VNM -1 hypothetical; claim of the author (the "
        "paragraph's 'In our judgement' carries over), direction decrease.",
        '\'Officials in Hanoi expect the "four nos" of the 2019 defence white paper to hold: no '
        "alliance with Washington, whatever Beijing does': USA-VNM +1 negated (an alliance "
        "ruled out); no CHN-VNM or CHN-USA relation ('whatever Beijing does' states none). Claim "
        "held by 'officials in Hanoi', direction decrease (a negated alliance, as negated "
        "improvements in earlier specs). The white paper's publication (November 2019) is not "
        "marked as an event: a document, not a summit, visit, clash or agreement.",
        "Facts: HYSY-981 placed on 2 May 2014 and withdrawn on 15-16 July 2014; Haiyang Dizhi 8 "
        "near Vanguard Bank from early July to 24 October 2019; fishing boat sunk near Woody "
        "Island on 2 April 2020; Obama lifted the embargo in Hanoi on 23 May 2016; USS Carl "
        "Vinson at Da Nang on 5-9 March 2018; Suga in Hanoi on 18-20 October 2020; Modi in Hanoi "
        "on 3 September 2016 (comprehensive strategic partnership); sixth Kilo submarine "
        "delivered in January 2017; single draft negotiating text of the code of conduct agreed "
        "on 2 August 2018; 2019 defence white paper published on 25 November 2019.",
    ],
}
