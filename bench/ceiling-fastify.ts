import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { fromPostableAlerts, postableAlerts } from "../src/modules/alerts/formats/alertmanager.ts";

/**
 * The floor of opsdeck's own stack for a single-alert request: Fastify 5 with zod validation (the
 * architecture's HTTP choice), opsdeck's Alertmanager API schema and conversion to its alert model (labels
 * sorted, fingerprint hashed), a 200 with one outcome, and nothing stored, no authentication, no hooks.
 * `npm run bench -- ingest` drives it with the same load as Alertmanager and opsdeck. Prints its port.
 */
const app = Fastify({ logger: false });
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
const outcome = z.object({ fingerprint: z.string(), outcome: z.string() });
app.withTypeProvider<ZodTypeProvider>().post(
  "/api/v2/alerts",
  {
    schema: {
      body: postableAlerts,
      response: { 200: z.object({ status: z.string(), alerts: z.array(outcome) }) },
    },
  },
  async (request) => ({
    status: "success",
    alerts: fromPostableAlerts(request.body, new Date()).map((a) => ({
      fingerprint: a.fingerprint,
      outcome: "created",
    })),
  }),
);
const address = await app.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`${new URL(address).port}\n`);
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
