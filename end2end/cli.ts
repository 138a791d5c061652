import { execFileSync } from "node:child_process";
import { isAbsolute, resolve } from "node:path";
import { DEMO_PASSWORD } from "./pages/login";

const ROOT = resolve(__dirname, "..");

/** The server binary's CLI, on the database of the server the tests run against. */
export function koprogo(args: string[], input?: string): string {
  const binary = process.env.KOPROGO_BIN ?? "target/debug/koprogo";
  return execFileSync(isAbsolute(binary) ? binary : resolve(ROOT, binary), args, {
    cwd: ROOT,
    input,
    env: { ...process.env, KOPROGO_DATA_DIR: process.env.KOPROGO_E2E_DATA_DIR, RUST_LOG: "warn" },
    encoding: "utf8",
  });
}

/** A new member of the demo firm, with the demo password: a test that changes how someone
 * logs in must not change it for the demo users the other tests log in as. */
export function newMember(role: string, name: string, locale = "en"): string {
  const email = `${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@demo.koprogo.be`;
  koprogo(
    [
      "create-user",
      "--email", email,
      "--password-stdin",
      "--role", role,
      "--organization", "syndic-dupont",
      "--name", name,
      "--locale", locale,
    ],
    DEMO_PASSWORD,
  );
  return email;
}
