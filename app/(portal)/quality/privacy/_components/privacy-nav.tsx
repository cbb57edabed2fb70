import { SectionNav, type TSectionLink } from "@/components/ui/section-nav";

const LINKS: TSectionLink[] = [
  { href: "/quality/privacy", label: "Classifications", isExact: true },
  { href: "/quality/privacy/policies", label: "Masking policies" },
  { href: "/quality/privacy/keys", label: "Token keys" },
  { href: "/quality/privacy/datasets", label: "Masked datasets" },
];

/** The privacy pages: classifications, masking policies, token keys and masked datasets. */
export function PrivacyNav() {
  return <SectionNav label="Classification and masking" links={LINKS} />;
}
