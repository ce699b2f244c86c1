import type { Generated } from "kysely";

export interface UserTable {
  id: string;
  /** The handle other records use (schedules, manifests): lowercase, like a Backstage entity name. */
  name: string;
  email: string;
  display_name: string;
  role: string;
  time_zone: string;
  password_hash: string | null;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown in lists so a user can tell tokens apart. */
  hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SetupTokenTable {
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface LoginFailureTable {
  /** `account:EMAIL` or `address:IP`. */
  key: string;
  window_started_at: string;
  failures: number;
}

declare module "../db/tables.ts" {
  interface Tables {
    users: UserTable;
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    setup_tokens: SetupTokenTable;
    login_failures: LoginFailureTable;
  }
}
