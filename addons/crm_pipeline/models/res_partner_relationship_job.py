import logging

from odoo import api, fields, models, modules
from odoo.tools import split_every

_logger = logging.getLogger(__name__)

RELATIONSHIP_BATCH = 2000


class ResPartner(models.Model):
    """The nightly job that recomputes the relationship stages, batch by
    batch, and tells the salespeople of the counterparties it failed on."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _relationship_partner_ids(self):
        """Ids of the counterparties whose stage the job computes: active
        companies (and individuals) that are customers or suppliers; a bank or
        an agency has no relationship stage."""
        self.flush_model(
            [
                "parent_id",
                "active",
                "is_customer_counterparty",
                "is_supplier_counterparty",
            ]
        )
        self.env.cr.execute(
            """
            SELECT p.id FROM res_partner p
             WHERE p.parent_id IS NULL AND p.active
               AND (p.is_customer_counterparty OR p.is_supplier_counterparty)
             ORDER BY p.id
            """
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_compute_relationship_stage(self, batch_size=RELATIONSHIP_BATCH):
        """Nightly: recompute every counterparty's stage batch by batch.

        A batch that fails is done again counterparty by counterparty, so that
        one counterparty whose stage cannot be computed stops neither its batch
        nor the job: it keeps its stage until a later run succeeds, and its
        salesperson gets a to-do. Progress is reported to the cron and
        committed after each batch (not in tests, nor with the context key
        ``crm_pipeline_no_commit``).
        """
        commit = not (
            self.env.context.get("crm_pipeline_no_commit")
            or modules.module.current_test
        )
        today = fields.Date.context_today(self)
        thresholds = self._relationship_thresholds()
        rates = self._relationship_currency_rates(today)
        ids = self._relationship_partner_ids()
        done = failed = 0
        for batch in split_every(batch_size, ids, self.browse):
            try:
                with self.env.cr.savepoint():
                    batch._recompute_relationship_stage(today, thresholds, rates)
            except Exception:  # noqa: BLE001 - some counterparty's fault
                failures = batch._recompute_relationship_stage_each(
                    today, thresholds, rates
                )
                self._notify_relationship_failures(failures)
                failed += len(failures)
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(ids) - done)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            self.env.invalidate_all()
        _logger.info(
            "Relationship stages recomputed for %s counterparties, %s failed",
            len(ids) - failed,
            failed,
        )
        return len(ids)

    def _recompute_relationship_stage_each(self, today, thresholds, rates):
        """Recompute the stage of each counterparty of ``self`` on its own;
        return the ``(partner, exception)`` pairs of those that failed."""
        failures = []
        for partner in self:
            try:
                with self.env.cr.savepoint():
                    partner._recompute_relationship_stage(today, thresholds, rates)
            except Exception as error:  # noqa: BLE001 - this counterparty's fault
                _logger.warning(
                    "Relationship stage of %s (id %s) not computed, tried again "
                    "at the next run: %s",
                    partner.display_name,
                    partner.id,
                    error,
                    exc_info=True,
                )
                failures.append((partner, error))
        return failures

    @api.model
    def _notify_relationship_failures(self, failures):
        """A to-do for the salesperson of each counterparty whose stage could
        not be computed, from ``failures``: ``(partner, exception)`` pairs. The
        job's user stands in for a counterparty without (active) salesperson."""
        todo = []
        for partner, error in failures:
            user = partner.user_id.filtered("active") or self.env.user
            env = self.with_context(lang=user.lang).env
            todo.append(
                (
                    partner,
                    partner,
                    user,
                    env._("Relationship stage not computed"),
                    env._(
                        "The relationship stage of %(partner)s could not be "
                        "computed: %(error)s\nThe nightly job tries again at each "
                        "run; until then the counterparty keeps its stage.",
                        partner=partner.display_name,
                        error=env["mail.activity"]._job_failure_reason(error),
                    ),
                )
            )
        return self.env["mail.activity"]._schedule_job_failures(todo)
