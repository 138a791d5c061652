import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The real server binary, on a fresh SQLite data directory with the demo data. `make test`
// builds it and sets KOPROGO_BIN.
const PORT = Number(process.env.KOPROGO_E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Made once by the main process and inherited by the workers (which load this file too), so
// that a test can run the CLI on the server's own database (`end2end/cli.ts`).
const dataDir = (process.env.KOPROGO_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "koprogo-e2e-")));
const binary = process.env.KOPROGO_BIN ?? "target/debug/koprogo";

// A real OpenID Connect provider on loopback standing in for itsme® (scripts/oidc-provider.mjs):
// the server is configured with it as it would be with itsme's own issuer.
const OIDC_PORT = Number(process.env.KOPROGO_E2E_OIDC_PORT ?? PORT + 1);
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
const providers = join(dataDir, "providers.toml");
writeFileSync(
  providers,
  `[[provider]]
id = "itsme"
name = "itsme®"
issuer = "${OIDC_ISSUER}"
client_id = "koprogo"
scopes = ["openid", "service:KOPROGO_E2E"]
acr_values = ["http://itsme.services/v2/claim/acr_basic", "http://itsme.services/v2/claim/acr_advanced"]
multi_factor = true
encrypted_id_token = true
`,
);

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "en-GB",
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [
    {
      name: "hydrated",
      testIgnore: [/nojs\./, /phone\./],
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
    {
      name: "no-javascript",
      testMatch: /nojs\./,
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false, launchOptions: chromium },
    },
    {
      name: "phone",
      testMatch: /phone\./,
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
  ],
  webServer: [
  {
    command:
      `node scripts/oidc-provider.mjs --port ${OIDC_PORT} --client-id koprogo ` +
      `--redirect-uri ${BASE_URL}/api/v1/auth/oidc/callback --client-jwks-uri ${BASE_URL}/oidc/jwks.json`,
    cwd: "..",
    url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
  {
    command: `${binary} serve --seed-demo`,
    cwd: "..",
    url: `${BASE_URL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      KOPROGO_DATA_DIR: dataDir,
      LEPTOS_SITE_ROOT: "target/site",
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      // Every test logs in; the per-IP limit is tested by the server's own tests.
      KOPROGO_AUTH_RATE_PER_MINUTE: "10000",
      KOPROGO_OIDC_PROVIDERS: providers,
      RUST_LOG: "warn",
    },
  },
  ],
});
