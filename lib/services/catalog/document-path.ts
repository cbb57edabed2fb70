import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ZDocumentPathInput } from "@/lib/validation/catalog";
import { ZInterfaceInput } from "@/lib/validation/inventory";
import { appendAudit } from "../audit";
import { saveInterfaceTx } from "../inventory/interfaces";
import { reconcileCatalogTx } from "./get-reconciliation";

export type TDocumentedPath = { interfaceId: string; interfaceName: string; isFlowLinked: boolean };

/**
 * "Add to inventory": the undocumented path source → flow → target becomes an inventory interface,
 * named after the flow, with the mechanism, format and volume the traffic shows; the flow is linked to
 * it when it implements no interface yet. Refused when the path is no longer undocumented.
 */
export async function documentObservedPath(actor: Actor, raw: unknown, now: Date): Promise<TDocumentedPath> {
  assertCan(actor, "catalog:edit");
  assertCan(actor, "inventory:edit");
  const input = ZDocumentPathInput.parse(raw);
  try {
    return await transaction(async (tx) => {
      const { undocumented } = await reconcileCatalogTx(tx, now);
      const flag = undocumented.find(
        (f) =>
          f.flowId === input.flowId && f.source.id === input.sourceSystemId && f.target.id === input.targetSystemId,
      );
      if (!flag)
        throw new AppError("CONFLICT", "This path is no longer undocumented: the inventory already has its interface.");
      const name = await freeName(tx, input.name || flag.suggestion.name, input.sourceSystemId, input.targetSystemId);
      const iface = ZInterfaceInput.parse({
        name,
        sourceSystemId: flag.source.id,
        targetSystemId: flag.target.id,
        direction: "one_way",
        mechanism: flag.suggestion.mechanism,
        payloadFormat: flag.suggestion.payloadFormat,
        frequency: flag.suggestion.frequency,
        volumePerMonth: flag.suggestion.volumePerMonth,
        description: `Observed in traffic through flow ${flag.flowName}; added from the catalog's reconciliation.`,
      });
      const { id } = await saveInterfaceTx(tx, actor, iface);
      const flow = await tx.flow.findUniqueOrThrow({ where: { id: flag.flowId }, select: { interfaceId: true } });
      const isFlowLinked = flow.interfaceId === null;
      if (isFlowLinked) {
        await tx.flow.update({ where: { id: flag.flowId }, data: { interfaceId: id } });
        await appendAudit(tx, {
          actor,
          action: "flow.interface.link",
          entityType: "Flow",
          entityId: flag.flowId,
          before: { interfaceId: null },
          after: { interfaceId: id, interface: name },
        });
      }
      return { interfaceId: id, interfaceName: name, isFlowLinked };
    });
  } catch (error) {
    mapPrismaError(error, "interface");
  }
}

/** The flow's name unless these two systems already have an interface called that: then "name (2)", … */
async function freeName(tx: Tx, base: string, sourceSystemId: string, targetSystemId: string): Promise<string> {
  const taken = new Set(
    (
      await tx.interface.findMany({
        where: { sourceSystemId, targetSystemId, name: { startsWith: base } },
        select: { name: true },
      })
    ).map((i) => i.name),
  );
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  return name;
}
