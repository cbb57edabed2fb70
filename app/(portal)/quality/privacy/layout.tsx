import type { ReactNode } from "react";
import { PrivacyNav } from "./_components/privacy-nav";

export default function PrivacyLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PrivacyNav />
      {children}
    </>
  );
}
