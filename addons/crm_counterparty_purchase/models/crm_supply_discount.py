from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class CrmSupplyDiscount(models.Model):
    """A discount a supplier grants by default, on all products or on a
    product category and its children.

    It is applied to new purchase order lines whose price comes without a
    discount of its own (see ``purchase.order.line``).
    """

    _name = "crm.supply.discount"
    _description = "Supply Discount"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.company.guard.mixin"]
    _order = "partner_id, product_categ_id, date_start desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        index=True,
        # Deleted with their supplier by res.partner.unlink(), through the ORM.
        ondelete="restrict",
        tracking=True,
        domain="[('parent_id', '=', False)]",
        help="The supplier company granting the discount.",
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        tracking=True,
        help="Leave empty for all products. A discount on a category also "
        "applies to its sub-categories; the deepest matching category wins.",
    )
    discount = fields.Float(
        "Discount (%)", digits="Discount", required=True, tracking=True
    )
    date_start = fields.Date("Valid From", tracking=True)
    date_end = fields.Date("Valid Until", tracking=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Leave empty to apply the discount in every company.",
    )
    note = fields.Text()
    active = fields.Boolean(default=True)

    @api.depends("partner_id", "product_categ_id", "discount")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = _(
                "%(supplier)s: %(discount)s%% on %(scope)s",
                supplier=rec.partner_id.name or "",
                discount=format(rec.discount, "g"),
                scope=rec.product_categ_id.complete_name or _("all products"),
            )

    @api.constrains("discount")
    def _check_discount(self):
        for rec in self:
            if not 0 <= rec.discount <= 100:
                raise ValidationError(
                    _(
                        "The discount %(discount)s%% of %(supplier)s must be "
                        "between 0 and 100.",
                        discount=format(rec.discount, "g"),
                        supplier=rec.partner_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for rec in self:
            if rec.date_start and rec.date_end and rec.date_end < rec.date_start:
                raise ValidationError(
                    _(
                        "The end date %(end)s of the supply discount of "
                        "%(supplier)s is before its start date %(start)s.",
                        end=rec.date_end,
                        start=rec.date_start,
                        supplier=rec.partner_id.display_name,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_id(self):
        for rec in self:
            if rec.partner_id != rec.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "The supplier %(partner)s of a supply discount must be a "
                        "company, not one of its contacts: choose %(company)s.",
                        partner=rec.partner_id.display_name,
                        company=rec.partner_id.commercial_partner_id.display_name,
                    )
                )

    @api.model
    def _search_overlap_domain(self, rec):
        """Domain of the other discounts with the same scope as ``rec`` whose
        validity overlaps it."""
        domain = [
            ("id", "!=", rec.id),
            ("partner_id", "=", rec.partner_id.id),
            ("product_categ_id", "=", rec.product_categ_id.id),
            ("company_id", "=", rec.company_id.id),
        ]
        if rec.date_start:
            domain = expression.AND(
                [
                    domain,
                    ["|", ("date_end", "=", False), ("date_end", ">=", rec.date_start)],
                ]
            )
        if rec.date_end:
            domain = expression.AND(
                [
                    domain,
                    [
                        "|",
                        ("date_start", "=", False),
                        ("date_start", "<=", rec.date_end),
                    ],
                ]
            )
        return domain

    @api.constrains(
        "partner_id",
        "product_categ_id",
        "company_id",
        "date_start",
        "date_end",
        "active",
    )
    def _check_overlap(self):
        """One supplier cannot have two discounts for the same category at
        the same time: which one applies would be a guess."""
        for rec in self.filtered("active"):
            other = self.sudo().search(self._search_overlap_domain(rec), limit=1)
            if other:
                raise ValidationError(
                    _(
                        "%(supplier)s already has a supply discount on "
                        "%(scope)s for these dates: %(other)s.",
                        supplier=rec.partner_id.display_name,
                        scope=rec.product_categ_id.complete_name or _("all products"),
                        other=other.display_name,
                    )
                )

    @api.model
    def _applicable_domain(self, suppliers, companies):
        """Domain of the active discounts of ``suppliers`` (commercial partners)
        usable in ``companies``; the dates are matched by ``_select_for``."""
        return [
            ("partner_id", "in", suppliers.ids),
            ("company_id", "in", companies.ids + [False]),
        ]

    def _select_for(self, supplier, product, company, date):
        """Return the discount of ``self`` that applies to ``product`` bought
        from ``supplier`` in ``company`` on ``date``, or an empty recordset.

        A discount on a category beats a general one, the deepest category
        wins, and among equals the latest start date (then the newest record).
        May be overridden to change the precedence.
        """
        categ_path = product.categ_id.parent_path or ""
        candidates = self.filtered(
            lambda d: d.partner_id == supplier
            and d.company_id in (company, self.env["res.company"])
            and (not d.date_start or d.date_start <= date)
            and (not d.date_end or d.date_end >= date)
            and (
                not d.product_categ_id
                or categ_path.startswith(d.product_categ_id.parent_path)
            )
        )
        if not candidates:
            return candidates
        return max(
            candidates,
            key=lambda d: (
                (d.product_categ_id.parent_path or "").count("/"),
                d.date_start or fields.Date.to_date("1900-01-01"),
                d.id,
            ),
        )
