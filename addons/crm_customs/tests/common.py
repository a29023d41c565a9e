from contextlib import contextmanager

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.crm_customs.tools.mrn import mrn_check_character


def make_mrn(head):
    """A well-formed MRN: the 17 characters of ``head`` and their check
    character."""
    return head + mrn_check_character(head)


class CustomsCase(TransactionCase):
    """A Bulgarian company with its EORI, a customs office, a supplier and a
    customer outside the EU, products with HS codes, and users of each access
    level."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        if not cls.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company, install_demo=False
            )
        cls.bg = cls.env.ref("base.bg")
        cls.cn = cls.env.ref("base.cn")
        cls.company.country_id = cls.bg
        cls.company.partner_id.eori = "BG175000003"
        cls.Partner = cls.env["res.partner"]
        cls.Declaration = cls.env["crm.customs.declaration"]
        cls.Line = cls.env["crm.customs.declaration.line"]
        kind_agency = cls.env.ref("crm_counterparty.kind_government_agency")
        cls.office = cls.Partner.create(
            {
                "name": "Customs Office Ruse",
                "is_company": True,
                "country_id": cls.bg.id,
                "counterparty_kind_ids": [Command.set(kind_agency.ids)],
                "agency_type": "customs_office",
                "agency_code": "BG004000",
            }
        )
        cls.supplier = cls.Partner.create(
            {
                "name": "Shenzhen Bright Electronics Co., Ltd.",
                "is_company": True,
                "country_id": cls.cn.id,
                "counterparty_kind_ids": [
                    Command.set(cls.env.ref("crm_counterparty.kind_supplier").ids)
                ],
            }
        )
        cls.customer = cls.Partner.create(
            {
                "name": "Beograd Import d.o.o.",
                "is_company": True,
                "country_id": cls.env.ref("base.rs").id,
                "counterparty_kind_ids": [
                    Command.set(cls.env.ref("crm_counterparty.kind_customer").ids)
                ],
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Laptop 14 inch",
                "type": "consu",
                "hs_code": "8471.30.00",
                "country_of_origin": cls.cn.id,
                "weight": 1.5,
                "standard_price": 400.0,
            }
        )
        cls.product_no_code = cls.env["product.product"].create(
            {"name": "Spare part", "type": "consu"}
        )
        cls.customs_user = new_test_user(
            cls.env,
            login="customs_user",
            groups="base.group_user,crm_customs.group_customs_user",
        )
        cls.customs_manager = new_test_user(
            cls.env,
            login="customs_manager",
            groups="base.group_user,crm_customs.group_customs_manager",
        )
        cls.plain_user = new_test_user(
            cls.env, login="customs_plain_user", groups="base.group_user"
        )

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like ``assertRaisesRegex``, in a savepoint rolled back on the error
        so that the test can check that nothing was written."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    def _call_as_rpc(self, exception, pattern, func, *args, **kwargs):
        """Call ``func`` as an RPC caller would, with no savepoint of the
        test's own: return the ``exception`` it was refused with (its message
        matching ``pattern`` unless that is empty), or None when it passed.
        Then forget the cache, flushing what was written: a check of the
        database that follows sees whatever the call wrote, and fails if the
        refusal came too late or never."""
        try:
            func(*args, **kwargs)
        except exception as error:
            if pattern:
                self.assertRegex(str(error), pattern)
            return error
        finally:
            self.env.invalidate_all()
        return None

    @classmethod
    def _declaration(cls, lines=1, **vals):
        """A draft import declaration at the test customs office with
        ``lines`` laptops, each worth 1000, with 10 % duty, 20 % import VAT
        and 50 of excise."""
        values = {
            "direction": "import",
            "customs_office_id": cls.office.id,
            "counterparty_id": cls.supplier.id,
            "line_ids": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "quantity": 2,
                        "invoice_value": 1000.0,
                        "duty_rate": 10.0,
                        "excise_amount": 50.0,
                        "vat_rate": 20.0,
                    }
                )
                for __ in range(lines)
            ],
        }
        values.update(vals)
        return cls.Declaration.create(values)

    @staticmethod
    def _accept(declaration, mrn=None):
        """Lodge and accept ``declaration`` under ``mrn``."""
        declaration.action_lodge()
        declaration.mrn = mrn or make_mrn(f"26BG004000T{declaration.id:06d}")
        declaration.action_accept()
        return declaration
