import { SectionNav, type TSectionLink } from "@/components/ui/section-nav";

const LINKS: TSectionLink[] = [
  { href: "/inventory/processes", label: "Processes" },
  { href: "/inventory/systems", label: "Systems" },
  { href: "/inventory/interfaces", label: "Interfaces" },
  { href: "/inventory/graph", label: "Dependency graph" },
  { href: "/inventory/import", label: "Import / export" },
];

export function InventoryNav() {
  return <SectionNav label="Inventory" links={LINKS} />;
}
