#!/usr/bin/env node
/**
 * Outside audits of running pages: Lighthouse (mobile and desktop: accessibility, best
 * practices, SEO, performance) and the Nu HTML Checker (vnu.jar, errors and warnings).
 *
 *   node audit.mjs URL [URL ...] [--json results.json] [--strict]
 *
 * Prints one row per page and form factor. With --strict the exit status is 1 when a page
 * scores under 100 in accessibility, best practices or SEO, or has an HTML error (performance
 * depends on the machine and is reported only). Chromium: $CHROME_PATH, else /usr/bin/chromium.
 * benchmarks/audit/run.sh starts the demo and the reference frontend and audits both.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import vnuJar from "vnu-jar";

const GATED = ["accessibility", "best-practices", "seo"];
const CATEGORIES = [...GATED, "performance"];
const run = promisify(execFile);

function parseArguments(argv) {
  const options = { urls: [], json: null, strict: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === "--json") options.json = argv[(index += 1)];
    else if (argument === "--strict") options.strict = true;
    else options.urls.push(argument);
  }
  if (!options.urls.length) {
    console.error("usage: node audit.mjs URL [URL ...] [--json results.json] [--strict]");
    process.exit(2);
  }
  return options;
}

/** Lighthouse's scores (0–100) of one page in one form factor, with the failed audits. */
async function lighthouseScores(url, port, formFactor) {
  const config = formFactor === "desktop" ? desktopConfig : undefined;
  const flags = { port, output: "json", logLevel: "error", onlyCategories: CATEGORIES };
  const { lhr } = await lighthouse(url, flags, config);
  const scores = Object.fromEntries(
    CATEGORIES.map((name) => [name, Math.round((lhr.categories[name]?.score ?? 0) * 100)]),
  );
  const failed = GATED.flatMap((name) =>
    lhr.categories[name].auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null)
      .filter((ref) => lhr.audits[ref.id].score < 1)
      .map((ref) => `${name}: ${ref.id}`),
  );
  return { scores, failed };
}

/** The Nu HTML Checker's messages for each page, fetched once and checked as files. */
async function htmlMessages(urls) {
  const directory = await mkdtemp(join(tmpdir(), "govnews-vnu-"));
  try {
    const files = await Promise.all(
      urls.map(async (url, index) => {
        const response = await fetch(url);
        const file = join(directory, `page-${index}.html`);
        await writeFile(file, Buffer.from(await response.arrayBuffer()));
        return file;
      }),
    );
    // vnu exits 1 when it reports errors; its JSON report is on stderr either way.
    const outcome = await run("java", ["-jar", vnuJar, "--format", "json", ...files], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error) => error);
    const report = JSON.parse(outcome.stderr || '{"messages": []}');
    return urls.map((url, index) => {
      const mine = report.messages.filter((message) => message.url?.endsWith(files[index]));
      return {
        errors: mine.filter((message) => message.type === "error"),
        warnings: mine.filter((message) => message.subType === "warning"),
      };
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const options = parseArguments(process.argv.slice(2));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const results = [];
try {
  const html = await htmlMessages(options.urls);
  for (const [index, url] of options.urls.entries()) {
    for (const formFactor of ["mobile", "desktop"]) {
      const { scores, failed } = await lighthouseScores(url, chrome.port, formFactor);
      results.push({
        url,
        formFactor,
        ...scores,
        htmlErrors: html[index].errors.length,
        htmlWarnings: html[index].warnings.length,
        failed,
        htmlErrorMessages: html[index].errors.map((m) => `${m.lastLine}: ${m.message}`),
        htmlWarningMessages: html[index].warnings.map((m) => `${m.lastLine}: ${m.message}`),
      });
    }
  }
} finally {
  await chrome.kill();
}

console.log("page\tform\ta11y\tbest\tseo\tperf\thtml errors\thtml warnings");
for (const row of results) {
  console.log(
    [row.url, row.formFactor, row.accessibility, row["best-practices"], row.seo, row.performance,
      row.htmlErrors, row.htmlWarnings].join("\t"),
  );
  for (const line of [...row.failed, ...row.htmlErrorMessages]) console.log(`    ${line}`);
}
if (options.json) await writeFile(options.json, JSON.stringify(results, null, 2));
const short = results.filter(
  (row) => row.htmlErrors || GATED.some((name) => row[name] < 100),
);
if (options.strict && short.length) {
  console.error(`${short.length} page audits under 100 or with HTML errors`);
  process.exit(1);
}
