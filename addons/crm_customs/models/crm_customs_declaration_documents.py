from odoo import fields, models


class CrmCustomsDeclaration(models.Model):
    """The orders and vendor bills of the goods a declaration declares."""

    _inherit = "crm.customs.declaration"  # pylint: disable=consider-merging-classes-inherited

    purchase_order_ids = fields.Many2many(
        "purchase.order",
        "crm_customs_declaration_purchase_order_rel",
        "declaration_id",
        "order_id",
        string="Purchase Orders",
        check_company=True,
    )
    sale_order_ids = fields.Many2many(
        "sale.order",
        "crm_customs_declaration_sale_order_rel",
        "declaration_id",
        "order_id",
        string="Sale Orders",
        check_company=True,
    )
    vendor_bill_ids = fields.Many2many(
        "account.move",
        "crm_customs_declaration_vendor_bill_rel",
        "declaration_id",
        "move_id",
        string="Vendor Bills",
        check_company=True,
        domain="[('move_type', 'in', ('in_invoice', 'in_refund'))]",
        help="The supplier's bills of the goods declared.",
    )
    purchase_order_count = fields.Integer(
        compute="_compute_document_counts", compute_sudo=True
    )
    sale_order_count = fields.Integer(
        compute="_compute_document_counts", compute_sudo=True
    )
    vendor_bill_count = fields.Integer(
        compute="_compute_document_counts", compute_sudo=True
    )

    def _compute_document_counts(self):
        for declaration in self:
            declaration.purchase_order_count = len(declaration.purchase_order_ids)
            declaration.sale_order_count = len(declaration.sale_order_ids)
            declaration.vendor_bill_count = len(declaration.vendor_bill_ids)

    def _action_open_documents(self, records, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        return action

    def action_open_purchase_orders(self):
        return self._action_open_documents(
            self.purchase_order_ids, "purchase.purchase_form_action"
        )

    def action_open_sale_orders(self):
        return self._action_open_documents(self.sale_order_ids, "sale.action_orders")

    def action_open_vendor_bills(self):
        return self._action_open_documents(
            self.vendor_bill_ids, "account.action_move_in_invoice_type"
        )
