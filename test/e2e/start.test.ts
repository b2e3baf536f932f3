// `npm start` without a desktop `code`: scripts/start.mjs must serve a workbench with the
// extension loaded at the URL it prints, and stop code-server cleanly on Ctrl-C (SIGINT).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type * as TestHost from '../../scripts/lib/testHost';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const host = require(path.join(repoRoot, 'scripts', 'lib', 'testHost.js')) as typeof TestHost;

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('e2e: npm start serves the extension in code-server', function () {
  this.timeout(180_000);
  let start: ChildProcess | undefined;
  let browser: Browser | undefined;
  let workspace: string | undefined;
  let output = '';

  after(async () => {
    await browser?.close();
    if (start && start.exitCode === null) start.kill('SIGKILL');
    host.removeWorkspaceCopy(workspace);
  });

  it('prints a URL whose workbench loads Paper Shelf, and stops on SIGINT', async () => {
    workspace = host.copyFixtureWorkspace();
    start = spawn(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'start.mjs'), '--no-build', '--code-server', '--folder', workspace],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => start!.once('exit', (code) => resolve(code)));
    start.stderr!.on('data', (chunk) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      start!.stdout!.on('data', (chunk) => {
        output += chunk;
        const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?\S+)$/m.exec(output);
        if (match) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`start.mjs exited (${code}) before printing a URL:\n${output}`)));
    });
    const port = Number(new URL(url).port);
    assert.ok(url.includes('extensionDevelopmentPath'), url);

    browser = await host.launchChromium();
    const page = await browser.newPage();
    await page.goto(url);
    await page
      .locator('.part.activitybar .action-item a[aria-label^="Paper Shelf"]')
      .waitFor({ state: 'visible', timeout: 90_000 });
    // The window is an Extension Development Host on the requested folder.
    await page.waitForFunction("document.title.includes('Extension Development Host')", undefined, { timeout: 30_000 });
    assert.match(await page.title(), new RegExp(path.basename(workspace)));
    await browser.close();
    browser = undefined;

    start.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.equal(await canConnect(port), false, 'code-server still listens after npm start stopped');
  });
});
