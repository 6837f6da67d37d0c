// Receives wagtail-govnews publish webhooks, checks their signature and rebuilds the static
// site (docs/how-to/webhooks.md). Node built-ins only:
//   GOVNEWS_WEBHOOK_SECRET=… node scripts/webhook-receiver.mjs
// GOVNEWS_WEBHOOK_SECRET  the endpoint's signing secret; several, comma-separated, while rotating
// WEBHOOK_PORT            default 3001 (listens on 127.0.0.1); POST /revalidate
// REVALIDATE_COMMAND      default "scripts/run.sh build", run through the shell
// REVALIDATE_DELAY_MS     default 2000: events arriving within it share one rebuild
import { spawn } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

const MAX_BODY = 1024 * 1024;
const TOLERANCE = 300; // seconds a signature stays acceptable (replays are refused)

/** Whether `header` ("t=…,v1=…") signs the raw `body` (a Buffer) with one of `secrets`. */
export function verifySignature(secrets, body, header, tolerance = TOLERANCE, now = Date.now()) {
  const parts = (header ?? "").split(",").map((part) => part.trim().split("="));
  const t = Number(parts.find(([key]) => key === "t")?.[1]);
  const candidates = parts.filter(([key]) => key === "v1").map(([, value]) => value ?? "");
  if (!Number.isInteger(t) || candidates.length === 0) return false;
  if (Math.abs(now / 1000 - t) > tolerance) return false;
  return secrets.some((secret) => {
    const expected = createHmac("sha256", secret).update(`${t}.`).update(body).digest();
    return candidates
      .map((hex) => Buffer.from(hex, "hex"))
      .map((given) => given.length === expected.length && timingSafeEqual(given, expected))
      .some(Boolean);
  });
}

/** Runs `command` after `delayMs`, once for a burst of calls; again if called while it runs. */
function debounced(command, delayMs) {
  let timer = null;
  let running = false;
  let again = false;
  const run = () => {
    timer = null;
    running = true;
    const child = spawn(command, { shell: true, stdio: "inherit" });
    child.on("exit", (code) => {
      running = false;
      console.log(`revalidate: "${command}" exited with ${code}`);
      if (again) {
        again = false;
        schedule();
      }
    });
  };
  const schedule = () => {
    if (running) again = true;
    else if (timer === null) timer = setTimeout(run, delayMs);
  };
  return schedule;
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error("body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export function createReceiver({ secrets, revalidate }) {
  const seen = new Set(); // event ids already handled: a retried delivery is not rebuilt twice
  return createServer(async (request, response) => {
    const answer = (status, message) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(message));
    };
    if (request.method !== "POST" || request.url !== "/revalidate") {
      return answer(404, { error: "POST /revalidate" });
    }
    let body;
    try {
      body = await readBody(request);
    } catch {
      return answer(413, { error: "body too large" });
    }
    if (!verifySignature(secrets, body, request.headers["x-govnews-signature"])) {
      return answer(401, { error: "bad signature" });
    }
    const event = JSON.parse(body.toString("utf8"));
    if (event.type === "endpoint.ping") return answer(200, { pong: event.id });
    if (seen.has(event.id)) return answer(200, { duplicate: event.id });
    seen.add(event.id);
    if (seen.size > 10000) seen.delete(seen.values().next().value);
    const paths = [event.old_path, event.new_path].filter(Boolean);
    console.log(`${event.type} #${event.article.id} ${paths.join(" → ")}`);
    revalidate(event);
    return answer(202, { accepted: event.id }); // answer now; the rebuild runs afterwards
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secrets = (process.env.GOVNEWS_WEBHOOK_SECRET ?? "").split(",").filter(Boolean);
  if (secrets.length === 0) {
    console.error("Set GOVNEWS_WEBHOOK_SECRET to the endpoint's signing secret.");
    process.exit(2);
  }
  const command = process.env.REVALIDATE_COMMAND ?? "scripts/run.sh build";
  const delay = Number(process.env.REVALIDATE_DELAY_MS ?? 2000);
  const port = Number(process.env.WEBHOOK_PORT ?? 3001);
  const server = createReceiver({ secrets, revalidate: debounced(command, delay) });
  server.listen(port, "127.0.0.1", () => {
    console.log(`webhook receiver listening on http://127.0.0.1:${server.address().port}/revalidate`);
  });
}
