"""Headless Chromium for the tests: one place that finds the browser and starts it the same way.

Debian's ``chromium`` and ``chromium-driver`` (installed by ``.ci/run``) are
driven through Selenium. The flags keep Chromium off the network this machine
does not have (background networking, component updates, sync) and give every
driver a fresh profile, removed by :func:`quit_driver`.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists()
                                                else None)
#: Why a browser test is skipped where Chromium is missing (CI installs it).
MISSING = "needs Debian's chromium and chromium-driver (.ci/run installs them)"


def available() -> bool:
    return CHROMIUM is not None and CHROMEDRIVER is not None


def make_driver(scripts: bool = True, width: int = 400, height: int = 900):  # noqa: ANN201 - selenium lazily
    """Headless Chromium through chromedriver, with a fresh profile; ``scripts=False`` disables JavaScript."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="qg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    if not scripts:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver._qg_profile = profile  # removed by quit_driver
    return driver


def quit_driver(driver) -> None:  # noqa: ANN001
    profile = getattr(driver, "_qg_profile", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)
