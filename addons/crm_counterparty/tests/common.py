from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL

#: Odoo's rank, the kind's XML id and the stored flag of each rank kind.
RANK_KIND_FLAGS = (
    ("customer_rank", "crm_counterparty.kind_customer", "is_customer_counterparty"),
    ("supplier_rank", "crm_counterparty.kind_supplier", "is_supplier_counterparty"),
)


class CounterpartyCase(TransactionCase):
    """Kinds, a Bulgarian company and users of each access level."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.bg = cls.env.ref("base.bg")
        cls.env.company.country_id = cls.bg
        cls.kind_customer = cls.env.ref("crm_counterparty.kind_customer")
        cls.kind_supplier = cls.env.ref("crm_counterparty.kind_supplier")
        cls.kind_bank = cls.env.ref("crm_counterparty.kind_bank")
        cls.kind_agency = cls.env.ref("crm_counterparty.kind_government_agency")
        cls.kind_holding = cls.env.ref("crm_counterparty.kind_holding_member")
        cls.Partner = cls.env["res.partner"]
        cls.company_partner = cls.Partner.create(
            {"name": "Balkan Trade OOD", "is_company": True, "country_id": cls.bg.id}
        )
        cls.plain_user = new_test_user(
            cls.env, login="plain_user", groups="base.group_user"
        )
        cls.cp_user = new_test_user(
            cls.env,
            login="cp_user",
            groups="base.group_user,crm_counterparty.group_counterparty_user",
        )
        cls.pd_user = new_test_user(
            cls.env,
            login="pd_user",
            groups="base.group_user,crm_counterparty.group_personal_document",
        )
        cls.cp_manager = new_test_user(
            cls.env,
            login="cp_manager",
            groups="base.group_user,crm_counterparty.group_counterparty_manager",
        )

    def assertRanks(self, partner, customer, supplier):
        """Read from the database: the commercial partner's rank is above 0,
        the partner has the kind row and its flag is set, each exactly when
        ``customer`` (``supplier``)."""
        self.env.flush_all()
        for (rank, xmlid, flag), expected in zip(
            RANK_KIND_FLAGS, (customer, supplier), strict=True
        ):
            self.env.cr.execute(
                SQL(
                    """
                    SELECT c.%(rank)s > 0,
                           EXISTS (SELECT 1 FROM res_partner_counterparty_kind_rel r
                                    WHERE r.partner_id = p.id AND r.kind_id = %(kind)s),
                           p.%(flag)s
                      FROM res_partner p
                      JOIN res_partner c ON c.id = p.commercial_partner_id
                     WHERE p.id = %(partner)s
                    """,
                    rank=SQL.identifier(rank),
                    kind=self.env.ref(xmlid).id,
                    flag=SQL.identifier(flag),
                    partner=partner.id,
                )
            )
            self.assertEqual(
                self.env.cr.fetchone(),
                (expected, expected, expected),
                f"{partner.name}: rank, kind row and flag of {rank}",
            )


class DocumentCase(CounterpartyCase):
    """A chart of accounts, a product and factories of the documents Odoo's
    Invoicing links to partners: invoices and bills, payments. Shared by the
    addons of the suite that test dossiers; the bridges add theirs (sale and
    purchase orders)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        if not cls.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company, install_demo=False
            )
        cls.today = fields.Date.context_today(cls.env.user)
        cls.currency = cls.company.currency_id
        cls.product = cls.env["product.product"].create(
            {
                "name": "Pallet of crates",
                "list_price": 100.0,
                "standard_price": 60.0,
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _setup_foreign_currency(cls):
        """A foreign currency worth half the company currency today, and a
        pricelist in it: documents made with ``foreign=True`` use them.

        The rate is given from the day before ``today`` (the administrator's
        date): a test user without a time zone may still be on that day, and
        the registry converts at the rate of its user's today."""
        cls.foreign = cls.env.ref(
            "base.EUR" if cls.currency != cls.env.ref("base.EUR") else "base.USD"
        )
        cls.foreign.active = True
        days = (cls.today - timedelta(days=1), cls.today)
        cls.env["res.currency.rate"].search(
            [
                ("currency_id", "=", cls.foreign.id),
                ("name", "in", days),
                ("company_id", "in", [cls.company.id, False]),
            ]
        ).unlink()
        cls.env["res.currency.rate"].create(
            [
                {
                    "currency_id": cls.foreign.id,
                    "name": day,
                    "rate": 2.0,
                    "company_id": cls.company.id,
                }
                for day in days
            ]
        )
        cls.foreign_pricelist = cls.env["product.pricelist"].create(
            {"name": "Foreign pricelist", "currency_id": cls.foreign.id}
        )

    @classmethod
    def _company(cls, name, kind=None, **vals):
        """A company of ``kind`` (a customer by default)."""
        return cls.Partner.create(
            {
                "name": name,
                "is_company": True,
                "counterparty_kind_ids": [Command.set((kind or cls.kind_customer).ids)],
                **vals,
            }
        )

    @classmethod
    def _move(cls, move_type, partner, amount, post=True, due=None):
        """An invoice, bill or refund of one line; ``due`` dates it and makes
        it due that day (today by default)."""
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": due or cls.today,
                "invoice_date_due": due or cls.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Goods and services",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _payment(cls, payment_type, partner, amount, post=True, **vals):
        payment = cls.env["account.payment"].create(
            {
                "payment_type": payment_type,
                "partner_type": "customer" if payment_type == "inbound" else "supplier",
                "partner_id": partner.id,
                "amount": amount,
                **vals,
            }
        )
        if post:
            payment.action_post()
        return payment

    @classmethod
    def _action_records(cls, action):
        """The records a window action opens."""
        return cls.env[action["res_model"]].search(action["domain"])

    # The dossier's documents, as the registry of document kinds gives them.

    def _document_kind(self, code):
        return self.env["crm.counterparty.document.kind"].search([("code", "=", code)])

    def _figure(self, partner, code, figure="count"):
        """The count or amount of the documents of kind ``code`` of ``partner``
        (as its user reads them)."""
        kind = self._document_kind(code).with_env(partner.env)
        totals = partner._dossier_document_totals(kind)
        return totals[partner.commercial_partner_id.id][code][figure]

    def _totals_queries(self, partners, kinds):
        """The dossier totals of ``kinds`` for ``partners`` read as a new
        request does (nothing cached), and the number of queries it took."""
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        totals = partners._dossier_document_totals(kinds)
        return self.cr.sql_log_count - start, totals

    def _count(self, partner, code):
        return self._figure(partner, code, "count")

    def _amount(self, partner, code):
        return self._figure(partner, code, "amount")

    def _latest(self, partner, code):
        """The latest documents of kind ``code`` the dossier lists."""
        kind = self._document_kind(code).with_env(partner.env)
        return kind._latest(partner.commercial_partner_id.ids)

    def _open(self, partner, code):
        """The documents the dossier's generic action opens for ``code``."""
        return self._action_records(partner.action_open_documents(code))
