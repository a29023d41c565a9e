from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

STATES = [
    ("draft", "Draft"),
    ("lodged", "Lodged"),
    ("accepted", "Accepted"),
    ("released", "Released"),
    ("cleared", "Cleared"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
#: Context key of the writes of the workflow actions, the only ones allowed
#: to change the state (see ``_write_state``). Its value is an object that no
#: context sent over RPC can hold: JSON has no such value.
STATE_WRITE_CONTEXT_KEY = "crm_customs_state_write"
_STATE_WRITE_TOKEN = object()
#: Fields that the workflow actions set with the state, and nothing else.
WORKFLOW_DATE_FIELDS = ("date_accepted", "date_released")


class CrmCustomsDeclaration(models.Model):
    """The states of a declaration and the actions that move it on.

    Draft → lodged → accepted → released → cleared, or rejected or cancelled.
    The state changes through these actions only (see ``_write_state``). The
    release of an import creates its duty bill (see ``_duty_bill``): the
    declaration row is locked while the bill is made and a unique index on
    account.move keeps it to one bill, even for two clicks at once.
    """

    _inherit = "crm.customs.declaration"  # pylint: disable=consider-merging-classes-inherited

    state = fields.Selection(
        STATES,
        required=True,
        readonly=True,
        copy=False,
        default="draft",
        index=True,
        tracking=True,
    )
    date_lodged = fields.Date(string="Lodged On", copy=False, tracking=True)
    date_accepted = fields.Date(
        string="Accepted On", readonly=True, copy=False, tracking=True
    )
    date_released = fields.Date(
        string="Released On", readonly=True, copy=False, tracking=True
    )
    date = fields.Date(
        string="Period Date",
        compute="_compute_date",
        store=True,
        index=True,
        help="Date the declaration counts on in reports: its acceptance date, "
        "or the date it was lodged.",
    )

    @api.depends("date_accepted", "date_lodged")
    def _compute_date(self):
        for declaration in self:
            declaration.date = declaration.date_accepted or declaration.date_lodged

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_lodge(self):
        self._check_state("draft", _("lodged"))
        self._check_ready_to_lodge()
        today = fields.Date.context_today(self)
        for declaration in self:
            declaration._write_state(
                {"state": "lodged", "date_lodged": declaration.date_lodged or today}
            )
        return True

    def action_accept(self):
        self._check_state("lodged", _("accepted"))
        missing = self.filtered(lambda d: not d.mrn)
        if missing:
            raise UserError(
                _(
                    "Enter the MRN given by customs on %(declarations)s before "
                    "marking it accepted.",
                    declarations=", ".join(missing.mapped("name")),
                )
            )
        today = fields.Date.context_today(self)
        for declaration in self:
            declaration._write_state(
                {
                    "state": "accepted",
                    "date_accepted": declaration.date_accepted or today,
                }
            )
        return True

    def action_release(self):
        """Release the goods; an import also gets its duty bill.

        A declaration that is released already is left as it is: a second
        click, or a second request that waited for the first one's lock,
        creates nothing.
        """
        to_release = self.filtered(lambda d: d.state != "released")
        to_release._check_state("accepted", _("released"))
        to_release._lock_rows()
        to_release.invalidate_recordset(["state"])
        to_release = to_release.filtered(lambda d: d.state == "accepted")
        today = fields.Date.context_today(self)
        for declaration in to_release:
            declaration._write_state(
                {
                    "state": "released",
                    "date_released": declaration.date_released or today,
                }
            )
        to_release._create_duty_bills()
        return True

    def action_clear(self):
        self._check_state("released", _("cleared"))
        self._write_state({"state": "cleared"})
        return True

    def action_reject(self):
        self._check_state(("lodged", "accepted"), _("rejected"))
        self._write_state({"state": "rejected"})
        return True

    def action_cancel(self):
        self._check_cancel_rights()
        self._check_state(
            ("draft", "lodged", "accepted", "released", "rejected"), _("cancelled")
        )
        billed = self.filtered("duty_bill_id")
        if billed:
            raise UserError(
                _(
                    "Declaration %(declaration)s has the duty bill %(bill)s: "
                    "cancel or reverse the bill first.",
                    declaration=billed[0].name,
                    bill=billed[0].duty_bill_id.display_name,
                )
            )
        self._write_state({"state": "cancelled"})
        return True

    def action_set_draft(self):
        """Back to draft to correct a rejected declaration; a cancelled one
        only by a customs manager."""
        if "cancelled" in self.mapped("state"):
            self._check_cancel_rights()
        self._check_state(("rejected", "cancelled"), _("set back to draft"))
        self._write_state({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _get_state_label(self, state=None):
        """The label of ``state``, by default the declaration's own."""
        self.ensure_one()
        state = self.state if state is None else state
        labels = dict(self._fields["state"]._description_selection(self.env))
        return labels.get(state, state)

    def _check_state(self, states, verb):
        states = (states,) if isinstance(states, str) else states
        for declaration in self:
            if declaration.state not in states:
                raise UserError(
                    _(
                        "Declaration %(declaration)s cannot be %(verb)s: it is "
                        "%(state)s.",
                        declaration=declaration.name,
                        verb=verb,
                        state=declaration._get_state_label(),
                    )
                )

    def _check_created_state(self):
        """New declarations are drafts, neither accepted nor released,
        whatever the values or the context's defaults say, except for the
        superuser's."""
        if self.env.su:
            return
        for declaration in self:
            for fname in WORKFLOW_DATE_FIELDS:
                if declaration[fname]:
                    declaration._raise_workflow_date_write(fname)
        for declaration in self.filtered(lambda d: d.state != "draft"):
            raise AccessError(
                _(
                    "Declaration %(declaration)s is new: its state cannot be "
                    "written as %(new_state)s; a declaration starts as a draft "
                    "and moves on through the workflow actions.",
                    declaration=declaration.name,
                    new_state=declaration._get_state_label(),
                )
            )

    def _check_state_write(self, state):
        """The state changes through the workflow actions only (they write it
        with ``_write_state``): a direct write, over RPC or from code, is
        refused to everyone but the superuser."""
        if (
            self.env.su
            or self.env.context.get(STATE_WRITE_CONTEXT_KEY) is _STATE_WRITE_TOKEN
        ):
            return
        for declaration in self.filtered(lambda d: d.state != state):
            raise AccessError(
                _(
                    "Declaration %(declaration)s is %(state)s: its state cannot be "
                    "written to %(new_state)s; it changes through the workflow "
                    "actions only (lodge, accept, release, clear, reject, cancel, "
                    "reset to draft).",
                    declaration=declaration.name,
                    state=declaration._get_state_label(),
                    new_state=declaration._get_state_label(state),
                )
            )

    def _check_workflow_dates_write(self, vals):
        """The dates of acceptance and release are set by the workflow actions
        only (with ``_write_state``): a direct write that changes them, over
        RPC or from code, is refused to everyone but the superuser."""
        if (
            self.env.su
            or self.env.context.get(STATE_WRITE_CONTEXT_KEY) is _STATE_WRITE_TOKEN
        ):
            return
        for fname in WORKFLOW_DATE_FIELDS:
            if fname not in vals:
                continue
            for declaration in self:
                if declaration._is_changed(fname, vals[fname]):
                    declaration._raise_workflow_date_write(fname)

    def _check_created_workflow_dates(self, vals):
        """Refuse the values of a new declaration that give it a date of
        acceptance or release, before it is written (the defaults are checked
        once it is, by ``_check_created_state``)."""
        if self.env.su:
            return
        for fname in WORKFLOW_DATE_FIELDS:
            if vals.get(fname):
                self._raise_workflow_date_write(fname, vals.get("name"))

    def _raise_workflow_date_write(self, fname, name=None):
        raise AccessError(
            _(
                "The %(field)s of declaration %(declaration)s is set by the "
                "workflow actions only (accept, release): it cannot be written.",
                field=self._fields[fname].get_description(self.env)["string"],
                declaration=name or self.name,
            )
        )

    def _write_state(self, vals):
        """Write ``vals``, a new state and what goes with it: the one way the
        workflow actions change the state. Override the actions, not this."""
        return self.with_context(**{STATE_WRITE_CONTEXT_KEY: _STATE_WRITE_TOKEN}).write(
            vals
        )

    def _check_cancel_rights(self):
        if not self.env.user.has_group("crm_customs.group_customs_manager"):
            raise AccessError(
                _(
                    "Only a customs manager may cancel a customs declaration "
                    "(%(declarations)s).",
                    declarations=", ".join(self.mapped("name")),
                )
            )

    def _lock_rows(self):
        """Lock the declarations' rows until the end of the transaction: a
        concurrent release waits here, then fails to serialize and is retried,
        and sees the bill made by the first one."""
        if self.ids:
            self.flush_recordset()
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM crm_customs_declaration WHERE id IN %s "
                    "FOR NO KEY UPDATE",
                    tuple(self.ids),
                )
            )
