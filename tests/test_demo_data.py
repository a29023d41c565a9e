"""The demo data, as `make demo` shows it: `make test` installs the suite with
its demo data (Odoo's default), so these checks read the demo records, by
their XML ids, on the database the suite-level checks are served on."""

import pytest

ADDONS = ("crm_counterparty", "crm_customs", "crm_holding", "crm_pipeline")


@pytest.fixture(scope="module")
def demo(admin):
    """Ids of the res.partner records of the suite's demo data."""
    modules = admin.execute(
        "ir.module.module",
        "search_read",
        [("name", "in", ADDONS), ("state", "=", "installed")],
        fields=["name", "demo"],
    )
    if sorted(m["name"] for m in modules) != sorted(ADDONS) or not all(
        m["demo"] for m in modules
    ):
        pytest.fail(
            f"the demo data of {', '.join(ADDONS)} is not installed: "
            "these checks read it",
            pytrace=False,
        )
    rows = admin.execute(
        "ir.model.data",
        "search_read",
        [("module", "in", ADDONS), ("model", "=", "res.partner")],
        fields=["res_id"],
    )
    return [row["res_id"] for row in rows]


def test_every_demo_agency_has_its_type(admin, demo):
    """Each government agency of the demo and each of its offices has an
    agency type, the office's that of its agency; contact persons aside."""
    agencies = admin.execute(
        "res.partner",
        "search_read",
        [
            ("id", "in", demo),
            ("is_agency_counterparty", "=", True),
            "|",
            ("parent_id", "=", False),
            ("type", "!=", "contact"),
        ],
        fields=["display_name", "agency_type", "parent_id"],
    )
    assert len(agencies) >= 4
    untyped = [a["display_name"] for a in agencies if not a["agency_type"]]
    assert not untyped, f"agencies without a type: {untyped}"
    for office in agencies:
        if office["parent_id"]:
            parent = admin.read_one(
                "res.partner", office["parent_id"][0], ["agency_type"]
            )
            assert office["agency_type"] == parent["agency_type"], office
    offices = [a for a in agencies if a["agency_type"] == "customs_office"]
    assert len(offices) == 4, [o["display_name"] for o in offices]


def _stages(admin, xmlids):
    ids = {xmlid: admin.ref(xmlid) for xmlid in xmlids}
    rows = admin.execute(
        "res.partner", "read", list(ids.values()), ["relationship_stage"]
    )
    stage = {row["id"]: row["relationship_stage"] for row in rows}
    return {xmlid: stage[ids[xmlid]] for xmlid in xmlids}


EXPECTED_STAGES = {
    "crm_counterparty.partner_customer_1": "growing",
    "crm_counterparty.partner_customer_2": "mature",
    "crm_counterparty.partner_customer_4": "declining",
    "crm_counterparty.partner_supplier_5": "closed",
}


def test_demo_relationship_stages_follow_history(admin, demo):
    """The demo shows every relationship stage, each implied by its history:
    the nightly job, run now, leaves them as they are."""
    assert _stages(admin, EXPECTED_STAGES) == EXPECTED_STAGES
    # Unpinned: the stages come from the history, not from a pin.
    pinned = admin.execute(
        "res.partner",
        "search_count",
        [("id", "in", demo), ("relationship_stage_pinned", "=", True)],
    )
    assert pinned == 0
    cron = admin.ref("crm_pipeline.ir_cron_relationship_stage")
    admin.execute("ir.cron", "method_direct_trigger", [cron])
    assert _stages(admin, EXPECTED_STAGES) == EXPECTED_STAGES
    groups = admin.execute(
        "res.partner",
        "read_group",
        [("id", "in", demo), ("parent_id", "=", False)],
        ["relationship_stage"],
        ["relationship_stage"],
    )
    shown = {g["relationship_stage"] for g in groups}
    assert shown >= {"growing", "mature", "declining", "closed"}


def test_demo_admin_opens_counterparty_kanban(admin, demo):
    """The demo's administrator (scripts/demo_home.py, run by `make demo` and
    before these checks) and its Bulgarian user land on the kanban of the
    counterparties (the Counterparties app), not on Discuss."""
    action_id = admin.ref("crm_counterparty.res_partner_action_counterparty_all")
    for login in ("base.user_admin", "crm_counterparty.user_demo_bg"):
        user = admin.read_one("res.users", admin.ref(login), ["action_id"])
        assert user["action_id"] and user["action_id"][0] == action_id, login
    action = admin.read_one(
        "ir.actions.act_window", action_id, ["res_model", "view_mode"]
    )
    assert action["res_model"] == "res.partner"
    assert action["view_mode"].split(",")[0] == "kanban"
