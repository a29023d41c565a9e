"""A document model no addon of the suite knows, registered by the tests
with odoo-test-helper's FakeModelLoader: an administrator's own kind of
document, e.g. shipments of a custom addon."""

from odoo import fields, models


class CrmTestShipment(models.Model):
    _name = "crm.test.shipment"
    _description = "Test Shipment"

    name = fields.Char(required=True)
    partner_id = fields.Many2one("res.partner")
    carrier_id = fields.Many2one("res.partner")
    date = fields.Date()
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency")
    company_id = fields.Many2one("res.company")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
