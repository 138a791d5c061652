import { expect, test } from "@playwright/test";
import { LoginPage } from "../pages/login";
import { Shell } from "../pages/shell";
import { expectAccessible } from "../a11y";

test("an owner on a phone sees only the lots they hold, with their co-owners", async ({ page }) => {
  await new LoginPage(page).loginAs("owner@demo.koprogo.be");
  await new Shell(page).waitForHydration();
  // Anna holds lots with two syndics' clients; she works in the firm's first.
  await new Shell(page).switchOrganization("Syndic Dupont & Associés");
  await page.locator('nav.mainnav a[href="/my-lots"]').click();
  await expect(page).toHaveURL(/\/my-lots$/);
  const lots = page.locator(".my-lot");
  // In the syndic firm: A1 (held 50/50 with Jonas Weber) and B2 of Résidence Les Jardins.
  await expect(lots).toHaveCount(2);
  await expect(lots.nth(0).locator("h2")).toContainText("A1");
  await expect(lots.nth(0)).toContainText("Weber Jonas");
  await expect(lots.nth(0)).toContainText("150");
  await expect(lots.nth(1).locator("h2")).toContainText("B2");
  await expect(page.locator("body")).not.toContainText("Lambert");
  // The register itself is not theirs to browse.
  await expect(page.locator('nav.mainnav a[href="/buildings"]')).toHaveCount(0);
  const response = await page.request.get("/api/v1/owners");
  expect(response.status()).toBe(403);
  await expectAccessible(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
