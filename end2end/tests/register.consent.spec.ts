import { expect, test } from "@playwright/test";
import { LoginPage } from "../pages/login";
import { RegisterPages } from "../pages/register";
import { Shell } from "../pages/shell";
import { expectAccessible } from "../a11y";

test("a syndic records an owner's written consent to e-mail, then its withdrawal", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const building = `Accords ${suffix}`;
  const last = `Evers${suffix}`;
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  await new Shell(page).waitForHydration();
  const register = new RegisterPages(page);
  await register.createBuilding(building, "1000");
  await register.addLot("1", "apartment", "1000");
  const buildingUrl = page.url().split("?")[0];
  await register.addOwner("Eva", last, `eva.${suffix}@example.be`);
  await page.goto(buildingUrl);
  await page.getByRole("link", { name: "1", exact: true }).click();
  await page.locator("#holders-valid_from").fill("2021-01-01");
  await register.holder("holders", 0, `${last} Eva`, "1");
  await page.locator("#holders-title").locator("xpath=..").locator("button[type=submit]").click();
  await expect(register.timelineRows()).toHaveCount(1);

  // Without a consent the association writes to her by registered letter.
  await page.goto(`/owners?q=${last}`);
  await page.getByRole("link", { name: `${last} Eva` }).click();
  await expect(page.locator("h1")).toHaveText(`${last} Eva`);
  await expect(page.locator("[data-testid=by-letter]")).toContainText(building);

  // A consent needs its evidence; then it is in force and the warning goes.
  await page.locator("#consent-given_on").fill("2024-03-01");
  await page.locator("#consent-given_on").locator("xpath=ancestor::form").locator("button[type=submit]").click();
  await expect(page.locator('.field-error[data-field="evidence"]')).toBeVisible();
  await page.locator("#consent-evidence").fill("Signed form, file 2024/17");
  await page.locator("#consent-given_on").locator("xpath=ancestor::form").locator("button[type=submit]").click();
  await expect(page.locator("[data-testid=consent]")).toHaveCount(1);
  await expect(page.locator("[data-testid=by-letter]")).toHaveCount(0);
  await expectAccessible(page);

  // Withdrawn today: the history keeps it, and the letter is back.
  await page.locator("[data-testid=consent] button[type=submit]").click();
  await expect(page.locator("[data-testid=consent].ended")).toHaveCount(1);
  await expect(page.locator("[data-testid=by-letter]")).toContainText(building);
});
