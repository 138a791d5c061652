import { expect, test } from "@playwright/test";
import { expectAccessible } from "../a11y";
import { LoginPage } from "../pages/login";
import { SettingsPage } from "../pages/settings";
import { Shell } from "../pages/shell";

test("create an API token, use it on the API, revoke it", async ({ page, request }) => {
  await new LoginPage(page).loginAs("accountant@demo.koprogo.be");
  const settings = new SettingsPage(page);
  await settings.goto();
  await new Shell(page).waitForHydration();
  await expectAccessible(page);

  const name = `Export ${Date.now()}`;
  const secret = await settings.createToken(name, "30");
  expect(secret).toMatch(/^kpg_[A-Za-z0-9]{40}$/);
  await expect(settings.tokenRow(name)).toBeVisible();

  const me = await request.get("/api/v1/auth/me", {
    headers: { Authorization: `Bearer ${secret}` },
  });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe("accountant@demo.koprogo.be");

  await settings.tokenRow(name).getByRole("button").click();
  await expect(settings.tokenRow(name)).toHaveCount(0);
  const after = await request.get("/api/v1/auth/me", {
    headers: { Authorization: `Bearer ${secret}` },
  });
  expect(after.status()).toBe(401);
});

test("a bad token name is explained next to the field", async ({ page }) => {
  await new LoginPage(page).loginAs("accountant@demo.koprogo.be");
  const settings = new SettingsPage(page);
  await settings.goto();
  await new Shell(page).waitForHydration();
  await settings.tokensSection().locator("#token-days").fill("5000");
  await settings.tokensSection().locator("form.form-inline button[type=submit]").click();
  // The accountant's profile is Dutch.
  await expect(settings.tokensSection().locator('[data-field="name"]')).toHaveText("Geef het token een naam.");
  await expect(settings.tokensSection().locator('[data-field="expires_in_days"]')).toContainText("1 tot 730");
});
