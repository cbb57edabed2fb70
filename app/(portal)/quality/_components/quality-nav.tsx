import { SectionNav, type TSectionLink } from "@/components/ui/section-nav";

const LINKS: TSectionLink[] = [
  { href: "/quality/rules", label: "Rules" },
  { href: "/quality/quarantine", label: "Quarantine" },
  { href: "/quality/master", label: "Golden records" },
  { href: "/quality/lineage", label: "Lineage" },
  { href: "/quality/privacy", label: "Classification & masking" },
  { href: "/quality/profiling", label: "Profiling" },
  { href: "/quality/slas", label: "SLAs" },
];

/** The data-quality area's pages. */
export function QualityNav() {
  return <SectionNav label="Data quality" links={LINKS} />;
}
