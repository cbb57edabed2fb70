// pg-cursor ships no types; this is the part the SQL profiler uses (a Submittable for client.query).
declare module "pg-cursor" {
  import type { Submittable } from "pg";
  export default class Cursor<R = Record<string, unknown>> implements Submittable {
    constructor(text: string, values?: unknown[], config?: { rowMode?: "array"; types?: unknown });
    submit: Submittable["submit"];
    read(rowCount: number): Promise<R[]>;
    close(): Promise<void>;
  }
}
