// Real-browser checks of the public site, run by scripts/lib/browser.sh in CI.
//
// Starts the real server (`ocs demo`, debug build) on a random loopback port with a fresh data
// folder, drives Debian's headless Chromium through playwright-core and checks:
//   1. axe-core (WCAG 2.0/2.1 A and AA rules) reports no violation on every public page in all
//      24 languages, and on the sign form of every member state in English;
//   2. every page fits a 320 px wide phone screen (no horizontal scroll);
//   3. a keyboard-only signer (Tab, Space, Enter and typing) signs end to end;
//   4. with JavaScript disabled, a signer signs end to end (form token + minimum fill time),
//      and the error summary takes the focus through `autofocus`;
//   5. no page breaks the Content-Security-Policy (no inline script or style);
// and saves screenshots of the sign page in a few languages to $ARTIFACTS.
// Exits non-zero on any failure. To check more pages, add them to `publicPages` below.

import { execFileSync, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const ALL_LANGUAGES = ["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
  "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"];
// BROWSER_LANGS="de fr" narrows a local run; CI runs all 24.
const LANGUAGES = process.env.BROWSER_LANGS ? process.env.BROWSER_LANGS.split(/[ ,]+/) : ALL_LANGUAGES;
const STATES = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR",
  "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const SLUG = "demo";
const ARTIFACTS = process.env.ARTIFACTS || "target/browser-artifacts";
const failures = [];
let checks = 0;

function fail(what) {
  failures.push(what);
  console.error(`FAIL ${what}`);
}

/// The public pages checked in every language. Each entry is a name and a function that
/// brings `page` to the state to check (a plain URL, or a few steps such as a refused form).
/// The lead extends this list with the console, self-service and eID pages.
function publicPages(lang, receiptPath) {
  const q = `?lang=${lang}`;
  const pages = [
    { name: "index", path: `/${q}` },
    { name: "initiative", path: `/initiatives/${SLUG}${q}` },
    { name: "choose-nationality", path: `/initiatives/${SLUG}/sign${q}` },
    { name: "sign-DE (Part A)", path: `/initiatives/${SLUG}/sign/DE${q}` },
    { name: "sign-PT (Part B)", path: `/initiatives/${SLUG}/sign/PT${q}` },
    {
      name: "sign-DE with errors",
      path: `/initiatives/${SLUG}/sign/DE${q}`,
      async then(page) {
        await page.locator("form.sign button[type=submit]").click();
        await page.waitForSelector("#error-summary");
      },
    },
    { name: "self-service", path: `/initiatives/${SLUG}/my-statement${q}` },
    {
      name: "self-service, no match",
      path: `/initiatives/${SLUG}/my-statement${q}`,
      async then(page) {
        await page.fill("#statement_id", "00000000000000000000000000");
        await page.fill("#secret", "abcd-efgh-ijkl-mnop-qrst-uvwx");
        await Promise.all([page.waitForNavigation(), page.locator("button[value=check]").click()]);
      },
    },
    { name: "widget (framed elsewhere)", path: `/initiatives/${SLUG}/widget${q}` },
    { name: "statements per day (chart and table)", path: `/initiatives/${SLUG}/daily${q}` },
    { name: "map of the member states (map and table)", path: `/initiatives/${SLUG}/map${q}` },
    { name: "console sign-in", path: `/console/sign-in${q}` },
    { name: "unknown initiative", path: `/initiatives/no-such-initiative${q}` },
    { name: "not found", path: `/no/such/page${q}` },
  ];
  // The receipt page reads the receipt cookie (the secret is never in a URL).
  if (receiptPath) pages.push({ name: "receipt", path: `${new URL(receiptPath).pathname}${q}` });
  return pages;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function startServer(existingDir) {
  const port = await freePort();
  const dataDir = existingDir || mkdtempSync(join(tmpdir(), "ocs-browser-"));
  const child = spawn(process.env.SERVER_BIN || "target/debug/ocs",
    ["demo", "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir],
    // OCS_* variables would be read as configuration; the server gets none of them.
    // Only warnings and errors reach the test log.
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...serverEnv(),
        OCS_LOG__LEVEL: "warn",
        // One loopback address loads every page in 24 languages: far above a person's rate.
        OCS_RATE_LIMITS__ENABLED: "false",
      },
    });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`ocs demo exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return { base, child, dataDir };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("ocs demo did not answer /healthz");
}

/// Collects Content-Security-Policy refusals reported on a page's console.
function watchConsole(page, label) {
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) fail(`${label}: CSP: ${text}`);
  });
  page.on("pageerror", (error) => fail(`${label}: script error: ${error.message}`));
}

async function axeCheck(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }, AXE_TAGS);
  checks++;
  for (const violation of result) fail(`${label}: axe ${violation}`);
}

async function noHorizontalScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: window.innerWidth,
  }));
  checks++;
  if (scroll > width) fail(`${label}: ${scroll}px wide content in a ${width}px viewport`);
}

async function fillDe(page, first, family) {
  await page.fill("#f-full-first-names", first);
  await page.fill("#f-family-names", family);
  await page.fill("#f-street", "Unter den Linden");
  await page.fill("#f-street-number", "7");
  await page.fill("#f-postal-code", "10117");
  await page.fill("#f-city", "Berlin");
  await page.selectOption("#f-country", "DE");
  await page.fill("#f-date-of-birth", "1980-01-02");
  await page.check("#f-consent");
}

/// Signs with the keyboard only: Tab moves between controls, typing fills them (and picks an
/// option in a select), Space ticks the declaration, Enter sends the form.
async function keyboardOnly(browser, base) {
  const label = "keyboard-only signing";
  const context = await browser.newContext();
  const page = await context.newPage();
  watchConsole(page, label);
  await page.goto(`${base}/initiatives/${SLUG}/sign/DE?lang=en`);
  const tabTo = async (id) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      if (focused === id) return;
    }
    throw new Error(`Tab never reached #${id}`);
  };
  // The skip link comes first and leads to the main content.
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => document.activeElement.getAttribute("href"));
  if (skip !== "#main") fail(`${label}: the first Tab stop is ${skip}, not the skip link`);
  const values = [
    ["f-full-first-names", "Kim"], ["f-family-names", "Keyboard"], ["f-street", "Hauptstraße"],
    ["f-street-number", "1"], ["f-postal-code", "10115"], ["f-city", "Berlin"],
    ["f-country", "Deutschland"], ["f-date-of-birth", "1975-05-17"],
  ];
  for (const [id, value] of values) {
    await tabTo(id);
    if (id === "f-country") {
      // Type-ahead in a focused select: typing the start of a name picks it.
      await page.keyboard.type("Germany", { delay: 20 });
    } else {
      await page.keyboard.type(value);
    }
  }
  const country = await page.$eval("#f-country", (s) => s.value);
  if (country !== "DE") fail(`${label}: type-ahead picked ${country} in the country list`);
  await tabTo("f-consent");
  await page.keyboard.press("Space");
  // The proof of work runs while the signer types; wait until it is announced as done.
  await page.waitForFunction(() => document.getElementById("altcha").value !== "", null, { timeout: 60000 });
  const said = await page.textContent("#proof-status");
  if (!said) fail(`${label}: the proof-of-work status was not announced`);
  await page.waitForTimeout(3200); // the minimum fill time applies to the form token as well
  await tabTo("sign-submit");
  await Promise.all([page.waitForURL(/\/receipt(\?|$)/), page.keyboard.press("Enter")]);
  checks++;
  const id = await page.textContent("#statement-id");
  if (!id) fail(`${label}: no statement id on the receipt`);
  const receipt = page.url();
  if (new URL(receipt).pathname !== `/initiatives/${SLUG}/receipt`) fail(`${label}: the receipt URL ${receipt} carries more than the page`);
  // The receipt token is in the receipt cookie; kept (as a session cookie) for the checks of
  // the receipt page in every language below.
  const cookies = (await context.cookies())
    .filter((cookie) => cookie.name.endsWith("ocs_receipt"))
    .map((cookie) => ({ ...cookie, expires: -1 }));
  if (cookies.length !== 1) fail(`${label}: no receipt cookie`);
  await context.close();
  return { receipt, cookies };
}

/// Signs with JavaScript off: the form token and the minimum fill time stand in for the
/// proof of work; a refused form puts the focus on the error summary by itself.
async function withoutJavaScript(browser, base) {
  const label = "no-JavaScript signing";
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/initiatives/${SLUG}/sign/DE?lang=de`);
  await page.locator("form.sign button[type=submit]").click();
  await page.waitForSelector("#error-summary");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  checks++;
  if (focused !== "error-summary") fail(`${label}: focus is on "${focused}", not on the error summary`);
  const firstLink = await page.getAttribute("#error-summary a", "href");
  const target = firstLink && (await page.$(firstLink));
  if (!target) fail(`${label}: the first summary link ${firstLink} does not lead to a field`);
  const invalid = await page.getAttribute("#f-full-first-names", "aria-invalid");
  const described = await page.getAttribute("#f-full-first-names", "aria-describedby");
  if (invalid !== "true" || !described || !described.includes("f-full-first-names-error")) {
    fail(`${label}: the refused field lacks aria-invalid or aria-describedby (${invalid}, ${described})`);
  }
  await fillDe(page, "Nora", "Noscript");
  await page.waitForTimeout(3500); // longer than the demo's minimum fill time (3 s)
  await Promise.all([page.waitForURL(/\/receipt(\?|$)/), page.locator("form.sign button[type=submit]").click()]);
  checks++;
  const id = await page.textContent("#statement-id");
  if (!id) fail(`${label}: no statement id on the receipt`);
  await context.close();
}

/// The server's environment: no OCS_* variable of the test run reaches it.
function serverEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OCS_")));
}

/// Stops the demo server and waits until it has released the database.
function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/// RFC 6238 code (SHA-1, 30 s, 6 digits) for a base32 secret, as an authenticator app computes it.
function totp(secret, now = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/[\s=-]/g, "").toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).toString().padStart(6, "0");
}

const CONSOLE_USER = "browser-admin";
const CONSOLE_PASSWORD = "correct horse battery staple";

/// Creates a host administrator in the demo's database (the server must be stopped: SQLite
/// serves one process).
function addConsoleUser(dataDir) {
  const passwordFile = join(dataDir, "console-password");
  writeFileSync(passwordFile, `${CONSOLE_PASSWORD}\n`, { mode: 0o600 });
  execFileSync(process.env.SERVER_BIN || "target/debug/ocs", [
    "admin", "add-user", CONSOLE_USER, "--role", "host-admin", "--password-file", passwordFile,
    "--config", join(dataDir, "ocs.toml"), "--as", "browser-test",
  ], { env: serverEnv(), stdio: ["ignore", "ignore", "inherit"] });
}

/// Signs in to the console (enrolling the second factor on the way) in `page`.
async function signInToConsole(page, base) {
  await page.goto(`${base}/console/sign-in?lang=en`);
  await page.fill("#name", CONSOLE_USER);
  await page.fill("#password", CONSOLE_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator("form button[type=submit]").click()]);
  const secret = (await page.textContent("figcaption code")).trim();
  await page.fill("#name", CONSOLE_USER);
  await page.fill("#password", CONSOLE_PASSWORD);
  await page.fill("#code", totp(secret));
  await Promise.all([page.waitForNavigation(), page.locator("form button[type=submit]").click()]);
  checks++;
  if (!page.url().includes("/console/initiatives")) fail(`console sign-in ended on ${page.url()}`);
}

/// Console pages behind the sign-in, checked in every language.
function consolePages(lang) {
  const q = `?lang=${lang}`;
  return [
    { name: "console initiatives", path: `/console/initiatives${q}` },
    { name: "console dashboard", path: `/console/initiatives/${SLUG}${q}` },
    { name: "console audit", path: `/console/initiatives/${SLUG}/audit${q}` },
    { name: "console mail", path: `/console/initiatives/${SLUG}/mail${q}` },
    { name: "console accounts", path: `/console/accounts${q}` },
    // Paper statements: the chooser and a Part A form (host admins may manage every initiative).
    { name: "console paper", path: `/console/initiatives/${SLUG}/paper${q}` },
    { name: "console paper form", path: `/console/initiatives/${SLUG}/paper${q}&nationality=DE` },
    { name: "console new initiative", path: `/console/new-initiative${q}` },
  ];
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const first = await startServer();
  await stopServer(first.child);
  addConsoleUser(first.dataDir);
  const { base, child, dataDir } = await startServer(first.dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    const { receipt, cookies } = await keyboardOnly(browser, base);
    await withoutJavaScript(browser, base);

    // JavaScript on: the error summary takes the focus as well.
    {
      const page = await browser.newPage();
      watchConsole(page, "focus on error");
      await page.goto(`${base}/initiatives/${SLUG}/sign/PT?lang=en`);
      await page.locator("form.sign button[type=submit]").click();
      await page.waitForSelector("#error-summary");
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      checks++;
      if (focused !== "error-summary") fail(`focus on error: focus is on "${focused}"`);
      await page.close();
    }

    // axe and phone width: every page in every language, at 320 CSS px (a phone, or a
    // 1280 px window at 400 % zoom), then axe again on the wide layout for the sign page.
    // The axe context bypasses the CSP only so axe's own script can be injected.
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    await context.addCookies(cookies);
    const page = await context.newPage();
    page.on("pageerror", (error) => fail(`script error: ${error.message}`));
    for (const lang of LANGUAGES) {
      for (const entry of publicPages(lang, receipt)) {
        const label = `${lang} ${entry.name}`;
        await page.goto(`${base}${entry.path}`);
        if (entry.then) await entry.then(page);
        const htmlLang = await page.getAttribute("html", "lang");
        checks++;
        if (htmlLang !== lang) fail(`${label}: <html lang="${htmlLang}">`);
        await noHorizontalScroll(page, label);
        await axeCheck(page, label);
      }
    }
    // The console, signed in as a host administrator (second factor enrolled on the way).
    await signInToConsole(page, base);
    for (const lang of LANGUAGES) {
      for (const entry of consolePages(lang)) {
        const label = `${lang} ${entry.name}`;
        await page.goto(`${base}${entry.path}`);
        checks++;
        if (!page.url().includes(entry.path.split("?")[0])) fail(`${label}: ended on ${page.url()}`);
        const htmlLang = await page.getAttribute("html", "lang");
        checks++;
        if (htmlLang !== lang) fail(`${label}: <html lang="${htmlLang}">`);
        await noHorizontalScroll(page, label);
        await axeCheck(page, label);
      }
    }
    // Every state's form layout, in English, narrow and wide.
    for (const state of STATES) {
      const label = `en sign-${state}`;
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(`${base}/initiatives/${SLUG}/sign/${state}?lang=en`);
      await noHorizontalScroll(page, label);
      await axeCheck(page, label);
      await page.setViewportSize({ width: 1280, height: 900 });
      await axeCheck(page, `${label} (wide)`);
    }
    // Screenshots for people to look at (kept by CI as artefacts; not compared).
    for (const lang of ["en", "de", "el", "ga", "bg"]) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${base}/initiatives/${SLUG}/sign/DE?lang=${lang}`);
      await page.screenshot({ path: join(ARTIFACTS, `sign-DE-${lang}.png`), fullPage: true });
      await page.setViewportSize({ width: 320, height: 640 });
      await page.screenshot({ path: join(ARTIFACTS, `sign-DE-${lang}-320.png`), fullPage: true });
    }
    await context.close();
  } finally {
    await browser.close();
    child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
  const passed = checks - failures.length;
  console.log(`browser checks: ${passed} passed, ${failures.length} failed`);
  if (failures.length > 0) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
