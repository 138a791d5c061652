import { expect, test } from "@playwright/test";
import { LoginPage } from "../pages/login";
import { RegisterPages } from "../pages/register";
import { Shell } from "../pages/shell";
import { expectAccessible } from "../a11y";

test("a syndic records who acts for an owner and where the mail goes, then sells two lots in one deed and reads the owner on a date", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const minor = `Mineur${suffix}`;
  const parent = `Parent${suffix}`;
  const buyer = `Acheteur${suffix}`;
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  await new Shell(page).waitForHydration();
  const register = new RegisterPages(page);
  await register.createBuilding(`Agents ${suffix}`, "1000");
  const buildingUrl = page.url().split("?")[0];
  await register.addLot("A1", "apartment", "900");
  await register.addLot("K1", "cellar", "100");
  await register.addOwner("Léa", minor, "");
  await register.addOwner("Marc", parent, `marc.${suffix}@example.be`);
  await register.addOwner("Ines", buyer, "");
  for (const lot of ["A1", "K1"]) {
    await page.goto(buildingUrl);
    await page.getByRole("link", { name: lot, exact: true }).click();
    await page.locator("#holders-valid_from").fill("2020-01-01");
    await register.holder("holders", 0, `${minor} Léa`, "1");
    await page.locator("#holders-title").locator("xpath=..").locator("button[type=submit]").click();
    await expect(register.timelineRows()).toHaveCount(1);
  }

  // The minor's father acts for her and receives her mail; the document is required.
  await page.goto(`/owners?q=${minor}`);
  await page.getByRole("link", { name: `${minor} Léa` }).click();
  await expect(page.locator("[data-testid=mail-to]")).not.toContainText(parent);
  await expect(page.locator("#agent-capacity option")).toHaveCount(4);
  await page.locator("#agent-agent_id").selectOption({ label: `${parent} Marc` });
  await page.locator("#agent-capacity").selectOption("parent");
  await page.locator("#agent-valid_from").fill("2020-01-01");
  await page.locator("#agent-receives_mail").check();
  const submitAgent = page.locator("#agent-valid_from").locator("xpath=ancestor::form").locator("button[type=submit]");
  await submitAgent.click();
  await expect(page.locator('.field-error[data-field="document"]')).toBeVisible();
  await page.locator("#agent-document").fill("Birth certificate, file 2020/3");
  await submitAgent.click();
  await expect(page.locator("[data-testid=agent]")).toHaveCount(1);
  await expect(page.locator("[data-testid=mail-to]")).toContainText(`${parent} Marc`);
  await expectAccessible(page);

  // A1 and its cellar K1 are sold to Ines by one deed, not notified yet.
  await page.goto(buildingUrl);
  await page.getByRole("link", { name: "A1", exact: true }).click();
  await page.locator("#transfer-deed_date").fill("2024-05-02");
  await page.locator("#transfer-notary").fill("Me Dupont");
  await page.locator("[data-testid=deed-lots] input[type=checkbox]").check();
  await page.locator("#seller-0").check();
  await register.holder("transfer", 0, `${buyer} Ines`, "1");
  await page.locator("#transfer-deed_date").locator("xpath=ancestor::form").locator("button[type=submit]").click();
  await expect(page.locator("li[data-transfer] [data-testid=deed-lots]")).toContainText("K1");
  await expect(page.locator("[data-testid=not-notified]")).toBeVisible();

  // On a date after the deed, the syndic still counts Léa for both lots; before it she
  // simply holds them.
  await page.goto(`/owners?q=${minor}`);
  await page.getByRole("link", { name: `${minor} Léa` }).click();
  await expect(page.locator("[data-testid=owner-lots] li")).toHaveCount(2);
  await expect(page.locator("[data-testid=standing]")).toHaveCount(2);
  await page.locator("#as-of-date").fill("2023-01-01");
  await page.locator("[data-testid=as-of] button[type=submit]").click();
  await expect(page.locator("[data-testid=as-of-banner]")).toBeVisible();
  await expect(page.locator("[data-testid=owner-lots] li")).toHaveCount(2);
  await expect(page.locator("[data-testid=standing]")).toHaveCount(0);
  await expectAccessible(page);
});
