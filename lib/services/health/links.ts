export const HEALTH_HREF = "/catalog/health";
export const assessmentHref = (id: string) => `${HEALTH_HREF}/${id}`;
