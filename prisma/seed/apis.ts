// Demo APIs: "orders" (the demo ERP's stock changes and shipments behind the API gateway) with v1
// published in dev, test and production (production through a change the CAB approved and the engineer
// implemented, as the changes seed does for flows) and v2 published in dev; "customers" as a draft
// product with no version yet. Through the services (audited, the gateway notified). Idempotent: a
// product is found by key, a revision by content, a publish or change is skipped once it happened.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { env } from "../../lib/env";
import { addApiRevision, createApiProduct, publishApiRevision } from "../../lib/services/apis";
import { decideChange, implementChange, openChangeRequest } from "../../lib/services/changes";

const ENGINEER = "engineer@switchboard.local";
const CAB_VOTERS = ["cab@switchboard.local", "cab2@switchboard.local", "owner@switchboard.local"];

/** The orders contract; v2 renames the cursor and makes the page size explicit (a breaking change). */
function ordersDocument(major: 1 | 2): string {
  const cursor = major === 1 ? "after" : "cursor";
  return `openapi: 3.1.0
info:
  title: Orders API
  version: "${major}.0.0"
  description: Stock changes and shipments of the ERP, for partners and internal systems.
tags:
  - name: Stock
  - name: Shipments
paths:
  /stock-changes:
    get:
      operationId: listStockChanges
      tags: [Stock]
      summary: Stock changes after a cursor, oldest first
      parameters:
        - name: ${cursor}
          in: query
          description: The sequence number of the last change already read.
          schema:
            type: integer
            minimum: 0
        - name: limit
          in: query
          required: ${major === 2 ? "true" : "false"}
          schema:
            type: integer
            minimum: 1
            maximum: 500
      responses:
        "200":
          description: A page of stock changes and the next cursor
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/StockPage"
  /shipments:
    post:
      operationId: createShipment
      tags: [Shipments]
      summary: Record a shipment in the ERP
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/Shipment"
      responses:
        "202":
          description: Accepted
components:
  schemas:
    StockPage:
      type: object
      required: [changes, next]
      properties:
        changes:
          type: array
          items:
            type: object
            required: [seq, sku, quantity]
            properties:
              seq: { type: integer }
              sku: { type: string }
              quantity: { type: integer }
        next:
          type: integer
    Shipment:
      type: object
      required: [shipmentId]
      properties:
        shipmentId: { type: string }
        carrier: { type: string }
`;
}

async function actorFor(email: string): Promise<Actor | null> {
  return db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true } });
}

async function environmentId(key: string): Promise<string> {
  return (await db().environment.findUniqueOrThrow({ where: { key }, select: { id: true } })).id;
}

async function publishOnce(actor: Actor, revisionId: string, envKey: string): Promise<void> {
  const environment = await environmentId(envKey);
  const reached = await db().apiDeployment.findFirst({ where: { revisionId, environmentId: environment } });
  if (!reached) await publishApiRevision(actor, { revisionId, environmentId: environment });
}

/** orders v1 to production: a normal change, approved by the CAB, implemented by the engineer. */
async function publishToProduction(engineer: Actor, revisionId: string): Promise<void> {
  const prod = await environmentId("prod");
  if (await db().apiDeployment.findFirst({ where: { revisionId, environmentId: prod } })) return;
  const title = "Go live: orders API v1 in production";
  const existing = await db().changeRequest.findFirst({ where: { title }, select: { id: true } });
  const now = Date.now();
  const changeId =
    existing?.id ??
    (
      await openChangeRequest(engineer, {
        title,
        description: "The orders API for partners: tested in test with the supplier portal.",
        type: "normal",
        environmentKey: "prod",
        windowStart: new Date(now - 10 * 60_000),
        windowEnd: new Date(now + 6 * 24 * 3_600_000),
        rolloutPlan:
          "Implement inside the window: the gateway serves orders v1 in production. Watch the API analytics.",
        rollbackPlan: "Deprecate orders v1 with an immediate sunset; consumers fall back to batch files.",
        items: [{ kind: "api", versionId: revisionId }],
      })
    ).id;
  for (const email of CAB_VOTERS) {
    const change = await db().changeRequest.findUniqueOrThrow({ where: { id: changeId }, select: { status: true } });
    if (change.status !== "submitted") break;
    const voter = await actorFor(email);
    if (voter)
      await decideChange(voter, { changeId, decision: "approve", comment: "Contract reviewed; tested in test." });
  }
  const change = await db().changeRequest.findUniqueOrThrow({ where: { id: changeId }, select: { status: true } });
  if (change.status === "approved") await implementChange(engineer, { changeId });
}

export async function seedApis(actor: Actor): Promise<void> {
  const engineer = (await actorFor(ENGINEER)) ?? actor;
  const owner = await db().user.findUnique({ where: { email: ENGINEER }, select: { id: true } });
  const erp = await db().system.findFirst({ where: { name: { contains: "SAP" } }, select: { id: true } });
  const crm = await db().system.findFirst({ where: { name: { contains: "Salesforce" } }, select: { id: true } });
  const products = [
    {
      key: "orders",
      name: "Orders API",
      description: "Stock changes and shipments of the ERP, for partners and internal systems.",
      ownerId: owner?.id ?? null,
      systemId: erp?.id ?? null,
    },
    {
      key: "customers",
      name: "Customers API",
      description: "Customer master data from the CRM. Draft: the contract is being agreed with the sales team.",
      ownerId: owner?.id ?? null,
      systemId: crm?.id ?? null,
    },
  ];
  for (const p of products)
    if (!(await db().apiProduct.findUnique({ where: { key: p.key }, select: { id: true } })))
      await createApiProduct(engineer, p);

  const backendUrl = `http://127.0.0.1:${env().SWITCHBOARD_DEMO_PORT}/erp`;
  const revision = (major: 1 | 2) =>
    addApiRevision(engineer, {
      productKey: "orders",
      major,
      source: ordersDocument(major),
      backendKind: "http",
      backendUrl,
      syncTimeoutMs: 10_000,
      note: "Seeded demo contract",
    });
  const v1 = await revision(1);
  await publishOnce(engineer, v1.id, "dev");
  await publishOnce(engineer, v1.id, "test");
  await publishToProduction(engineer, v1.id);
  const v2 = await revision(2);
  await publishOnce(engineer, v2.id, "dev");
}
