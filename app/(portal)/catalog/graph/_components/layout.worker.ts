// Runs elkjs off the main thread, so the graph page stays responsive while 500+ nodes are laid out.
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutCatalogGraph, type TLayoutInput, type TPositions } from "@/lib/catalog/graph-layout";

export type TLayoutRequest = { id: number; input: TLayoutInput };
export type TLayoutReply = { id: number; positions: TPositions; ms: number } | { id: number; error: string };

const elk = new ELK();
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<TLayoutRequest>) => void) | null;
  postMessage: (reply: TLayoutReply) => void;
};

// Set after elk's bundle ran: in a worker it installs its own onmessage, which this replaces.
scope.onmessage = (event) => {
  const { id, input } = event.data;
  const started = performance.now();
  layoutCatalogGraph(elk, input).then(
    (positions) => scope.postMessage({ id, positions, ms: Math.round(performance.now() - started) }),
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
