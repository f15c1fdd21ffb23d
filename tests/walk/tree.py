"""The program's accessibility tree in one call. A screen reader reads the tree node by node
(libatspi asks the program for each child, name and role: ~0.8 s for the Pengaturan page's 250
nodes); AT-SPI's cache interface (org.a11y.atspi.Cache.GetItems, which accesskit serves) gives
every node with its name, role and states at once (~20 ms). Places, texts and states of single
nodes are asked of the node itself (Component.GetExtents, Text.GetText, Accessible.GetState).
What it reads is what the program publishes for screen readers, as with libatspi."""

import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

FOCUSED = int(Atspi.StateType.FOCUSED)


class Gone(Exception):
    """The program's accessible application is not (or no longer) on the bus."""


class Node:
    __slots__ = ("path", "parent", "index", "interfaces", "name", "role", "states",
                 "children", "up")

    def __init__(self, item):
        # (self, application, parent, index in parent, child count, interfaces, name, role,
        # description, states), references as (bus name, object path).
        me, _, parent, self.index, _, self.interfaces, self.name, role, _, self.states = item
        self.path, self.parent = me[1], parent[1]
        self.role = Atspi.role_get_name(Atspi.Role(role))
        self.children = []
        self.up = None

    def focused(self):
        return bool(self.states[0] & (1 << FOCUSED))

    def __repr__(self):
        return f"<{self.role} {self.name!r}>"


def _a11y_bus():
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    addr = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                             None, GLib.VariantType("(s)"), 0, -1, None).unpack()[0]
    return Gio.DBusConnection.new_for_address_sync(
        addr, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
        | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)


class Tree:
    """The accessibility tree of the process `pid`."""

    def __init__(self, pid):
        self.pid = pid
        self.conn = _a11y_bus()
        self.bus = None

    def _call(self, obj, path, iface, method, args=None, reply=None):
        return self.conn.call_sync(obj, path, iface, method, args,
                                   GLib.VariantType(reply) if reply else None, 0, 5000,
                                   None).unpack()

    def _find_bus(self):
        names = self._call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                           "org.freedesktop.DBus", "ListNames")[0]
        for n in names:
            if not n.startswith(":"):
                continue
            try:
                p = self._call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                               GLib.Variant("(s)", (n,)))[0]
            except GLib.Error:
                continue
            if p == self.pid:
                try:
                    self._call(n, "/org/a11y/atspi/cache", "org.a11y.atspi.Cache", "GetItems")
                except GLib.Error:
                    continue
                return n
        return None

    def nodes(self, wait=20):
        """Every node, in the tree's order (depth first, children in their order), the
        application first."""
        deadline = time.time() + wait
        while True:
            if self.bus is None:
                self.bus = self._find_bus()
            if self.bus is not None:
                try:
                    items = self._call(self.bus, "/org/a11y/atspi/cache", "org.a11y.atspi.Cache",
                                       "GetItems")[0]
                    break
                except GLib.Error:
                    self.bus = None
            if time.time() > deadline:
                raise Gone("the program's window is not on the accessibility bus")
            time.sleep(0.2)
        nodes = [Node(i) for i in items]
        by_path = {n.path: n for n in nodes}
        root = None
        for n in nodes:
            p = by_path.get(n.parent)
            if p is not None and p is not n:
                n.up = p
                p.children.append(n)
            elif "org.a11y.atspi.Application" in n.interfaces:
                root = n
        out = []
        stack = [root] if root is not None else []
        while stack:
            n = stack.pop()
            out.append(n)
            n.children.sort(key=lambda c: c.index)
            stack.extend(reversed(n.children))
        return out

    def extents(self, n):
        """(x, y, width, height) on the screen."""
        try:
            return tuple(self._call(self.bus, n.path, "org.a11y.atspi.Component", "GetExtents",
                                    GLib.Variant("(u)", (0,)), "((iiii))")[0])
        except GLib.Error as e:
            raise Gone(str(e)) from e

    def text(self, n):
        """What a text field holds; its name for anything else."""
        if "org.a11y.atspi.Text" not in n.interfaces:
            return n.name
        try:
            return self._call(self.bus, n.path, "org.a11y.atspi.Text", "GetText",
                              GLib.Variant("(ii)", (0, -1)), "(s)")[0]
        except GLib.Error:
            return n.name

    def focused(self, n):
        """Whether the node has the keyboard now."""
        try:
            states = self._call(self.bus, n.path, "org.a11y.atspi.Accessible", "GetState",
                                None, "(au)")[0]
        except GLib.Error:
            return False
        return bool(states[0] & (1 << FOCUSED))
