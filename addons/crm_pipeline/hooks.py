from odoo.tools.sql import drop_index

from .models.mail_message import MAIL_MESSAGE_CONTACT_INDEX
from .models.sale_order import (
    SALE_ORDER_OPPORTUNITY_INDEX,
    SALE_ORDER_PARTNER_DATE_INDEX,
)


def uninstall_hook(env):
    """Drop the indexes this addon put on Odoo's tables for the nightly
    relationship-stage job."""
    drop_index(env.cr, MAIL_MESSAGE_CONTACT_INDEX, "mail_message")
    drop_index(env.cr, SALE_ORDER_PARTNER_DATE_INDEX, "sale_order")
    drop_index(env.cr, SALE_ORDER_OPPORTUNITY_INDEX, "sale_order")
