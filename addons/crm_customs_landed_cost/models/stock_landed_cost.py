from odoo import fields, models


class StockLandedCost(models.Model):
    """A landed cost made from a customs declaration puts each of its lines
    on the received moves of that line's goods, not on every move of the
    receipts."""

    _inherit = "stock.landed.cost"

    crm_customs_declaration_id = fields.Many2one(
        "crm.customs.declaration",
        string="Customs Declaration",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )

    def compute_landed_cost(self):
        customs = self.filtered("crm_customs_declaration_id")
        res = super(StockLandedCost, self - customs).compute_landed_cost()
        customs._crm_customs_compute_adjustments()
        return res

    def _crm_customs_compute_adjustments(self):
        """The valuation adjustments of each cost line of a declaration's
        landed cost: its amount spread over the received moves of its
        declaration line's goods, by quantity."""
        Adjustment = self.env["stock.valuation.adjustment.lines"]
        Adjustment.search([("cost_id", "in", self.ids)]).unlink()
        vals_list = []
        for cost in self:
            currency = cost.currency_id
            moves = cost._get_targeted_move_ids()
            for cost_line in cost.cost_lines:
                line_moves = cost.crm_customs_declaration_id._landed_cost_moves(
                    cost_line.crm_customs_line_id, moves
                )
                quantities = [
                    move.product_uom._compute_quantity(
                        move.quantity, move.product_id.uom_id
                    )
                    for move in line_moves
                ]
                total = sum(quantities)
                left = cost_line.price_unit
                for index, (move, qty) in enumerate(
                    zip(line_moves, quantities, strict=True)
                ):
                    share = (
                        left
                        if index == len(line_moves) - 1
                        else currency.round(cost_line.price_unit * qty / total)
                    )
                    left -= share
                    vals_list.append(
                        {
                            "cost_id": cost.id,
                            "cost_line_id": cost_line.id,
                            "move_id": move.id,
                            "product_id": move.product_id.id,
                            "quantity": qty,
                            "weight": move.product_id.weight * qty,
                            "volume": move.product_id.volume * qty,
                            "former_cost": sum(
                                move.stock_valuation_layer_ids.mapped("value")
                            ),
                            "additional_landed_cost": share,
                        }
                    )
        return Adjustment.create(vals_list)
