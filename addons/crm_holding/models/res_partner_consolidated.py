from odoo import _, api, models


class ResPartner(models.Model):
    """The consolidated dossier of a company: every kind of the registry of
    dossier documents summed over the company and every member below it."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Consolidated dossier: the registry's document kinds, summed
    # ------------------------------------------------------------------

    def _holding_document_totals(self, kinds):
        """``{commercial partner id: {kind code: {"count", "amount",
        "figures"}}}``: the
        documents of each company of ``self`` and of every member below it.

        One search finds the companies of all the subtrees; their own figures
        come from one grouped query per kind for all of them at once and are
        folded into each subtree along the paths: a fixed number of queries,
        whatever the number of companies and the depth of the trees.
        """
        roots = self.commercial_partner_id._origin
        root_ids = set(roots.ids)
        members = roots._holding_search_subtrees()
        member_totals = members._dossier_document_totals(kinds)
        Kind = self.env["crm.counterparty.document.kind"]
        totals = {
            root_id: {code: Kind._empty_totals() for code in kinds.mapped("code")}
            for root_id in root_ids
        }
        for member in members:
            for root_id in (member._holding_ancestor_ids() | {member.id}) & root_ids:
                for code, values in member_totals.get(member.id, {}).items():
                    Kind._add_totals(totals[root_id][code], values)
        return totals

    def _holding_document_kinds(self):
        """The kinds of documents the consolidated dossier of this company
        shows: those shown for the kinds of any company of its subtree."""
        self.ensure_one()
        members = self.commercial_partner_id._origin._holding_search_subtrees()
        counterparty_kinds = members.counterparty_kind_ids
        return (
            self.env["crm.counterparty.document.kind"]
            ._readable()
            .filtered(
                lambda k: not k.counterparty_kind_ids
                or k.counterparty_kind_ids & counterparty_kinds
            )
        )

    @api.readonly
    def get_holding_documents(self, latest=False):
        """The consolidated dossier's sections of this company: for each kind,
        the count and amount of its documents and of its members'."""
        self.ensure_one()
        partner = self.commercial_partner_id
        if not partner.id or not partner.holding_id:
            return []
        kinds = partner._holding_document_kinds()
        totals = partner._holding_document_totals(kinds)[partner.id]
        sections = partner._dossier_sections(kinds, totals)
        if latest:
            subtree = partner._holding_subtree_domain()
            for kind, section in zip(kinds, sections, strict=True):
                section["latest"] = kind._document_rows(kind._latest(subtree))
        return sections

    def action_open_holding_documents(self, code, figure=None):
        """The documents of kind ``code`` of this company, of every member
        below it and of their contacts; with ``figure``, those the kind's
        figure of that code counts."""
        self.ensure_one()
        partner = self.commercial_partner_id
        kind = self._dossier_document_kind(code)
        return kind._action_open(
            partner._holding_subtree_domain(),
            _(
                "%(documents)s of %(partner)s and its members",
                documents=kind.name,
                partner=partner.display_name,
            ),
            figure_code=figure,
        )

    def action_open_holding_analysis(self):
        """The documents of the subtree in a pivot, one row per member."""
        self.ensure_one()
        partner = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_holding.crm_holding_report_action"
        )
        action["domain"] = [("member_id", "any", partner._holding_subtree_domain())]
        action["display_name"] = _(
            "Consolidated Analysis of %(partner)s", partner=partner.display_name
        )
        return action
