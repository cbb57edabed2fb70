import { SectionNav } from "@/components/ui/section-nav";

/** Profiles and anomalies are two lists; each owns its page's search, filters and paging. */
export function ProfilingTabs({ anomalies }: { anomalies?: number }) {
  return (
    <SectionNav
      label="Profiling"
      links={[
        { href: "/quality/profiling", label: "Profiles", isExact: true },
        {
          href: "/quality/profiling/anomalies",
          label: anomalies ? `Anomalies (${anomalies.toLocaleString("en-US")})` : "Anomalies",
        },
      ]}
    />
  );
}
