import { chromium, devices } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const base = "http://127.0.0.1:3300";
async function login(page, email) {
  await page.goto(base + "/login");
  await page.fill("#email", email);
  await page.fill("#password", "koprogo-demo-2026");
  await page.click("form.form button[type=submit]");
  await page.waitForLoadState("networkidle");
}
const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await login(desk, "admin@demo.koprogo.be");
console.log("admin lands on", desk.url());
await desk.screenshot({ path: "/tmp/admin.png", fullPage: false });
const syn = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await login(syn, "syndic@demo.koprogo.be");
await syn.goto(base + "/admin/members");
await syn.waitForLoadState("networkidle");
await syn.locator("#security").scrollIntoViewIfNeeded();
await syn.screenshot({ path: "/tmp/members.png", fullPage: true });
await syn.locator("#second-factor-required").check();
await syn.locator("#security button[type=submit]").click();
await syn.waitForTimeout(1500);
await syn.locator("#security").screenshot({ path: "/tmp/security-refused.png" });
const ctx = await browser.newContext({ ...devices["Pixel 7"] });
const phone = await ctx.newPage();
await login(phone, "admin@demo.koprogo.be");
await phone.screenshot({ path: "/tmp/admin-phone.png", fullPage: true });
await browser.close();
