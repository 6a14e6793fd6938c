// Drives the Gatehouse web console in headless Chromium through playwright-core, against a running server.
// Environment: GATEHOUSE_BASE_URL, GATEHOUSE_BOOTSTRAP_FILE (the first start's credentials as JSON),
// GATEHOUSE_SCREENSHOTS (a folder for the screenshots), CHROMIUM (default /usr/bin/chromium).
// Exits 0 when every step passed, 1 otherwise, naming the step that failed.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const base = process.env.GATEHOUSE_BASE_URL;
const boot = JSON.parse(readFileSync(process.env.GATEHOUSE_BOOTSTRAP_FILE, 'utf8'));
const shots = process.env.GATEHOUSE_SCREENSHOTS || 'target/console-screenshots';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
mkdirSync(shots, { recursive: true });

let step = 'start';
const started = Date.now();
function log(message) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}
async function check(name, body) {
  step = name;
  await body();
  log(`ok   ${name}`);
}

/**
 * Sets the viewport and waits until the page has had its resize event. The console's menus close on one, and it
 * comes with a later frame: a menu opened before it arrived would close under the next step.
 */
async function resizeTo(page, size) {
  const current = page.viewportSize();
  if (current && current.width === size.width && current.height === size.height) {
    return;
  }
  await page.evaluate(() => {
    window.__resized = new Promise((resolve) => window.addEventListener('resize', () => resolve(), { once: true }));
  });
  await page.setViewportSize(size);
  await page.evaluate(() => window.__resized);
}

/** Saves the page at desktop and phone size. */
async function shoot(page, name) {
  await resizeTo(page, DESKTOP);
  await page.screenshot({ path: join(shots, `${name}-1280x800.png`) });
  await resizeTo(page, PHONE);
  await page.screenshot({ path: join(shots, `${name}-390x844.png`), fullPage: true });
  await resizeTo(page, DESKTOP);
}

async function http(method, path, { bearer, json, form, headers = {} } = {}) {
  const h = { ...headers };
  let body;
  if (bearer) h.Authorization = `Bearer ${bearer}`;
  if (json !== undefined) { h['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (form !== undefined) { h['Content-Type'] = 'application/x-www-form-urlencoded'; body = new URLSearchParams(form).toString(); }
  const response = await fetch(base + path, { method, headers: h, body });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  return { status: response.status, data };
}

function token(clientId, clientSecret) {
  return http('POST', '/v1/oauth/token', { form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } });
}

async function signIn(page, email, password) {
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/console\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/console\/clients$/);
}

/** The value of a read-only field of the open dialog, by its label. */
async function dialogValue(page, label) {
  return page.getByRole('dialog').getByLabel(label, { exact: true }).inputValue();
}

// launch() gives every run a fresh, temporary profile (user data dir) of its own.
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const cspViolations = [];
let exitCode = 0;
try {
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => { throw new Error(`a script failed on the page: ${error.message}`); });

  await check('an unknown password is refused without saying whether the account exists', async () => {
    await page.goto(`${base}/console`);
    await page.waitForURL(/\/console\/login$/);
    await shoot(page, '01-sign-in');
    await page.getByLabel('Email').fill(boot.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();
    await shoot(page, '02-sign-in-failed');
  });

  await check('the owner signs in with the bootstrap password', async () => {
    await signIn(page, boot.email, boot.password);
    await page.getByRole('heading', { name: 'API settings' }).waitFor();
    await page.getByText('No OAuth clients yet').waitFor();
    await shoot(page, '03-api-settings-empty');
  });

  let clientId;
  let secret;
  await check('New OAuth Client creates a client and shows its secret once, with Copy', async () => {
    await page.getByRole('button', { name: 'New OAuth Client' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Billing service');
    await dialog.getByLabel('Scopes').fill('connect:* workspace:read');
    await shoot(page, '04-new-client-dialog');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'Billing service was created' }).waitFor();
    await page.getByRole('dialog').getByText('It will not be accessible again.').waitFor();
    clientId = await dialogValue(page, 'Client ID');
    secret = await dialogValue(page, 'Client secret');
    assert.match(clientId, /^gtc_/);
    assert.match(secret, /^gts_/);
    await page.getByRole('dialog').getByRole('button', { name: 'Copy client secret' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    await shoot(page, '05-client-secret-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await page.getByRole('cell', { name: 'Billing service', exact: true }).waitFor();
    await page.getByText(clientId).waitFor();
  });

  await check('the secret from the dialog gets an access token over HTTP', async () => {
    const answer = await token(clientId, secret);
    assert.equal(answer.status, 200, JSON.stringify(answer.data));
    assert.equal(answer.data.token_type, 'Bearer');
    assert.equal(answer.data.scope, 'connect:* workspace:read');
  });

  await check('the list shows the client ID, copyable, scopes, projects, created and last used', async () => {
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Billing service' });
    await row.getByText('All projects').waitFor();
    await row.getByText('connect:*').waitFor();
    await row.getByRole('button', { name: 'Copy the client ID of Billing service' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), clientId);
    await shoot(page, '06-api-settings-list');
  });

  let newSecret;
  await check('Rotate client secret asks first, shows the new secret once, and the old one fails', async () => {
    // The menu closes when the window is resized, so each size opens it afresh; Escape closes it.
    await resizeTo(page, PHONE);
    await page.getByRole('button', { name: 'Actions for Billing service' }).click();
    await page.screenshot({ path: join(shots, '07-row-menu-390x844.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await resizeTo(page, DESKTOP);
    await page.getByRole('button', { name: 'Actions for Billing service' }).press('Enter');
    await page.getByRole('menuitem', { name: 'Rotate client secret' }).waitFor();
    await page.screenshot({ path: join(shots, '07-row-menu-1280x800.png') });
    await page.getByRole('menuitem', { name: 'Rotate client secret' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'Rotate client secret?' }).waitFor();
    await page.getByRole('dialog').getByLabel('Grace period for the old secret').selectOption('0');
    await shoot(page, '08-rotate-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'New client secret' }).waitFor();
    newSecret = await dialogValue(page, 'Client secret');
    assert.notEqual(newSecret, secret);
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    const old = await token(clientId, secret);
    assert.equal(old.status, 401);
    assert.equal(old.data.error, 'invalid_client');
    assert.equal((await token(clientId, newSecret)).status, 200);
  });

  await check('Edit changes the name and scopes', async () => {
    await page.getByRole('button', { name: 'Actions for Billing service' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Billing service v2');
    await dialog.getByLabel('Scopes').fill('connect:*');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('cell', { name: 'Billing service v2', exact: true }).waitFor();
  });

  await check('Delete asks first and removes the client', async () => {
    await page.getByRole('button', { name: 'New OAuth Client' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Short-lived');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    const deletedId = await dialogValue(page, 'Client ID');
    const deletedSecret = await dialogValue(page, 'Client secret');
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Actions for Short-lived' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'Delete Short-lived?' }).waitFor();
    await shoot(page, '09-delete-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete client' }).click();
    await page.getByRole('cell', { name: 'Short-lived', exact: true }).waitFor({ state: 'detached' });
    assert.equal((await token(deletedId, deletedSecret)).status, 401);
  });

  await check('a POST with the session cookie but without the CSRF token is refused with 403', async () => {
    const path = `/v1/workspaces/${boot.workspace_id}/oauth_clients`;
    const without = await page.evaluate(async (p) => {
      const r = await fetch(p, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'forged' }) });
      return { status: r.status, body: await r.json() };
    }, path);
    assert.equal(without.status, 403);
    assert.match(without.body.error, /X-CSRF-Token/);
    const wrong = await page.evaluate(async (p) => {
      const r = await fetch(p, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'guessed' }, body: JSON.stringify({ name: 'forged' }) });
      return r.status;
    }, path);
    assert.equal(wrong, 403);
    const signOutWithout = await page.evaluate(async () => (await fetch('/console/api/session', { method: 'DELETE' })).status);
    assert.equal(signOutWithout, 403);
    const listed = await http('GET', path, { bearer: boot.api_key });
    assert.ok(!listed.data.data.some((c) => c.name === 'forged'), 'no forged client was created');
  });

  // The audit page stays open in a second tab while the key is revoked in the first: the revocation ends the
  // stream (it was opened with the old key), and the page reconnects and resumes with Last-Event-ID.
  const audit = await context.newPage();
  await check('the audit page connects to the live feed', async () => {
    await audit.goto(`${base}/console/audit`);
    await audit.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  });

  let newKey;
  await check('Account settings shows the key masked; Revoke asks, shows the new key once; the old key gets 401', async () => {
    await page.getByRole('link', { name: 'Account settings' }).click();
    await page.waitForURL(/\/console\/account$/);
    await page.getByText(`gtk_…${boot.api_key.slice(-4)}`).waitFor();
    assert.equal(await page.getByText(boot.api_key).count(), 0);
    await shoot(page, '10-account-settings');
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'Revoke your API key?' }).waitFor();
    await shoot(page, '11-revoke-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke and make a new key' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'Your new API key' }).waitFor();
    newKey = await dialogValue(page, 'API key');
    assert.match(newKey, /^gtk_/);
    await page.getByRole('dialog').getByRole('button', { name: 'Copy api key' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), newKey);
    await shoot(page, '12-new-api-key-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await page.getByText(`gtk_…${newKey.slice(-4)}`).waitFor();
    assert.equal((await http('GET', '/v1/users/me', { bearer: boot.api_key })).status, 401);
    assert.equal((await http('GET', '/v1/users/me', { bearer: newKey })).status, 200);
  });

  await check('audit events arrive live, and the feed resumes after its stream was dropped', async () => {
    await audit.getByText('API key revoked').first().waitFor();
    const created = await http('POST', `/v1/workspaces/${boot.workspace_id}/oauth_clients`, { bearer: newKey, json: { name: 'Live probe' } });
    assert.equal(created.status, 201);
    const item = audit.getByRole('listitem').filter({ hasText: 'OAuth client created' }).filter({ hasText: 'Live probe' });
    await item.waitFor({ timeout: 15000 });
    await audit.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    // The stream opened with the revoked key was ended by the server, and the page connected again.
    await audit.waitForFunction(() => Number(document.querySelector('[data-connections]').dataset.connections) >= 2);
    assert.equal(await audit.getByRole('listitem').filter({ hasText: 'API key revoked' }).count(), 1, 'no event twice');
    await shoot(audit, '13-audit-live');
  });

  let memberPassword;
  await check('an admin invites a member and sees the first credentials once', async () => {
    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(/\/console\/members$/);
    await page.getByLabel('Email').fill('dev@example.com');
    await page.getByLabel('Role', { exact: true }).selectOption('member');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'dev@example.com was added' }).waitFor();
    memberPassword = await dialogValue(page, 'Password');
    const memberKey = await dialogValue(page, 'API key');
    assert.equal((await http('GET', '/v1/users/me', { bearer: memberKey })).status, 200);
    await shoot(page, '14-member-credentials');
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await page.getByRole('cell', { name: 'dev@example.com', exact: true }).waitFor();
  });

  await check('an admin changes a member’s role', async () => {
    await page.getByLabel('Role of dev@example.com').selectOption('admin');
    await page.getByRole('status').filter({ hasText: 'dev@example.com is now an admin' }).waitFor();
    await shoot(page, '15-members');
  });

  const other = await browser.newContext({ viewport: DESKTOP });
  const memberPage = await other.newPage();
  await check('the new member signs in with the password they were given', async () => {
    await signIn(memberPage, 'dev@example.com', memberPassword);
    await memberPage.getByText('Billing service v2').waitFor();
  });

  await check('when the session ends the page goes to sign-in and says so', async () => {
    await other.clearCookies();
    await memberPage.getByRole('button', { name: 'New OAuth Client' }).click();
    await memberPage.getByRole('dialog').getByLabel('Name').fill('Too late');
    await memberPage.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await memberPage.waitForURL(/\/console\/login\?ended=1$/);
    await memberPage.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await shoot(memberPage, '16-session-ended');
  });

  await check('an admin removes a member after confirming', async () => {
    await page.getByRole('button', { name: 'Remove dev@example.com' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove member' }).click();
    await page.getByRole('cell', { name: 'dev@example.com', exact: true }).waitFor({ state: 'detached' });
  });

  await check('a member who is not an admin is told what they cannot do', async () => {
    const added = await http('POST', `/v1/workspaces/${boot.workspace_id}/members`, { bearer: newKey,
      json: { email: 'viewer@example.com', role: 'member' } });
    assert.equal(added.status, 201);
    const viewer = await browser.newContext({ viewport: DESKTOP });
    const viewerPage = await viewer.newPage();
    await signIn(viewerPage, 'viewer@example.com', added.data.data.password);
    await viewerPage.getByText('Only the workspace’s owner and admins can manage OAuth clients.').waitFor();
    await viewer.close();
  });

  await check('sign-out ends the session on the server', async () => {
    const cookie = (await context.cookies()).find((c) => c.name.endsWith('gatehouse_session'));
    assert.ok(cookie, 'the session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/login\?signed_out=1$/);
    await page.getByText('You have signed out.').waitFor();
    const replay = await http('GET', '/console/api/session', { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
    assert.equal(replay.status, 401);
    await page.goto(`${base}/console/clients`);
    await page.waitForURL(/\/console\/login$/);
  });

  await check('the pages ran under the Content-Security-Policy without a violation', async () => {
    assert.deepEqual(cspViolations, []);
  });
} catch (error) {
  exitCode = 1;
  console.error(`FAILED at step: ${step}`);
  console.error(error && error.stack ? error.stack : error);
} finally {
  await browser.close();
}
log(exitCode === 0 ? 'every console step passed' : 'the console test failed');
process.exit(exitCode);
