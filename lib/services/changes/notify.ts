import "server-only";
import type { TNotice } from "../notifications";

export { notifyUsers, usersWithRoles } from "../notifications";
export type TChangeNotice = TNotice;

export const changeHref = (id: string) => `/changes/${id}`;
export const changeLabel = (c: { number: number; title: string }) => `CHG-${c.number} "${c.title}"`;
