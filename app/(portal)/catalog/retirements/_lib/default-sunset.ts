import { addDays, startOfUtcDay } from "../../../changes/_lib/time";

const DEFAULT_SUNSET_DAYS = 60;

/** Midnight UTC sixty days out: a sunset far enough for consumers to move, which the engineer adjusts. */
export const defaultSunset = (now = new Date()) => addDays(startOfUtcDay(now), DEFAULT_SUNSET_DAYS);
