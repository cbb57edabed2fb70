/** The Postgres channel the API gateway listens on: it reloads deployments, keys and plans on any notice. */
export const API_GATEWAY_CHANNEL = "switchboard_apis";
