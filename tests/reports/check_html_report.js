// Opens helder's HTML report in headless Chromium (playwright-core, offline, a fresh profile) and checks it
// against the JSON report of the same run: nothing fails or is fetched while loading, every finding's
// highlight segments hold exactly its text, links land on their targets, and the page fits a phone and prints.
// Usage: node check_html_report.js --html REPORT.html --json REPORT.json --chromium PATH --work DIR
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`unexpected argument: ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const name of ['html', 'json', 'chromium', 'work'])
    if (!args[name]) throw new Error(`missing --${name}`);
  return args;
}

// The HTML parser turns "\r\n" and a lone "\r" into "\n": the page's text has the same line ends.
const htmlLineEnds = (text) => text.replace(/\r\n?/g, '\n');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(args.chromium)) {
    console.error(`FAIL: ${args.chromium} is missing (scripts/bootstrap.sh installs chromium)`);
    return 1;
  }
  const { chromium } = require('playwright-core');
  const report = JSON.parse(fs.readFileSync(args.json, 'utf8'));
  const pageUrl = pathToFileURL(path.resolve(args.html)).href;
  const failures = [];
  const fail = (what) => failures.push(what);

  fs.mkdirSync(args.work, { recursive: true });
  const profile = fs.mkdtempSync(path.join(args.work, 'profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: args.chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
    offline: true,
  });
  try {
    // Everything the page asks for besides itself is noted and refused.
    const requests = [];
    context.on('request', (request) => {
      if (request.url() !== pageUrl) requests.push(request.url());
    });
    await context.route('**/*', (route) =>
      route.request().url() === pageUrl ? route.continue() : route.abort());
    const page = context.pages()[0] || (await context.newPage());
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.waitForTimeout(300);  // late errors and requests (favicon, fonts) would arrive now
    for (const p of problems) fail(p);
    for (const url of requests) fail(`request to something else than the report: ${url}`);
    const seen = { problems: problems.length, requests: requests.length };

    const head = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      loaders: document.querySelectorAll('script[src], link, img, iframe, object, embed, video, audio').length,
    }));
    if (head.lang !== 'nl') fail(`<html lang> is "${head.lang}", not "nl"`);
    if (!head.title.trim()) fail('the page has no title');
    if (head.loaders !== 0) fail(`${head.loaders} elements that load something from elsewhere`);

    // Every finding of the JSON report: the segments of its highlight, joined, are its text.
    const sections = await page.evaluate(() =>
      [...document.querySelectorAll('section.document')].map((section) => ({
        heading: section.querySelector('h2').textContent,
        panels: section.querySelectorAll('li.melding').length,
        segments: [...section.querySelectorAll('mark[data-findings]')].map((m) => ({
          ids: m.dataset.findings.split(' '),
          text: m.textContent,
        })),
      })));
    if (sections.length !== report.files.length)
      fail(`${sections.length} documents in the page, ${report.files.length} in the JSON report`);
    let checked = 0;
    report.files.forEach((file, i) => {
      const section = sections[i];
      if (!section) return;
      if (section.heading !== file.file) fail(`document ${i + 1} is "${section.heading}", expected "${file.file}"`);
      if (section.panels !== file.findings.length)
        fail(`${file.file}: ${section.panels} panels for ${file.findings.length} findings`);
      for (const finding of file.findings) {
        const shown = section.segments.filter((s) => s.ids.includes(finding.id)).map((s) => s.text).join('');
        if (shown !== htmlLineEnds(finding.text))
          fail(`${file.file}: finding ${finding.id} (${finding.rule}) shows ${JSON.stringify(shown)}, ` +
               `expected ${JSON.stringify(finding.text)}`);
        ++checked;
      }
    });
    if (checked === 0) fail('the JSON report has no findings: nothing was compared');

    // Every link inside the page has its target (the chart's bars too).
    const missing = await page.evaluate(() =>
      [...document.querySelectorAll('a[href^="#"]')]
        .map((a) => a.getAttribute('href').slice(1))
        .filter((id) => !document.getElementById(id)));
    if (missing.length) fail(`${missing.length} links without a target, such as #${missing[0]}`);

    // Clicking a highlight shows its panel (an anchor link: no script needed).
    if ((await page.locator('a.markering').count()) < 6) throw new Error('the page has fewer than 6 highlights');
    const highlight = page.locator('a.markering').nth(5);
    const target = (await highlight.getAttribute('href')).slice(1);
    await highlight.click();
    const landed = await page.evaluate(() => ({
      hash: location.hash,
      target: document.querySelector(':target') && document.querySelector(':target').id,
    }));
    if (landed.hash !== `#${target}` || landed.target !== target)
      fail(`clicking a highlight went to ${landed.hash} (:target ${landed.target}), expected #${target}`);
    else if (!(await page.locator(`[id="${target}"]`).isVisible())) fail(`panel #${target} is not visible`);
    const panelTop = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, target);
    if (panelTop < -1 || panelTop > 900) fail(`panel #${target} is not on screen after the click (top ${panelTop})`);

    // A phone: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) fail(`on a 360 px wide phone the page is ${width} px wide`);

    // Printing gives pages.
    const pdf = await page.pdf({ format: 'A4' });
    if (pdf.subarray(0, 5).toString() !== '%PDF-' || pdf.length < 10000) fail('printing did not give a PDF');

    // Clicking, resizing and printing must not cause errors or requests either.
    for (const p of problems.slice(seen.problems)) fail(p);
    for (const url of requests.slice(seen.requests)) fail(`request to something else than the report: ${url}`);
    console.log(`checked ${checked} findings in ${sections.length} documents, PDF of ${pdf.length} bytes`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  for (const f of failures) console.error(`FAIL: ${f}`);
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(`FAIL: ${error.stack || error}`);
  process.exit(1);
});
