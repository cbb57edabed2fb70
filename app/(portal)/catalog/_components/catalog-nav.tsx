import { SectionNav, type TSectionLink } from "@/components/ui/section-nav";

const LINKS: TSectionLink[] = [
  { href: "/catalog", label: "Entries", isExact: true },
  { href: "/catalog/reconciliation", label: "Reconciliation" },
  { href: "/catalog/graph", label: "Impact graph" },
  { href: "/catalog/retirements", label: "Retirements" },
  { href: "/catalog/health", label: "Health" },
];

/** The catalog's pages; an entry's page (/catalog/<kind>/<key>) counts as Entries. */
export function CatalogNav() {
  return <SectionNav label="Catalog" links={LINKS} />;
}
