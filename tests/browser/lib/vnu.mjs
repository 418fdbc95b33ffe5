// The Nu HTML Checker (vnu-jar, the W3C validator's engine) on the machine's Java, run once for
// every HTML file of every site under test: one JVM, started before the browser checks so it
// works on the other core meanwhile.

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
export const VNU_JAR = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");

/**
 * Checks `files` (absolute paths) with `java -jar vnu.jar --errors-only --format json`.
 * @returns {Promise<{version: string, messages: {url: string, type: string, subType?: string, message: string, extract?: string, lastLine?: number, firstColumn?: number, lastColumn?: number}[]}>}
 */
export function validate(files) {
  return new Promise((resolve, reject) => {
    const java = spawn(process.env.JAVA || "java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    java.stdout.on("data", (d) => (out += d));
    java.stderr.on("data", (d) => (out += d));
    java.on("error", (e) => reject(new Error(`could not start java for vnu.jar: ${e.message}`)));
    java.on("close", (code) => {
      try {
        resolve(JSON.parse(out.slice(out.indexOf("{"))));
      } catch {
        reject(new Error(`vnu.jar exited with ${code} and printed no JSON report:\n${out.slice(0, 2000)}`));
      }
    });
  });
}
