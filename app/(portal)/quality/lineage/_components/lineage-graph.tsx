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
import type { LineageGraph, LineageNode } from "@/lib/services/quality/lineage";
// The inventory graph's layered layout (dagre, left to right), so both graphs read the same way.
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from "../../../inventory/graph/_components/layout";

type NodeData = LineageNode & Record<string, unknown>;

const KIND_STYLE: Record<LineageNode["kind"], string> = {
  system: "border-slate-700",
  interface: "border-indigo-500",
  flow: "border-emerald-600",
  step: "border-sky-400",
  target: "border-amber-500",
};

function LineageNodeView({ data }: NodeProps<Node<NodeData>>) {
  return (
    <div
      className={`rounded-md border-2 bg-white px-3 py-1.5 text-xs shadow-sm ${KIND_STYLE[data.kind]}`}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
      title={`${data.kind}: ${data.label} (${data.detail})`}
    >
      <Handle type="target" position={Position.Left} />
      <p className="truncate font-semibold text-slate-900">{data.label}</p>
      <p className="truncate text-slate-500">
        {data.kind} · {data.detail}
      </p>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const nodeTypes = { lineage: LineageNodeView };

export function LineageGraphView({ graph }: { graph: LineageGraph }) {
  const router = useRouter();
  const { nodes, edges } = useMemo(() => {
    const positions = layoutGraph(
      graph.nodes,
      graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
    );
    const nodes: Node<NodeData>[] = graph.nodes.map((n) => ({
      id: n.id,
      type: "lineage",
      position: positions.get(n.id)!,
      data: n,
    }));
    const edges: Edge[] = graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label || undefined,
      style: { stroke: e.observed ? "#d97706" : "#64748b", strokeDasharray: e.observed ? "4 3" : undefined },
      markerEnd: { type: MarkerType.ArrowClosed, color: e.observed ? "#d97706" : "#64748b" },
    }));
    return { nodes, edges };
  }, [graph]);
  const href = new Map(graph.nodes.map((n) => [n.id, n.href]));
  return (
    <div
      className="h-[480px] rounded-lg border border-slate-200 bg-white"
      role="figure"
      aria-label={`Lineage graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges. The field lineage tables below list the same in text.`}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.1}
        nodesConnectable={false}
        onNodeClick={(_e, node) => {
          const to = href.get(node.id);
          if (to) router.push(to);
        }}
      >
        <Background />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable />
      </ReactFlow>
    </div>
  );
}
