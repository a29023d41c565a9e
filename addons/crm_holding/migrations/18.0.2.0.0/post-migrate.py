"""Documents carry the holding of their company on their date.

Up to 18.0.1, the holding of an order, invoice or payment was the holding its
company belongs to today, rewritten on every change of the tree. It is now
the holding of the company on the document's date: recompute every stored
document from the history of the memberships, in SQL and in slices of ids.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    changed = env["crm.holding.membership"]._recompute_document_holdings()
    _logger.info("Holding of documents on their date: %s documents changed", changed)
