import type { TDoc } from "./test-helpers";

const P = (d: TDoc) => d.paths;

function renameOrderId(d: TDoc): void {
  P(d)["/orders/{id}"] = P(d)["/orders/{orderId}"];
  delete P(d)["/orders/{orderId}"];
  P(d)["/orders/{id}"].parameters[0].name = "id";
}

export type TCase = { name: string; revise: (d: TDoc) => void; base?: (d: TDoc) => void; expect: string[] };

/** Every fixed rule, each from a realistic edit of the orders API: the ids are the complete outcome. */
export const FIXED_CASES: TCase[] = [
  {
    name: "a path removed",
    revise: (d) => delete P(d)["/orders/{orderId}/shipments"],
    expect: ["api-path-removed-without-deprecation"],
  },
  {
    name: "an operation removed",
    revise: (d) => delete P(d)["/orders/{orderId}"].delete,
    expect: ["api-removed-without-deprecation"],
  },
  {
    name: "a deprecated operation removed before its sunset",
    base: (d) => (P(d)["/legacy/orders"].get["x-sunset"] = "2027-06-30"),
    revise: (d) => delete P(d)["/legacy/orders"],
    expect: ["api-removed-before-sunset"],
  },
  {
    name: "a deprecated operation removed after its sunset",
    revise: (d) => delete P(d)["/legacy/orders"],
    expect: ["api-removed-after-deprecation"],
  },
  {
    name: "an operation added",
    revise: (d) =>
      (P(d)["/orders/{orderId}"].put = { operationId: "replaceOrder", responses: { "200": { description: "ok" } } }),
    expect: ["api-operation-added"],
  },
  {
    name: "a path parameter renamed (oasdiff#608): same URLs, matched by position",
    revise: (d) => renameOrderId(d),
    expect: ["request-path-parameter-renamed"],
  },
  {
    name: "a path parameter renamed and its pattern changed (oasdiff#608)",
    revise: (d) => {
      renameOrderId(d);
      P(d)["/orders/{id}"].parameters[0].schema.pattern = "^[0-9]+$";
    },
    expect: ["request-parameter-pattern-changed", "request-path-parameter-renamed"],
  },
  {
    name: "an operation deprecated",
    revise: (d) => (P(d)["/orders/{orderId}"].get.deprecated = true),
    expect: ["api-deprecated"],
  },
  {
    name: "an operation undeprecated",
    revise: (d) => delete P(d)["/legacy/orders"].get.deprecated,
    expect: ["api-reactivated"],
  },
  {
    name: "operationId changed",
    revise: (d) => (P(d)["/orders/{orderId}"].get.operationId = "fetchOrder"),
    expect: ["api-operation-id-changed"],
  },
  {
    name: "operationId removed",
    revise: (d) => delete P(d)["/orders/{orderId}"].get.operationId,
    expect: ["api-operation-id-removed"],
  },
  {
    name: "operationId added",
    base: (d) => delete P(d)["/orders/{orderId}"].get.operationId,
    revise: (d) => (P(d)["/orders/{orderId}"].get.operationId = "getOrder"),
    expect: ["api-operation-id-added"],
  },
  {
    name: "a required query parameter added",
    revise: (d) =>
      P(d)["/orders"].get.parameters.push({ name: "shopId", in: "query", required: true, schema: { type: "string" } }),
    expect: ["request-parameter-added-required"],
  },
  {
    name: "a required query parameter with a default added",
    revise: (d) =>
      P(d)["/orders"].get.parameters.push({
        name: "currency",
        in: "query",
        required: true,
        schema: { type: "string", default: "EUR" },
      }),
    expect: ["request-parameter-added-required-with-default"],
  },
  {
    name: "an optional query parameter added",
    revise: (d) => P(d)["/orders"].get.parameters.push({ name: "q", in: "query", schema: { type: "string" } }),
    expect: ["request-parameter-added-optional"],
  },
  {
    name: "a parameter removed",
    revise: (d) => P(d)["/orders"].get.parameters.splice(1, 1),
    expect: ["request-parameter-removed"],
  },
  {
    name: "a header parameter became required",
    revise: (d) => (P(d)["/orders"].post.parameters[0].required = true),
    expect: ["request-parameter-became-required"],
  },
  {
    name: "a parameter with a default became required",
    revise: (d) => (d.components.parameters.PageSize.required = true),
    expect: ["request-parameter-became-required-with-default"],
  },
  {
    name: "a parameter became optional",
    base: (d) => (P(d)["/orders"].post.parameters[0].required = true),
    revise: (d) => delete P(d)["/orders"].post.parameters[0].required,
    expect: ["request-parameter-became-optional"],
  },
  {
    name: "a deepObject parameter's explode changed",
    revise: (d) => (P(d)["/orders"].get.parameters[2].explode = false),
    expect: ["request-parameter-serialization-changed"],
  },
  {
    name: "a parameter deprecated",
    revise: (d) => (P(d)["/orders"].get.parameters[1].deprecated = true),
    expect: ["request-parameter-deprecated"],
  },
  {
    name: "a required request body added",
    revise: (d) =>
      (P(d)["/orders/{orderId}"].delete.requestBody = {
        required: true,
        content: { "application/json": { schema: { type: "object", properties: { reason: { type: "string" } } } } },
      }),
    expect: ["request-body-added-required"],
  },
  {
    name: "an optional request body added",
    revise: (d) =>
      (P(d)["/orders/{orderId}"].delete.requestBody = {
        content: { "application/json": { schema: { type: "object" } } },
      }),
    expect: ["request-body-added-optional"],
  },
  {
    name: "the request body removed",
    revise: (d) => delete P(d)["/orders"].post.requestBody,
    expect: ["request-body-removed"],
  },
  {
    name: "the request body became required",
    base: (d) => (P(d)["/orders"].post.requestBody.required = false),
    revise: (d) => (P(d)["/orders"].post.requestBody.required = true),
    expect: ["request-body-became-required"],
  },
  {
    name: "the request body became optional",
    revise: (d) => (P(d)["/orders"].post.requestBody.required = false),
    expect: ["request-body-became-optional"],
  },
  {
    name: "a request media type replaced",
    revise: (d) => {
      const content = P(d)["/orders"].post.requestBody.content;
      content["application/vnd.orders+json"] = content["application/json"];
      delete content["application/json"];
    },
    expect: ["request-body-media-type-added", "request-body-media-type-removed"],
  },
  {
    name: "media type parameters and case do not matter",
    revise: (d) => {
      const content = P(d)["/orders"].post.requestBody.content;
      content["Application/JSON; charset=utf-8"] = content["application/json"];
      delete content["application/json"];
    },
    expect: [],
  },
  {
    name: "a success status replaced",
    revise: (d) => {
      const responses = P(d)["/orders"].post.responses;
      responses["202"] = responses["201"];
      delete responses["201"];
    },
    expect: ["response-status-added", "response-success-status-removed"],
  },
  {
    name: "an error status removed",
    revise: (d) => delete P(d)["/orders/{orderId}"].delete.responses["409"],
    expect: ["response-non-success-status-removed"],
  },
  {
    name: "a response media type replaced",
    revise: (d) => {
      const content = P(d)["/orders/{orderId}"].get.responses["200"].content;
      content["application/xml"] = content["application/json"];
      delete content["application/json"];
    },
    expect: ["response-media-type-added", "response-media-type-removed"],
  },
  {
    name: "a required response header removed",
    revise: (d) => delete P(d)["/orders"].get.responses["200"].headers,
    expect: ["response-required-header-removed"],
  },
  {
    name: "a required response header became optional",
    revise: (d) => (P(d)["/orders"].get.responses["200"].headers["X-Total-Count"].required = false),
    expect: ["response-header-became-optional"],
  },
  {
    name: "a response header's type changed",
    revise: (d) => (P(d)["/orders"].get.responses["200"].headers["X-Total-Count"].schema = { type: "string" }),
    expect: ["response-header-type-changed"],
  },
  {
    name: "security added to a public operation",
    base: (d) => (P(d)["/orders/{orderId}/shipments"].get.security = []),
    revise: (d) => delete P(d)["/orders/{orderId}/shipments"].get.security,
    expect: ["api-security-added"],
  },
  {
    name: "the API key replaced by OAuth",
    revise: (d) => (d.security = [{ oauth: ["orders:read"] }]),
    expect: ["api-security-requirement-added", "api-security-requirement-removed"],
  },
  {
    name: "a scope added",
    base: (d) => (P(d)["/orders"].post.security = [{ oauth: ["orders:read"] }]),
    revise: (d) => (P(d)["/orders"].post.security = [{ oauth: ["orders:read", "orders:write"] }]),
    expect: ["api-security-scope-added"],
  },
  {
    name: "OAuth accepted as well",
    revise: (d) => (d.security = [{ apiKey: [] }, { oauth: [] }]),
    expect: ["api-security-requirement-added"],
  },
  {
    name: "an operation made public",
    revise: (d) => (P(d)["/orders/{orderId}"].get.security = []),
    expect: ["api-security-removed"],
  },
  {
    name: "the API key header renamed",
    revise: (d) => (d.components.securitySchemes.apiKey.name = "Api-Key"),
    expect: ["security-scheme-changed"],
  },
];

const S = (d: TDoc) => d.components.schemas;
function renameOrderLine(d: TDoc): void {
  S(d).Line = S(d).OrderLine;
  delete S(d).OrderLine;
  const ref = { $ref: "#/components/schemas/Line" };
  S(d).Line.properties.bundle.items = ref;
  S(d).Order.properties.lines.items = ref;
  S(d).NewOrder.properties.lines.items = ref;
}

const WALLET = {
  type: "object",
  required: ["method", "walletId"],
  properties: { method: { type: "string", enum: ["wallet"] }, walletId: { type: "string" } },
};

/** Schema and property rules, by direction, including each oasdiff miss named in issue #13. */
export const SCHEMA_CASES: TCase[] = [
  { name: "a recursive component renamed is not a change", revise: (d) => renameOrderLine(d), expect: [] },
  {
    name: "a change inside a recursive schema is found where it is used",
    revise: (d) => {
      renameOrderLine(d);
      S(d).Line.properties.sku.maxLength = 40;
    },
    expect: ["request-property-max-length-tightened", "response-property-max-length-tightened"],
  },
  {
    name: "oasdiff#1090: a response array became an object",
    revise: (d) =>
      (P(d)["/orders/{orderId}/shipments"].get.responses["200"].content["application/json"].schema = {
        type: "object",
        properties: { items: { type: "array", items: { $ref: "#/components/schemas/Shipment" } } },
      }),
    expect: ["response-body-type-changed"],
  },
  {
    name: "a property's type changed (request and response share it)",
    revise: (d) => (S(d).OrderLine.properties.quantity.type = "string"),
    expect: ["request-property-type-changed", "response-property-type-changed"],
  },
  {
    name: "integer to number: wider for requests, breaking for responses",
    revise: (d) => (S(d).OrderLine.properties.quantity.type = "number"),
    expect: ["request-property-type-generalized", "response-property-type-changed"],
  },
  {
    name: "number to integer in a response only: narrower is compatible",
    base: (d) => (S(d).Shipment.properties.items.items.properties.quantity.type = "number"),
    revise: (d) => (S(d).Shipment.properties.items.items.properties.quantity.type = "integer"),
    expect: ["response-property-type-generalized"],
  },
  {
    name: "a response property became nullable",
    revise: (d) => (S(d).Order.properties.trackingUrl.nullable = true),
    expect: ["response-property-became-nullable"],
  },
  {
    name: "a request property became nullable",
    revise: (d) => (S(d).NewOrder.properties.note.nullable = true),
    expect: ["request-property-became-nullable"],
  },
  {
    name: "a response property is no longer nullable",
    revise: (d) =>
      delete P(d)["/orders"].get.responses["200"].content["application/json"].schema.properties.next.nullable,
    expect: ["response-property-became-not-nullable"],
  },
  {
    name: "a request property is no longer nullable",
    base: (d) => (S(d).NewOrder.properties.note.nullable = true),
    revise: (d) => delete S(d).NewOrder.properties.note.nullable,
    expect: ["request-property-became-not-nullable"],
  },
  {
    name: "oasdiff PR#1118: a request-body enum value removed",
    revise: (d) => S(d).NewOrder.properties.channel.enum.pop(),
    expect: ["request-property-enum-value-removed"],
  },
  {
    name: "a query parameter enum value removed",
    revise: (d) => P(d)["/orders"].get.parameters[1].schema.enum.pop(),
    expect: ["request-parameter-enum-value-removed"],
  },
  {
    name: "oasdiff#861: an enum value removed inside a deepObject parameter",
    revise: (d) => P(d)["/orders"].get.parameters[2].schema.properties.channel.enum.pop(),
    expect: ["request-parameter-enum-value-removed"],
  },
  {
    name: "a request enum value added",
    revise: (d) => S(d).NewOrder.properties.channel.enum.push("phone"),
    expect: ["request-property-enum-value-added"],
  },
  {
    name: "a response enum value added",
    revise: (d) => S(d).Order.properties.status.enum.push("refunded"),
    expect: ["response-property-enum-value-added"],
  },
  {
    name: "a response enum value removed",
    revise: (d) => S(d).Order.properties.status.enum.pop(),
    expect: ["response-property-enum-value-removed"],
  },
  {
    name: "a request property restricted to an enum",
    revise: (d) => (S(d).NewOrder.properties.customerId.enum = ["c1", "c2"]),
    expect: ["request-property-enum-added"],
  },
  {
    name: "a request enum restriction dropped",
    revise: (d) => delete S(d).NewOrder.properties.channel.enum,
    expect: ["request-property-enum-removed"],
  },
  {
    name: "a response enum restriction dropped",
    revise: (d) => delete S(d).Order.properties.status.enum,
    expect: ["response-property-enum-removed"],
  },
  {
    name: "oasdiff#314/#610: a oneOf alternative removed from a request",
    revise: (d) => S(d).NewOrder.properties.payment.oneOf.pop(),
    expect: ["request-property-one-of-removed"],
  },
  {
    name: "a oneOf alternative added to a request",
    revise: (d) => {
      S(d).WalletPayment = WALLET;
      S(d).NewOrder.properties.payment.oneOf.push({ $ref: "#/components/schemas/WalletPayment" });
    },
    expect: ["request-property-one-of-added"],
  },
  {
    name: "oasdiff#610: a oneOf alternative added to a response",
    base: (d) => (S(d).Order.properties.payment = structuredClone(S(d).NewOrder.properties.payment)),
    revise: (d) => {
      S(d).WalletPayment = WALLET;
      S(d).Order.properties.payment.oneOf.push({ $ref: "#/components/schemas/WalletPayment" });
    },
    expect: ["response-property-one-of-added"],
  },
  {
    name: "a oneOf alternative removed from a response",
    base: (d) => (S(d).Order.properties.payment = structuredClone(S(d).NewOrder.properties.payment)),
    revise: (d) => S(d).Order.properties.payment.oneOf.shift(),
    expect: ["response-property-one-of-removed"],
  },
  {
    name: "a change inside a oneOf alternative is found in that alternative",
    revise: (d) => (S(d).InvoicePayment.properties.dueDays.maximum = 30),
    expect: ["request-property-maximum-tightened"],
  },
  {
    name: "an anyOf alternative removed from a request",
    base: (d) =>
      (S(d).NewOrder.properties.reference = { anyOf: [{ type: "string", maxLength: 20 }, { type: "integer" }] }),
    revise: (d) => S(d).NewOrder.properties.reference.anyOf.pop(),
    expect: ["request-property-any-of-removed"],
  },
  {
    name: "an anyOf alternative added to a response",
    base: (d) => (S(d).Order.properties.reference = { anyOf: [{ type: "string" }, { type: "integer" }] }),
    revise: (d) => S(d).Order.properties.reference.anyOf.push({ type: "boolean" }),
    expect: ["response-property-any-of-added"],
  },
  {
    name: "an anyOf alternative added to a request",
    base: (d) => (S(d).NewOrder.properties.reference = { anyOf: [{ type: "string" }, { type: "integer" }] }),
    revise: (d) => S(d).NewOrder.properties.reference.anyOf.push({ type: "boolean" }),
    expect: ["request-property-any-of-added"],
  },
  {
    name: "an anyOf alternative removed from a response",
    base: (d) => (S(d).Order.properties.reference = { anyOf: [{ type: "string" }, { type: "integer" }] }),
    revise: (d) => S(d).Order.properties.reference.anyOf.pop(),
    expect: ["response-property-any-of-removed"],
  },
  {
    name: "a request body closed to undeclared properties",
    revise: (d) => (S(d).NewOrder.additionalProperties = false),
    expect: ["request-body-additional-properties-tightened"],
  },
  {
    name: "a shared schema opened to undeclared properties",
    base: (d) => (S(d).Money.additionalProperties = false),
    revise: (d) => delete S(d).Money.additionalProperties,
    expect: ["request-property-additional-properties-relaxed", "response-property-additional-properties-relaxed"],
  },
  {
    name: "a request property removed",
    revise: (d) => delete S(d).NewOrder.properties.note,
    expect: ["request-property-removed"],
  },
  {
    name: "a required response property removed",
    revise: (d) => {
      delete S(d).Order.properties.customerId;
      S(d).Order.required = S(d).Order.required.filter((n: string) => n !== "customerId");
    },
    expect: ["response-property-removed"],
  },
  {
    name: "an optional response property removed",
    revise: (d) => delete S(d).Order.properties.trackingUrl,
    expect: ["response-property-removed-optional"],
  },
  {
    name: "a new required request property",
    revise: (d) => {
      S(d).NewOrder.properties.shopId = { type: "string" };
      S(d).NewOrder.required.push("shopId");
    },
    expect: ["request-property-added-required"],
  },
  {
    name: "oasdiff#549: a new required request property with a default is not breaking",
    revise: (d) => {
      S(d).NewOrder.properties.currency = { type: "string", default: "EUR" };
      S(d).NewOrder.required.push("currency");
    },
    expect: ["request-property-added-required-with-default"],
  },
  {
    name: "a new optional request property",
    revise: (d) => (S(d).NewOrder.properties.giftWrap = { type: "boolean" }),
    expect: ["request-property-added-optional"],
  },
  {
    name: "a new optional response property",
    revise: (d) => (S(d).Order.properties.updatedAt = { type: "string", format: "date-time" }),
    expect: ["response-property-added-optional"],
  },
  {
    name: "a new required response property",
    revise: (d) => {
      S(d).Order.properties.updatedAt = { type: "string", format: "date-time" };
      S(d).Order.required.push("updatedAt");
    },
    expect: ["response-property-added-required"],
  },
  {
    name: "a request property became required",
    revise: (d) => S(d).NewOrder.required.push("note"),
    expect: ["request-property-became-required"],
  },
  {
    name: "a request property with a default became required",
    base: (d) => (S(d).NewOrder.properties.priority = { type: "string", enum: ["normal", "rush"], default: "normal" }),
    revise: (d) => S(d).NewOrder.required.push("priority"),
    expect: ["request-property-became-required-with-default"],
  },
  {
    name: "a request property became optional",
    revise: (d) => (S(d).NewOrder.required = S(d).NewOrder.required.filter((n: string) => n !== "payment")),
    expect: ["request-property-became-optional"],
  },
  {
    name: "a response property became optional",
    revise: (d) => (S(d).Order.required = S(d).Order.required.filter((n: string) => n !== "total")),
    expect: ["response-property-became-optional"],
  },
  {
    name: "a response property became required",
    revise: (d) => S(d).Order.required.push("trackingUrl"),
    expect: ["response-property-became-required"],
  },
  {
    name: "a deepObject parameter's property became required",
    revise: (d) => (P(d)["/orders"].get.parameters[2].schema.required = ["channel"]),
    expect: ["request-parameter-property-became-required"],
  },
  {
    name: "a deepObject parameter got a new optional property",
    revise: (d) => (P(d)["/orders"].get.parameters[2].schema.properties.shop = { type: "string" }),
    expect: ["request-parameter-property-added-optional"],
  },
  {
    name: "a required readOnly property in a request body is not a request change",
    revise: (d) => {
      S(d).NewOrder.properties.id = { type: "string", readOnly: true };
      S(d).NewOrder.required.push("id");
    },
    expect: [],
  },
  {
    name: "a response string got longer",
    revise: (d) => (S(d).Address.properties.line1.maxLength = 200),
    expect: ["request-property-max-length-relaxed", "response-property-max-length-relaxed"],
  },
  {
    name: "a response-only bound tightened",
    revise: (d) => (S(d).Problem.properties.status.minimum = 400),
    expect: ["response-property-minimum-tightened"],
  },
  {
    name: "a path parameter pattern changed",
    revise: (d) => (P(d)["/orders/{orderId}"].parameters[0].schema.pattern = "^ord_[0-9a-z]{16}$"),
    expect: ["request-parameter-pattern-changed"],
  },
  {
    name: "a parameter maximum lowered",
    revise: (d) => (d.components.parameters.PageSize.schema.maximum = 50),
    expect: ["request-parameter-maximum-tightened"],
  },
  {
    name: "a header parameter got longer",
    revise: (d) => (P(d)["/orders"].post.parameters[0].schema.maxLength = 128),
    expect: ["request-parameter-max-length-relaxed"],
  },
  {
    name: "a deepObject date-time became a date",
    revise: (d) => (P(d)["/orders"].get.parameters[2].schema.properties.placedAfter.format = "date"),
    expect: ["request-parameter-format-changed"],
  },
];

type TConstraintCase = {
  keyword: string;
  type: string;
  extra?: object;
  base: object;
  tightened: object;
  relaxed: object;
  changed?: object;
};

/** Every constraint keyword, set on a request-body property, moved each way it can move. */
const CONSTRAINT_CASES: TConstraintCase[] = [
  // 3.0 boolean exclusive bounds: moving between the inclusive and exclusive form is one change.
  {
    keyword: "exclusive-minimum",
    type: "number",
    base: { minimum: 10 },
    tightened: { minimum: 10, exclusiveMinimum: true },
    relaxed: { minimum: 5, exclusiveMinimum: true },
  },
  {
    keyword: "minimum",
    type: "number",
    base: { minimum: 10, exclusiveMinimum: true },
    tightened: { minimum: 11 },
    relaxed: { minimum: 10 },
  },
  { keyword: "max-length", type: "string", base: { maxLength: 10 }, tightened: { maxLength: 5 }, relaxed: {} },
  {
    keyword: "min-length",
    type: "string",
    base: { minLength: 2 },
    tightened: { minLength: 4 },
    relaxed: { minLength: 1 },
  },
  {
    keyword: "pattern",
    type: "string",
    base: { pattern: "^[a-z]+$" },
    tightened: {},
    relaxed: {},
    changed: { pattern: "^[A-Z]+$" },
  },
  {
    keyword: "format",
    type: "string",
    base: { format: "email" },
    tightened: {},
    relaxed: {},
    changed: { format: "uri" },
  },
  { keyword: "maximum", type: "number", base: { maximum: 10 }, tightened: { maximum: 5 }, relaxed: { maximum: 20 } },
  { keyword: "minimum", type: "number", base: { minimum: 10 }, tightened: { minimum: 20 }, relaxed: {} },
  {
    keyword: "exclusive-maximum",
    type: "number",
    base: { maximum: 10, exclusiveMaximum: true },
    tightened: { maximum: 5, exclusiveMaximum: true },
    relaxed: { maximum: 20, exclusiveMaximum: true },
  },
  {
    keyword: "exclusive-minimum",
    type: "number",
    base: { minimum: 10, exclusiveMinimum: true },
    tightened: { minimum: 20, exclusiveMinimum: true },
    relaxed: { minimum: 5, exclusiveMinimum: true },
  },
  {
    keyword: "multiple-of",
    type: "number",
    base: { multipleOf: 4 },
    tightened: { multipleOf: 8 },
    relaxed: { multipleOf: 2 },
    changed: { multipleOf: 6 },
  },
  {
    keyword: "max-items",
    type: "array",
    extra: { items: { type: "string" } },
    base: { maxItems: 10 },
    tightened: { maxItems: 5 },
    relaxed: { maxItems: 50 },
  },
  {
    keyword: "min-items",
    type: "array",
    extra: { items: { type: "string" } },
    base: { minItems: 2 },
    tightened: { minItems: 3 },
    relaxed: {},
  },
  {
    keyword: "unique-items",
    type: "array",
    extra: { items: { type: "string" } },
    base: {},
    tightened: { uniqueItems: true },
    relaxed: {},
  },
  {
    keyword: "max-properties",
    type: "object",
    base: { maxProperties: 10 },
    tightened: { maxProperties: 5 },
    relaxed: { maxProperties: 20 },
  },
  {
    keyword: "min-properties",
    type: "object",
    base: { minProperties: 2 },
    tightened: { minProperties: 3 },
    relaxed: { minProperties: 1 },
  },
];

export const CONSTRAINT_EDITS: TCase[] = CONSTRAINT_CASES.flatMap((c) => {
  const tightenedBase = Object.keys(c.tightened).length ? c.base : {};
  const tightened = Object.keys(c.tightened).length ? c.tightened : c.base;
  const relaxedBase = Object.keys(c.base).length ? c.base : c.tightened;
  const edits: [string, object, object][] = [
    ["tightened", tightenedBase, tightened],
    ["relaxed", relaxedBase, c.relaxed],
  ];
  if (c.changed) edits.push(["changed", c.base, c.changed]);
  return edits.map(([verdict, from, to]): TCase => ({
    name: `${c.keyword} ${verdict}`,
    base: (d) => (S(d).NewOrder.properties.extra = { type: c.type, ...c.extra, ...from }),
    revise: (d) => (S(d).NewOrder.properties.extra = { type: c.type, ...c.extra, ...to }),
    expect: [`request-property-${c.keyword}-${verdict}`],
  }));
});
