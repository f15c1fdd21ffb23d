"""What a person can do with the program's window: find a widget by what it is called, click it
with the mouse, type with the keyboard, look at the screen. Widgets are found through the
accessibility tree that eframe publishes on AT-SPI (their accessible names); input goes through
the X server with xdotool, as a real mouse and keyboard send it (press, then release)."""

import os
import subprocess
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

WAIT = float(os.environ.get("WALK_WAIT", "20"))


class NotFound(AssertionError):
    pass


def enable_accessibility():
    """Turns AT-SPI on for the session, as a screen reader would: the program's accesskit
    adapter publishes its tree only then."""
    subprocess.run(
        [
            "dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
            "org.freedesktop.DBus.Properties.Set", "string:org.a11y.Status",
            "string:IsEnabled", "variant:boolean:true",
        ],
        check=True, stdout=subprocess.DEVNULL,
    )


def pump():
    ctx = GLib.MainContext.default()
    while ctx.pending():
        ctx.iteration(False)


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)


class Window:
    """The program's window as seen through AT-SPI."""

    def __init__(self, pid, shots):
        self.pid = pid
        self.shots = shots
        self.shot_no = 0
        self.app = None

    def _app(self):
        deadline = time.time() + WAIT
        while time.time() < deadline:
            pump()
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                a = desktop.get_child_at_index(i)
                try:
                    if a is not None and a.get_process_id() == self.pid:
                        self.app = a
                        return a
                except GLib.Error:
                    continue
            time.sleep(0.2)
        raise NotFound("the program's window never appeared on the accessibility bus")

    def nodes(self):
        """Every node of the tree as it is now (the cache is dropped first: egui rebuilds its
        tree each frame)."""
        app = self.app or self._app()
        pump()
        app.clear_cache()
        out = []
        stack = [app]
        while stack:
            n = stack.pop()
            out.append(n)
            try:
                count = n.get_child_count()
            except GLib.Error:
                continue
            for i in reversed(range(count)):
                try:
                    c = n.get_child_at_index(i)
                except GLib.Error:
                    continue
                if c is not None:
                    stack.append(c)
        return out

    @staticmethod
    def name(n):
        try:
            return n.get_name() or ""
        except GLib.Error:
            return ""

    @staticmethod
    def role(n):
        try:
            return n.get_role_name()
        except GLib.Error:
            return ""

    def dump(self):
        return "\n".join(f"{self.role(n)}: {self.name(n)!r}" for n in self.nodes())

    def find_all(self, name, role=None, contains=False):
        found = []
        for n in self.nodes():
            nm = self.name(n)
            if (name in nm) if contains else (nm == name):
                if role is None or self.role(n) == role:
                    found.append(n)
        return found

    def find(self, name, role=None, contains=False, wait=WAIT):
        """The first widget called `name`, waiting for it to appear."""
        deadline = time.time() + wait
        while True:
            found = self.find_all(name, role, contains)
            if found:
                # A field is named by its label: the field, not the label, is what one uses.
                found.sort(key=lambda n: self.role(n) == "label")
                return found[0]
            if time.time() > deadline:
                raise NotFound(f"no widget called {name!r} (role {role}) on screen")
            time.sleep(0.15)

    def exists(self, name, role=None, contains=False):
        return bool(self.find_all(name, role, contains))

    def gone(self, name, role=None, contains=False, wait=WAIT):
        deadline = time.time() + wait
        while self.exists(name, role, contains):
            if time.time() > deadline:
                raise AssertionError(f"{name!r} is still on screen")
            time.sleep(0.15)

    @staticmethod
    def rect(n):
        e = n.get_extents(Atspi.CoordType.SCREEN)
        return e.x, e.y, e.width, e.height

    def _visible_centre(self, n, name):
        """Scrolls the page (mouse wheel over it) until the widget is inside the window."""
        for _ in range(40):
            x, y, w, h = self.rect(n)
            if w > 0 and h > 0 and 0 <= y and y + h / 2 < self.height():
                return int(x + w / 2), int(y + h / 2)
            # Wheel over the middle of the window, towards the widget.
            xdo("mousemove", str(self.width() // 2), str(self.height() // 2))
            xdo("click", "5" if y > 0 else "4")
            time.sleep(0.15)
            if isinstance(name, tuple):
                n = self.find(*name)
        raise AssertionError(f"{name!r} could not be scrolled into view")

    def width(self):
        return int(subprocess.check_output(["xdotool", "getdisplaygeometry"]).split()[0])

    def height(self):
        return int(subprocess.check_output(["xdotool", "getdisplaygeometry"]).split()[1])

    def click(self, name, role=None, contains=False, double=False):
        n = self.find(name, role, contains)
        x, y = self._visible_centre(n, (name, role, contains))
        xdo("mousemove", str(x), str(y))
        time.sleep(0.05)
        if double:
            xdo("click", "--repeat", "2", "--delay", "80", "1")
        else:
            xdo("click", "1")
        time.sleep(0.25)
        return n

    def click_node(self, n):
        x, y = self._visible_centre(n, None)
        xdo("mousemove", str(x), str(y))
        time.sleep(0.05)
        xdo("click", "1")
        time.sleep(0.25)

    def focused(self):
        for n in self.nodes():
            try:
                if n.get_state_set().contains(Atspi.StateType.FOCUSED):
                    return n
            except GLib.Error:
                continue
        return None

    def text_of(self, n):
        try:
            t = n.get_text_iface()
            if t is not None:
                return t.get_text(0, t.get_character_count())
        except (GLib.Error, AttributeError):
            pass
        return self.name(n)

    def key(self, *keys):
        """Keys pressed and released one after another, e.g. key("Tab"), key("ctrl+z")."""
        for k in keys:
            xdo("key", "--clearmodifiers", "--delay", "40", k)
            time.sleep(0.12)

    def type(self, text):
        xdo("type", "--delay", "25", text)
        time.sleep(0.2)

    def shot(self, label):
        self.shot_no += 1
        path = os.path.join(self.shots, f"{self.shot_no:02d}-{label}.png")
        time.sleep(0.3)
        subprocess.run(["import", "-window", "root", path], check=True)
        return path
