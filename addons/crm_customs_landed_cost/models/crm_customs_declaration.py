from odoo import Command, _, api, fields, models


class CrmCustomsDeclaration(models.Model):
    """Releasing an import also makes a landed cost of its duties and
    excise, each line's on exactly the goods it was paid for."""

    _inherit = "crm.customs.declaration"

    landed_cost_ids = fields.One2many(
        "stock.landed.cost",
        "crm_customs_declaration_id",
        string="Landed Costs",
        readonly=True,
        groups="stock.group_stock_manager",
    )
    landed_cost_count = fields.Integer(
        compute="_compute_landed_cost_count", groups="stock.group_stock_manager"
    )

    @api.depends("landed_cost_ids")
    def _compute_landed_cost_count(self):
        for declaration in self:
            declaration.landed_cost_count = len(declaration.landed_cost_ids)

    def _create_duty_bills(self):
        bills = super()._create_duty_bills()
        self._create_landed_costs()
        return bills

    def _create_landed_costs(self):
        """Create the draft landed cost of each released import that has none
        and whose goods with a duty or excise are received; return them.

        Made as superuser, like the duty bill: releasing an import is a
        customs user's task, the landed cost it leads to is for inventory and
        accounting, who check and validate it.
        """
        LandedCost = self.env["stock.landed.cost"].sudo()
        costs = LandedCost
        for declaration in self.filtered(lambda d: d.direction == "import").sudo():
            if LandedCost.search_count(
                [
                    ("crm_customs_declaration_id", "=", declaration.id),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            ):
                continue
            moves = declaration._landed_cost_received_moves()
            lines = declaration.line_ids.filtered(
                lambda line,
                d=declaration,
                m=moves: not line.company_currency_id.is_zero(line._landed_charges())
                and d._landed_cost_moves(line, m)
            )
            if not lines:
                continue
            cost = LandedCost.with_company(declaration.company_id).create(
                declaration._prepare_landed_cost_vals(lines, moves)
            )
            cost.compute_landed_cost()
            declaration.message_post(
                body=_("Landed cost created: %(cost)s", cost=cost._get_html_link())
            )
            costs |= cost
        return costs

    def _landed_cost_received_moves(self):
        """The done incoming moves of the declaration's receipts whose goods
        are valued at their real cost (FIFO or average)."""
        self.ensure_one()
        return self.picking_ids.filtered(lambda p: p.state == "done").move_ids.filtered(
            lambda m: m.state == "done"
            and m.quantity
            and m.product_id.cost_method in ("fifo", "average")
        )

    def _landed_cost_moves(self, line, moves):
        """The moves among ``moves`` that received the goods of ``line``:
        those of its purchase order line, else those of its product (all of
        ``moves`` for a cost line of no declaration line)."""
        if not line:
            return moves
        if line.purchase_line_id and "purchase_line_id" in moves._fields:
            own = moves.filtered(lambda m: m.purchase_line_id == line.purchase_line_id)
            if own:
                return own
        return moves.filtered(lambda m: m.product_id == line.product_id)

    def _prepare_landed_cost_vals(self, lines, moves):
        self.ensure_one()
        product = self.env.ref("crm_customs.product_customs_duty")
        account = product.product_tmpl_id.get_product_accounts()["stock_input"]
        pickings = self.env["stock.picking"]
        for line in lines:
            pickings |= self._landed_cost_moves(line, moves).picking_id
        return {
            "crm_customs_declaration_id": self.id,
            "date": self.date_released or fields.Date.context_today(self),
            "picking_ids": [Command.set(pickings.ids)],
            "vendor_bill_id": self.duty_bill_id.id,
            "cost_lines": [
                Command.create(
                    {
                        "crm_customs_line_id": line.id,
                        "name": _(
                            "Duty and excise of %(goods)s (%(declaration)s)",
                            goods=line.name,
                            declaration=self.name,
                        ),
                        "product_id": product.id,
                        "price_unit": line._landed_charges(),
                        "split_method": "by_quantity",
                        "account_id": account.id,
                    }
                )
                for line in lines
            ],
        }

    def action_open_landed_costs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock_landed_costs.action_stock_landed_cost"
        )
        costs = self.landed_cost_ids
        if len(costs) == 1:
            action.update(views=[(False, "form")], res_id=costs.id)
        else:
            action["domain"] = [("id", "in", costs.ids)]
        action["context"] = {"create": False}
        return action
