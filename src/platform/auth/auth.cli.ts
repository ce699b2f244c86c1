import {
  type CliCommand,
  cliContext,
  printJson,
  printTable,
  readStdin,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../cli.ts";
import { roles } from "../context.ts";
import { InputError } from "../errors.ts";
import { createToken, listTokens, revokeToken } from "./tokens.service.ts";
import { createUser, listUsers } from "./users.service.ts";

export const authCommands: CliCommand[] = [
  {
    name: "user create",
    summary: "create a user (the first admin too); the password is read from standard input",
    usage:
      "opsdeck user create --email E [--name N] [--role viewer|responder|manager|admin] [--password-stdin] [--json]",
    options: {
      email: { type: "string" },
      name: { type: "string" },
      "display-name": { type: "string" },
      role: { type: "string", default: "viewer" },
      "time-zone": { type: "string", default: "UTC" },
      "password-stdin": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    async run(args) {
      const email = stringOption(args, "email");
      const role = stringOption(args, "role");
      if (!(roles as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${roles.join(", ")}`);
      const name =
        stringOption(args, "name", false) ||
        email
          .split("@")[0]
          ?.toLowerCase()
          .replace(/[^a-z0-9._-]/g, "-") ||
        "";
      let password: string | undefined;
      if (args.values["password-stdin"]) {
        password = (await readStdin()).replace(/\r?\n$/, "");
        if (password === "")
          throw new InputError("no password on standard input", [{ path: "password", message: "is empty" }]);
      }
      const user = await withDatabase((db) =>
        createUser(db, cliContext(), {
          name,
          email,
          role: role as (typeof roles)[number],
          timeZone: stringOption(args, "time-zone"),
          displayName: stringOption(args, "display-name", false) || undefined,
          password,
        }),
      );
      if (args.values.json) printJson(user);
      else process.stdout.write(`created ${user.role} ${user.name} <${user.email}>\n`);
    },
  },
  {
    name: "user list",
    summary: "list users",
    usage: "opsdeck user list [--search TEXT] [--json] [--url URL]",
    options: {
      search: { type: "string" },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    async run(args) {
      const search = stringOption(args, "search", false) || undefined;
      const url = stringOption(args, "url", false);
      const items = url
        ? (
            (await remoteCall(
              url,
              "GET",
              `/api/v1/users?limit=1000${search ? `&search=${encodeURIComponent(search)}` : ""}`,
            )) as { items: Record<string, unknown>[] }
          ).items
        : await withDatabase((db) => listUsers(db, { search, limit: 1000, offset: 0 }));
      if (args.values.json) printJson({ items });
      else printTable(items as Record<string, unknown>[], ["name", "email", "role", "timeZone", "disabled"]);
    },
  },
  {
    name: "token create",
    summary: "create an API token for a user; it is printed once",
    usage: "opsdeck token create --email E --name N [--json]",
    options: {
      email: { type: "string" },
      user: { type: "string" },
      name: { type: "string" },
      json: { type: "boolean", default: false },
    },
    async run(args) {
      const user = stringOption(args, "email", false) || stringOption(args, "user");
      const name = stringOption(args, "name");
      const { token, view } = await withDatabase((db) => createToken(db, cliContext(), { user, name }));
      if (args.values.json) printJson({ token, id: view.id, name: view.name, user: view.user });
      else process.stdout.write(`${token}\n(shown once; id ${view.id})\n`);
    },
  },
  {
    name: "token list",
    summary: "list every API token (never the secrets)",
    usage: "opsdeck token list [--json]",
    options: { json: { type: "boolean", default: false } },
    async run(args) {
      const items = await withDatabase((db) => listTokens(db, cliContext().actor, true));
      if (args.values.json) printJson({ items });
      else printTable(items, ["id", "user", "name", "hint", "createdAt", "lastUsedAt", "revokedAt"]);
    },
  },
  {
    name: "token revoke",
    summary: "revoke an API token by id",
    usage: "opsdeck token revoke ID [--json]",
    options: { json: { type: "boolean", default: false } },
    async run(args) {
      const id = args.positionals[0];
      if (!id) throw new UsageError("give the token id");
      const view = await withDatabase((db) => revokeToken(db, cliContext(), id));
      if (args.values.json) printJson(view);
      else process.stdout.write(`revoked ${view.id} (${view.name})\n`);
    },
  },
];
