import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { ZodError } from "zod";
import { createRegistry } from "@/lib/engine/components";
import type { Output } from "@/lib/engine/core/contracts";
import { validateFlowComponents } from "@/lib/engine/core/flow-version";
import { createMessage, serializableMessage, type Message } from "@/lib/engine/core/message";
import type { TStepEvent } from "@/lib/engine/core/observer";
import { FlowRunner } from "@/lib/engine/core/runner";
import { sharedEvaluator } from "@/lib/engine/sandbox/evaluator";
import { describeZodError } from "@/lib/errors";
import { parseFlowDocument, type TFlowSpec } from "@/lib/validation/flow-spec";
import { CliError, EXIT } from "../errors";

type TFlowTestOptions = { input: string; live?: boolean; raw?: boolean; json?: boolean };

async function readText(file: string): Promise<string> {
  return readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(EXIT.BAD_INPUT, `${file}: cannot read the file (${error.code ?? error.message}).`);
  });
}

async function loadFlow(file: string): Promise<TFlowSpec> {
  const text = await readText(file);
  let spec: TFlowSpec;
  try {
    spec = parseFlowDocument(text, /\.json$/i.test(file) ? "json" : /\.ya?ml$/i.test(file) ? "yaml" : undefined);
  } catch (error) {
    const detail =
      error instanceof ZodError ? describeZodError(error) : error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT.BAD_INPUT, `${file}: ${detail}`);
  }
  const issues = validateFlowComponents(spec, createRegistry());
  if (issues.length)
    throw new CliError(EXIT.BAD_INPUT, `${file}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  return spec;
}

/** Outputs become captures, so a flow can be tried without touching its targets. */
function captureOutput(id: string, captured: { outputId: string; message: Message }[]): Output {
  return {
    connect: async () => {},
    close: async () => {},
    write: async (message) => void captured.push({ outputId: id, message }),
  };
}

function show(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function printEvent(e: TStepEvent, asJson: boolean): void {
  if (asJson)
    return void process.stdout.write(`${JSON.stringify({ ...e, messages: e.messages.map(serializableMessage) })}\n`);
  const head = `── ${e.stepKind} ${e.stepId} (${e.use}): ${e.outcome}${e.attempts > 1 ? `, ${e.attempts} attempts` : ""}, ${e.durationMs} ms`;
  process.stdout.write(`${head}${e.error ? ` — ${e.error}` : ""}\n`);
  if (e.outcome === "ok" || e.outcome === "failed") {
    for (const m of e.messages) {
      const route = m.headers["sb-route"] ? ` [route ${m.headers["sb-route"]}]` : "";
      process.stdout.write(
        `${route ? `${route.trim()}\n` : ""}${typeof m.body === "string" ? m.body : show(serializableMessage(m).body)}\n`,
      );
    }
  }
}

export function registerFlow(program: Command): void {
  const flow = program.command("flow").description("Work with flow specs locally");
  flow
    .command("test")
    .description(
      "Run a flow spec (YAML or JSON) on one input file and print each step's output. Outputs are captured, not called, unless --live.",
    )
    .argument("<flow-file>", "the flow spec")
    .requiredOption("--input <file>", "the message body; .json files are parsed unless --raw")
    .option("--raw", "pass the input file as text (for flows that start with a parse step)")
    .option("--live", "call the real outputs (HTTP, files, databases)")
    .option("--json", "print step events as JSON lines")
    .action(async (flowFile: string, opts: TFlowTestOptions) => {
      const spec = await loadFlow(flowFile);
      const text = await readText(opts.input);
      let body: unknown = text;
      if (!opts.raw && /\.json$/i.test(opts.input)) {
        try {
          body = JSON.parse(text);
        } catch (error) {
          throw new CliError(
            EXIT.BAD_INPUT,
            `${opts.input}: not valid JSON (${(error as Error).message}); use --raw to pass it as text.`,
          );
        }
      }
      const captured: { outputId: string; message: Message }[] = [];
      const runner = new FlowRunner(spec, createRegistry(), {
        observer: { onStep: (e) => printEvent(e, Boolean(opts.json)) },
        outputFactory: opts.live ? undefined : (o) => captureOutput(o.id, captured),
      });
      const signal = new AbortController().signal;
      try {
        await runner.connect(signal);
        const result = await runner.run(
          createMessage({ body, source: "switchboard-cli", type: "switchboard.flow_test" }),
          signal,
        );
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ status: result.status, deadLetters: result.deadLetters, failures: result.failures })}\n`,
          );
        } else {
          for (const c of captured)
            process.stdout.write(
              `── captured by output ${c.outputId}\n${typeof c.message.body === "string" ? c.message.body : show(c.message.body)}\n`,
            );
          for (const d of [...result.deadLetters, ...result.failures])
            process.stdout.write(`── dead letter from ${d.failedStep}: ${d.error}\n`);
          process.stdout.write(
            `Result: ${result.status}${opts.live ? "" : " (outputs captured; use --live to call them)"}\n`,
          );
        }
        if (result.status === "dead_lettered" || result.status === "failed")
          throw new CliError(
            EXIT.FAILURE,
            `The message failed at ${(result.deadLetters[0] ?? result.failures[0]).failedStep}.`,
          );
      } finally {
        await runner.close();
        await sharedEvaluator().close();
      }
    });
}
