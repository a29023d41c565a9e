"""From a lead to a paid sale, a holding and a customs import, over JSON-RPC.

Three users with the roles their jobs need, created by the administrator:
a salesperson (sales, leads, counterparties), an accountant (billing,
counterparties) and a customs clerk (customs declarations). Each step is one
test and relies on the steps before it, in the order of this file; each
asserts what its user would see in the web client.
"""

import datetime
from collections import defaultdict

import pytest
from rpc_client import RpcError
from stdnum import iso6346


def _sections(rows):
    """Per document kind code, its count and amount; kinds not shown count
    none."""
    figures = {row["code"]: row for row in rows}
    return defaultdict(
        lambda: {"count": 0, "amount": 0.0},
        {
            code: {"count": row["count"], "amount": row["amount"] or 0.0}
            for code, row in figures.items()
        },
    )


def dossier(client, partner_id):
    """What ``client`` sees in the dossier of ``partner_id``: per kind of
    linked document of the registry, its count and amount (company
    currency), as the Linked Documents tab reads them."""
    return _sections(
        client.execute("res.partner", "get_dossier_documents", [partner_id])
    )


def holding_totals(client, partner_id):
    """What ``client`` sees in the consolidated dossier of the holding
    ``partner_id``: per kind of linked document, the count and amount of the
    holding and every member below it."""
    return _sections(
        client.execute("res.partner", "get_holding_documents", [partner_id])
    )


def money(value):
    return pytest.approx(value, abs=0.005)


class Story(dict):
    """What the steps found so far: a step that needs what an earlier one
    did not make fails and names it."""

    def need(self, *keys):
        missing = [key for key in keys if key not in self]
        if missing:
            pytest.fail(f"an earlier step failed: no {', '.join(missing)}")
        return [self[key] for key in keys]


@pytest.fixture(scope="module")
def story():
    return Story()


@pytest.fixture(scope="module")
def world(admin, token):
    """What the administrator sets up before anyone works: a sales team with
    its first stage, a product with its HS code, the company's EORI."""
    product_id = admin.execute(
        "product.product",
        "create",
        {
            "name": f"Pallet racking bay {token}",
            "type": "consu",
            "invoice_policy": "order",
            "list_price": 1250.0,
            "hs_code": "9403.20.80",
        },
    )
    company_id = admin.read_one("res.users", admin.uid, ["company_id"])["company_id"][0]
    company = admin.read_one("res.company", company_id, ["partner_id"])
    company_partner_id = company["partner_id"][0]
    if not admin.read_one("res.partner", company_partner_id, ["eori"])["eori"]:
        admin.execute(
            "res.partner", "write", [company_partner_id], {"eori": "BG175000003"}
        )
    return {
        "product_id": product_id,
        "country_bg": admin.execute(
            "res.country", "search", [("code", "=", "BG")], limit=1
        )[0],
        "country_cn": admin.execute(
            "res.country", "search", [("code", "=", "CN")], limit=1
        )[0],
        "kind_supplier": admin.ref("crm_counterparty.kind_supplier"),
        "kind_agency": admin.ref("crm_counterparty.kind_government_agency"),
    }


@pytest.fixture(scope="module")
def salesperson(admin, new_user, world, token):
    """A salesperson who works leads, in a sales team of their own whose
    first stage is "New"."""
    client = new_user(
        "sales",
        "Salesperson",
        [
            "base.group_user",
            "sales_team.group_sale_salesman",
            "crm.group_use_lead",
            "crm_counterparty.group_counterparty_user",
        ],
    )
    team_id = admin.execute(
        "crm.team",
        "create",
        {
            "name": f"Racking Sales {token}",
            "use_leads": True,
            "use_opportunities": True,
            "member_ids": [(6, 0, [client.uid])],
        },
    )
    stage_id = admin.execute(
        "crm.stage",
        "create",
        {"name": f"New {token}", "sequence": 0, "team_id": team_id},
    )
    world.update(team_id=team_id, stage_id=stage_id)
    return client


@pytest.fixture(scope="module")
def accountant(new_user):
    """Billing: posts invoices and registers payments."""
    return new_user(
        "billing",
        "Accountant",
        [
            "base.group_user",
            "account.group_account_invoice",
            "crm_counterparty.group_counterparty_user",
        ],
    )


@pytest.fixture(scope="module")
def customs_clerk(new_user):
    """Records customs declarations and follows them until released."""
    return new_user(
        "customs",
        "Customs Clerk",
        ["base.group_user", "crm_customs.group_customs_user"],
    )


def test_lead_converts_to_customer(salesperson, world, story, token):
    """The salesperson converts a lead: a new company, customer counterparty,
    with the lead's contact person, and the lead becomes a deal."""
    company_name = f"Vitosha Logistics {token} AD"
    lead_id = salesperson.execute(
        "crm.lead",
        "create",
        {
            "name": f"Pallet racking for the Sofia warehouse {token}",
            "type": "lead",
            "partner_name": company_name,
            "contact_name": f"Maria Georgieva {token}",
            "email_from": f"maria.{token.lower()}@vitosha-logistics.example.com",
            "expected_revenue": 5000.0,
        },
    )
    lead = salesperson.read_one(
        "crm.lead", lead_id, ["type", "user_id", "team_id", "stage_id", "partner_id"]
    )
    assert lead["type"] == "lead"
    assert lead["user_id"][0] == salesperson.uid
    assert lead["team_id"][0] == world["team_id"]
    assert lead["stage_id"][0] == world["stage_id"]
    assert not lead["partner_id"]

    context = {
        "active_model": "crm.lead",
        "active_id": lead_id,
        "active_ids": [lead_id],
    }
    wizard_id = salesperson.execute(
        "crm.lead2opportunity.partner", "create", {}, context=context
    )
    wizard = salesperson.read_one(
        "crm.lead2opportunity.partner",
        wizard_id,
        ["name", "action", "partner_id", "counterparty_match"],
    )
    assert wizard["name"] == "convert", "no duplicate deal to merge with"
    assert wizard["action"] == "create", "a new customer is proposed"
    assert not wizard["partner_id"]
    assert not wizard["counterparty_match"]
    salesperson.execute(
        "crm.lead2opportunity.partner", "action_apply", [wizard_id], context=context
    )

    lead = salesperson.read_one("crm.lead", lead_id, ["type", "partner_id"])
    assert lead["type"] == "opportunity"
    contact = salesperson.read_one(
        "res.partner", lead["partner_id"][0], ["name", "commercial_partner_id"]
    )
    assert contact["name"] == f"Maria Georgieva {token}"
    customer_id = contact["commercial_partner_id"][0]
    assert customer_id != lead["partner_id"][0], "the contact works for a company"
    customer = salesperson.read_one(
        "res.partner",
        customer_id,
        ["name", "is_company", "is_customer_counterparty", "child_ids"],
    )
    assert customer["name"] == company_name
    assert customer["is_company"]
    assert customer["is_customer_counterparty"]
    assert customer["child_ids"] == [lead["partner_id"][0]]
    story.update(lead_id=lead_id, contact_id=contact["id"], customer_id=customer_id)


def test_contract_activated(salesperson, story, token):
    """The salesperson records a framework contract with the customer and
    activates it; the dossier counts it."""
    (customer_id,) = story.need("customer_id")
    end = datetime.date.today() + datetime.timedelta(days=365)
    contract_id = salesperson.execute(
        "crm.contract",
        "create",
        {
            "title": f"Racking framework agreement {token}",
            "partner_id": customer_id,
            "amount": 20000.0,
            "date_end": end.isoformat(),
        },
    )
    fields = ["name", "state", "side", "user_id"]
    contract = salesperson.read_one("crm.contract", contract_id, fields)
    assert contract["state"] == "draft"
    assert contract["side"] == "customer", "the counterparty is a customer"
    assert contract["name"] and contract["name"] != "New", "numbered on creation"
    assert contract["user_id"][0] == salesperson.uid
    salesperson.execute("crm.contract", "action_activate", [contract_id])
    assert salesperson.read_one("crm.contract", contract_id, ["state"])["state"] == (
        "active"
    )
    assert dossier(salesperson, customer_id)["contract"]["count"] == 1
    story.update(contract_id=contract_id)


def test_sale_confirmed_under_contract(salesperson, world, story):
    """The deal's quotation, made under the contract, is confirmed: the
    contract, the deal and the customer's dossier show the sale."""
    lead_id, contact_id, customer_id, contract_id = story.need(
        "lead_id", "contact_id", "customer_id", "contract_id"
    )
    order_id = salesperson.execute(
        "sale.order",
        "create",
        {
            "partner_id": contact_id,
            "opportunity_id": lead_id,
            "crm_contract_id": contract_id,
            "order_line": [
                (0, 0, {"product_id": world["product_id"], "product_uom_qty": 4})
            ],
        },
    )
    salesperson.execute("sale.order", "action_confirm", [order_id])
    order = salesperson.read_one(
        "sale.order",
        order_id,
        ["state", "amount_untaxed", "amount_total", "invoice_status", "user_id"],
    )
    assert order["state"] == "sale"
    assert order["invoice_status"] == "to invoice"
    assert order["amount_untaxed"] == money(4 * 1250.0)
    assert order["user_id"][0] == salesperson.uid

    contract = salesperson.read_one("crm.contract", contract_id, ["sale_order_count"])
    assert contract["sale_order_count"] == 1
    deal = salesperson.read_one(
        "crm.lead", lead_id, ["sale_order_count", "sale_amount_total"]
    )
    assert deal["sale_order_count"] == 1
    assert deal["sale_amount_total"] == money(order["amount_untaxed"])
    sale = dossier(salesperson, customer_id)["sale"]
    assert sale == {"count": 1, "amount": money(order["amount_total"])}
    story.update(order_id=order_id, order_total=order["amount_total"])


def test_invoice_posted(salesperson, accountant, story):
    """The salesperson invoices the order; only the accountant may post the
    invoice, which the dossier then shows as receivable."""
    order_id, order_total, customer_id = story.need(
        "order_id", "order_total", "customer_id"
    )
    context = {
        "active_model": "sale.order",
        "active_id": order_id,
        "active_ids": [order_id],
    }
    wizard_id = salesperson.execute(
        "sale.advance.payment.inv",
        "create",
        {"advance_payment_method": "delivered"},
        context=context,
    )
    salesperson.execute(
        "sale.advance.payment.inv", "create_invoices", [wizard_id], context=context
    )
    order = salesperson.read_one(
        "sale.order", order_id, ["invoice_ids", "invoice_status"]
    )
    assert order["invoice_status"] == "invoiced"
    assert len(order["invoice_ids"]) == 1
    invoice_id = order["invoice_ids"][0]
    with pytest.raises(RpcError) as refused:
        salesperson.execute("account.move", "action_post", [invoice_id])
    assert refused.value.name == "odoo.exceptions.AccessError"

    accountant.execute("account.move", "action_post", [invoice_id])
    invoice = accountant.read_one(
        "account.move",
        invoice_id,
        [
            "state",
            "move_type",
            "payment_state",
            "amount_total",
            "commercial_partner_id",
        ],
    )
    assert invoice["state"] == "posted"
    assert invoice["move_type"] == "out_invoice"
    assert invoice["payment_state"] == "not_paid"
    assert invoice["amount_total"] == money(order_total)
    assert invoice["commercial_partner_id"][0] == customer_id
    moves = dossier(accountant, customer_id)["customer_move"]
    assert moves == {"count": 1, "amount": money(order_total)}
    story.update(invoice_id=invoice_id)


def test_payment_registered(accountant, story):
    """The accountant registers the customer's payment of the invoice: the
    invoice is paid and the dossier counts the payment received."""
    invoice_id, order_total, customer_id = story.need(
        "invoice_id", "order_total", "customer_id"
    )
    context = {"active_model": "account.move", "active_ids": [invoice_id]}
    wizard_id = accountant.execute(
        "account.payment.register", "create", {}, context=context
    )
    wizard = accountant.read_one(
        "account.payment.register", wizard_id, ["amount", "payment_type", "journal_id"]
    )
    assert wizard["amount"] == money(order_total), "the whole invoice is proposed"
    assert wizard["payment_type"] == "inbound"
    assert wizard["journal_id"]
    accountant.execute(
        "account.payment.register",
        "action_create_payments",
        [wizard_id],
        context=context,
    )
    invoice = accountant.read_one(
        "account.move", invoice_id, ["payment_state", "amount_residual"]
    )
    # Paid, or in payment until the bank statement matches it when the bank
    # journal books payments on an outstanding account: settled either way.
    assert invoice["payment_state"] in ("in_payment", "paid")
    assert invoice["amount_residual"] == money(0)
    figures = dossier(accountant, customer_id)
    assert figures["inbound_payment"] == {"count": 1, "amount": money(order_total)}
    assert figures["customer_move"] == {"count": 1, "amount": money(0)}


def test_customer_joins_holding(salesperson, accountant, story, token):
    """The customer becomes a subsidiary of a holding: the holding's
    consolidated dossier includes the customer's sale and payment."""
    customer_id, order_total = story.need("customer_id", "order_total")
    holding_id = salesperson.execute(
        "res.partner",
        "create",
        {"name": f"Balkan Storage Group {token} AD", "is_company": True},
    )
    before = holding_totals(salesperson, holding_id)
    assert before["sale"] == {"count": 0, "amount": money(0)}
    salesperson.execute(
        "crm.holding.membership",
        "create",
        {
            "partner_id": customer_id,
            "parent_id": holding_id,
            "role": "subsidiary",
            "ownership_pct": 75.0,
        },
    )
    customer = salesperson.read_one(
        "res.partner", customer_id, ["holding_id", "holding_parent_id"]
    )
    assert customer["holding_id"][0] == holding_id
    assert customer["holding_parent_id"][0] == holding_id
    holding = salesperson.read_one(
        "res.partner", holding_id, ["holding_member_count", "is_holding_counterparty"]
    )
    assert holding["holding_member_count"] == 1
    assert holding["is_holding_counterparty"]
    totals = holding_totals(salesperson, holding_id)
    assert totals["sale"] == {"count": 1, "amount": money(order_total)}
    totals = holding_totals(accountant, holding_id)
    assert totals["inbound_payment"] == {"count": 1, "amount": money(order_total)}


def test_customs_import_released_with_duty_bill(
    admin, customs_clerk, accountant, world, token
):
    """The customs clerk declares an import of the goods sold, lodges it,
    enters the MRN, gets it accepted and released: its duty bill to the
    customs office is there for the accountant to post."""
    office_id = customs_clerk.execute(
        "res.partner",
        "create",
        {
            "name": f"Customs Office Ruse {token}",
            "is_company": True,
            "country_id": world["country_bg"],
            "counterparty_kind_ids": [(6, 0, [world["kind_agency"]])],
            "agency_type": "customs_office",
            "agency_code": "BG004000",
        },
    )
    supplier_id = customs_clerk.execute(
        "res.partner",
        "create",
        {
            "name": f"Ningbo Racking Systems {token} Co., Ltd.",
            "is_company": True,
            "country_id": world["country_cn"],
            "counterparty_kind_ids": [(6, 0, [world["kind_supplier"]])],
        },
    )
    declaration_id = customs_clerk.execute(
        "crm.customs.declaration",
        "create",
        {
            "direction": "import",
            "customs_office_id": office_id,
            "counterparty_id": supplier_id,
            "transport_mode": "3",
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": world["product_id"],
                        "quantity": 4,
                        "invoice_value": 2000.0,
                        "duty_rate": 10.0,
                        "vat_rate": 20.0,
                    },
                )
            ],
        },
    )
    fields = [
        "name",
        "state",
        "procedure_code",
        "amount_customs_value",
        "amount_duty",
        "amount_vat",
        "amount_charges",
        "duty_bill_id",
    ]
    declaration = customs_clerk.read_one(
        "crm.customs.declaration", declaration_id, fields
    )
    assert declaration["state"] == "draft"
    assert declaration["procedure_code"] == "4000", "release for free circulation"
    duty = declaration["amount_customs_value"] * 0.10
    assert declaration["amount_duty"] == money(duty)
    assert declaration["amount_charges"] == money(duty + declaration["amount_vat"])
    assert declaration["amount_charges"] > 0
    line = customs_clerk.execute(
        "crm.customs.declaration.line",
        "search_read",
        [("declaration_id", "=", declaration_id)],
        fields=["hs_code"],
    )
    product = admin.read_one("product.product", world["product_id"], ["hs_code"])
    assert product["hs_code"] == "9403.20.80"
    assert [row["hs_code"] for row in line] == ["94032080"], "the product's, as digits"

    customs_clerk.execute("crm.customs.declaration", "action_lodge", [declaration_id])
    head = f"{datetime.date.today():%y}BG004000{token[:7]}"
    mrn = head + iso6346.calc_check_digit(head)
    customs_clerk.execute(
        "crm.customs.declaration", "write", [declaration_id], {"mrn": mrn}
    )
    customs_clerk.execute("crm.customs.declaration", "action_accept", [declaration_id])
    customs_clerk.execute("crm.customs.declaration", "action_release", [declaration_id])
    released = customs_clerk.read_one(
        "crm.customs.declaration",
        declaration_id,
        ["state", "mrn", "date_released", "duty_bill_id"],
    )
    assert released["state"] == "released"
    assert released["mrn"] == mrn
    assert released["date_released"]
    assert released["duty_bill_id"], "the release of an import bills its duties"
    assert dossier(customs_clerk, supplier_id)["customs_declaration"]["count"] == 1

    bill_id = released["duty_bill_id"][0]
    bill = accountant.read_one(
        "account.move",
        bill_id,
        ["move_type", "state", "partner_id", "amount_total", "ref"],
    )
    assert bill["move_type"] == "in_invoice"
    assert bill["state"] == "draft", "accounting checks and posts it"
    assert bill["partner_id"][0] == office_id
    assert bill["amount_total"] == money(declaration["amount_charges"])
    assert bill["ref"] == mrn
    accountant.execute("account.move", "action_post", [bill_id])
    assert accountant.read_one("account.move", bill_id, ["state"])["state"] == "posted"
