import { expect, test } from "@playwright/test";
import { LoginPage } from "../pages/login";
import { Shell } from "../pages/shell";
import { expectAccessible } from "../a11y";

test("an owner on a phone logs in and sees the app shell", async ({ page }) => {
  await new LoginPage(page).loginAs("owner@demo.koprogo.be");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hallo, Anna Peeters");
  const shell = new Shell(page);
  await shell.waitForHydration();
  await expectAccessible(page);
  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The PWA shell: manifest and service worker.
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  const registered = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.scriptURL ?? "";
  });
  expect(registered).toContain("/sw.js");
});
