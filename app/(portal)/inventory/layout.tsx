import type { ReactNode } from "react";
import { InventoryNav } from "./_components/inventory-nav";

export default function InventoryLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <InventoryNav />
      {children}
    </>
  );
}
