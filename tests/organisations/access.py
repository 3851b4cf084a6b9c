from tests.access import Row, expect

EVERYONE_SIGNED_IN = dict.fromkeys(["other_org", "outsider", "support", "lead", "chair", "manager", "admin"], 200)

ROWS = {
    "home": Row(expect=expect(**EVERYONE_SIGNED_IN)),
    "healthz": Row(expect={**EVERYONE_SIGNED_IN, "anonymous": 200}),
    "accessibility": Row(expect={**EVERYONE_SIGNED_IN, "anonymous": 200}),
}
