import { expect, test } from "@playwright/test";
import { LoginPage } from "../pages/login";
import { ProviderPage } from "../pages/provider";
import { Shell } from "../pages/shell";
import { expectAccessible } from "../a11y";

// Issue 11: an owner links itsme® (the loopback provider) from a phone, then signs in with
// it alone, and the session says at which level.
test("an owner on a phone links itsme and then signs in with it", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const provider = new ProviderPage(page, origin);
  const subject = `itsme-anna-${Date.now()}`;
  await new LoginPage(page).loginAs("owner@demo.koprogo.be");
  const shell = new Shell(page);
  await page.goto("/settings#identities");
  await shell.waitForHydration();
  const section = page.locator("#identities");
  await expect(section).toBeVisible();
  // A retry finds the identity of the first attempt: unlink it (just logged in, so no
  // step-up is asked).
  while ((await section.getByTestId("identity").count()) > 0) {
    const before = await section.getByTestId("identity").count();
    await section.getByTestId("identity").first().locator("button[type=submit]").click();
    await expect(section.getByTestId("identity")).toHaveCount(before - 1);
  }
  await expectAccessible(page);

  await section.locator("a[data-provider=itsme]").click();
  await provider.confirmAs(subject);
  await expect(page).toHaveURL(/\/settings#identities$/);
  await expect(page.locator("#identities").getByTestId("identity")).toHaveCount(1);
  await expect(page.getByTestId("oidc-error")).toHaveCount(0);

  await shell.waitForHydration();
  await shell.logout();
  await new LoginPage(page).expectOnPage();
  const button = page.locator("a[data-provider=itsme]");
  await expect(button).toBeVisible();
  // Big enough for a thumb, and the page no wider than the screen.
  const box = await button.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await button.click();
  await provider.confirmAs(subject);
  await expect(page).toHaveURL(`${origin}/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hallo, Anna Peeters");

  await page.goto("/settings#sessions");
  const current = page.getByTestId("session").filter({ has: page.locator(".badge-ok") }).first();
  await expect(page.getByTestId("session-level").first()).toHaveText("itsme: advanced");
  await expect(current).toBeVisible();
});

test("an identity nobody linked is refused with a message, and password login still works", async ({ page, baseURL }) => {
  const provider = new ProviderPage(page, new URL(baseURL!).origin);
  await page.goto("/login");
  await page.locator("a[data-provider=itsme]").click();
  await provider.confirmAs(`stranger-${Date.now()}`);
  await expect(page).toHaveURL(/\/login\?oidc_error=oidc.not_linked/);
  await expect(page.getByTestId("oidc-error")).toBeVisible();
  await new LoginPage(page).loginAs("owner@demo.koprogo.be");
});
