from odoo.tests import TransactionCase, new_test_user


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
        cls.cp_manager = new_test_user(
            cls.env,
            login="cp_manager",
            groups="base.group_user,crm_counterparty.group_counterparty_manager",
        )
