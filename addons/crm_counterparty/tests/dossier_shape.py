from odoo import Command
from odoo.tests import HttpCase


class DossierShapeCase(HttpCase):
    """Opens the form of partners of given kinds in the web client at
    1,600 px wide: the width at which the button box shows 8 buttons and the
    form sits beside the chatter. Shared with the tests of the bridges and
    of the other addons of the suite."""

    browser_size = "1600x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kinds = {
            code: cls.env.ref(f"crm_counterparty.kind_{code}")
            for code in (
                "customer",
                "supplier",
                "bank",
                "government_agency",
                "holding_member",
            )
        }

    @classmethod
    def _shape_partner(cls, name, codes=(), **values):
        kinds = [cls.kinds[code].id for code in codes]
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "counterparty_kind_ids": [Command.set(kinds)],
                **values,
            }
        )

    @classmethod
    def _shape_customs_office(cls, name="Shape Customs Office"):
        return cls._shape_partner(
            name,
            ["government_agency"],
            agency_type="customs_office",
            agency_code="BG001000",
        )

    @classmethod
    def _shape_bank(cls, name="Shape Bank"):
        bank = cls.env["res.bank"].create({"name": name, "bic": "SHAPBGSF"})
        return cls._shape_partner(name, ["bank"], bank_id=bank.id)

    def _open(self, partner, tour):
        self.start_tour(f"/odoo/contacts/{partner.id}", tour, login="admin")
