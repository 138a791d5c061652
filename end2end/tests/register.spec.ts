import { expect, test } from "@playwright/test";
import { LoginPage } from "../pages/login";
import { RegisterPages } from "../pages/register";
import { Shell } from "../pages/shell";
import { expectAccessible } from "../a11y";

test("a syndic sets up a building: six lots, a lot held 50/50, a transfer", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const building = `Résidence Test ${suffix}`;
  const [ann, bert, chloe] = [
    ["Ann", `Aerts${suffix}`],
    ["Bert", `Bosmans${suffix}`],
    ["Chloé", `Collard${suffix}`],
  ];
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  await new Shell(page).waitForHydration();
  const register = new RegisterPages(page);

  // The seeded building of the syndic's first organisation is listed with its lot count.
  await page.goto("/buildings");
  await expect(page.locator(".building-card").filter({ hasText: "Résidence Les Tilleuls" })).toContainText("3 lots");
  await expectAccessible(page);

  await register.createBuilding(building, "1000");
  await expect(page.locator("[data-testid=balance]")).toHaveClass(/warn/);
  for (const [number, kind, quota] of [
    ["A1", "apartment", "250"],
    ["A2", "apartment", "250"],
    ["A3", "apartment", "200"],
    ["C1", "commercial", "200"],
    ["P1", "parking", "60"],
    ["K1", "cellar", "40"],
  ]) {
    await register.addLot(number, kind, quota);
  }
  await expect(page.locator("[data-testid=balance]")).toHaveClass(/ok/);
  // A duplicate number is refused on its field, in the user's language (French here).
  await page.locator("#lot-number").fill("A1");
  await page.locator("#lot-quota").fill("10");
  await page.locator("#lot-number").locator("xpath=ancestor::form").locator("button[type=submit]").click();
  // (Texts are checked by data attributes: other suites change the syndic's language.)
  await expect(page.locator('.field-error[data-field="number"]')).toBeVisible();
  await expectAccessible(page);
  const buildingUrl = page.url();

  for (const [first, last] of [ann, bert, chloe]) {
    await register.addOwner(first, last, `${first.toLowerCase()}.${last.toLowerCase()}@example.be`.normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
  }
  await expectAccessible(page);

  // Ann and Bert hold A1 half each since 2020; shares that do not make 100% are refused.
  await page.goto(buildingUrl);
  await page.getByRole("link", { name: "A1", exact: true }).click();
  await expect(page.locator("h1")).toHaveText("Lot A1");
  await page.locator("#holders-valid_from").fill("2020-01-01");
  await register.holder("holders", 0, `${ann[1]} ${ann[0]}`, "1/2");
  await register.holder("holders", 1, `${bert[1]} ${bert[0]}`, "1/3");
  await page.locator("#holders-title").locator("xpath=..").locator("button[type=submit]").click();
  await expect(page.locator('.field-error[data-field="holders"]')).toBeVisible();
  await page.locator("#holders-1-share").fill("1/2");
  await page.locator("#holders-title").locator("xpath=..").locator("button[type=submit]").click();
  await expect(register.timelineRows()).toHaveCount(2);
  await expect(page.locator(".alert-info")).toBeVisible(); // no representative yet

  // They designate Ann to vote for the lot.
  await page.locator("#representative-owner").selectOption({ label: `${ann[1]} ${ann[0]}` });
  await page.locator("#representative-title").locator("xpath=..").locator("button[type=submit]").click();
  await expect(page.locator("[data-testid=representative]")).toHaveText(`${ann[1]} ${ann[0]}`);

  // Bert sells his half to Chloé today: his period ends, hers begins, nothing is erased.
  await page.locator("#transfer-kind").selectOption("sale");
  await page.locator("#transfer-notary").fill("Me Lambert");
  await page.getByLabel(new RegExp(`${bert[1]} ${bert[0]}`)).check();
  await register.holder("transfer", 0, `${chloe[1]} ${chloe[0]}`, "1/2");
  await page.locator("#transfer-title").locator("xpath=..").locator("button[type=submit]").click();
  await expect(register.timelineRows()).toHaveCount(3);
  await expect(page.locator("tr.ended")).toHaveCount(1);
  await expect(page.locator("tr.ended")).toContainText(bert[1]);
  await expectAccessible(page);

  // The building's history tells it.
  await page.goto(`${buildingUrl}?tab=history`);
  await expect(page.locator('.history [data-action="lot.transferred"]')).toHaveCount(1);
  await expect(page.locator('.history [data-action="lot.representative_designated"]')).toHaveCount(1);
});

test("a syndic imports a register from a CSV file; a bad file is reported by line", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  const register = new RegisterPages(page);
  await register.createBuilding(`Import ${suffix}`, "1000");
  const url = page.url().split("?")[0];
  const header = "lot_number;lot_kind;quota;first_name;last_name;street;postal_code;city;locale;share;valid_from";
  await page.goto(`${url}?tab=import`);
  await page.locator("#import-file").setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n1;apartment;600;Jan;Janssens;Meir 1;2000;Antwerpen;nl;1/2;2020-01-01\n2;castle;400;Piet;Pieters;Meir 2;2000;Antwerpen;nl;1;2020-01-01\n`),
  });
  await page.locator("button[name=mode][value=apply]").click();
  const errors = page.locator("[data-testid=import-errors]");
  await expect(errors.locator('[data-line="2"]')).toHaveCount(1);
  await expect(errors.locator('[data-line="3"]')).toHaveCount(1); // the unknown kind of lot

  await page.goto(`${url}?tab=lots`);
  await expect(register.lotRows()).toHaveCount(0);

  await page.goto(`${url}?tab=import`);
  await page.locator("#import-file").setInputFiles({
    name: "good.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n1;apartment;600;Jan;Janssens${suffix};Meir 1;2000;Antwerpen;nl;1;2020-01-01\n2;house;400;Piet;Pieters${suffix};Meir 2;2000;Antwerpen;nl;1;2020-01-01\n`),
  });
  await page.locator("button[name=mode][value=apply]").click();
  await expect(page.locator("[data-testid=import-report]")).toContainText("2");
  await page.goto(`${url}?tab=lots`);
  await expect(register.lotRows()).toHaveCount(2);
});

test("a syndic edits a lot; a stale edit is refused rather than overwriting", async ({ page, browser }) => {
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  await new Shell(page).waitForHydration();
  await page.goto("/buildings");
  await page.getByRole("link", { name: "Résidence Les Tilleuls" }).click();
  await page.getByRole("link", { name: "2", exact: true }).click();
  await expect(page.locator("h1")).toHaveText("Lot 2");
  await page.locator("details.panel summary").first().click();
  await page.locator("#edit-notes").fill("Toiture refaite en 2024");
  await page.locator("#edit-notes").locator("xpath=ancestor::form").locator("button[type=submit]").click();
  await expect(page.locator("#edit-notes")).toHaveValue("Toiture refaite en 2024");
  // The same form, left open from before the save, now carries an old version.
  const other = await browser.newPage();
  await new LoginPage(other).loginAs("syndic@demo.koprogo.be");
  await other.goto(page.url());
  await page.locator("details.panel").first().evaluate((el) => ((el as HTMLDetailsElement).open = true));
  await page.locator("#edit-floor").fill("1");
  await page.locator("#edit-notes").locator("xpath=ancestor::form").locator("button[type=submit]").click();
  await expect(page.locator("#edit-floor")).toHaveValue("1");
  await other.locator("details.panel summary").first().click();
  await other.locator("#edit-floor").fill("2");
  await other.locator("#edit-notes").locator("xpath=ancestor::form").locator("button[type=submit]").click();
  await expect(other.locator("details.panel .alert-error")).toBeVisible();
  // Nothing was overwritten: the first edit stands.
  await other.reload();
  await expect(other.locator("#edit-floor")).toHaveValue("1");
  await other.close();
});

test("a syndic chooses the buildings whose council a member sits on", async ({ page }) => {
  await new LoginPage(page).loginAs("syndic@demo.koprogo.be");
  await new Shell(page).waitForHydration();
  await new Shell(page).switchOrganization("Syndic Dupont & Associés");
  await page.goto("/admin/members");
  const row = page.locator("tr").filter({ hasText: "Marc Lambert" });
  await expect(row.locator("[data-testid=council-buildings]")).toContainText("Résidence Les Jardins");
  await expect(row.locator("[data-testid=council-buildings]")).not.toContainText("Gebouw Zonnehof");
  const open = () => row.locator("details").evaluate((el) => ((el as HTMLDetailsElement).open = true));
  await open();
  await row.getByLabel("Gebouw Zonnehof").check();
  await row.locator("details button[type=submit]").click();
  await expect(row.locator("[data-testid=council-buildings]")).toContainText("Gebouw Zonnehof");
  // Back as it was, for the other suites.
  await open();
  await row.getByLabel("Gebouw Zonnehof").uncheck();
  await row.locator("details button[type=submit]").click();
  await expect(row.locator("[data-testid=council-buildings]")).not.toContainText("Gebouw Zonnehof");
  await expectAccessible(page);
});
