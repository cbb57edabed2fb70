import { describe, expect, it } from "vitest";
import { listOperations, matchOperation, operationLabel } from "./operations";

const doc = {
  openapi: "3.1.0",
  paths: {
    "/orders/{id}": {
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" }, description: "path level" },
        { name: "X-Tenant", in: "header", schema: { type: "string" } },
      ],
      get: {
        operationId: "getOrder",
        summary: "One order",
        tags: ["orders"],
        parameters: [
          {
            name: "id",
            in: "path",
            required: true,
            schema: { type: "string", format: "uuid" },
            description: "op level",
          },
          { $ref: "#/components/parameters/Expand" },
        ],
        responses: {
          "200": {
            description: "The order",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
          },
          "404": { description: "Not found" },
        },
      },
      delete: { deprecated: true, responses: { "204": { description: "Deleted" } } },
    },
    "/orders/export": { get: { responses: { "200": { description: "CSV" } } } },
    "/orders": {
      post: {
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
        },
        responses: { "201": { description: "Created" } },
      },
    },
    "/files/{name}.{ext}": { get: { responses: { "200": { description: "A file" } } } },
  },
  components: {
    parameters: {
      Expand: {
        name: "expand",
        in: "query",
        style: "form",
        explode: false,
        schema: { type: "array", items: { type: "string" } },
      },
    },
    schemas: { Order: { type: "object", properties: { id: { type: "string" } } } },
  },
};

describe("listOperations", () => {
  const ops = listOperations(doc);

  it("lists every operation with its pointer and label", () => {
    expect(ops.map(operationLabel)).toEqual([
      "GET /orders/{id}",
      "DELETE /orders/{id}",
      "GET /orders/export",
      "POST /orders",
      "GET /files/{name}.{ext}",
    ]);
    expect(ops[0]).toMatchObject({
      operationId: "getOrder",
      summary: "One order",
      tags: ["orders"],
      deprecated: false,
      pointer: "/paths/~1orders~1{id}/get",
    });
    expect(ops[1].deprecated).toBe(true);
  });

  it("merges path-level parameters under operation-level ones and resolves references", () => {
    const get = ops[0];
    expect(get.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["header:X-Tenant", "path:id", "query:expand"]);
    expect(get.parameters.find((p) => p.name === "id")).toMatchObject({
      description: "op level",
      schema: { type: "string", format: "uuid" },
      required: true,
    });
    expect(get.parameters.find((p) => p.name === "expand")).toMatchObject({
      style: "form",
      explode: false,
      required: false,
    });
    expect(ops[1].parameters.find((p) => p.name === "id")?.description).toBe("path level");
    expect(get.responses["200"].content?.["application/json"].schema).toEqual({
      type: "object",
      properties: { id: { type: "string" } },
    });
    expect(ops[3].requestBody).toMatchObject({
      required: true,
      content: { "application/json": { schema: { type: "object" } } },
    });
  });
});

describe("matchOperation", () => {
  const ops = listOperations(doc);

  it("matches templated segments and decodes their values", () => {
    const m = matchOperation(ops, "get", "/orders/A%2F1");
    expect(m?.op.operationId).toBe("getOrder");
    expect(m?.pathParams).toEqual({ id: "A/1" });
    expect(matchOperation(ops, "GET", "/files/report.pdf")?.pathParams).toEqual({ name: "report", ext: "pdf" });
  });

  it("prefers a literal segment over a templated one", () => {
    expect(matchOperation(ops, "GET", "/orders/export")?.op.path).toBe("/orders/export");
  });

  it("returns null for an unknown method, path or segment count", () => {
    expect(matchOperation(ops, "PATCH", "/orders/1")).toBeNull();
    expect(matchOperation(ops, "GET", "/orders/1/lines")).toBeNull();
    expect(matchOperation(ops, "GET", "/customers")).toBeNull();
    expect(matchOperation(ops, "POST", "/orders/")?.op.path).toBe("/orders");
  });
});
