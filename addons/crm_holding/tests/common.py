from datetime import timedelta

from odoo.addons.crm_counterparty.tests.common import DocumentCase


class HoldingCase(DocumentCase):
    """Companies to put in holdings and factories of memberships; the
    documents' factories are crm_counterparty's (``DocumentCase``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Membership = cls.env["crm.holding.membership"]

    @classmethod
    def _member(cls, partner, parent, **vals):
        return cls.Membership.create(
            {
                "partner_id": partner.id,
                "parent_id": parent.id,
                "date_start": cls.today - timedelta(days=365),
                **vals,
            }
        )

    @classmethod
    def _rila_chain(cls):
        """Rila Holding AD above Rila Trade EOOD (a) above Rila Foods OOD (b)."""
        cls.top = cls._company("Rila Holding AD")
        cls.a = cls._company("Rila Trade EOOD")
        cls.b = cls._company("Rila Foods OOD")
        cls.m_a = cls._member(cls.a, cls.top)
        cls.m_b = cls._member(cls.b, cls.a)
