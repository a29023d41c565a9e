from odoo import _, api, fields, models
from odoo.exceptions import UserError

#: The states a contract may go to from each state. Back to draft only from
#: active, and only while no order was made under it (``_with_orders``):
#: an expired or terminated contract stays as it ended.
STATE_TRANSITIONS = {
    "draft": ("active",),
    "active": ("draft", "expired", "terminated"),
    "expired": (),
    "terminated": (),
}


class CrmContract(models.Model):
    """The states of a contract and the actions that move it on: draft,
    active, then expired or terminated."""

    _inherit = "crm.contract"  # pylint: disable=consider-merging-classes-inherited

    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
        ],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )

    def write(self, vals):
        if "state" in vals:
            self._check_state_transition(vals["state"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        """Only drafts are deleted, and not those with orders: the orders
        would lose the contract they were made under."""
        for contract in self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                _(
                    "The contract %(contract)s is %(state)s; only draft "
                    "contracts can be deleted.",
                    **contract._message_values(),
                )
            )
        for contract in self._with_orders()[:1]:
            raise UserError(
                _(
                    "The contract %(contract)s is %(state)s but has orders made "
                    "under it; it cannot be deleted.",
                    **contract._message_values(),
                )
            )

    def action_activate(self):
        today = fields.Date.context_today(self)
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    _(
                        "The contract %(contract)s is %(state)s; only a draft "
                        "contract can be activated.",
                        **contract._message_values(),
                    )
                )
            if contract.date_end and contract.date_end < today:
                raise UserError(
                    _(
                        "The contract %(contract)s ended on %(end)s; it cannot be "
                        "activated.",
                        contract=contract.display_name,
                        end=contract.date_end,
                    )
                )
        self.write({"state": "active"})
        return True

    def action_terminate(self):
        for contract in self.filtered(lambda c: c.state != "active"):
            raise UserError(
                _(
                    "The contract %(contract)s is %(state)s; only an active "
                    "contract can be terminated.",
                    **contract._message_values(),
                )
            )
        self.write({"state": "terminated"})
        return True

    def action_set_draft(self):
        """Back to draft, e.g. a contract activated by mistake: only an active
        contract under which no order was made yet."""
        self.write({"state": "draft"})
        return True

    def _state_label(self, state=None):
        self.ensure_one()
        labels = dict(self._fields["state"]._description_selection(self.env))
        return labels[state or self.state]

    def _check_state_transition(self, state):
        """Refuse a change of state that ``STATE_TRANSITIONS`` does not
        allow, by an action or by a direct write alike."""
        changing = self.filtered(lambda c: c.state != state)
        for contract in changing:
            if state not in STATE_TRANSITIONS[contract.state]:
                raise UserError(
                    _(
                        "The contract %(contract)s is %(state)s; it cannot be "
                        "set to %(new_state)s.",
                        contract=contract.display_name,
                        state=contract._state_label(),
                        new_state=contract._state_label(state),
                    )
                )
        if state == "draft":
            for contract in changing._with_orders()[:1]:
                raise UserError(
                    _(
                        "The contract %(contract)s is %(state)s and has orders "
                        "made under it; it cannot be reset to draft.",
                        **contract._message_values(),
                    )
                )

    def _message_values(self):
        """The contract and its state, as the messages that refuse a change
        name them (``%(contract)s``, ``%(state)s``)."""
        self.ensure_one()
        return {"contract": self.display_name, "state": self._state_label()}

    def _with_orders(self):
        """The contracts of ``self`` under which a sale or purchase order was
        made, in any state.

        Counted as superuser: users without sales or purchase rights must be
        refused too, and learn no more than that orders exist.
        """
        contract_ids = set()
        for model in ("sale.order", "purchase.order"):
            contract_ids.update(
                contract.id
                for [contract] in self.env[model]
                .sudo()
                ._read_group([("crm_contract_id", "in", self.ids)], ["crm_contract_id"])
            )
        return self.filtered(lambda c: c.id in contract_ids)
