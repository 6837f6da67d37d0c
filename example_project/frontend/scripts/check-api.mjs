// Fails when src/api/schema.d.ts is not what `npm run generate:api` makes of the committed
// OpenAPI snapshot (docs/reference/openapi.json): run that command and commit the result.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const schema = "../../docs/reference/openapi.json";
const committed = "src/api/schema.d.ts";
const dir = mkdtempSync(join(tmpdir(), "govnews-api-"));
try {
  const fresh = join(dir, "schema.d.ts");
  execFileSync("node_modules/.bin/openapi-typescript", [schema, "-o", fresh], { stdio: "pipe" });
  if (readFileSync(fresh, "utf8") !== readFileSync(committed, "utf8")) {
    console.error(
      `${committed} is stale: the OpenAPI schema changed.\n` +
        "Run `npm run generate:api` in example_project/frontend/ and commit the result.",
    );
    process.exit(1);
  }
  console.log(`${committed} matches ${schema}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
