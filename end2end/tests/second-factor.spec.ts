import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import * as OTPAuth from "otpauth";
import { PNG } from "pngjs";
import { expectAccessible } from "../a11y";
import { newMember } from "../cli";
import { DEMO_PASSWORD, LoginPage } from "../pages/login";
import { Shell } from "../pages/shell";

/** Reads the QR code on screen as a phone's camera would: a picture of it, decoded. */
async function scanQr(page: Page): Promise<string> {
  const picture = PNG.sync.read(await page.getByTestId("totp-qr").screenshot());
  const found = jsQR(new Uint8ClampedArray(picture.data), picture.width, picture.height);
  expect(found, "a readable QR code").not.toBeNull();
  return found!.data;
}

async function passwordStep(page: Page, email: string) {
  await new LoginPage(page).submit(email, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/login/second-factor");
}

async function codeStep(page: Page, code: string) {
  await page.locator("#code").fill(code);
  await page.locator("form.form button[type=submit]").click();
}

test("a syndic sets up an authenticator app, then logs in with a code and with a recovery code, once", async ({ page }) => {
  test.setTimeout(120_000);
  const email = newMember("syndic", "Lucas Martin");
  await new LoginPage(page).loginAs(email);
  await page.goto("/settings");
  const shell = new Shell(page);
  await shell.waitForHydration();
  const section = page.locator("#second-factor");
  await section.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();
  await expectAccessible(page);

  // The phone scans the code: an otpauth URI its app understands.
  const uri = await scanQr(page);
  expect(uri).toMatch(/^otpauth:\/\/totp\/KoproGo:/);
  const phone = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
  expect(phone.issuer).toBe("KoproGo");
  expect(phone.label).toBe(email);
  // The key typed by hand is the same, shown in groups of four.
  expect((await page.getByTestId("totp-secret").textContent())?.replace(/ /g, "")).toBe(phone.secret.base32);
  await page.screenshot({ path: "end2end/test-results/second-factor-enrol.png", fullPage: true });

  await section.locator("#enrol-code").fill(phone.generate());
  await section.locator("form.form button[type=submit]").click();
  const list = page.getByTestId("recovery-codes").locator("li");
  await expect(list).toHaveCount(10);
  const codes = (await list.allTextContents()).map((c) => c.trim());
  expect(codes.every((c) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(c))).toBe(true);
  await expect(page.getByTestId("second-factor-on")).toBeVisible();
  await page.screenshot({ path: "end2end/test-results/second-factor-codes.png", fullPage: true });

  // Logged out, the password alone is not enough.
  await shell.logout();
  await new LoginPage(page).expectOnPage();
  await passwordStep(page, email);
  await expectAccessible(page);
  // The code that confirmed the enrolment is spent: the app's next one (accepted a step
  // early, as for a phone whose clock runs a little ahead).
  await codeStep(page, phone.generate({ timestamp: Date.now() + 30_000 }));
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.locator("h1")).toBeVisible();

  // With a recovery code instead of the phone: it works once.
  await shell.logout();
  await passwordStep(page, email);
  await codeStep(page, codes[0]);
  await page.waitForURL((url) => url.pathname === "/");
  await shell.logout();
  await passwordStep(page, email);
  await codeStep(page, codes[0]);
  await expect(page.locator('[data-field="code"]')).toContainText("This recovery code is not valid or was already used");
  await expect(page).toHaveURL(/\/login\/second-factor/);
  await page.screenshot({ path: "end2end/test-results/second-factor-used-code.png", fullPage: true });
});

test("a platform administrator is sent to set up a second factor before anything else", async ({ page }) => {
  const email = newMember("superadmin", "Root Operator");
  await new LoginPage(page).submit(email, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/settings");
  const shell = new Shell(page);
  await shell.waitForHydration();
  await expect(shell.nav()).toBeVisible();
  await expect(page.locator("#second-factor .alert-warning")).toContainText("Your role requires a second factor");
  // Any other page leads back here, in the browser as from the server.
  await shell.nav().getByRole("link", { name: "Dashboard" }).click();
  await page.waitForURL((url) => url.pathname === "/settings");
  await expect(shell.nav()).toBeVisible();
  // A browser's page request (Accept: text/html) gets a real redirect.
  const response = await page.request.get("/buildings", { maxRedirects: 0, headers: { Accept: "text/html" } });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toBe("/settings#second-factor");
});
