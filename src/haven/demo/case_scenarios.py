"""The demo's case scenarios: procedures and their events, in days before today. Pure data, also
used by the casework benchmark."""

# (procedure, [(event, days ago)]): the days are chosen to spread the clocks around today.
SCENARIOS: list[tuple[str, list[tuple[str, int]]]] = [
    ("screening", [("apprehension", 2)]),
    ("screening", [("apprehension", 6)]),
    ("screening", [("apprehension", 9)]),
    ("registration", [("application-made", 1)]),
    ("registration", [("application-made", 3), ("registered", 2)]),
    ("registration", [("application-made", 25), ("registered", 24)]),
    ("registration", [("application-made", 19), ("registered", 18)]),
    ("responsibility", [("application-made", 62), ("registered", 60)]),
    ("responsibility", [("application-made", 50), ("registered", 49)]),
    ("responsibility", [("eurodac-hit", 12)]),
    ("responsibility", [("take-charge-request-received", 27)]),
    ("responsibility", [("take-back-notification-received", 16)]),
    ("responsibility", [("responsibility-accepted", 10)]),
    ("responsibility", [("responsibility-accepted", 120), ("transfer-decision-notified", 110)]),
    ("border", [("application-made", 80), ("registered", 79)]),
    ("border", [("application-made", 40), ("registered", 40)]),
    ("border", [("application-made", 86), ("registered", 85)]),
    ("accelerated", [("registered", 95), ("lodged", 88)]),
    ("accelerated", [("registered", 40), ("lodged", 30)]),
    ("regular", [("registered", 150), ("lodged", 140)]),
    ("regular", [("registered", 100), ("lodged", 90)]),
    ("regular", [("registered", 60), ("lodged", 45)]),
    ("regular", [("registered", 158), ("lodged", 150), ("decision-taken", 5)]),
    ("appeal", [("decision-notified", 10)]),
    ("appeal", [("decision-notified", 16)]),
    ("return_counselling", [("return-decision", 12)]),
    ("return_counselling", [("no-right-to-remain", 70)]),
]
