from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

#: Charges of the duty bill: (amount field of the declaration lines, product
#: XML id). The bill sums the lines, never the declaration's stored totals.
DUTY_BILL_CHARGES = (
    ("duty_amount", "crm_customs.product_customs_duty"),
    ("excise_amount", "crm_customs.product_customs_excise"),
    ("vat_amount", "crm_customs.product_customs_import_vat"),
)


class CrmCustomsDeclaration(models.Model):
    """The duty bill of an import: one vendor bill to the customs office for
    the duties, excise and import VAT, created on release."""

    _inherit = "crm.customs.declaration"  # pylint: disable=consider-merging-classes-inherited

    duty_move_ids = fields.One2many(
        "account.move",
        "crm_customs_declaration_id",
        string="Duty Bills",
        readonly=True,
    )
    duty_bill_id = fields.Many2one(
        "account.move",
        compute="_compute_duty_bill_id",
        compute_sudo=True,
        string="Duty Bill",
        help="The vendor bill to the customs office for the duties, excise "
        "and import VAT, created on release of an import.",
    )

    @api.depends("duty_move_ids.state")
    def _compute_duty_bill_id(self):
        for declaration in self:
            declaration.duty_bill_id = declaration.duty_move_ids.filtered(
                lambda move: move.state != "cancel"
            )[:1]

    def action_create_duty_bill(self):
        """Create the duty bill of a released import that has none, e.g.
        after its bill was cancelled."""
        self._check_state(("released", "cleared"), _("billed"))
        bills = self._create_duty_bills()
        if not bills:
            raise UserError(
                _("There is no duty, excise or import VAT to bill, or a bill exists.")
            )
        return self.action_open_duty_bill()

    def action_open_duty_bill(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        bills = self.duty_move_ids
        if len(bills) == 1:
            action.update(
                views=[(self.env.ref("account.view_move_form").id, "form")],
                res_id=bills.id,
            )
        else:
            action["domain"] = [("id", "in", bills.ids)]
        action["context"] = {"create": False}
        return action

    def _create_duty_bills(self):
        """Create the duty bill of each import declaration that has none;
        return the bills created.

        Made as superuser: releasing an import is a customs user's task, the
        bill it leads to is accounting's, who checks and posts it.
        """
        Move = self.env["account.move"].sudo()
        bills = Move
        imports = self.filtered(lambda d: d.direction == "import")
        imports._lock_rows()
        for declaration in imports:
            if Move.search_count(
                [
                    ("crm_customs_declaration_id", "=", declaration.id),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            ):
                continue
            vals = declaration._prepare_duty_bill_vals()
            if not vals["invoice_line_ids"]:
                declaration.message_post(
                    body=_("No duty, excise or import VAT to bill.")
                )
                continue
            bill = Move.with_company(declaration.company_id).create(vals)
            declaration.invalidate_recordset(["duty_move_ids", "duty_bill_id"])
            declaration.message_post(
                body=_("Duty bill created: %(bill)s", bill=bill._get_html_link())
            )
            bills |= bill
        return bills

    def _prepare_duty_bill_vals(self):
        """Values of the vendor bill to the customs office: one line per kind
        of charge that is not zero, each the sum of the declaration lines'
        amounts (locked once lodged), not the stored totals. Override to add
        fields."""
        self.ensure_one()
        if not self.customs_office_id:
            raise UserError(
                _(
                    "Declaration %(declaration)s has no customs office to bill.",
                    declaration=self.name,
                )
            )
        office = self.customs_office_id.commercial_partner_id
        lines = []
        currency = self.company_currency_id
        for line_field, product_xmlid in self._get_duty_bill_charges():
            amount = currency.round(sum(self.line_ids.mapped(line_field)))
            if currency.is_zero(amount):
                continue
            lines.append(
                Command.create(
                    self.with_context(
                        lang=office.lang or self.env.lang
                    )._prepare_duty_bill_line_vals(product_xmlid, amount)
                )
            )
        return {
            "move_type": "in_invoice",
            "partner_id": office.id,
            "invoice_date": self.date_released or fields.Date.context_today(self),
            "currency_id": self.company_currency_id.id,
            "ref": self.mrn or self.name,
            "invoice_origin": self.name,
            "crm_customs_declaration_id": self.id,
            "invoice_line_ids": lines,
        }

    def _get_duty_bill_charges(self):
        """(amount field of the declaration lines, product XML id) of each
        charge of the duty bill."""
        return DUTY_BILL_CHARGES

    def _prepare_duty_bill_line_vals(self, product_xmlid, amount):
        self.ensure_one()
        product = self.env.ref(product_xmlid)
        return {
            "product_id": product.id,
            # The product names the charge; the label names the declaration.
            "name": _(
                "Customs declaration %(declaration)s, MRN %(mrn)s",
                declaration=self.name,
                mrn=self.mrn or "-",
            ),
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [Command.clear()],
        }
