import type { ReactNode } from "react";
import { QualityNav } from "./_components/quality-nav";

export default function QualityLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <QualityNav />
      {children}
    </>
  );
}
