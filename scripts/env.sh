# Shared settings for the project's scripts: sourced, not run.
# Every value may be overridden from the environment.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-$HOME/.local/share/odoo/18.0}
ODOO_BRANCH=${ODOO_BRANCH:-18.0}
ODOO_REPO=${ODOO_REPO:-https://github.com/odoo/odoo.git}
VENV=${VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-python3}
PORT=${PORT:-8069}
DB=${DB:-crm_demo}
ADDONS_PATH="$ODOO_SRC/addons,$ROOT/addons"
# The project's addons: every folder of addons/ with a manifest.
project_addons() {
    local names=()
    for manifest in "$ROOT"/addons/*/__manifest__.py; do
        [ -f "$manifest" ] && names+=("$(basename "$(dirname "$manifest")")")
    done
    (IFS=,; echo "${names[*]}")
}
odoo_bin() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS_PATH" "$@"
}
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}
