// The tree a screen reader reads: the window's accessibility objects over
// AT-SPI, the Linux accessibility bus. A test starts a private D-Bus
// session with the accessibility bus switched on, launches the window on it
// (GTK's bridge loaded), and reads the tree with tests/atspi/tree.py.
import { execFileSync, spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TREE = join(root, "tests/atspi/tree.py");
// Debian's Python, which has pyatspi (python3-pyatspi), whatever else is on PATH.
const PYTHON = "/usr/bin/python3";

function setBusProperty(env, name) {
  execFileSync("dbus-send", ["--session", "--dest=org.a11y.Bus", "--print-reply", "/org/a11y/bus",
    "org.freedesktop.DBus.Properties.Set", "string:org.a11y.Status", `string:${name}`, "variant:boolean:true"],
  { env, stdio: "ignore" });
}

/**
 * A private D-Bus session with the accessibility bus on. Returns `env`,
 * the environment to launch the window with, and `stop()`.
 */
export async function accessibilityBus() {
  const out = execFileSync("dbus-daemon", ["--session", "--fork", "--print-address=1", "--print-pid=1"],
    { encoding: "utf8" }).trim().split("\n");
  const [address, pid] = [out[0], Number(out[1])];
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address };
  const launcher = spawn("/usr/libexec/at-spi-bus-launcher", ["--launch-immediately"], { env, stdio: "ignore" });
  // The launcher owns org.a11y.Bus once it is up.
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      setBusProperty(env, "IsEnabled");
      setBusProperty(env, "ScreenReaderEnabled");
      break;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address, GTK_MODULES: "gail:atk-bridge", NO_AT_BRIDGE: "0" },
    stop() {
      launcher.kill("SIGTERM");
      try { process.kill(pid, "SIGTERM"); } catch { /* gone already */ }
    },
    /** The web document's tree as the screen reader gets it. */
    tree() {
      return JSON.parse(execFileSync(PYTHON, [TREE], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }));
    },
  };
}

/** Every node of `tree`, depth first, each with its `path` of roles. */
export function nodes(tree, path = []) {
  const here = { ...tree, path };
  return [here, ...(tree.children || []).flatMap((c) => nodes(c, [...path, tree.role]))];
}
