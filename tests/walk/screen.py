"""What a person can do with the program's window, beyond person.py: the tree read in one call
(tree.py); a widget brought into the part of the page one sees (between the top bar and the
message at the foot) with the mouse wheel, waiting for egui's animated scrolling to stop; an item
picked from a drop-down list that scrolls inside itself; a field filled and read back; the
keyboard moved with Tab, watching the focus ring; the window's messages read; the keyboard
taken back after the desktop's file dialog. Used by first_day.py."""

import os
import subprocess
import time

import person
import tree


class Screen(person.Window):
    """person.Window with the tree read in one call (tree.py) and a few more things a person
    does: bring a widget into the part of the page one sees (between the top bar and the
    message at the foot), pick an item from a drop-down list, fill a field and read back what
    it shows, move the keyboard with Tab, read the window's messages, take the keyboard back
    after the desktop's file dialog."""

    def __init__(self, pid, shots):
        super().__init__(pid, shots)
        self.tree = tree.Tree(pid)

    @classmethod
    def like(cls, w):
        s = cls(w.pid, w.shots)
        s.shot_no = w.shot_no
        return s

    # --- the tree, through tree.Tree -------------------------------------------------------

    def nodes(self):
        return self.tree.nodes()

    @staticmethod
    def name(n):
        return n.name

    @staticmethod
    def role(n):
        return n.role

    def rect(self, n):
        return self.tree.extents(n)

    def text_of(self, n):
        return self.tree.text(n)

    def has_focus(self, n, wait=2):
        """Whether the widget has the keyboard (it takes it on the frame after the click)."""
        deadline = time.time() + wait
        while not self.tree.focused(n):
            if time.time() > deadline:
                return False
            time.sleep(0.05)
        return True

    def widget_with_focus(self):
        for n in self.nodes():
            if n.role not in ("frame", "application", "panel") and n.focused():
                return n
        return None

    def focus_name(self):
        n = self.widget_with_focus()
        return n.name if n is not None else None

    def top_bar(self):
        """The names in the top bar, in order (title, pages, year, who acts)."""
        for n in self.nodes():
            if n.role == "combo box" and n.name == "Tahun RKT":
                return [c.name for c in n.up.children]
        return []

    # --- where things are --------------------------------------------------------------------

    def band(self):
        """The rows of the screen where the page shows: below the top bar (year and "Bertindak
        sebagai"), above the message at the foot."""
        top, bottom = 0, self.height()
        for n in self.nodes():
            if n.role == "combo box" and n.name == "Tahun RKT":
                x, y, w, h = self.rect(n)
                top = max(top, y + h + 6)
            elif n.role == "push button" and n.name == "Tutup pesan":
                bottom = min(bottom, self.rect(n)[1] - 14)
        return top, bottom

    @staticmethod
    def _scrolled(n):
        """Is the widget on the page's scrolled part (not the top bar, the message at the
        foot or a floating window such as the PIN dialog)?"""
        while n.up is not None and n.up.role not in ("frame", "application"):
            n = n.up
        return n.role == "panel" and any(c.role == "scroll bar" for c in n.children)

    def steady(self, n, was=None, quiet=0.1):
        """The widget's place once it has stopped moving (a scroll animating, a popup laid out
        on its first frame and placed on the next): the same for `quiet` seconds. With `was`,
        the place before a wheel turn: first the move is waited for (up to a second). (The tree
        changes once a frame, and a busy machine draws a frame in 100 ms or more: after a wheel
        turn the place must hold longer.)"""
        last = self.rect(n)
        if was is not None:
            deadline = time.time() + 1
            while last == was and time.time() < deadline:
                time.sleep(0.03)
                last = self.rect(n)
        since = time.time()
        deadline = since + 10
        while time.time() < deadline:
            time.sleep(0.05)
            now = self.rect(n)
            if now != last:
                since, last = time.time(), now
            elif time.time() - since >= quiet:
                return now
        return last

    def _visible_centre(self, n, name):
        """Scrolls the page with the mouse wheel until the widget is where one sees it: a few
        notches at a time, as many as the distance needs (measured from the first notch). A
        widget still moving (egui animates scrolling) is waited for."""
        x, y, w, h = self.steady(n)
        if w > 0 and h > 0 and 120 <= y and y + h <= self.height() - 90:
            return int(x + w / 2), int(y + h / 2)  # clear of the top bar and the foot
        top, bottom = self.band()
        per_notch = None
        for _ in range(40):
            if w > 0 and h > 0 and (y >= top and y + h <= bottom or (
                    0 <= y and y + h <= self.height() and not self._scrolled(n))):
                return int(x + w / 2), int(y + h / 2)
            down = y + h > bottom
            # Aim for the middle of the page.
            dist = abs(y + h / 2 - (top + bottom) / 2)
            notches = 1 if per_notch is None else max(1, min(20, round(dist / per_notch)))
            person.xdo("mousemove", str(self.width() // 2), str((top + bottom) // 2))
            person.xdo("click", "--repeat", str(notches), "--delay", "10", "5" if down else "4")
            if isinstance(name, tuple):
                n = self.find(*name)
            before = (x, y, w, h)
            x, y, w, h = self.steady(n, was=before, quiet=0.4)
            if y != before[1]:
                per_notch = abs(y - before[1]) / notches
        raise AssertionError(f"{name!r} could not be scrolled into view")

    # --- the mouse and the keyboard ----------------------------------------------------------

    def click(self, name, role=None, contains=False, double=False):
        for attempt in range(5):
            n = self.find(name, role, contains)
            try:
                x, y = self._visible_centre(n, (name, role, contains))
                break
            except tree.Gone:
                # The widget was drawn anew between finding and placing it: found again.
                if attempt == 4:
                    raise
        person.xdo("mousemove", str(x), str(y))
        if double:
            person.xdo("click", "--repeat", "2", "--delay", "80", "1")
        else:
            person.xdo("click", "1")
        time.sleep(0.08)
        return n

    def pick(self, combo, item, contains=False):
        """Opens the drop-down list `combo` and clicks `item` in it. A list longer than its box
        (egui shows 200 pixels unless told more) scrolls inside itself: its scroll bar, beside
        the items, says which part is in view, and an item outside it is wheeled in first, with
        the mouse over the list."""
        self.click(combo, role="combo box")
        for _ in range(30):
            n = self.find(item, role="toggle button", contains=contains)
            x, y, w, h = self.steady(n, quiet=0.25)
            bars = [self.rect(b) for b in self.nodes() if b.role == "scroll bar"]
            bars = [b for b in bars if abs(b[0] + b[2] - (x + w)) <= 40 and b[3] > 0
                    and abs(b[1] - y) < 800]
            if not bars:
                break
            top, bottom = bars[0][1], bars[0][1] + bars[0][3]
            if top <= y and y + h <= bottom:
                break
            person.xdo("mousemove", str(x + w // 2), str((top + bottom) // 2))
            person.xdo("click", "5" if y + h > bottom else "4")
        person.xdo("mousemove", str(x + w // 2), str(y + h // 2))
        person.xdo("click", "1")
        self.gone(item, role="toggle button", contains=contains)

    def key(self, *keys):
        """Keys pressed one after another. What follows waits for its own condition (the
        keyboard on a named field, a value in the database), so the pause is short."""
        for k in keys:
            person.xdo("key", "--clearmodifiers", k)
            time.sleep(0.06)

    def type(self, text):
        person.xdo("type", "--delay", "8", text)
        time.sleep(0.06)

    def at(self, name, wait=10):
        """Waits for the keyboard to be on the widget called `name`."""
        deadline = time.time() + wait
        while self.focus_name() != name:
            if time.time() > deadline:
                raise AssertionError(f"the keyboard is on {self.focus_name()!r}, not {name!r}")
            time.sleep(0.05)

    def type_into(self, name, text):
        """Types where the keyboard is, once it is on the field called `name`."""
        self.at(name)
        self.type(text)

    def tab_to(self, name, back=False, limit=80):
        """Presses Tab (Shift+Tab) until the keyboard is on the widget called `name`, as one
        does watching the focus ring: after each press, the ring's move is waited for (the
        window draws it on its next frame)."""
        now = self.widget_with_focus()
        for _ in range(limit):
            if now is not None and now.name == name:
                return
            self.key("shift+Tab" if back else "Tab")
            deadline = time.time() + 2
            while True:
                moved = self.widget_with_focus()
                if (moved is None) != (now is None) or (
                        moved is not None and moved.path != now.path):
                    break
                if time.time() > deadline:
                    break  # the key moved nothing (the last widget, say): press again
                time.sleep(0.03)
            now = moved
        raise AssertionError(f"Tab never reached {name!r} (the keyboard is on "
                             f"{self.focus_name()!r})")

    def take_keyboard(self):
        """The program's window gets the X input focus back (no window manager gives it)."""
        for wid in subprocess.check_output(["xdotool", "search", "--pid", str(self.pid)]).split():
            subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=False)
        time.sleep(0.3)

    # --- fields ------------------------------------------------------------------------------

    def shows(self, n):
        """What a field shows now."""
        return self.text_of(n)

    def wait_shows(self, n, want, what, wait=10):
        deadline = time.time() + wait
        while True:
            got = self.shows(n)
            if got == want:
                return
            if time.time() > deadline:
                raise AssertionError(f"{what!r} shows {got!r}, not {want!r}")
            time.sleep(0.1)

    def fill(self, name, text, role=None, secret=False):
        """Clicks the field, selects what is in it, types `text`; checks the field shows it."""
        for _ in range(3):
            n = self.click(name, role=role)
            if self.has_focus(n):
                break
        else:
            raise AssertionError(f"the field {name!r} does not take the keyboard")
        self.key("ctrl+a")
        self.type(text)
        if not secret:
            self.wait_shows(n, text, name)

    def fill_form(self, fields):
        """Fields one below the other, filled as a person does: a click in the first, Tab to
        each next one; then what each shows is checked."""
        for i, (name, text) in enumerate(fields):
            if i == 0:
                n = self.click(name, role="entry")
                assert self.has_focus(n), f"the field {name!r} does not take the keyboard"
            else:
                self.key("Tab")
                self.at(name)
            self.key("ctrl+a")
            self.type(text)
        deadline = time.time() + 10
        while True:
            shown = {n.name: self.shows(n) for n in self.nodes()
                     if n.role == "entry" and n.name in dict(fields)}
            if shown == dict(fields):
                return
            if time.time() > deadline:
                raise AssertionError(f"the form shows {shown}, not {dict(fields)}")
            time.sleep(0.15)

    # --- what the window says ----------------------------------------------------------------

    def marks(self):
        """The messages on screen: what the window says after an action (at the foot, or beside
        the card it concerns), each beginning with ✔ or ⚠."""
        return {n.name for n in self.nodes() if n.role == "label" and n.name[:2] in ("✔ ", "⚠ ")}

    def said(self, text, before, wait=30):
        """Waits for a message saying `text` that was not on screen `before` (the marks() taken
        before the gesture); fails at once on a new warning."""
        deadline = time.time() + wait
        while True:
            new = self.marks() - before
            for m in new:
                if m.startswith("⚠") and not text.startswith("⚠"):
                    raise AssertionError(f"the window said {m!r}, waiting for {text!r}")
            for m in new:
                if text in m:
                    return m
            if time.time() > deadline:
                raise AssertionError(f"the window never said {text!r} (new: {new})")
            time.sleep(0.1)

    def press(self, name, text, role=None, wait=30):
        """Clicks the button and waits for the window's message about it."""
        before = self.marks()
        self.click(name, role=role)
        return self.said(text, before, wait=wait)

    def shot(self, label):
        """A screenshot of the whole screen (the walk has waited for what it shows)."""
        self.shot_no += 1
        path = os.path.join(self.shots, f"{self.shot_no:02d}-{label}.png")
        time.sleep(0.1)
        subprocess.run(["import", "-window", "root", path], check=True)
        return path
