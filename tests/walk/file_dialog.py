"""The desktop's own file dialog, as a person uses it: the program asks the XDG desktop portal
(rfd, feature xdg-portal), and xdg-desktop-portal-gtk shows GTK's file chooser as a window of
its own. The walk finds that window on the accessibility bus (GTK publishes it as a "file
chooser"), types the whole path into it with the keyboard through the X server and presses
Enter, as one does in Windows' dialog; then the program's window gets the keyboard back (there is
no window manager on the walk's display to give it back).

The portal needs XDG_CURRENT_DESKTOP=GNOME to choose its GTK backend (set by .ci/first-day.sh);
both are started by D-Bus activation on the walk's private session bus."""

import subprocess
import time

import person
from gi.repository import Atspi, GLib  # noqa: E402  (person chose the version)

PORTAL = "xdg-desktop-portal-gtk"
# Parts of the dialog with many nodes and no field in them: the list of files, menus.
SKIP = {"table", "tree table", "list", "menu", "menu bar", "table column header"}


def _chooser():
    """The open file chooser and the portal's process id, or (None, None)."""
    person.pump()
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is None or app.get_name() != PORTAL:
                continue
            app.clear_cache()
            for j in range(app.get_child_count()):
                win = app.get_child_at_index(j)
                if win is not None and win.get_role_name() == "file chooser" and \
                        win.get_state_set().contains(Atspi.StateType.VISIBLE):
                    return win, app.get_process_id()
        except GLib.Error:
            continue
    return None, None


def _windows(pid):
    """The portal's X windows big enough to be its dialog."""
    try:
        wids = subprocess.check_output(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                                       text=True).split()
    except subprocess.CalledProcessError:
        return []
    out = []
    for wid in wids:
        geo = subprocess.check_output(["xdotool", "getwindowgeometry", wid], text=True)
        w, h = geo.split("Geometry:")[1].split()[0].split("x")
        if int(w) > 200 and int(h) > 200:
            out.append(wid)
    return out


def _typed(win, text, wait=10):
    """The text of the dialog's field that has the keyboard, once it contains `text`."""
    deadline = time.time() + wait
    while time.time() < deadline:
        person.pump()
        stack = [win]
        while stack:
            n = stack.pop()
            try:
                n.clear_cache()
                role = n.get_role_name()
                if role == "text" and n.get_state_set().contains(Atspi.StateType.FOCUSED):
                    got = Atspi.Text.get_text(n, 0, Atspi.Text.get_character_count(n))
                    if text in got:
                        return got
                if role not in SKIP:
                    stack.extend(n.get_child_at_index(i) for i in range(n.get_child_count()))
            except GLib.Error:
                continue
        time.sleep(0.1)
    return None


def choose(window, path, wait=60):
    """Waits for the file dialog the program opened, types `path` (a file to save, or one to
    open) and presses Enter. `window` is the program's person.Window: it gets the keyboard back
    once the dialog has gone."""
    deadline = time.time() + wait
    while True:
        win, pid = _chooser()
        wids = _windows(pid) if win is not None else []
        if wids:
            break
        if time.time() > deadline:
            raise person.NotFound("the file dialog never opened")
        time.sleep(0.2)
    # The dialog takes the keyboard, as a window manager would give it.
    for wid in wids:
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=False)
    # A save dialog has its name field focused with the proposed name; an open dialog takes a
    # typed path after Ctrl+L. Either way: Ctrl+L, select all, the whole path, and Enter once
    # the field shows it.
    for _ in range(3):
        person.xdo("key", "--clearmodifiers", "ctrl+l")
        if _typed(win, "", wait=2) is not None:
            break
    person.xdo("key", "--clearmodifiers", "ctrl+a")
    person.xdo("type", "--delay", "20", path)
    typed = _typed(win, path)
    if typed is None:
        raise AssertionError(f"the file dialog's field does not show {path!r}")
    # Enter; GTK's location field may first take an Enter to accept what it completed (as a
    # person sees the dialog still open and presses Enter again).
    for _ in range(3):
        person.xdo("key", "--clearmodifiers", "Return")
        gone = time.time() + 3
        while _chooser()[0] is not None and time.time() < gone:
            time.sleep(0.2)
        if _chooser()[0] is None:
            window.take_keyboard()
            return
    raise AssertionError(f"the file dialog did not take {path!r}")
