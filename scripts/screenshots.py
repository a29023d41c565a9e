"""Screenshots of the served demo for the documentation (`make screenshots`).

Drives the system Chromium, headless, over the Chrome DevTools protocol
(websocket-client, already needed by Odoo's browser tours; Pillow, one of
Odoo's requirements, keeps the PNGs small) against a served
demo database (`make demo`), logged in as admin/admin, and saves PNGs of
1600x1000 pixels in doc/screenshots/:

- counterparties-kanban.png: the kanban of every counterparty;
- customer-dossier.png: Deco Addict's dossier, its Linked Documents tab;
- holding-dossier.png: the holding's consolidated dossier, its Holding tab;
- customs-declaration.png: a released customs import declaration.

Settings from the environment: SCREENSHOTS_URL (default
http://localhost:$PORT, PORT 8069 as `make demo`), DB (crm_demo),
SCREENSHOTS_LOGIN / SCREENSHOTS_PASSWORD (admin / admin), SCREENSHOTS_DIR
(doc/screenshots), CHROME_BIN (chromium or google-chrome found in PATH).
Not part of `make test`.
"""

import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1600, 1000
TIMEOUT = 60

#: name, XML id of the action, XML id of the record (or None), the tab to
#: open (its ``name`` in the form view, or None), the selector that says the
#: page shows what it should.
SHOTS = [
    (
        "counterparties-kanban",
        "crm_counterparty.res_partner_action_counterparty_all",
        None,
        None,
        ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)",
    ),
    (
        "customer-dossier",
        "crm_counterparty.res_partner_action_customer",
        "base.res_partner_2",
        "dossier_documents",
        ".o_form_view .tab-pane.active .o_crm_dossier_section",
    ),
    (
        "holding-dossier",
        "crm_counterparty.res_partner_action_holding_member",
        "crm_counterparty.partner_holding_1",
        "dossier_holding",
        ".o_form_view .tab-pane.active .o_crm_dossier_section",
    ),
    (
        "customs-declaration",
        "crm_customs.crm_customs_declaration_action",
        "crm_customs.declaration_import_released",
        None,
        ".o_form_view .o_form_sheet .o_field_widget[name=mrn]",
    ),
]


def find_chrome():
    path = os.environ.get("CHROME_BIN")
    if path:
        return path
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no Chromium found: install it or set CHROME_BIN")


class Odoo:
    """A logged-in web session on the served database."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.http = requests.Session()
        result = self._json(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        if not result.get("uid"):
            sys.exit(f"{login} could not log in to {db} at {self.url}")
        self.session_id = self.http.cookies["session_id"]

    def _json(self, path, params):
        response = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            sys.exit(f"{path}: {body['error'].get('data', {}).get('message')}")
        return body["result"]

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self._json(
            "/web/dataset/call_kw",
            {
                "model": "ir.model.data",
                "method": "search_read",
                "args": [[("module", "=", module), ("name", "=", name)]],
                "kwargs": {"fields": ["res_id"]},
            },
        )
        if not rows:
            sys.exit(f"no record {xmlid}: is the demo data of {module} installed?")
        return rows[0]["res_id"]


class Chrome:
    """A headless Chromium and one page of it, over the DevTools protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="crm-screenshots-")
        self.process = subprocess.Popen(
            [
                find_chrome(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--hide-scrollbars",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = self._devtools_port()
        targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=TIMEOUT, suppress_origin=True
        )
        self.ids = 0
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _devtools_port(self):
        port_file = Path(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if port_file.exists() and port_file.read_text().strip():
                return int(port_file.read_text().split()[0])
            if self.process.poll() is not None:
                sys.exit("Chromium stopped at start")
            time.sleep(0.1)
        sys.exit("Chromium did not open its DevTools port")

    def send(self, method, **params):
        """Call ``method`` and return its result; events are skipped."""
        self.ids += 1
        self.ws.send(json.dumps({"id": self.ids, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.ids:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, selector, what):
        """Poll until ``selector`` is shown, the loading indicator is gone and
        no request is pending, then until the page stops changing."""
        check = (
            f"!!document.querySelector({json.dumps(selector)})"
            " && !document.querySelector('.o_loading_indicator')"
            " && !document.querySelector('.o_blockUI')"
        )
        deadline = time.monotonic() + TIMEOUT
        stable = 0
        while time.monotonic() < deadline:
            if self.evaluate(check):
                stable += 1
                if stable >= 5:  # 5 polls in a row, 1 s: images and fonts loaded
                    return
            else:
                stable = 0
            time.sleep(0.2)
        raise TimeoutError(f"{what}: {selector} not shown after {TIMEOUT} s")

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def save_small(png, target):
    """Save ``png`` with a palette of 256 colours: a third of the size, the
    same look for a web client's flat colours."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    ).save(target, optimize=True)


def main():
    url = os.environ.get(
        "SCREENSHOTS_URL", f"http://localhost:{os.environ.get('PORT', '8069')}"
    )
    db = os.environ.get("DB", "crm_demo")
    out = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "doc" / "screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    odoo = Odoo(
        url,
        db,
        os.environ.get("SCREENSHOTS_LOGIN", "admin"),
        os.environ.get("SCREENSHOTS_PASSWORD", "admin"),
    )
    chrome = Chrome()
    try:
        chrome.send(
            "Network.setCookie",
            name="session_id",
            value=odoo.session_id,
            url=odoo.url + "/",
            httpOnly=True,
        )
        for name, action, record, tab, selector in SHOTS:
            odoo.ref(action)  # fails clearly if the addon is not installed
            path = f"/odoo/action-{action}"
            if record:
                path += f"/{odoo.ref(record)}"
            chrome.send("Page.navigate", url=url.rstrip("/") + path)
            if tab:
                tab_link = f".o_notebook .nav-link[name={tab}]"
                chrome.wait_for(tab_link, name)
                chrome.evaluate(
                    f"document.querySelector({json.dumps(tab_link)}).click()"
                )
            chrome.wait_for(selector, name)
            # The focus ring of the first field would show in the picture.
            chrome.evaluate("document.activeElement && document.activeElement.blur()")
            shot = chrome.send(
                "Page.captureScreenshot",
                format="png",
                clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "scale": 1},
            )
            target = out / f"{name}.png"
            save_small(base64.b64decode(shot["data"]), target)
            print(target)
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
