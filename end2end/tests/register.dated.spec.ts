import { expect, test } from "@playwright/test";
import { LoginPage } from "../pages/login";
import { RegisterPages } from "../pages/register";
import { Shell } from "../pages/shell";
import { expectAccessible } from "../a11y";

/** The lots table of the building page: "number:quota" per row. */
async function lotsShown(page: import("@playwright/test").Page) {
  const rows = page.locator("[data-testid=lots] tbody tr");
  const texts = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = tr.querySelectorAll("td");
      return `${cells[0]?.textContent?.trim()}:${cells[2]?.textContent?.replace(/\D/g, "")}`;
    }),
  );
  return texts;
}

async function basis(page: import("@playwright/test").Page, form: string, kind: string, reference: string, date: string) {
  await page.locator(`#${form}-basis-kind`).selectOption(kind);
  await page.locator(`#${form}-basis-reference`).fill(reference);
  await page.locator(`#${form}-basis-date`).fill(date);
}

test("a syndic records a division and a quota change by deed, then reads the building before and after", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  await new Shell(page).waitForHydration();
  const register = new RegisterPages(page);
  await register.createBuilding(`Lignée ${suffix}`, "1000");
  const buildingUrl = page.url().split("?")[0];
  await register.addLot("A1", "apartment", "600");
  await register.addLot("A2", "apartment", "400");

  // A1 is divided by deed on 1 March 2025 into A1a and A1b.
  await page.getByRole("link", { name: "A1", exact: true }).click();
  await expect(page.locator("h1")).toHaveText("Lot A1");
  await page.locator("details:has(#division-date) > summary").click();
  await page.locator("#division-date").fill("2025-03-01");
  await basis(page, "division", "deed", "Me Dupont, rép. 2025/12", "2025-02-20");
  await page.locator("#successor-0-number").fill("A1a");
  await page.locator("#successor-0-quota").fill("350");
  await page.locator("#successor-1-number").fill("A1b");
  await page.locator("#successor-1-quota").fill("250");
  await page.locator("#division-date").locator("xpath=ancestor::form").locator("button[type=submit]").click();
  const ended = page.locator("[data-testid=lineage-end]");
  await expect(ended).toContainText("A1a");
  await expect(ended).toContainText("A1b");
  await expectAccessible(page);

  // A2's quote-part is lowered to 300 from 1 June 2025 by an assembly decision; a change
  // without its basis is refused on its fields first.
  await page.goto(buildingUrl);
  await page.getByRole("link", { name: "A2", exact: true }).click();
  await expect(page.locator("h1")).toHaveText("Lot A2");
  await page.locator("details:has(#lot-quota-quota) > summary").click();
  await page.locator("#lot-quota-quota").fill("300");
  await page.locator("#lot-quota-valid_from").fill("2025-06-01");
  const submitQuota = page.locator("#lot-quota-quota").locator("xpath=ancestor::form").locator("button[type=submit]");
  await submitQuota.click();
  await expect(page.locator('.field-error[data-field="basis.reference"]')).toBeVisible();
  await basis(page, "lot-quota", "decision", "AG 2025-05-20, point 6", "2025-05-20");
  await submitQuota.click();
  await expect(page.locator("[data-testid=quota-history] tbody tr")).toHaveCount(2);
  await expect(page.locator("[data-testid=quota-history] tbody tr.ended")).toHaveCount(1);

  // The building as of a date before both, and after both.
  await page.goto(buildingUrl);
  await page.locator("#as-of-date").fill("2025-01-01");
  await page.locator("[data-testid=as-of] button[type=submit]").click();
  await expect(page.locator("[data-testid=as-of-banner]")).toBeVisible();
  await expect.poll(() => lotsShown(page)).toEqual(["A1:600", "A2:400"]);
  await expectAccessible(page);
  await page.locator("#as-of-date").fill("2025-07-01");
  await page.locator("[data-testid=as-of] button[type=submit]").click();
  await expect.poll(() => lotsShown(page)).toEqual(["A1a:350", "A1b:250", "A2:300"]);
  // A lot opened from a past view shows it as it was then.
  await page.goto(`${buildingUrl}?as_of=2025-01-01`);
  await page.getByRole("link", { name: "A1", exact: true }).click();
  await expect(page.locator("[data-testid=as-of-banner]")).toBeVisible();
  await expect(page.locator("[data-testid=lineage-end]")).toBeVisible();

  // Today: 900 of 1000 assigned, and the quotes-parts tab says so with the total's history.
  await page.goto(`${buildingUrl}?tab=quotas`);
  await expect(page.locator("[data-testid=total-on-date]")).toHaveText(/1.?000/);
  await expect(page.locator("[data-testid=quota-overview] .warn")).toBeVisible();
  await expect(page.locator("[data-testid=total-history] tbody tr")).toHaveCount(1);
  await expectAccessible(page);
});

test("a syndic records the association's syndic: four years are refused, three accepted", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  await new Shell(page).waitForHydration();
  const register = new RegisterPages(page);
  await register.createBuilding(`Mandats ${suffix}`, "1000");
  const buildingUrl = page.url().split("?")[0];
  await page.goto(`${buildingUrl}?tab=association`);
  await new Shell(page).waitForHydration();
  await expect(page.locator("[data-testid=association-alerts] li")).not.toHaveCount(0);
  const before = await page.locator("[data-testid=association-alerts] li").count();
  const year = new Date().getFullYear();
  await page.locator("#mandate-role").selectOption("syndic");
  await page.locator("#mandate-holder_name").fill("Syndic Dupont SRL");
  await page.locator("#mandate-starts_on").fill(`${year}-01-01`);
  await page.locator("#mandate-ends_on").fill(`${year + 3}-12-31`);
  const submit = page.locator("#mandate-holder_name").locator("xpath=ancestor::form").locator("button[type=submit]");
  await submit.click();
  await expect(page.locator('.field-error[data-field="ends_on"]')).toBeVisible();
  await page.locator("#mandate-ends_on").fill(`${year + 2}-12-31`);
  await submit.click();
  await expect(page.locator("[data-testid=mandates] tbody tr")).toHaveCount(1);
  await expect(page.locator("[data-testid=association-alerts] li")).toHaveCount(before - 1);
  await expectAccessible(page);
});
