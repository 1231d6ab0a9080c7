"""What the report of the 24th seminar states, as the tests compare it: names in the report's
spelling and order."""

TITLE = "The 24th Asian Export Control Seminar"

# Section 2: the programme in order, the breakout sessions as one per group.
PROGRAMME = [
    "Opening remarks",
    "Current changes of environment surrounding security export control",
    "Strengthening export control against the terrorism",
    "International efforts pursuing global security",
    "Development of export control systems in Asia Region",
    "Strengthening efforts for export control in the industry and academia",
    "Breakout session: officials in charge of policymaking",
    "Breakout session: licensing officials",
    "Breakout session: enforcement officials",
    "Current topics related to export control",
]

# Section 3: the participating countries and regions, in the report's order and spelling.
ASIAN_COUNTRIES = [
    "Bangladesh",
    "Cambodia",
    "China",
    "Hong Kong",
    "India",
    "Indonesia",
    "Japan",
    "ROK",
    "Lao PDR",
    "Malaysia",
    "Mongolia",
    "Myanmar",
    "Pakistan",
    "the Philippines",
    "Singapore",
    "Sri Lanka",
    "Chinese Taipei",
    "Thailand",
    "Viet Nam",
]

OTHER_COUNTRIES = [
    "Australia",
    "Canada",
    "the European Union",
    "France",
    "Germany",
    "Kazakhstan",
    "Mexico",
    "Netherlands",
    "Switzerland",
    "Turkey",
    "United Arab Emirates",
    "the United Kingdom",
    "the United States",
]
