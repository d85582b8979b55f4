"""The three browser engines the live-card tests run in: Chromium (Blink), Firefox (Gecko), WebKitGTK (WebKit).

AnkiDroid and desktop Anki show cards in Chromium-based web views, AnkiMobile in WebKit (WKWebView), and
some users review in Firefox-based setups. :func:`make_engine` starts one of them headless, on this machine
only, with a fresh profile, and returns an :class:`Engine`: the few operations the live tests need, with
Selenium's call shapes (``get``, ``execute_script(js, *args)``, ``execute_async_script(js, *args)``) so
that tests/live_harness.py's ``open_side`` and ``show_side`` drive any of them unchanged.

* ``chromium``: Debian's ``chromium`` + ``chromium-driver`` through Selenium, started by tests/browser.py.
* ``firefox``: Debian's ``firefox-esr`` through Marionette (PyPI ``marionette-driver``; no geckodriver
  needed), started ``-headless -marionette -no-remote -profile <fresh dir>``. The profile's ``user.js``
  sets ``marionette.port`` to 0 (Firefox picks a free port and writes it to ``MarionetteActivePort`` in
  the profile, so two runs never race for a port) and keeps Firefox off the network: no updates,
  telemetry, captive-portal or connectivity checks, safe browsing, remote settings, region lookups,
  add-on updates or studies. A ``userChrome.css`` lifts the 450 px minimum window width of Firefox's own
  toolbar so the page can be 400 px wide, a phone's width.
* ``webkit``: Debian's ``webkit2gtk-driver`` (``WebKitWebDriver``, which drives WebKitGTK's MiniBrowser)
  through Selenium's WebKitGTK driver. WebKitGTK 2.50 for GTK 3 has no headless mode, so each engine
  starts its own ``Xvfb`` (Debian's ``xvfb``) on a display Xvfb picks itself (``-displayfd``) and stops
  it on :meth:`Engine.quit`. ``WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1`` (the variable 2.50 honours;
  ``WEBKIT_FORCE_SANDBOX=0`` no longer disables it) turns off the bubblewrap sandbox of its web process,
  which containers without user namespaces cannot start; the pages are the tests' own, on 127.0.0.1.
  MiniBrowser's window cannot be narrower than its toolbar: the page is about 447 px wide, not 400.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests import browser

ENGINES = ("chromium", "firefox", "webkit")

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
WEBKITDRIVER = shutil.which("WebKitWebDriver")
XVFB = shutil.which("Xvfb")
MINIBROWSER = next((str(p) for p in sorted(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"))), None)

#: Seconds to wait for a browser to start, or for a page or script to finish: generous, since the tests
#: wait for conditions, never for a fixed time, and a loaded 2-core machine can be slow.
STARTUP_TIMEOUT = 120
SCRIPT_TIMEOUT = 60

# Prefs for a Firefox that never touches the network beyond the tests' 127.0.0.1 pages.
FIREFOX_PREFS = {
    "marionette.port": 0,  # any free port, written to <profile>/MarionetteActivePort
    "toolkit.legacyUserProfileCustomizations.stylesheets": True,  # reads chrome/userChrome.css (width)
    "app.update.auto": False,
    "app.update.enabled": False,
    "app.update.disabledForTesting": True,
    "app.update.checkInstallTime": False,
    "app.normandy.enabled": False,
    "app.normandy.api_url": "",
    "app.shield.optoutstudies.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.page": 0,
    "browser.startup.homepage": "about:blank",
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.newtabpage.enabled": False,
    "browser.aboutwelcome.enabled": False,
    "startup.homepage_welcome_url": "about:blank",
    "startup.homepage_welcome_url.additional": "",
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "browser.safebrowsing.provider.google4.updateURL": "",
    "browser.region.network.url": "",
    "browser.region.update.enabled": False,
    "browser.search.update": False,
    "browser.topsites.contile.enabled": False,
    "browser.ping-centre.telemetry": False,
    "datareporting.healthreport.uploadEnabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.policy.firstRunURL": "",
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.archive.enabled": False,
    "toolkit.telemetry.server": "",
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.http.speculative-parallel-limit": 0,
    "network.proxy.type": 0,
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.blocklist.enabled": False,
    "media.gmp-manager.updateEnabled": False,
    "geo.provider.network.url": "",
    "identity.fxaccounts.enabled": False,
    "dom.disable_beforeunload": True,
}

USER_CHROME = ":root, #main-window { min-width: 0 !important; min-height: 0 !important; }\n"


def missing(name: str) -> str | None:
    """Why engine ``name`` cannot run here (a skip reason), or None when it can."""
    if name == "chromium":
        return None if browser.available() else browser.MISSING
    if name == "firefox":
        if FIREFOX is None:
            return "needs Debian's firefox-esr (.ci/run installs it)"
        try:
            import marionette_driver  # noqa: F401
        except ImportError:
            return "needs marionette-driver (in the test extra: pip install '.[test]')"
        return None
    if name == "webkit":
        if WEBKITDRIVER is None or MINIBROWSER is None:
            return "needs Debian's webkit2gtk-driver (.ci/run installs it)"
        if XVFB is None:
            return "needs Debian's xvfb for WebKitGTK's window (.ci/run installs it)"
        return None
    raise ValueError(f"unknown engine {name!r}; one of {ENGINES}")


def make_engine(name: str, width: int = 400, height: int = 900) -> Engine:
    """Start engine ``name`` (one of :data:`ENGINES`) headless with a fresh profile; ``quit()`` it after."""
    reason = missing(name)
    if reason:
        raise RuntimeError(f"{name}: {reason}")
    return {"chromium": _chromium, "firefox": _Firefox, "webkit": _webkit}[name](width, height)


class Engine:
    """One running browser: what the live tests do with a page."""

    name: str
    version: str

    def get(self, url: str) -> None:
        """Load ``url`` and wait until it has loaded."""
        raise NotImplementedError

    def execute_script(self, js: str, *args):  # noqa: ANN201 - whatever the script returns
        """Run ``js`` as a function body in the page (``arguments`` holds ``args``) and return its result."""
        raise NotImplementedError

    def execute_async_script(self, js: str, *args):  # noqa: ANN201
        """Like :meth:`execute_script`, but the result is what the script passes to its last argument."""
        raise NotImplementedError

    def type(self, selector: str, text: str) -> None:
        """Type ``text`` into the element ``selector`` finds, as key presses."""
        raise NotImplementedError

    def click(self, selector: str) -> None:
        """Click the element ``selector`` finds, as a user would (scrolled into view first)."""
        raise NotImplementedError

    def quit(self) -> None:
        raise NotImplementedError

    def inner_width(self) -> int:
        return int(self.execute_script("return window.innerWidth;"))

    def wait_for(self, js: str, *args, timeout: float = SCRIPT_TIMEOUT):  # noqa: ANN201
        """Poll ``js`` in the page until it returns something truthy; return that (a condition, not a sleep)."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.execute_script(js, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: no result within {timeout} s from: {js}")
            time.sleep(0.02)


class _Selenium(Engine):
    def __init__(self, name: str, driver, cleanup=()) -> None:  # noqa: ANN001
        self.name, self.driver, self._cleanup = name, driver, list(cleanup)
        self.version = str(driver.capabilities.get("browserVersion", "?"))
        driver.set_script_timeout(SCRIPT_TIMEOUT)
        driver.set_page_load_timeout(STARTUP_TIMEOUT)

    def get(self, url: str) -> None:
        self.driver.get(url)

    def execute_script(self, js: str, *args):  # noqa: ANN201
        return self.driver.execute_script(js, *args)

    def execute_async_script(self, js: str, *args):  # noqa: ANN201
        return self.driver.execute_async_script(js, *args)

    def type(self, selector: str, text: str) -> None:
        self.driver.find_element("css selector", selector).send_keys(text)

    def click(self, selector: str) -> None:
        self.driver.find_element("css selector", selector).click()

    def quit(self) -> None:
        try:
            if self.name == "chromium":
                browser.quit_driver(self.driver)
            else:
                self.driver.quit()
        finally:
            for step in self._cleanup:
                step()


def _chromium(width: int, height: int) -> Engine:
    return _Selenium("chromium", browser.make_driver(width=width, height=height))


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    """An Xvfb on a free display it chooses itself (-displayfd: no guessing, no race)."""
    proc = subprocess.Popen([XVFB, "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp",
                             "-noreset"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = proc.stdout.readline().decode().strip()  # blocks until the display accepts connections
    proc.stdout.close()
    if not line.isdigit():
        proc.kill()
        proc.wait()
        raise RuntimeError("Xvfb did not start")
    return proc, f":{line}"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _webkit(width: int, height: int) -> Engine:
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.service import Service

    xvfb, display = _start_xvfb()
    try:
        env = dict(os.environ, DISPLAY=display, WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS="1",
                   GDK_BACKEND="x11", NO_AT_BRIDGE="1")
        env.pop("WAYLAND_DISPLAY", None)
        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        driver = webdriver.WebKitGTK(options=options, service=Service(
            executable_path=WEBKITDRIVER, env=env, log_output=subprocess.DEVNULL))
    except BaseException:
        _stop(xvfb)
        raise
    engine = _Selenium("webkit", driver, cleanup=[lambda: _stop(xvfb)])
    driver.set_window_size(width, height)  # the toolbar's minimum width wins: about 447 px
    return engine


class _Firefox(Engine):
    name = "firefox"

    def __init__(self, width: int, height: int) -> None:
        from marionette_driver.marionette import Marionette

        self.profile = Path(tempfile.mkdtemp(prefix="qg-firefox-"))
        self.process = None
        try:
            prefs = "".join(f'user_pref("{k}", {_js(v)});\n' for k, v in FIREFOX_PREFS.items())
            (self.profile / "user.js").write_text(prefs, encoding="utf-8")
            (self.profile / "chrome").mkdir()
            (self.profile / "chrome" / "userChrome.css").write_text(USER_CHROME, encoding="utf-8")
            env = dict(os.environ, MOZ_HEADLESS="1", MOZ_CRASHREPORTER_DISABLE="1")
            env.pop("DISPLAY", None)
            self.log = (self.profile / "firefox.log").open("wb")
            self.process = subprocess.Popen(
                [FIREFOX, "-headless", "-marionette", "-no-remote", "-profile", str(self.profile)],
                stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, env=env)
            port = self._active_port()
            self.m = Marionette(host="127.0.0.1", port=port, socket_timeout=STARTUP_TIMEOUT,
                                startup_timeout=STARTUP_TIMEOUT)
            caps = self.m.start_session(timeout=STARTUP_TIMEOUT)
            self.version = str(caps.get("browserVersion", "?"))
            self.m.timeout.script = SCRIPT_TIMEOUT
            self.m.timeout.page_load = STARTUP_TIMEOUT
            self.m.set_window_rect(width=width, height=height)
            # The window's frame (none, headless) is whatever outer minus inner is: make the page `width` wide.
            inner = self.inner_width()
            if inner != width:
                self.m.set_window_rect(width=2 * width - inner, height=height)
        except BaseException:
            self.quit()
            raise

    def _active_port(self) -> int:
        path = self.profile / "MarionetteActivePort"
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"firefox exited with {self.process.returncode}; see its log")
            text = path.read_text().strip() if path.exists() else ""
            if text.isdigit():
                return int(text)
            time.sleep(0.05)
        raise TimeoutError(f"firefox: Marionette did not start within {STARTUP_TIMEOUT} s")

    def get(self, url: str) -> None:
        self.m.navigate(url)

    # sandbox=None runs the script in the page's own global, as WebDriver does (Marionette's default
    # sandbox would hide the page's globals, such as the reviewer's _showQuestion, behind Xrays).
    def execute_script(self, js: str, *args):  # noqa: ANN201
        return self.m.execute_script(js, script_args=list(args), sandbox=None)

    def execute_async_script(self, js: str, *args):  # noqa: ANN201
        return self.m.execute_async_script(js, script_args=list(args), sandbox=None)

    def type(self, selector: str, text: str) -> None:
        from marionette_driver.by import By

        self.m.find_element(By.CSS_SELECTOR, selector).send_keys(text)

    def click(self, selector: str) -> None:
        from marionette_driver.by import By

        self.m.find_element(By.CSS_SELECTOR, selector).click()

    def quit(self) -> None:
        try:
            m = getattr(self, "m", None)
            if m is not None and m.session is not None:
                try:
                    m._send_message("Marionette:Quit", {"flags": ["eForceQuit"]})
                except Exception:  # noqa: BLE001 - the process is stopped below either way
                    pass
                m.client.close() if m.client else None
                m.cleanup_ran = True
            if self.process is not None:
                _stop_firefox(self.process)
        finally:
            log = getattr(self, "log", None)
            if log is not None:
                log.close()
            shutil.rmtree(self.profile, ignore_errors=True)


def _stop_firefox(proc: subprocess.Popen) -> None:
    try:
        proc.wait(timeout=60)  # after Marionette:Quit, Firefox shuts down by itself
    except subprocess.TimeoutExpired:
        _stop(proc)


def _js(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
