import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { ParseError, PermanentError } from "@/lib/engine/core/errors";
import { convert, DEFAULT_MAX_BYTES, FORMATS, isFormat, type TFormat } from "@/lib/engine/formats";
import { CliError, EXIT } from "../errors";

type TConvertOptions = { from: string; to: string; out?: string; maxBytes?: string };

function format(flag: string, value: string): TFormat {
  if (!isFormat(value))
    throw new CliError(EXIT.BAD_INPUT, `--${flag}: "${value}" is not a format; use one of ${FORMATS.join(", ")}.`);
  return value;
}

export function registerConvert(program: Command): void {
  program
    .command("convert")
    .description(
      "Convert a payload between JSON, XML, CSV, X12 and EDIFACT with the engine's own parsers and limits. A rejected file exits 2 with one line naming the reason and position.",
    )
    .argument("<file>", "the payload to convert")
    .requiredOption("--from <format>", FORMATS.join("|"))
    .requiredOption("--to <format>", FORMATS.join("|"))
    .option("--out <file>", "write here instead of stdout")
    .option("--max-bytes <n>", `payload size limit (default ${DEFAULT_MAX_BYTES})`)
    .action(async (file: string, opts: TConvertOptions) => {
      const from = format("from", opts.from);
      const to = format("to", opts.to);
      const maxBytes = opts.maxBytes === undefined ? DEFAULT_MAX_BYTES : Number(opts.maxBytes);
      if (!Number.isInteger(maxBytes) || maxBytes < 1)
        throw new CliError(EXIT.BAD_INPUT, `--max-bytes: "${opts.maxBytes}" is not a positive whole number.`);
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(EXIT.BAD_INPUT, `${file}: cannot read the file (${error.code ?? error.message}).`);
      });
      let output: string;
      try {
        output = convert(bytes, from, to, { maxBytes });
      } catch (error) {
        if (error instanceof ParseError || error instanceof PermanentError)
          throw new CliError(EXIT.BAD_INPUT, `${path.basename(file)}: ${error.message}`);
        throw error;
      }
      const text = output.endsWith("\n") ? output : `${output}\n`;
      if (opts.out) await writeFile(opts.out, text);
      else process.stdout.write(text);
    });
}
