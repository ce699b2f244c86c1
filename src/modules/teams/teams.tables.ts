export interface TeamTable {
  id: string;
  name: string;
  display_name: string;
  description: string;
  email: string | null;
  parent: string | null;
  created_at: string;
  updated_at: string;
}

/** Members are kept by user name, not id: a manifest may name a user that arrives later (unresolved, not an error). */
export interface TeamMemberTable {
  team_id: string;
  user_name: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    teams: TeamTable;
    team_members: TeamMemberTable;
  }
}
