from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class CrmHoldingMembership(models.Model):
    """The rules of the holding tree: a company belongs to one holding at a
    time, and never ends up above itself."""

    _inherit = "crm.holding.membership"  # pylint: disable=consider-merging-classes-inherited

    @api.constrains("partner_id", "parent_id", "date_start", "date_end")
    def _check_tree(self):
        """Refuse overlapping memberships of one company and cycles.

        Before reading the tree, the member and every company on the way up
        from its new parent are written to (a no-op update): two transactions
        changing the same part of the tree then conflict, and the later one
        is retried by Odoo, sees the earlier one's membership and is refused
        here, instead of both passing the check on their own snapshot.
        """
        self.flush_model(["partner_id", "parent_id", "date_start", "date_end"])
        for membership in self:
            ancestors = membership._ancestors_during_period()
            membership._lock_tree_rows([membership.partner_id.id, *ancestors])
            membership._check_no_overlap()
            if membership.partner_id.id in ancestors:
                raise ValidationError(
                    _(
                        "%(member)s cannot be a member of %(parent)s: "
                        "%(parent)s already belongs to %(member)s over that "
                        "period, and a company cannot end up above itself.",
                        member=membership.partner_id.display_name,
                        parent=membership.parent_id.display_name,
                    )
                )

    def _check_no_overlap(self):
        self.ensure_one()
        domain = [
            ("id", "!=", self.id),
            ("partner_id", "=", self.partner_id.id),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", self.date_start),
        ]
        if self.date_end:
            domain.append(("date_start", "<=", self.date_end))
        other = self.sudo().search(domain, limit=1)
        if not other:
            return
        holding = other.holding_id or other.parent_id
        values = {
            "member": self.partner_id.display_name,
            "holding": holding.display_name,
            "parent": other.parent_id.display_name,
            "start": other.date_start,
            "end": _(" to %s", other.date_end) if other.date_end else "",
            "new_start": self.date_start,
        }
        if other.parent_id == holding:
            message = _(
                "%(member)s already belongs to %(holding)s from %(start)s%(end)s: "
                "a company belongs to one holding at a time. End that membership "
                "before %(new_start)s first.",
                **values,
            )
        else:
            message = _(
                "%(member)s already belongs to %(holding)s through %(parent)s from "
                "%(start)s%(end)s: a company belongs to one holding at a time. End "
                "that membership before %(new_start)s first.",
                **values,
            )
        raise ValidationError(message)

    def _ancestors_during_period(self):
        """Ids of the companies above the new parent at some time of this
        membership's period, the parent included: one recursive query that
        follows the memberships whose periods meet all the way up."""
        self.ensure_one()
        rows = self.env.execute_query(
            SQL(
                """
                WITH RECURSIVE chain(node, lo, hi) AS (
                    SELECT %(parent)s, %(start)s::date, %(end)s::date
                UNION
                    SELECT m.parent_id,
                           GREATEST(c.lo, m.date_start),
                           LEAST(c.hi, COALESCE(m.date_end, 'infinity'::date))
                      FROM chain c
                      JOIN crm_holding_membership m ON m.partner_id = c.node
                     WHERE m.id != %(id)s
                       AND c.node != %(member)s
                       AND m.date_start <= c.hi
                       AND COALESCE(m.date_end, 'infinity'::date) >= c.lo
                )
                SELECT DISTINCT node FROM chain
                """,
                parent=self.parent_id.id,
                member=self.partner_id.id,
                id=self.id,
                start=self.date_start,
                end=self.date_end or "infinity",
            )
        )
        return [row[0] for row in rows]

    def _lock_tree_rows(self, partner_ids):
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET write_date = write_date WHERE id IN %s",
                tuple(sorted(set(partner_ids))),
            )
        )
