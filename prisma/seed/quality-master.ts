// Demo golden records: the customer entity fed by three systems (crm, erp, shop) whose copies of the
// same customers disagree (spelling, phone, address detail, recency), merged by the entity's match
// rules and survivorship, plus a few pairs close enough to need a steward (the queue). Through the
// services, as the engine's golden_record step would ingest them. Idempotent: an entity is found by
// key, and a source record seen before with the same values changes nothing.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { CUSTOMER_CONFIG } from "../../lib/quality/master/customer-config";
import { createMasterEntity, ingestMasterRecord } from "../../lib/services/quality/master";

type TSeedRecord = [system: string, sourceId: string, observedAt: string, attributes: Record<string, string | null>];

const RECORDS: TSeedRecord[] = [
  // Ann Smith: the same email in all three systems, conflicting values elsewhere.
  [
    "crm",
    "C-100",
    "2026-09-01T09:00:00Z",
    {
      name: "Ann Smith",
      email: "ann.smith@example.com",
      phone: "+1 555 010 0100",
      street: "12 Main St",
      city: "Springfield",
      postalCode: null,
    },
  ],
  [
    "erp",
    "E-7",
    "2026-11-01T09:00:00Z",
    {
      name: "SMITH, ANN",
      email: "ANN.SMITH@example.com",
      phone: "555-010-0199",
      street: "12 Main Street, Suite 4",
      city: "Springfield IL",
      postalCode: "62701",
    },
  ],
  [
    "shop",
    "S-42",
    "2026-10-01T09:00:00Z",
    {
      name: "Annie Smith",
      email: "ann.smith@example.com",
      phone: "(555) 010-0142",
      street: "12 Main St.",
      city: "Sprngfield",
      postalCode: "62701",
    },
  ],
  // Bruno Díaz: phone is the shared key; the shop has no accent and an abbreviated street.
  [
    "crm",
    "C-101",
    "2026-08-15T12:00:00Z",
    {
      name: "Bruno Díaz",
      email: "bruno@diaz.example",
      phone: "+1 (555) 020-0200",
      street: "48 Harbor Avenue",
      city: "Portland",
      postalCode: "97201",
    },
  ],
  [
    "shop",
    "S-77",
    "2026-11-20T08:30:00Z",
    {
      name: "Bruno Diaz",
      email: null,
      phone: "555 020 0200",
      street: "48 Harbor Ave",
      city: "Portland",
      postalCode: "97201",
    },
  ],
  // Chen Wei: erp and crm only, matched on name and address (no shared key).
  [
    "erp",
    "E-12",
    "2026-07-01T10:00:00Z",
    {
      name: "Wei Chen",
      email: "w.chen@corp.example",
      phone: null,
      street: "7 Lake Road",
      city: "Madison",
      postalCode: "53703",
    },
  ],
  [
    "crm",
    "C-102",
    "2026-10-10T10:00:00Z",
    {
      name: "Chen Wei",
      email: "wei.chen@corp.example",
      phone: "+1 555 030 0300",
      street: "7 Lake Rd",
      city: "Madison",
      postalCode: "53703",
    },
  ],
  // Review queue: close enough to ask a steward, not enough to merge on their own.
  [
    "crm",
    "C-103",
    "2026-06-01T10:00:00Z",
    {
      name: "Dana Kowalski",
      email: "dana.k@mail.example",
      phone: "+1 555 040 0400",
      street: "301 Birch Lane",
      city: "Columbus",
      postalCode: "43004",
    },
  ],
  [
    "shop",
    "S-90",
    "2026-11-02T10:00:00Z",
    {
      name: "Dana Kowalsky",
      email: "dkowalski@shop.example",
      phone: "+1 555 040 0411",
      street: "301 Birch Ln",
      city: "Columbus",
      postalCode: "43085",
    },
  ],
  [
    "erp",
    "E-30",
    "2026-05-05T10:00:00Z",
    {
      name: "Erik Lund",
      email: "erik.lund@firm.example",
      phone: "+1 555 050 0500",
      street: "9 Pine Street",
      city: "Duluth",
      postalCode: "55802",
    },
  ],
  [
    "crm",
    "C-104",
    "2026-09-09T10:00:00Z",
    {
      name: "Eric Lund",
      email: "elund@firm.example",
      phone: "+1 555 050 0511",
      street: "19 Pine Street",
      city: "Duluth",
      postalCode: "55803",
    },
  ],
  [
    "crm",
    "C-105",
    "2026-04-04T10:00:00Z",
    {
      name: "Grace Hopper",
      email: "grace.hopper@navy.example",
      phone: "+1 555 070 0700",
      street: "1 Navy Way",
      city: "Arlington",
      postalCode: "22201",
    },
  ],
  [
    "erp",
    "E-40",
    "2026-10-04T10:00:00Z",
    {
      name: "Grace M Hopper",
      email: "ghopper@navy.example",
      phone: null,
      street: "100 Navy Way",
      city: "Arlington",
      postalCode: "22201",
    },
  ],
  // A customer only the shop knows.
  [
    "shop",
    "S-12",
    "2026-11-11T10:00:00Z",
    {
      name: "Fatima Zahra",
      email: "fatima@zahra.example",
      phone: "+1 555 060 0600",
      street: "2 Elm Court",
      city: "Austin",
      postalCode: "73301",
    },
  ],
];

export async function seedQualityMaster(actor: Actor): Promise<void> {
  if (!(await db().masterEntity.findUnique({ where: { key: "customer" }, select: { id: true } })))
    await createMasterEntity(actor, {
      key: "customer",
      name: "Customer",
      description: "Customers as the CRM, the ERP and the web shop know them.",
      config: CUSTOMER_CONFIG,
    });
  for (const [system, sourceId, observedAt, attributes] of RECORDS)
    await ingestMasterRecord(actor, "customer", {
      system,
      sourceId,
      observedAt: new Date(observedAt).toISOString(),
      attributes,
    });
}
