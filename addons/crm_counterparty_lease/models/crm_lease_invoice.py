from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command


class CrmLease(models.Model):
    """The rent invoices of a lease: customer invoices when the counterparty
    is the lessee, vendor bills when it is the lessor, in the journal of
    that side."""

    _inherit = "crm.lease"  # pylint: disable=consider-merging-classes-inherited

    journal_id = fields.Many2one(
        "account.journal",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('type', '=', 'sale' if partner_role == 'lessee' else 'purchase')]",
        help="Journal of the rent invoices: by default the company's first "
        "sales journal (lessee) or purchase journal (lessor).",
    )
    move_ids = fields.One2many(
        "account.move", "crm_lease_id", string="Invoices", readonly=True
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")

    @api.depends("partner_role", "company_id")
    def _compute_journal_id(self):
        Journal = self.env["account.journal"].sudo()
        for lease in self:
            journal_type = lease._get_journal_type()
            current = lease.journal_id.sudo()
            if current.type == journal_type and current.company_id == lease.company_id:
                continue
            lease.journal_id = Journal.search(
                [
                    *Journal._check_company_domain(lease.company_id),
                    ("type", "=", journal_type),
                ],
                limit=1,
            ).id

    def _compute_invoice_count(self):
        # Counted as superuser: counterparty users see the count, not
        # necessarily the invoices.
        counts = dict(
            self.env["account.move"]
            .sudo()
            ._read_group(
                [("crm_lease_id", "in", self._origin.ids)],
                ["crm_lease_id"],
                ["__count"],
            )
        )
        for lease in self:
            lease.invoice_count = counts.get(lease._origin, 0)

    @api.constrains("journal_id", "partner_role")
    def _check_journal_id(self):
        for lease in self:
            journal = lease.journal_id.sudo()
            if journal and journal.type != lease._get_journal_type():
                message = (
                    _(
                        "The journal %(journal)s of %(lease)s is not a sales "
                        "journal, but the counterparty rents from us.",
                        journal=journal.display_name,
                        lease=lease._get_error_label(),
                    )
                    if lease.partner_role == "lessee"
                    else _(
                        "The journal %(journal)s of %(lease)s is not a purchase "
                        "journal, but we rent from the counterparty.",
                        journal=journal.display_name,
                        lease=lease._get_error_label(),
                    )
                )
                raise ValidationError(message)

    def action_create_invoices(self):
        """Bill the due periods now, without waiting for the daily job."""
        self._check_state("running", _("billed"))
        today = fields.Date.context_today(self)
        moves = self.env["account.move"]
        for lease in self:
            moves |= lease._create_rent_invoices(today)
        if not moves:
            raise UserError(_("No period is due without an invoice."))
        return self.action_open_invoices()

    def action_open_invoices(self):
        self.ensure_one()
        xml_id = (
            "account.action_move_out_invoice_type"
            if self.partner_role == "lessee"
            else "account.action_move_in_invoice_type"
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["domain"] = [("crm_lease_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _get_journal_type(self):
        self.ensure_one()
        return "sale" if self.partner_role == "lessee" else "purchase"

    def _prepare_invoice_vals(self, start, end):
        """Values of the customer invoice (lessee) or vendor bill (lessor) of
        the period from ``start`` to ``end``. Override to add fields."""
        self.ensure_one()
        customer_side = self.partner_role == "lessee"
        partner = (
            self.env["res.partner"].browse(
                self.partner_id.address_get(["invoice"])["invoice"]
            )
            if customer_side
            else self.partner_id
        )
        vals = {
            "move_type": "out_invoice" if customer_side else "in_invoice",
            "partner_id": partner.id,
            "invoice_date": start,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.name,
            "crm_lease_id": self.id,
            "crm_lease_period_start": start,
            "invoice_line_ids": [
                Command.create(
                    self.with_context(
                        lang=partner.lang or self.env.lang
                    )._prepare_invoice_line_vals(start, end)
                )
            ],
        }
        if self.journal_id:
            vals["journal_id"] = self.journal_id.id
        if customer_side and self.user_id:
            vals["invoice_user_id"] = self.user_id.id
        return vals

    def _prepare_invoice_line_vals(self, start, end):
        """The rent line of one period, its label naming the period."""
        self.ensure_one()
        product = self.product_id or self.env.ref("crm_counterparty_lease.product_rent")
        label = _(
            "Rent %(lease)s: %(start)s – %(end)s",
            lease=self.name,
            start=fields.Date.to_string(start),
            end=fields.Date.to_string(end),
        )
        if self.asset_description:
            label = f"{label}\n{self.asset_description}"
        return {
            "product_id": product.id,
            "name": label,
            "quantity": 1,
            "price_unit": self.rent,
        }
