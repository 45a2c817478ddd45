"""Screenshots of the home and search pages in Arabic and Ukrainian on a
phone, for docs/screens/ (issue 20). Run against a running demo:

    make run            # in one terminal
    .venv/bin/python scripts/screenshots_languages.py [http://127.0.0.1:8000]

Debian's Chromium through Playwright, as in the browser tests; a phone of
390 × 844 CSS pixels (an iPhone 12–15), the browser asking for the language
the way a resident's phone does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screens"
PHONE = {"width": 390, "height": 844}
PAGES = {"home": "/", "search": "/zoeken/?q=koffie"}
LOCALES = {"ar": "ar", "uk": "uk-UA"}


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        for code, locale in LOCALES.items():
            context = browser.new_context(
                locale=locale, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
            )
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(BASE + path)
                assert page.locator("html").get_attribute("lang") == code, page.url
                target = OUT / f"{name}-phone-{code}.png"
                page.screenshot(path=str(target), full_page=False)
                print(target.relative_to(OUT.parent.parent), page.url)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
