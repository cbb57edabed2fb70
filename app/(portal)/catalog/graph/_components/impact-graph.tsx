"use client";

import {
  Background,
  Controls,
  Handle,
  MarkerType,
  MiniMap,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { memo, useEffect, useMemo, useState, type FormEvent } from "react";
import { Button, Input } from "@/components/ui";
import { LAYOUT_NODE_HEIGHT, LAYOUT_NODE_WIDTH, type TLayoutInput, type TPositions } from "@/lib/catalog/graph-layout";
import type { TCatalogLifecycle, TNodeId, TNodeKind } from "@/lib/catalog/graph-types";
import type { TGraphView } from "@/lib/services/catalog";
import { KIND_LABELS } from "@/lib/validation/catalog";
import { adjacencyOf, highlightOf, layoutInput, quickPositions } from "./graph-model";
import type { TLayoutReply, TLayoutRequest } from "./layout.worker";

type TState = "normal" | "selected" | "dependent" | "dim";
type TEntryData = { name: string; kind: TNodeKind; lifecycle: TCatalogLifecycle; state: TState; depth?: number };

const KIND_STYLE: Record<TNodeKind, string> = {
  system: "border-indigo-500",
  flow: "border-emerald-500",
  queue: "border-amber-500",
  api: "border-sky-500",
};

const EntryNode = memo(function EntryNode({ data }: NodeProps<Node<TEntryData>>) {
  const state =
    data.state === "selected"
      ? "bg-indigo-600 text-white"
      : data.state === "dependent"
        ? "bg-rose-50 ring-2 ring-rose-400"
        : data.state === "dim"
          ? "bg-white opacity-30"
          : "bg-white";
  return (
    <div
      className={`rounded-md border-2 px-2 py-1 text-xs shadow-sm ${KIND_STYLE[data.kind]} ${state} ${
        data.lifecycle === "deprecated" || data.lifecycle === "retired" ? "border-dashed" : ""
      }`}
      style={{ width: LAYOUT_NODE_WIDTH, height: LAYOUT_NODE_HEIGHT }}
      title={`${data.name} · ${KIND_LABELS[data.kind]} · ${data.lifecycle}${data.depth ? ` · depth ${data.depth}` : ""}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <p className="truncate font-semibold">{data.name}</p>
      <p className={`truncate ${data.state === "selected" ? "text-indigo-100" : "text-slate-500"}`}>
        {KIND_LABELS[data.kind]}
        {data.depth ? ` · depth ${data.depth}` : ""}
      </p>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { entry: EntryNode };

/** Lays out in the web worker; until it answers, entries sit in columns by distance from their sources. */
function useElkLayout(graph: TGraphView) {
  const input = useMemo(() => layoutInput(graph), [graph]);
  const quick = useMemo(() => quickPositions(input), [input]);
  const [layout, setLayout] = useState<{ input: TLayoutInput; positions: TPositions; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    const started = performance.now();
    worker.onmessage = (event: MessageEvent<TLayoutReply>) => {
      const reply = event.data;
      if ("error" in reply) setError(reply.error);
      else setLayout({ input, positions: reply.positions, ms: Math.round(performance.now() - started) });
      worker.terminate();
    };
    worker.postMessage({ id: 1, input } satisfies TLayoutRequest);
    return () => worker.terminate();
  }, [input]);
  const isFinal = layout?.input === input;
  return { positions: isFinal ? layout.positions : quick, ms: isFinal ? layout.ms : null, isFinal, error };
}

export function ImpactGraph({ graph, initialFocus }: { graph: TGraphView; initialFocus: TNodeId | null }) {
  const { positions, ms, isFinal, error } = useElkLayout(graph);
  const adjacency = useMemo(() => adjacencyOf(graph), [graph]);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const [selected, setSelected] = useState<TNodeId | null>(
    initialFocus && byId.has(initialFocus) ? initialFocus : null,
  );
  const [isOnlyImpact, setOnlyImpact] = useState(false);
  const [search, setSearch] = useState("");
  const [searchError, setSearchError] = useState<string | null>(null);
  const highlight = useMemo(() => highlightOf(adjacency, selected), [adjacency, selected]);

  const nodes = useMemo<Node<TEntryData>[]>(
    () =>
      graph.nodes.map((n) => {
        const dependent = highlight?.dependents.get(n.id);
        const state: TState = !highlight
          ? "normal"
          : n.id === highlight.selected
            ? "selected"
            : dependent
              ? "dependent"
              : "dim";
        return {
          id: n.id,
          type: "entry",
          position: positions[n.id] ?? { x: 0, y: 0 },
          hidden: isOnlyImpact && state === "dim",
          data: { name: n.name, kind: n.kind, lifecycle: n.lifecycle, state, depth: dependent?.depth },
        };
      }),
    [graph, positions, highlight, isOnlyImpact],
  );

  const edges = useMemo<Edge[]>(() => {
    const inImpact = (id: TNodeId) => Boolean(highlight && (id === highlight.selected || highlight.dependents.has(id)));
    return graph.edges.map((e) => {
      const isHot = Boolean(highlight && inImpact(e.from) && highlight.dependents.has(e.to));
      const isObservedOnly = !e.sources.includes("declared");
      const colour = isHot ? "#e11d48" : e.sources.includes("observed") ? "#6366f1" : "#94a3b8";
      return {
        id: e.id,
        source: e.from,
        target: e.to,
        hidden: isOnlyImpact && Boolean(highlight) && !isHot,
        style: {
          stroke: colour,
          strokeWidth: isHot ? 2 : 1,
          strokeDasharray: isObservedOnly ? "4 3" : undefined,
          opacity: highlight && !isHot ? 0.15 : 1,
        },
        markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 14, height: 14 },
        ariaLabel: `${byId.get(e.from)?.name} to ${byId.get(e.to)?.name}: ${e.via}`,
      };
    });
  }, [graph, highlight, isOnlyImpact, byId]);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const q = search.trim().toLowerCase();
    const [kind, ...rest] = q.split(":");
    const name = rest.length ? rest.join(":") : q;
    const matches = graph.nodes.filter((n) => n.name.toLowerCase() === name && (!rest.length || n.kind === kind));
    if (matches.length === 1) {
      setSelected(matches[0]!.id);
      setSearchError(null);
    } else
      setSearchError(
        matches.length
          ? `Several entries are called that: type ${matches.map((m) => `${m.kind}:${m.name}`).join(" or ")}.`
          : "No entry has that name.",
      );
  };

  const selectedNode = selected ? byId.get(selected) : undefined;
  const dependents = highlight ? [...highlight.dependents.values()] : [];
  const counts = dependents.reduce<Record<string, number>>((acc, d) => {
    const k = byId.get(d.nodeId)?.kind ?? "system";
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

  return (
    <div className="grid gap-4 xl:grid-cols-[1fr_22rem]">
      <div>
        <form onSubmit={onSearch} className="mb-3 flex flex-wrap items-end gap-2" aria-label="Find an entry">
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Entry</span>
            <Input
              list="catalog-graph-names"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Name, or kind:name"
              className="w-72"
              aria-describedby={searchError ? "graph-search-error" : undefined}
            />
          </label>
          <datalist id="catalog-graph-names">
            {graph.nodes.map((n) => (
              <option key={n.id} value={n.name} />
            ))}
          </datalist>
          <Button type="submit">Show impact</Button>
          {selected && (
            <Button type="button" variant="secondary" onClick={() => setSelected(null)}>
              Clear
            </Button>
          )}
          <label className="ml-2 flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={isOnlyImpact} onChange={(e) => setOnlyImpact(e.target.checked)} />
            Only the selection and its dependents
          </label>
          {searchError && (
            <p id="graph-search-error" className="w-full text-sm font-medium text-red-600">
              {searchError}
            </p>
          )}
        </form>
        <div
          className="h-[680px] rounded-lg border border-slate-200 bg-white"
          role="figure"
          aria-label={`Impact graph: ${graph.nodes.length} entries, ${graph.edges.length} dependencies`}
        >
          {/* Remounted when elk's layout arrives, so the view fits the final placement. */}
          <ReactFlow
            key={isFinal ? "laid-out" : "quick"}
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            fitView
            minZoom={0.05}
            nodesConnectable={false}
            nodesDraggable={false}
            onlyRenderVisibleElements
            onNodeClick={(_e, node) => setSelected(node.id as TNodeId)}
            onPaneClick={() => setSelected(null)}
          >
            <Background />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </div>
        <p className="mt-2 text-xs text-slate-500" data-testid="layout-status">
          {error
            ? `The layout failed (${error}); entries are placed by distance from their sources.`
            : isFinal
              ? `Laid out ${graph.nodes.length} entries in ${ms} ms. Solid: declared, dashed: observed only, indigo: seen in traffic.`
              : `Laying out ${graph.nodes.length} entries… the graph works meanwhile.`}
        </p>
      </div>
      <aside className="rounded-lg border border-slate-200 bg-white p-4" aria-label="Impact of the selection">
        {!selectedNode ? (
          <p className="text-sm text-slate-600">
            Click an entry, or find it by name, to highlight everything that breaks if it is down, changed or retired.
          </p>
        ) : (
          <div className="space-y-3 text-sm">
            <div>
              <p className="text-xs uppercase tracking-wide text-slate-500">{KIND_LABELS[selectedNode.kind]}</p>
              <h2 className="text-base font-semibold text-slate-900">{selectedNode.name}</h2>
              <Link
                href={`/catalog/${selectedNode.kind}/${encodeURIComponent(selectedNode.id.slice(selectedNode.kind.length + 1))}`}
                className="text-indigo-700 hover:underline"
              >
                Open its catalog entry
              </Link>
            </div>
            <p data-testid="impact-count">
              <strong>{dependents.length}</strong> transitive dependent(s)
              {dependents.length > 0 &&
                `: ${Object.entries(counts)
                  .map(([k, n]) => `${n} ${KIND_LABELS[k as TNodeKind].toLowerCase()}${n === 1 ? "" : "s"}`)
                  .join(", ")}`}
            </p>
            <ol className="max-h-[520px] space-y-1 overflow-auto" aria-label="Dependents, nearest first">
              {dependents.slice(0, 300).map((d) => {
                const n = byId.get(d.nodeId);
                return (
                  <li key={d.nodeId}>
                    <button
                      type="button"
                      className="text-left text-indigo-700 hover:underline"
                      onClick={() => setSelected(d.nodeId)}
                    >
                      {n?.name ?? d.nodeId}
                    </button>{" "}
                    <span className="text-xs text-slate-500">
                      depth {d.depth}, via {byId.get(d.via)?.name ?? d.via}
                    </span>
                  </li>
                );
              })}
            </ol>
            {dependents.length > 300 && (
              <p className="text-xs text-slate-500">The first 300 are listed; the entry page exports them all.</p>
            )}
          </div>
        )}
      </aside>
    </div>
  );
}
