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
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import type { DependencyGraph, GraphNode } from "@/lib/services/inventory";
import { label } from "@/lib/validation/inventory";
import { CRITICALITY_BORDER, MECHANISM_COLOURS } from "./colours";
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from "./layout";

type SystemNodeData = GraphNode & Record<string, unknown>;

function SystemNode({ data }: NodeProps<Node<SystemNodeData>>) {
  return (
    <div
      className="rounded-md border-2 bg-white px-3 py-1.5 text-xs shadow-sm"
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        borderColor: CRITICALITY_BORDER[data.criticality],
        opacity: data.isContext ? 0.55 : 1,
      }}
      title={`${data.name} · ${label(data.type)} · ${label(data.criticality)}${data.isContext ? " (outside the filter)" : ""}`}
    >
      <Handle type="target" position={Position.Left} />
      <p className="truncate font-semibold text-slate-900">{data.name}</p>
      <p className="truncate text-slate-500">
        {label(data.type)}
        {data.vendor ? ` · ${data.vendor}` : ""}
      </p>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const nodeTypes = { system: SystemNode };

export function DependencyGraphView({ graph }: { graph: DependencyGraph }) {
  const router = useRouter();
  const { nodes, edges } = useMemo(() => {
    const positions = layoutGraph(graph.nodes, graph.edges);
    const nodes: Node<SystemNodeData>[] = graph.nodes.map((n) => ({
      id: n.id,
      type: "system",
      position: positions.get(n.id)!,
      data: n,
    }));
    const edges: Edge[] = graph.edges.map((e) => {
      const colour = MECHANISM_COLOURS[e.mechanism];
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        label: `${e.name} (${label(e.mechanism)})`,
        style: { stroke: colour, strokeWidth: e.volumePerMonth > 10_000 ? 2.5 : 1.5 },
        labelStyle: { fontSize: 10, fill: "#334155" },
        labelBgStyle: { fill: "#f8fafc" },
        markerEnd: { type: MarkerType.ArrowClosed, color: colour },
        markerStart: e.direction === "two_way" ? { type: MarkerType.ArrowClosed, color: colour } : undefined,
      };
    });
    return { nodes, edges };
  }, [graph]);

  return (
    <div
      className="h-[640px] rounded-lg border border-slate-200 bg-white"
      role="figure"
      aria-label={`Dependency graph: ${graph.nodes.length} systems, ${graph.edges.length} interfaces`}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.1}
        nodesConnectable={false}
        onNodeClick={(_e, node) => router.push(`/inventory/systems/${node.id}`)}
        onEdgeClick={(_e, edge) => router.push(`/inventory/interfaces/${edge.id}`)}
      >
        <Background />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable />
      </ReactFlow>
    </div>
  );
}
