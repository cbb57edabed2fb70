import { SectionNav, type TSectionLink } from "@/components/ui/section-nav";

const LINKS: TSectionLink[] = [
  { href: "/apis", label: "APIs", isExact: true },
  { href: "/apis/analytics", label: "Analytics" },
  { href: "/apis/consumers", label: "Consumers" },
  { href: "/apis/plans", label: "Plans" },
];

/** The APIs area's pages; a product's and a version's pages count as APIs. */
export function ApisNav() {
  return <SectionNav label="APIs" links={LINKS} />;
}
