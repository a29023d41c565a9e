from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import HoldingCase


@tagged("post_install", "-at_install")
class TestMemberDeletion(HoldingCase):
    """Deleting a member company deletes its memberships through the ORM, so
    that the tree and the documents follow, or is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top = cls._company("Vitosha Holding AD")
        cls.member = cls._company("Vitosha Bakery OOD")
        cls.membership = cls._member(cls.member, cls.top)
        cls.membership.message_post(body="Agreed by the board")
        cls.order = cls._sale(cls.top, 10.0)

    def _membership_messages(self):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM mail_message "
                "WHERE model = 'crm.holding.membership' AND res_id = %s",
                self.membership.id,
            )
        )
        return self.env.cr.fetchone()[0]

    def test_deleting_the_last_member(self):
        """Without its last member, the parent company is no holding any more,
        on the partners and on its documents, and the membership leaves no
        message behind."""
        self.assertEqual(self.top.holding_id, self.top)
        self.assertEqual(self.order.holding_id, self.top)
        self.assertTrue(self._membership_messages())

        self.member.with_user(self.cp_manager).unlink()

        self.assertFalse(self.membership.exists())
        self.assertFalse(self.top.holding_id)
        self.assertFalse(self.top.holding_child_ids)
        self.assertFalse(self.order.holding_id)
        self.assertEqual(self._membership_messages(), 0)

    def test_deleting_a_member_needs_the_right_to_delete_memberships(self):
        """A counterparty user cannot delete memberships, so neither a member
        company; the tree stays as it was."""
        with self.assertRaises(AccessError):
            self.member.with_user(self.cp_user).unlink()
        self.assertTrue(self.membership.exists())
        self.assertEqual(self.order.holding_id, self.top)
