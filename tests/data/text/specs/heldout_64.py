"""Gold spec of heldout_64 (panel report on Venezuela and outside powers, dated 2020-10-15)."""

SPEC = {
    "document": "tests/data/text/heldout_64.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-10-15",
    "genre": "panel report",
    "split": "held-out round 11 (development since round 12)",
    "surfaces": {
        "VEN": ["Venezuela", "Venezuelan", "Caracas"],
        "USA": ["Washington", "US", "Trump administration", "Biden administration"],
        "COL": ["Colombia", "Colombian", "Bogotá", "President Duque"],
        "BRA": ["Brazil"],
        "RUS": ["Russia", "Russian", "Moscow"],
        "CHN": ["China", "Beijing"],
        "CUB": ["Cuba", "Cuban", "Havana"],
        "EU": ["EU", "Brussels"],
        "UN": ["Security Council"],
    },
    "exclude": [
        ("Caracas", 1),
        ("Caracas", 4),
        ("US", 2),
        ("Venezuelan", 1),
        ("Cuban", 1),
        ("Colombian", 1),
    ],
    "relations": [
        ("COL", "USA", 1, "asserted", "Washington recognised him", "Colombia and Brazil."),
        ("BRA", "USA", 1, "asserted", "Washington recognised him", "Colombia and Brazil."),
        ("RUS", "USA", -1, "asserted", "On 28 February 2019 Russia", "landed near Caracas."),
        ("CHN", "USA", -1, "asserted", "On 28 February 2019 Russia", "landed near Caracas."),
        ("CHN", "RUS", 1, "asserted", "On 28 February 2019 Russia", "landed near Caracas."),
        ("RUS", "VEN", 1, "asserted", "On 28 February 2019 Russia", "landed near Caracas."),
        ("RUS", "USA", -1, "asserted", "Washington then went after", "to the Russian state."),
        ("CHN", "VEN", -1, "negated", "A former US official said", "abandon its debtor."),
        (
            "CUB",
            "USA",
            -1,
            "asserted",
            "The Trump administration accuses",
            "called that a pretext.",
        ),
        ("CUB", "VEN", 1, "asserted", "The Trump administration accuses", "called that a pretext."),
        ("CUB", "VEN", 1, "asserted", "Havana still sends doctors", "less of it than before."),
        ("COL", "VEN", -1, "asserted", "Caracas broke off relations", "1.7 million Venezuelans."),
        ("COL", "VEN", -1, "asserted", "When a band of mercenaries", "both denied it."),
        ("USA", "VEN", -1, "asserted", "When a band of mercenaries", "both denied it."),
        ("BRA", "VEN", -1, "asserted", "Brazil recalled its last diplomats", "Caracas in April."),
        ("EU", "VEN", -1, "asserted", "In June it sanctioned eleven", "72 hours to leave."),
        ("EU", "VEN", 1, "negated", "An EU diplomat warned", "unless it was postponed."),
        ("RUS", "VEN", 1, "hypothetical", "Most panellists expect", "as long as the army does."),
        ("CHN", "VEN", 1, "hypothetical", "Most panellists expect", "as long as the army does."),
        ("USA", "VEN", 1, "hypothetical", "One Colombian participant", "for talks with Caracas."),
    ],
    "events": [
        ("2020-10", "A panel held online this week", None),
        ("2019-01-23", "Juan Guaidó declared himself", "on 23 January 2019"),
        ("2019-01-23", "Washington recognised him within hours", "Colombia and Brazil"),
        ("2019-02-28", "On 28 February 2019 Russia and China vetoed", "the Security Council"),
        ("2019-03", "in March about a hundred Russian", "landed near Caracas"),
        ("2020-02", "it sanctioned Rosneft Trading", "in February 2020"),
        ("2020-03", "weeks later Rosneft sold", "to the Russian state"),
        ("2019", "tightened the embargo in 2019", None),
        ("2019-02", "Caracas broke off relations with Bogotá", "blocked at the border"),
        ("2020-05", "When a band of mercenaries", "plotting the raid"),
        ("2020-04", "Brazil recalled its last diplomats", "Caracas in April"),
        ("2020-06", "In June it sanctioned eleven more officials", None),
        ("2020-06", "Caracas gave its ambassador 72 hours", None),
    ],
    "claims": [
        (
            "a former US official",
            None,
            "increase",
            "A former US official said",
            "abandon its debtor.",
        ),
        (
            "an EU diplomat",
            "it was postponed",
            "decrease",
            "An EU diplomat warned",
            "unless it was postponed.",
        ),
        (
            "most panellists",
            "as long as the army does",
            "increase",
            "Most panellists expect",
            "as long as the army does.",
        ),
        (
            "a Colombian participant",
            None,
            "increase",
            "One Colombian participant",
            "for talks with Caracas.",
        ),
    ],
    "notes": [
        "Codes as in earlier specs (VEN, USA, COL, BRA, RUS, CHN, CUB, EU; 'Security Council' "
        "as UN). 'Brussels' standing for the EU (the seat as doer: 'Brussels would not "
        "recognise') is an EU surface; earlier specs had 'Brussels' only as a place.",
        "Bare 'Maduro' and 'Juan Guaidó'/'Guaidó' are not surfaces (untitled leaders, as in "
        "heldout_14 and train_15); Maduro's sentences are resolved to VEN for relations. "
        "'President Duque' is titled: COL. 'Trump administration' is USA as in heldout_14; 'a "
        "Biden administration' (a possible future US government) is also USA, borderline.",
        "Not mentions: 'landed near Caracas' and 'diplomats from Caracas' (the capital as place; "
        "Caracas 1 and 4 excluded), 'A former US official' (a person, no longer an agent; US 2), "
        "'its Venezuelan assets' (Rosneft's assets located in Venezuela, not the state's; "
        "Venezuelan 1), 'a Cuban academic' and 'One Colombian participant' (people; Cuban 1, "
        "Colombian 1), 'Venezuelans' (migrants; not a surface form), 'Rosneft'/'Rosneft "
        "Trading' (companies); 'most of whose members' is not a mention of any state. Kept: 'Venezuela's crisis' (title and text), "
        "'US draft resolution', 'Moscow's oil traders' (a state company's traders standing for "
        "Moscow's interests), 'the Russian state', 'sends doctors to Venezuela' and 'set out "
        "from Colombia' (state names as locations), 'talks with Caracas' (the government as "
        "counterpart), 'the Security Council' (UN; no relation, it is the venue of the veto).",
        "'Washington recognised him within hours, as did Colombia and Brazil': COL-USA and "
        "BRA-USA +1 (acting in step, as heldout_37's 'both recognised Juan Guaidó ... within "
        "hours of Washington'); no COL-BRA pair (heldout_37 did not mark the pair of followers "
        "either) and no VEN relation (Venezuela is not named in the sentence; 'him' is Guaidó).",
        "Veto sentence: RUS-USA and CHN-USA -1 (vetoing the US draft), CHN-RUS +1 (voting "
        "together), RUS-VEN +1 (military personnel sent to Caracas, as in heldout_14), all "
        "asserted; two events (2019-02-28, 2019-03).",
        "'Washington then went after Moscow's oil traders: it sanctioned Rosneft Trading ..., and "
        "weeks later Rosneft sold its Venezuelan assets to the Russian state': RUS-USA -1. The "
        "sale is dated 'weeks later' than February 2020: 2020-03 (it was 28 March); borderline "
        "date. No RUS-VEN relation: the sale is a company's exit, not stated as a change in "
        "Moscow's ties with Caracas.",
        "'A former US official said Beijing, still owed billions by Caracas, would not abandon "
        "its debtor': CHN-VEN -1 negated (abandon, as 'Nor will Russia or China abandon "
        "Caracas' in heldout_14); claim by 'a former US official', direction increase (the "
        "expected outcome is that the tie holds).",
        "'The Trump administration accuses Havana of running Maduro's security apparatus and "
        "tightened the embargo in 2019; a Cuban academic called that a pretext': CUB-USA -1 "
        "asserted, and CUB-VEN +1 asserted (Cuba's support of Maduro, stated as an accusation; "
        "borderline modality, the sign is clear). Event: the 2019 tightening (year only). The "
        "academic's rebuttal is not a claim (no forward-looking or causal statement).",
        "'Havana still sends doctors to Venezuela and takes its oil in return, though far less "
        "of it than before': CUB-VEN +1 asserted (an exchange); the decline does not change the "
        "sign.",
        "'Caracas broke off relations with Bogotá in February 2019 after aid convoys were blocked "
        "at the border, and Colombia now hosts some 1.7 million Venezuelans': COL-VEN -1; one "
        "event (2019-02; the break and the blocked convoys were the same day, 23 February).",
        "'When a band of mercenaries set out from Colombia in May 2020, Maduro accused President "
        "Duque and Washington of plotting the raid; both denied it': COL-VEN and USA-VEN -1 "
        "asserted (the accusation; the denial does not cancel it); no COL-USA relation marked "
        "(an alleged joint plot, denied). One event 2020-05.",
        "'Brazil recalled its last diplomats from Caracas in April': BRA-VEN -1; April before the "
        "document date: 2020-04 (they left on 17 April).",
        "'The EU, most of whose members also recognised Guaidó, has tried to play broker': no "
        "relation (no second actor named; 'also' points back to Washington, but Washington is "
        "not in the sentence). No event (undated).",
        "'In June it sanctioned eleven more officials, and Caracas gave its ambassador 72 hours to "
        "leave': 'it' is the EU, 'its ambassador' the EU's; EU-VEN -1; two events (2020-06, "
        "both 29 June).",
        "'An EU diplomat warned that Brussels would not recognise December's legislative election "
        "unless it was postponed': EU-VEN +1 negated (recognition is the stated act, negated; "
        "the election is Venezuela's, resolved from the paragraph's Caracas). Claim by 'an EU "
        "diplomat', condition 'it was postponed' (the 'unless' clause), direction decrease (the "
        "expected non-recognition). The December election is scheduled, not a past happening: "
        "not an event.",
        "'Most panellists expect Russia and China to stand by Maduro as long as the army does': "
        "RUS-VEN and CHN-VEN +1 hypothetical (Maduro resolved to VEN); claim by 'most "
        "panellists' with condition 'as long as the army does', increase.",
        "'One Colombian participant thought a Biden administration might trade some sanctions "
        "for talks with Caracas': USA-VEN +1 hypothetical (easing and talks); claim with no "
        "condition span (the Biden win is implied, not stated as an if), increase.",
        "Events number 13, above the brief's 4-10: every dated happening of the text is marked "
        "(as in heldout_60 with 12). Relations number 20, above 18, for the same reason.",
    ],
}
