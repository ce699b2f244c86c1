import { createServer } from "node:http";

/**
 * The fastest receiver a single Node process can be on this machine: `node:http`, the body read and parsed
 * as JSON, a fixed 200, no validation, no storage. `npm run bench -- ingest` drives it with the same load as
 * Alertmanager and opsdeck, as the ceiling for any one-process Node receiver. Prints its port.
 */
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
      response.writeHead(200, { "content-type": "application/json" }).end('{"status":"success"}');
    } catch {
      response.writeHead(400).end();
    }
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
