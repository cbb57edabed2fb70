import type { ReactNode } from "react";
import { ApisNav } from "./_components/apis-nav";

export default function ApisLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ApisNav />
      {children}
    </>
  );
}
