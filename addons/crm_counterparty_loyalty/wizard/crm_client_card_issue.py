from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..models.res_partner import CLIENT_CARD_PROGRAM_TYPES


class CrmClientCardIssue(models.TransientModel):
    """Issue a client card (an Odoo loyalty card) to a customer from its
    dossier, on a programme whose cards are held by one customer."""

    _name = "crm.client.card.issue"
    _description = "Issue a Client Card"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
    )
    program_id = fields.Many2one(
        "loyalty.program",
        string="Programme",
        required=True,
        domain=lambda self: [
            ("program_type", "in", CLIENT_CARD_PROGRAM_TYPES),
            ("company_id", "in", self.env.companies.ids + [False]),
        ],
        help="Loyalty, gift card and eWallet programmes.",
    )
    points = fields.Float("Initial Points", help="Points or balance on issue.")
    expiration_date = fields.Date(help="Leave empty for a card that never expires.")

    @api.constrains("points")
    def _check_points(self):
        for wizard in self:
            if wizard.points < 0:
                raise ValidationError(
                    _(
                        "The initial points of a client card cannot be negative: "
                        "%(points)s.",
                        points=format(wizard.points, "g"),
                    )
                )

    @api.constrains("expiration_date")
    def _check_expiration_date(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.expiration_date and wizard.expiration_date < today:
                raise ValidationError(
                    _(
                        "The expiration date %(date)s of a new client card is in "
                        "the past.",
                        date=wizard.expiration_date,
                    )
                )

    @api.constrains("program_id", "expiration_date")
    def _check_program_id(self):
        for wizard in self:
            if wizard.program_id.program_type not in CLIENT_CARD_PROGRAM_TYPES:
                raise ValidationError(
                    _(
                        "The programme %(program)s does not issue client cards: "
                        "choose a loyalty, gift card or eWallet programme.",
                        program=wizard.program_id.display_name,
                    )
                )
            if wizard.program_id.program_type == "loyalty" and wizard.expiration_date:
                # As in Odoo's card form: loyalty points do not expire.
                raise ValidationError(
                    _(
                        "Cards of the loyalty programme %(program)s do not expire: "
                        "leave the expiration date %(date)s empty.",
                        program=wizard.program_id.display_name,
                        date=wizard.expiration_date,
                    )
                )

    def _prepare_card_values(self):
        """Values of the new ``loyalty.card``; may be extended."""
        self.ensure_one()
        return {
            "program_id": self.program_id.id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "points": self.points,
            "expiration_date": self.expiration_date,
        }

    def action_issue(self):
        """Issue the card with the user's own rights: Odoo lets only sales
        managers create loyalty cards, and salespeople write their history."""
        self.ensure_one()
        self._issue_card()
        return {"type": "ir.actions.act_window_close"}

    def _prepare_history_values(self, card):
        """Values of the ``loyalty.history`` line of the balance issued, as
        Odoo's own generation wizard writes it; may be extended."""
        self.ensure_one()
        return {
            "card_id": card.id,
            "description": _(
                "Issued from the dossier of %(partner)s",
                partner=card.partner_id.display_name,
            ),
            "issued": card.points,
        }

    def _issue_card(self):
        self.ensure_one()
        card = self.env["loyalty.card"].create(self._prepare_card_values())
        if card.points:
            self.env["loyalty.history"].create(self._prepare_history_values(card))
        return card
