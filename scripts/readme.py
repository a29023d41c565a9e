#!/usr/bin/env python3
"""Write each addon's README.rst from its manifest and its readme/ fragments.

The sections and their order are those of OCA's readme generator
(oca-gen-addon-readme, which is not published on PyPI): Description,
Configuration, Usage, Changelog, Credits. The fragments are Markdown; the
little Markdown they use (paragraphs, lists, emphasis, inline code, links,
``##`` headings) becomes reStructuredText.

    python3 scripts/readme.py            # rewrite the README.rst files
    python3 scripts/readme.py --check    # fail when one is not up to date
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = (
    ("DESCRIPTION.md", "Description"),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("HISTORY.md", "Changelog"),
)


def rst_inline(text):
    """Markdown inline code and links as reStructuredText."""
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", text)


def rst_block(markdown):
    """Markdown fragment as reStructuredText: ``##`` headings become
    sub-sections, the rest keeps its lines."""
    lines = []
    for line in markdown.strip().splitlines():
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if heading:
            title = heading.group(1).strip().strip("`")
            lines += [title, "-" * len(title)]
        else:
            lines.append(rst_inline(line.rstrip()))
    return "\n".join(lines)


def title(text, char="="):
    return f"{char * len(text)}\n{text}\n{char * len(text)}"


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    parts = [
        title(manifest["name"]),
        f"{manifest['summary']}.",
        ".. contents::\n   :local:",
    ]
    for fragment, heading in SECTIONS:
        path = addon / "readme" / fragment
        if path.exists() and path.read_text().strip():
            underline = "=" * len(heading)
            parts.append(f"{heading}\n{underline}\n\n{rst_block(path.read_text())}")
    parts.append(f"Credits\n=======\n\nAuthors: {manifest['author']}.")
    return "\n\n".join(parts) + "\n"


def main(argv):
    check = "--check" in argv
    stale = []
    for manifest in sorted((ROOT / "addons").glob("*/__manifest__.py")):
        addon = manifest.parent
        text = render(addon)
        readme = addon / "README.rst"
        if readme.exists() and readme.read_text() == text:
            continue
        if check:
            stale.append(str(readme.relative_to(ROOT)))
        else:
            readme.write_text(text)
            print(f"wrote {readme.relative_to(ROOT)}")
    if stale:
        print("README.rst not generated from readme/ (run python3 scripts/readme.py):")
        print("\n".join(f"  {path}" for path in stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
