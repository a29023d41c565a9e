"""The ``specification`` the web client sends to ``web_read`` when it opens a
form, built in Python from the form's arch as ``get_views`` returns it.

Odoo builds it in JavaScript (web/static/src/views/fields/field.js
``parseFieldNode``, model/relational_model/utils.js
``extractFieldsFromArchInfo``, ``getFieldsSpec``); this module follows those
functions step by step for what form views of partners use:

- every ``<field>`` of the form outside the sub-views of x2many fields (the
  server has already added the fields that modifiers refer to, and removed
  those of groups the user is not in), merged by name as the JS merges them
  (``invisible`` of repeated fields combined with AND);
- x2many fields with a widget that declares ``relatedFields`` (tags,
  buttons, binary) read those fields; the others read the fields of their
  inline list or kanban sub-view (list first, as on a desktop), those of an
  inline form sub-view too, or, without an inline sub-view, the fields of the
  comodel's default list view (the web client loads it); the sub-view's
  ``limit`` (40 by default) and ``default_order`` go with them;
- always-invisible x2many fields read no sub-fields, always-invisible
  many2one fields no ``display_name``;
- ``fieldDependencies`` of the widgets used (``image``: ``write_date``);
- a relational field's ``context`` attribute evaluated partially against the
  context, as ``evalPartialContext`` does (keys that refer to the record's
  values are dropped), or the field's own context;
- properties fields add ``display_name`` to their definition record.

Used by the tests that keep the dossier's reads cheap and by
``bench/bench_dossier.py``.
"""

import ast

from lxml import etree

from odoo.tools.safe_eval import safe_eval

#: x2many widgets that declare ``relatedFields`` and use no sub-view, with the
#: fields they read (``color_field`` option added by ``_related_fields``).
RELATED_FIELDS_WIDGETS = {
    "many2many_tags": ["display_name"],
    "many2many_tags_avatar": ["display_name"],
    "many2many_avatar_user": ["display_name"],
    "many2many_avatar_employee": ["display_name"],
    "many2many_tags_email": ["display_name", "email"],
    "many2many_binary": ["name", "mimetype"],
    "x2many_buttons": ["display_name"],
}
#: Field dependencies of widgets (``fieldDependencies``).
WIDGET_DEPENDENCIES = {
    "image": ["write_date"],
    "signature": ["write_date"],
}
SUBVIEW_TAGS = ("list", "kanban", "form")
X2MANY = ("one2many", "many2many")


def combine_modifiers(mod1, mod2, operator):
    """``combineModifiers`` of web/static/src/model/relational_model/utils.js."""
    if operator == "AND":
        if not mod1 or mod1 == "False" or not mod2 or mod2 == "False":
            return "False"
        if mod1 == "True":
            return mod2
        if mod2 == "True":
            return mod1
        return f"({mod1}) and ({mod2})"
    if mod1 == "True" or mod2 == "True":
        return "True"
    if not mod1 or mod1 == "False":
        return mod2
    if not mod2 or mod2 == "False":
        return mod1
    return f"({mod1}) or ({mod2})"


def _own_nodes(root):
    """The field and widget nodes of ``root``, not those of the sub-views of
    its x2many fields."""
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag in ("field", "widget"):
            yield child
        if child.tag != "field":
            yield from _own_nodes(child)


def _order_by_string(default_order):
    """``orderByToString`` of a sub-view's ``default_order``."""
    parts = []
    for item in default_order.split(","):
        words = item.split()
        if words:
            direction = "DESC" if words[1:] and words[1].lower() == "desc" else "ASC"
            parts.append(f"{words[0]} {direction}")
    return ",".join(parts)


class FormSpecification:
    """``build(arch)``: the ``web_read`` specification of the form ``arch``
    of ``model``, as the web client computes it with ``context`` (the
    action's context on top of the user's)."""

    def __init__(self, env, model, context):
        self.env = env
        self.model = model
        self.context = context
        self._fields = {}

    def fields(self, model):
        if model not in self._fields:
            self._fields[model] = self.env[model].fields_get(
                attributes=["type", "relation", "context", "definition_record"]
            )
        return self._fields[model]

    def build(self, arch):
        root = etree.fromstring(arch) if isinstance(arch, str | bytes) else arch
        active = self.active_fields(root, self.model)
        return self.fields_spec(active, self.model)

    # extractFieldsFromArchInfo
    def active_fields(self, root, model):
        fields = self.fields(model)
        active = {}
        for node in _own_nodes(root):
            if node.tag == "widget":
                continue  # no widget of partner forms has field dependencies
            name = node.get("name")
            field = fields[name]
            info = {
                "context": node.get("context") or "{}",
                "invisible": combine_modifiers(
                    node.get("invisible") or "False",
                    node.get("column_invisible") or "False",
                    "OR",
                ),
            }
            if field["type"] in X2MANY:
                info.update(self.related(node, field))
            if name in active:
                self.patch(active[name], info)
            else:
                active[name] = info
            for dependency in WIDGET_DEPENDENCIES.get(node.get("widget"), []):
                active.setdefault(dependency, {"context": "{}", "invisible": "False"})
        return active

    def related(self, node, field):
        """What an x2many node reads of its comodel: ``related`` active
        fields, ``limit`` and ``order``."""
        comodel = field["relation"]
        widget = node.get("widget")
        if widget in RELATED_FIELDS_WIDGETS:
            names = list(RELATED_FIELDS_WIDGETS[widget])
            options = safe_eval(node.get("options") or "{}")
            if options.get("color_field"):
                names.append(options["color_field"])
            return {
                "related": {
                    name: {"context": "{}", "invisible": "False"} for name in names
                },
                "related_model": comodel,
            }
        views = {child.tag: child for child in node if child.tag in SUBVIEW_TAGS}
        mode = "list" if "list" in views else "kanban" if "kanban" in views else None
        if mode is None:
            if combine_modifiers(node.get("invisible"), "True", "AND") in ("True", "1"):
                return {"related": {}, "related_model": comodel}
            # No inline sub-view: the web client loads the default list view.
            arch = self.env[comodel].get_views([(False, "list")])["views"]["list"]
            views["list"] = etree.fromstring(arch["arch"])
            mode = "list"
        view = views[mode]
        related = self.active_fields(view, comodel)
        if "form" in views:
            for name, info in self.active_fields(views["form"], comodel).items():
                info = dict(info, invisible="True")
                if name in related:
                    self.patch(related[name], info, complete=True)
                else:
                    related[name] = info
        result = {
            "related": related,
            "related_model": comodel,
            "limit": int(view.get("limit") or 40),
        }
        if view.get("default_order"):
            result["order"] = _order_by_string(view.get("default_order"))
        return result

    def patch(self, info, patch, complete=False):
        """``patchActiveFields`` (``completeActiveField`` when ``complete``:
        only the related fields are merged)."""
        if not complete:
            info["invisible"] = combine_modifiers(
                info["invisible"], patch["invisible"], "AND"
            )
        if "related" in patch:
            related = info.setdefault("related", {})
            for name, sub in patch["related"].items():
                if name in related:
                    self.patch(related[name], sub, complete=complete)
                else:
                    related[name] = dict(sub)
            if not complete:
                for key in ("limit", "order"):
                    if key in patch:
                        info[key] = patch[key]

    # getFieldsSpec
    def fields_spec(self, active, model):
        fields = self.fields(model)
        spec = {}
        properties = []
        for name, info in active.items():
            field = fields[name]
            always_invisible = info["invisible"] in ("True", "1")
            spec[name] = {}
            ftype = field["type"]
            if ftype in X2MANY:
                if info.get("related") is not None and not always_invisible:
                    spec[name]["fields"] = self.fields_spec(
                        info["related"], info["related_model"]
                    )
                    context = self.field_context(info, field)
                    if context:
                        spec[name]["context"] = context
                    if "limit" in info:
                        spec[name]["limit"] = info["limit"]
                    if info.get("order"):
                        spec[name]["order"] = info["order"]
            elif ftype in ("many2one", "reference"):
                spec[name]["fields"] = {}
                if not always_invisible:
                    spec[name]["fields"]["display_name"] = {}
                    context = self.field_context(info, field)
                    if context:
                        spec[name]["context"] = context
            elif ftype == "properties":
                properties.append(name)
        for name in properties:
            definition = spec.get(fields[name].get("definition_record"))
            if definition is not None:
                definition.setdefault("fields", {})["display_name"] = {}
        return spec

    def field_context(self, info, field):
        """``getFieldContextForSpec``: the node's context, keys that need the
        record's values left out (``evalPartialContext``), else the field's."""
        source = info["context"]
        if not source or source == "{}":
            return field.get("context") or {}
        context = {}
        tree = ast.parse(source.strip(), mode="eval").body
        if not isinstance(tree, ast.Dict):
            return context
        for key, value in zip(tree.keys, tree.values, strict=True):
            names = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
            if names - set(self.context) - {"True", "False", "None"}:
                continue
            try:
                context[ast.literal_eval(key)] = safe_eval(
                    ast.unparse(value), dict(self.context)
                )
            except Exception:  # noqa: BLE001 pylint: disable=broad-except
                continue  # as the web client: a key it cannot evaluate is left out
        return context


def form_specification(env, model, arch, context):
    """The ``web_read`` specification of the form ``arch`` of ``model``."""
    return FormSpecification(env, model, context).build(arch)
