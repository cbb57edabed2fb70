import type { Readable, Writable } from "node:stream";

/** Reads all of a piped stdin; the trailing newline is not part of the secret. */
export async function readPipedSecret(input: Readable): Promise<string> {
  let data = "";
  input.setEncoding("utf8");
  for await (const chunk of input) data += chunk as string;
  return data.replace(/\r?\n$/, "");
}

/** Prompts on a terminal without echoing what is typed. Ctrl-C aborts. */
export function promptSecret(prompt: string, input: NodeJS.ReadStream, output: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let value = "";
    input.setRawMode(true);
    input.resume();
    input.setEncoding("utf8");
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      output.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new Error("Cancelled."));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    input.on("data", onData);
  });
}
