import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const admin = {
  name: "ada",
  email: "ada@example.com",
  displayName: "Ada Admin",
  password: "correct horse battery staple",
};

let server: RunningServer | undefined;
let browser: Browser | undefined;

before(async () => {
  await mkdir(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Page crashes fail the test; failed requests do not (a 401 before signing in is expected). */
function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  return errors;
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === "__Host-opsdeck_session");
}

test("first run: setup, sign in, create a team, find it in the audit log", { timeout: 120_000 }, async () => {
  assert.ok(browser && server, "before() did not finish");
  const context = await browser.newContext({ baseURL: server.baseUrl, colorScheme: "light" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors = collectPageErrors(page);
  try {
    // 1. The link printed at first start leads to the setup form.
    await page.goto(server.setupLink);
    await page.getByRole("heading", { name: "Set up opsdeck" }).waitFor();
    await page.getByLabel("User name", { exact: true }).fill(admin.name);
    await page.getByLabel("Email", { exact: true }).fill(admin.email);
    await page.getByLabel("Display name", { exact: true }).fill(admin.displayName);
    await page.getByLabel("Password", { exact: true }).fill(admin.password);
    await page.getByRole("button", { name: "Create admin" }).click();

    // 2. Setup sends the new admin to the login page.
    await page.waitForURL(/\/login\?setup=done$/);
    await page.getByRole("status").filter({ hasText: "Admin account created" }).waitFor();
    await page.getByLabel("Email", { exact: true }).fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: `Welcome, ${admin.displayName}` }).waitFor();
    const cookie = await sessionCookie(context);
    assert.ok(cookie, "Chromium did not keep the __Host-opsdeck_session cookie on loopback http");
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);

    // 3. Create a team (a cookie-authenticated POST: the CSRF header must be there).
    const main = page.getByRole("navigation", { name: "Main" });
    await main.getByRole("link", { name: "Teams" }).click();
    await page.getByRole("heading", { name: "Teams", exact: true }).waitFor();
    await page.getByRole("button", { name: "New team" }).click();
    await page.getByLabel("Team name").fill("platform-sre");
    await page.getByLabel("Display name").fill("Platform SRE");
    await page.getByLabel("Description").fill("Runs the shared platform");
    await page.getByLabel("Members").fill(admin.name);
    await page.getByRole("button", { name: "Create team" }).click();
    await page.getByRole("link", { name: "Platform SRE" }).click();
    await page.getByRole("heading", { name: "Platform SRE" }).waitFor();
    await page.getByRole("listitem").filter({ hasText: admin.displayName }).waitFor();

    // 4. The audit log shows who created it, and its filter narrows to teams.
    await main.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    const teamCreated = page
      .getByRole("row")
      .filter({ hasText: "team.create" })
      .filter({ hasText: "platform-sre" });
    await teamCreated.waitFor();
    assert.equal(await teamCreated.getByRole("cell").nth(1).textContent(), admin.name, "the actor");
    await page.getByRole("row").filter({ hasText: "user.create" }).first().waitFor();
    await page.getByLabel("Entity type").fill("team");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/entityType=team/);
    await teamCreated.waitFor();
    assert.equal(await page.getByRole("row").filter({ hasText: "user.create" }).count(), 0);
    await page.screenshot({ path: `${artifacts}shell.png`, fullPage: true });

    // 5. The theme toggle switches to dark and is remembered across a reload.
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await page.reload();
    await page.getByRole("button", { name: "Switch to light theme" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
    await teamCreated.waitFor();
    await page.screenshot({ path: `${artifacts}shell-dark.png`, fullPage: true });

    // 6. Signing out ends the session.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    assert.equal(await sessionCookie(context), undefined);

    assert.deepEqual(pageErrors, [], "the page threw errors");
  } catch (error) {
    await page.screenshot({ path: `${artifacts}shell-failure.png`, fullPage: true }).catch(() => {});
    throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output()}`, {
      cause: error,
    });
  } finally {
    await context.close();
  }
});
