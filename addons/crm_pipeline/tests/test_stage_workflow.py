from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestStageWorkflow(PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_proposal.required_field_ids = cls.field_revenue | cls.field_deadline
        cls.stage_new.next_stage_ids = cls.stage_qualified
        cls.stage_qualified.next_stage_ids = cls.stage_new | cls.stage_proposal

    def test_requirements_block_forward(self):
        """Entering a stage with an empty required field is refused with a
        message naming the fields, and nothing is written."""
        deal = self._deal(stage_id=self.stage_qualified.id)
        with self.assertRaises(UserError) as error:
            deal.write({"stage_id": self.stage_proposal.id, "description": "x"})
        message = str(error.exception)
        self.assertIn("T Proposal", message)
        self.assertIn("Expected Revenue", message)
        self.assertIn("Expected Closing", message)
        self.assertEqual(deal.stage_id, self.stage_qualified)
        self.assertFalse(deal.description)

    def test_requirements_filled_in_same_write(self):
        """Values written with the move count as filled."""
        deal = self._deal(stage_id=self.stage_qualified.id, expected_revenue=1000)
        deal.write({"stage_id": self.stage_proposal.id, "date_deadline": "2030-01-31"})
        self.assertEqual(deal.stage_id, self.stage_proposal)

    def test_requirements_not_checked_backwards(self):
        """Moving back to an earlier stage is never blocked by requirements."""
        self.stage_qualified.required_field_ids = self.field_deadline
        deal = self._deal(
            stage_id=self.stage_proposal.id,
            expected_revenue=10,
            date_deadline="2030-01-01",
        )
        deal.date_deadline = False
        deal.stage_id = self.stage_qualified
        self.assertEqual(deal.stage_id, self.stage_qualified)

    def test_requirements_on_create(self):
        """A deal cannot be created straight in a stage whose fields it lacks."""
        with self.assertRaises(UserError):
            self._deal(name="Shortcut", stage_id=self.stage_proposal.id)
        self.assertFalse(self.Lead.search([("name", "=", "Shortcut")]))

    def test_transition_refused(self):
        """A move the current stage does not allow names both stages."""
        deal = self._deal()
        with self.assertRaises(UserError) as error:
            deal.stage_id = self.stage_won
        message = str(error.exception)
        self.assertIn("from T New to T Won", message)
        self.assertIn("T Qualified", message)
        self.assertEqual(deal.stage_id, self.stage_new)

    def test_transition_allowed(self):
        """Allowed moves and stages without a list pass, through the form too."""
        deal = self._deal(expected_revenue=500, date_deadline="2030-01-01")
        with Form(deal) as form:
            form.stage_id = self.stage_qualified
        deal.stage_id = self.stage_proposal
        deal.stage_id = self.stage_won  # Proposal allows any stage
        self.assertEqual(deal.stage_id, self.stage_won)

    def test_won_button_follows_transitions(self):
        """Marking won is a move like any other."""
        deal = self._deal()
        with self.assertRaises(UserError):
            deal.action_set_won()
        self.assertEqual(deal.stage_id, self.stage_new)

    def test_stage_configuration_checked(self):
        """A stage cannot follow itself nor lead to another pipeline."""
        with self.assertRaises(ValidationError):
            self.stage_won.next_stage_ids = self.stage_won
        other_team = self.env["crm.team"].create({"name": "Procurement"})
        other_stage = self.Stage.create({"name": "Other", "team_id": other_team.id})
        with self.assertRaises(ValidationError):
            self.stage_new.next_stage_ids = other_stage
        self.assertEqual(self.stage_new.next_stage_ids, self.stage_qualified)

    def test_stage_history(self):
        """Each stay in a stage is recorded with its duration."""
        deal = self._deal()
        deal.stage_id = self.stage_qualified
        history = deal.stage_history_ids.sorted("id")
        self.assertEqual(history.stage_id, self.stage_new | self.stage_qualified)
        self.assertTrue(history[0].date_out)
        self.assertFalse(history[1].date_out)
