import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { defineComponent, type Output } from "@/lib/engine/core/contracts";
import { PermanentError } from "@/lib/engine/core/errors";
import type { Message } from "@/lib/engine/core/message";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { encodeBody } from "../http/output-http";
import { evaluatorOf, messageBindings } from "../shared/expressions";

const EXTENSIONS: Record<string, string> = {
  "application/json": "json",
  "application/xml": "xml",
  "text/csv": "csv",
  "application/edi-x12": "x12",
  "application/edifact": "edi",
};

export const fileOutput = defineComponent({
  kind: "output",
  name: "file",
  status: "stable",
  summary:
    "File drop: writes each message to a directory atomically (temp file + rename), so readers never see half a file.",
  config: z
    .object({
      directory: z.string().trim().min(1).max(1000).describe("Target directory; created if missing."),
      fileName: zJsonata(
        "Expression over the body for the file name, e.g. orderId & '.json'; default: message id + extension.",
      ).optional(),
    })
    .strict(),
  create: (config, deps): Output => {
    const dir = path.resolve(config.directory);
    const nameFor = async (msg: Message) => {
      const ext =
        EXTENSIONS[msg.datacontenttype] ??
        (typeof msg.body === "object" && !Buffer.isBuffer(msg.body) ? "json" : "txt");
      const raw = config.fileName
        ? await evaluatorOf(deps).evaluate(config.fileName, msg.body, messageBindings(msg))
        : `${msg.id}.${ext}`;
      const name = typeof raw === "string" ? raw : "";
      // Names come from message data: keep them inside the directory.
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name) || name.includes(".."))
        throw new PermanentError(`file output: ${JSON.stringify(raw)} is not a safe file name`);
      return name;
    };
    return {
      endpoint: `file:${dir}`,
      async connect() {
        await mkdir(dir, { recursive: true });
      },
      async write(msg) {
        const target = path.join(dir, await nameFor(msg));
        const temp = path.join(dir, `.${randomUUID()}.tmp`);
        const { body } = encodeBody(msg);
        try {
          await writeFile(temp, body, { flag: "wx" });
          await rename(temp, target);
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        }
      },
      async close() {},
    };
  },
});
