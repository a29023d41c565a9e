"""Static checks over every addon of the suite (the folders of the
repository's addons/ with a manifest) that is installed in the database the
tests run in: access rows and company rules, current translation templates,
migrations that the manifest version lets run; and, for every suite addon,
installed or not, a complete Bulgarian translation.

Run post-install, so that every suite addon `make test` installs is there."""

import io
import os

import polib

from odoo import release
from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.parse_version import parse_version
from odoo.tools.translate import trans_export


def suite_addon_names():
    """The addons of the repository: the folders of the addons/ folder that
    holds this addon, with a manifest."""
    root = os.path.dirname(get_module_path("crm_counterparty"))
    return sorted(
        name
        for name in os.listdir(root)
        if os.path.isfile(os.path.join(root, name, "__manifest__.py"))
    )


def pot_msgids(content):
    """The msgids of a .po/.pot text, without the header entry."""
    return {entry.msgid for entry in polib.pofile(content) if not entry.obsolete}


@tagged("post_install", "-at_install")
class TestSuiteStatic(TransactionCase):
    """Every installed suite addon: access rows and company rules for its
    models, a current .pot, no migration newer than its manifest version."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = set(
            cls.env["ir.module.module"]
            .search([("state", "=", "installed")])
            .mapped("name")
        )
        cls.addons = [name for name in suite_addon_names() if name in installed]

    def _suite_models(self):
        """The suite's own models (defined by, not only extended by, a suite
        addon), abstract ones left out: they have no table to protect."""
        return {
            name: model
            for name, model in self.env.registry.items()
            if model._original_module in self.addons and not model._abstract
        }

    def test_addons_found(self):
        """The checks below run over the suite's addons, this one included."""
        self.assertIn("crm_counterparty", self.addons)

    def test_access_rows_and_company_rules(self):
        """Each suite model (wizards included) has an access row; each
        non-transient one with a company_id field has a record rule."""
        models = self._suite_models()
        with_access = set(
            self.env["ir.model.access"]
            .search([("model_id.model", "in", list(models))])
            .mapped("model_id.model")
        )
        with_rule = set(
            self.env["ir.rule"]
            .search([("model_id.model", "in", list(models))])
            .mapped("model_id.model")
        )
        no_access = sorted(
            f"{name} ({model._original_module})"
            for name, model in models.items()
            if name not in with_access
        )
        no_rule = sorted(
            f"{name} ({model._original_module})"
            for name, model in models.items()
            if not model._transient
            and "company_id" in model._fields
            and name not in with_rule
        )
        with self.subTest("access rows"):
            self.assertFalse(no_access, "models without any ir.model.access row")
        with self.subTest("company rules"):
            self.assertFalse(no_rule, "models with a company_id and no ir.rule")

    def test_pot_current(self):
        """Each suite addon's i18n/<addon>.pot holds exactly the msgids that
        Odoo's own export (--i18n-export) gives for it now."""
        for addon in self.addons:
            with self.subTest(addon=addon):
                # One addon at a time, as --i18n-export --modules=<addon>:
                # a record shared by several addons (the ir.model of an
                # inherited model) is exported for only one of those asked.
                buffer = io.BytesIO()
                trans_export(None, [addon], buffer, "po", self.env.cr)
                exported = pot_msgids(buffer.getvalue().decode())
                path = os.path.join(get_module_path(addon), "i18n", f"{addon}.pot")
                self.assertTrue(os.path.isfile(path), f"{path} is missing")
                committed = pot_msgids(path)
                missing = sorted(exported - committed)
                extra = sorted(committed - exported)
                self.assertFalse(
                    missing or extra,
                    f"{addon}.pot is not current: "
                    f"missing msgids {missing}, obsolete msgids {extra}",
                )

    def test_bg_po_complete(self):
        """Every suite addon, installed here or not, ships an i18n/bg.po that
        translates each msgid of its i18n/<addon>.pot, with no empty and no
        fuzzy entry."""
        for addon in suite_addon_names():
            with self.subTest(addon=addon):
                folder = os.path.join(get_module_path(addon), "i18n")
                pot_path = os.path.join(folder, f"{addon}.pot")
                po_path = os.path.join(folder, "bg.po")
                self.assertTrue(os.path.isfile(pot_path), f"{pot_path} is missing")
                self.assertTrue(os.path.isfile(po_path), f"{po_path} is missing")
                entries = [e for e in polib.pofile(po_path) if not e.obsolete]
                missing = sorted(pot_msgids(pot_path) - {e.msgid for e in entries})
                untranslated = sorted(e.msgid for e in entries if not e.msgstr.strip())
                fuzzy = sorted(e.msgid for e in entries if e.fuzzy)
                self.assertFalse(
                    missing or untranslated or fuzzy,
                    f"{addon}/i18n/bg.po is not complete: missing msgids "
                    f"{missing}, untranslated {untranslated}, fuzzy {fuzzy}",
                )

    def test_migrations_within_manifest_version(self):
        """No suite addon has a migration folder newer than its manifest
        version: Odoo would never run it (the version was not bumped)."""
        for addon in self.addons:
            with self.subTest(addon=addon):
                manifest_version = get_manifest(addon)["version"]
                folder = os.path.join(get_module_path(addon), "migrations")
                if not os.path.isdir(folder):
                    continue
                versions = [
                    name
                    for name in os.listdir(folder)
                    if os.path.isdir(os.path.join(folder, name)) and name != "0.0.0"
                ]
                too_new = sorted(
                    version
                    for version in versions
                    if parse_version(self._full_version(version))
                    > parse_version(manifest_version)
                )
                self.assertFalse(
                    too_new,
                    f"{addon}: migrations newer than the manifest version "
                    f"{manifest_version}, bump it",
                )

    @staticmethod
    def _full_version(version):
        """A migration folder's version as Odoo's migration manager reads
        it: without the series, it is one of the current series."""
        if version.count(".") > 2:
            return version
        return f"{release.major_version}.{version}"
