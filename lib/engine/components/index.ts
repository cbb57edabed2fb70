import { Registry } from "@/lib/engine/core/registry";
import { processorParse } from "./formats/processor-parse";
import { processorSerialize } from "./formats/processor-serialize";
import { fileOutput } from "./file/output-file";
import { enrichHttpProcessor } from "./http/processor-enrich-http";
import { httpInput } from "./http/input-http";
import { httpOutput } from "./http/output-http";
import { pollHttpInput } from "./http/input-poll-http";
import { transformJsonataProcessor } from "./jsonata/processor-transform-jsonata";
import { validateJsonSchemaProcessor } from "./json-schema/processor-validate-json-schema";
import { pollSqlInput } from "./postgres/input-poll-sql";
import { postgresUpsertOutput } from "./postgres/output-postgres-upsert";
import { aggregateProcessor } from "./pure/processor-aggregate";
import { dedupeProcessor } from "./pure/processor-dedupe";
import { filterProcessor } from "./pure/processor-filter";
import { routeProcessor } from "./pure/processor-route";
import { splitProcessor } from "./pure/processor-split";
import { goldenRecordProcessor } from "./quality/golden-record";
import { profileProcessor } from "./quality/profile";
import { queueInput, queueOutput } from "./queue";
import { maskProcessor } from "./quality/mask";
import { validateRulesProcessor } from "./quality/validate-rules";

/** The single list of engine components. Nothing registers itself on import: add new ones here. */
export const createRegistry = () =>
  new Registry([
    httpInput,
    pollHttpInput,
    pollSqlInput,
    queueInput,
    processorParse,
    processorSerialize,
    validateJsonSchemaProcessor,
    transformJsonataProcessor,
    filterProcessor,
    routeProcessor,
    splitProcessor,
    aggregateProcessor,
    enrichHttpProcessor,
    dedupeProcessor,
    maskProcessor,
    goldenRecordProcessor,
    validateRulesProcessor,
    profileProcessor,
    httpOutput,
    fileOutput,
    postgresUpsertOutput,
    queueOutput,
  ]);
