"""Client cards in the customer's dossier: Odoo's loyalty cards, counted,
listed and issued from the dossier with the user's own rights."""

from datetime import timedelta

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.crm_counterparty.tests.common import DocumentCase


@tagged("post_install", "-at_install")
class TestClientCards(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._company("Varna Retail AD", cls.kind_customer)
        cls.customer_contact = cls.Partner.create(
            {"name": "Elena Dimitrova", "parent_id": cls.customer.id}
        )
        cls.card_program = cls.env["loyalty.program"].create(
            {"name": "Client Club", "program_type": "loyalty"}
        )
        cls.coupon_program = cls.env["loyalty.program"].create(
            {"name": "One-off coupons", "program_type": "coupons"}
        )
        cls.ewallet_program = cls.env["loyalty.program"].create(
            {"name": "Prepaid wallet", "program_type": "ewallet"}
        )
        cls.card_salesman = new_test_user(
            cls.env,
            login="card_salesman",
            groups="crm_counterparty.group_counterparty_user,"
            "sales_team.group_sale_salesman",
        )
        cls.card_manager = new_test_user(
            cls.env,
            login="card_manager",
            groups="crm_counterparty.group_counterparty_user,"
            "sales_team.group_sale_manager",
        )

    @classmethod
    def _card(cls, partner, points=0.0, program=None):
        return cls.env["loyalty.card"].create(
            {
                "program_id": (program or cls.card_program).id,
                "partner_id": partner.id,
                "points": points,
            }
        )

    def test_client_cards(self):
        """Client cards of the company and its contacts; coupons are not cards."""
        card = self._card(self.customer, 10.0)
        contact_card = self._card(self.customer_contact)
        self._card(self.customer, 5.0, program=self.coupon_program)
        self.assertEqual(self._count(self.customer, "client_card"), 2)
        self.assertEqual(
            self._open(self.customer, "client_card"),
            card | contact_card,
        )
        self.assertEqual(
            self._latest(self.customer, "client_card"), card | contact_card
        )

    def test_issue_client_card(self):
        """A sales manager issues a client card from the dossier on a chosen
        programme; the balance issued is in the card's history."""
        Card = self.env["loyalty.card"]
        action = self.customer_contact.action_issue_client_card()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.card_manager)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.partner_id, self.customer)
        wizard.program_id = self.card_program
        wizard.points = 100
        wizard.save().action_issue()
        card = Card.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(card.program_id, self.card_program)
        self.assertEqual(card.points, 100)
        self.assertFalse(card.expiration_date)
        self.assertEqual(card.history_ids.mapped("issued"), [100.0])
        self.assertEqual(card.history_ids.mapped("used"), [0.0])
        self.assertIn(self.customer.name, card.history_ids.description)

        expires = self.today + timedelta(days=365)
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.card_manager)
            .with_context(**action["context"])
        )
        wizard.program_id = self.ewallet_program
        wizard.expiration_date = expires
        wizard.save().action_issue()
        ewallet = Card.search([("program_id", "=", self.ewallet_program.id)])
        self.assertEqual(ewallet.partner_id, self.customer)
        self.assertEqual(ewallet.expiration_date, expires)
        self.assertFalse(ewallet.history_ids, "no balance, no history line")
        self.assertEqual(self._count(self.customer, "client_card"), 2)
        self.assertEqual(
            self._latest(
                self.customer.with_user(self.card_manager), "client_card"
            ).mapped("points"),
            [0.0, 100.0],
        )

    def test_counterparty_user_cannot_issue_client_card(self):
        """A counterparty user without sales rights issues no card, even an
        eWallet with a balance through the wizard's model over RPC."""
        Wizard = self.env["crm.client.card.issue"]
        for user in (self.cp_user, self.card_salesman):
            with self.assertRaises(AccessError):
                Wizard.with_user(user).create(
                    {
                        "partner_id": self.customer.id,
                        "program_id": self.ewallet_program.id,
                        "points": 10000,
                    }
                )
        # Past the wizard's access rights, the card is still made with the
        # user's own rights.
        wizard = (
            Wizard.with_user(self.card_salesman)
            .sudo()
            .create(
                {
                    "partner_id": self.customer.id,
                    "program_id": self.ewallet_program.id,
                    "points": 10000,
                }
            )
            .sudo(False)
        )
        with self.assertRaises(AccessError):
            wizard.action_issue()
        self.assertFalse(
            self.env["loyalty.card"].search([("partner_id", "=", self.customer.id)])
        )

    def test_card_codes_only_for_loyalty_readers(self):
        """Card codes, counters and lists show only to the roles Odoo lets
        read loyalty cards: salespeople and sales managers."""
        card = self._card(self.customer, 50.0, program=self.ewallet_program)
        with self.assertRaises(AccessError):
            card.with_user(self.cp_user).read(["code"])
        with self.assertRaises(AccessError):
            self.env["loyalty.card"].with_user(self.cp_user).search_read([], ["code"])
        customer = self.customer.with_user(self.cp_user)
        self.assertEqual(self._count(customer, "client_card"), 0)
        self.assertFalse(self._latest(customer, "client_card"))
        salesman_customer = self.customer.with_user(self.card_salesman)
        self.assertEqual(self._count(salesman_customer, "client_card"), 1)
        self.assertEqual(
            self._latest(salesman_customer, "client_card").mapped("code"), [card.code]
        )

        def codes(user):
            partner = self.customer.with_user(user)
            return [section["code"] for section in partner.get_dossier_documents()]

        self.assertNotIn("client_card", codes(self.cp_user), "hidden from him")
        self.assertIn("client_card", codes(self.card_salesman))
        with self.assertRaises(UserError):
            self.customer.with_user(self.cp_user).action_open_documents("client_card")

        def form_names(user):
            arch = (
                self.env["res.partner"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            return set(etree.fromstring(arch).xpath("//@name"))

        self.assertNotIn("action_issue_client_card", form_names(self.cp_user))
        self.assertNotIn(
            "action_issue_client_card",
            form_names(self.card_salesman),
            "issued by managers",
        )
        self.assertIn("action_issue_client_card", form_names(self.card_manager))

    def test_issue_client_card_bad_input(self):
        """Negative points, a past date or a coupon programme are refused."""
        Wizard = self.env["crm.client.card.issue"]
        base = {"partner_id": self.customer.id, "program_id": self.ewallet_program.id}
        yesterday = self.today - timedelta(days=1)
        next_year = self.today + timedelta(days=365)
        for vals, bad in (
            ({"points": -5}, "-5"),
            ({"expiration_date": yesterday}, str(yesterday)),
            ({"program_id": self.coupon_program.id}, "One-off coupons"),
            (
                {"program_id": self.card_program.id, "expiration_date": next_year},
                str(next_year),
            ),
        ):
            with self.assertRaises(ValidationError) as caught:
                Wizard.create(dict(base, **vals))
            self.assertIn(bad, str(caught.exception))
        self.assertFalse(
            self.env["loyalty.card"].search([("partner_id", "=", self.customer.id)])
        )
