from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestLeadToDossierTour(HttpCase):
    def test_lead_to_dossier_tour(self):
        """A user converts a lead, moves the deal through two stages and sees
        it in the account's dossier."""
        admin = self.env.ref("base.user_admin")
        team = self.env["crm.team"].create(
            {
                "name": "Tour Pipeline",
                "use_leads": True,
                "member_ids": [(6, 0, admin.ids)],
            }
        )
        Stage = self.env["crm.stage"]
        # Odoo's shared stages belong to its default team: the tour pipeline
        # shows only its own stages.
        Stage.search([("team_id", "=", False)]).team_id = self.env.ref(
            "sales_team.team_sales_department"
        )
        new = Stage.create({"name": "Tour New", "sequence": 1, "team_id": team.id})
        qualified = Stage.create(
            {"name": "Tour Qualified", "sequence": 2, "team_id": team.id}
        )
        proposal = Stage.create(
            {
                "name": "Tour Proposal",
                "sequence": 3,
                "team_id": team.id,
                "required_field_ids": [
                    (6, 0, self.env.ref("crm.field_crm_lead__expected_revenue").ids)
                ],
            }
        )
        new.next_stage_ids = qualified
        qualified.next_stage_ids = proposal | new
        self.env.ref("base.group_user").implied_ids |= self.env.ref(
            "crm.group_use_lead"
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour Deal",
                "type": "lead",
                "team_id": team.id,
                "stage_id": new.id,
                "user_id": self.env.ref("base.user_admin").id,
                "partner_name": "Tour Account AD",
                "contact_name": "Tour Contact",
                "email_from": "tour.contact@tour-account.example.com",
            }
        )
        self.start_tour(
            f"/odoo/crm.lead/{lead.id}", "crm_pipeline_lead_to_dossier", login="admin"
        )
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, proposal)
        self.assertEqual(lead.expected_revenue, 4200)
        account = lead.partner_id.commercial_partner_id
        self.assertEqual(account.name, "Tour Account AD")
        self.assertTrue(account.is_customer_counterparty)
        self.assertEqual(lead.partner_id.name, "Tour Contact")
        self.assertEqual(lead.stage_history_ids.stage_id, new | qualified | proposal)
