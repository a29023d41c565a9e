from odoo import _, fields, models


class ResPartner(models.Model):
    """A credit limit for a whole holding, checked on its companies' sale
    orders as Odoo checks a partner's own limit."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    holding_credit_limit = fields.Float(
        company_dependent=True,
        copy=False,
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Credit limit of the whole holding, in the company currency: "
        "confirming a sale order of one of its companies warns when the "
        "receivable of all its companies plus the order exceeds it. Empty for "
        "no limit.",
    )

    # ------------------------------------------------------------------
    # Holding credit limit
    # ------------------------------------------------------------------

    def _holding_receivable(self, company):
        """What the companies of the holding of this company owe, in
        ``company``'s currency: the open receivable of their posted journal
        items, as Odoo's own partner credit counts it. One grouped query."""
        self.ensure_one()
        holding = self.holding_id or self
        company = company.root_id
        Line = self.env["account.move.line"].sudo().with_company(company)
        domain = [
            ("parent_state", "=", "posted"),
            ("account_type", "=", "asset_receivable"),
            ("reconciled", "=", False),
            ("company_id", "child_of", company.id),
            (
                "partner_id.commercial_partner_id",
                "any",
                holding._holding_subtree_domain(),
            ),
        ]
        [(amount,)] = Line._read_group(domain, [], ["amount_residual:sum"])
        return amount or 0.0

    def _holding_credit_warning(self, company, amount):
        """Message when the receivable of this company's holding plus
        ``amount`` (in ``company``'s currency) exceeds the holding's credit
        limit; empty otherwise, and when ``company`` has Odoo's Sales Credit
        Limit setting off, as Odoo's own partner limit."""
        self.ensure_one()
        holding = self.commercial_partner_id.holding_id
        if not holding or not company.account_use_credit_limit:
            return ""
        limit = holding.sudo().with_company(company).holding_credit_limit
        if not limit:
            return ""
        receivable = holding._holding_receivable(company)
        total = receivable + amount
        if total <= limit:
            return ""
        currency = company.currency_id
        return _(
            "The holding %(holding)s has reached its credit limit of %(limit)s: "
            "its companies owe %(receivable)s, with this order %(total)s.",
            holding=holding.display_name,
            limit=currency.format(limit),
            receivable=currency.format(receivable),
            total=currency.format(total),
        )
