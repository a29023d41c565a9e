from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBulgarianDossierTour(HttpCase):
    def test_customer_dossier_in_bulgarian(self):
        """A user working in Bulgarian opens a customer's dossier and finds
        the Bulgarian labels of its tabs, cards and buttons."""
        env = self.env
        env["res.lang"]._activate_lang("bg_BG")
        modules = env["ir.module.module"].search(
            [
                ("state", "=", "installed"),
                "|",
                ("name", "in", ("base", "web", "mail", "contacts", "account")),
                ("name", "=like", "crm_%"),
            ]
        )
        modules._update_translations(["bg_BG"])
        if not env.company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", company=env.company, install_demo=False
            )
        user = new_test_user(
            env,
            login="bg_tour_user",
            groups="base.group_user,crm_counterparty.group_counterparty_user,"
            "account.group_account_invoice",
            lang="bg_BG",
        )
        customer = env["res.partner"].create(
            {
                "name": "Тур Клиент АД",
                "is_company": True,
                "counterparty_kind_ids": [
                    Command.set(env.ref("crm_counterparty.kind_customer").ids)
                ],
                "child_ids": [Command.create({"name": "Иван Иванов"})],
            }
        )
        env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"name": "Стол", "price_unit": 80.0, "tax_ids": []})
                ],
            }
        ).action_post()
        self.start_tour(
            f"/odoo/action-crm_counterparty.res_partner_action_customer/{customer.id}",
            "crm_counterparty_bg_dossier",
            login=user.login,
        )
