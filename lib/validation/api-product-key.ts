/** Product keys are the gateway path's first segment (/<product>/v<major>/...). */
export const API_PRODUCT_KEY = /^[a-z][a-z0-9-]{1,40}$/;
export const API_PRODUCT_KEY_HINT =
  "Use 2–41 lower-case letters, digits or dashes, starting with a letter (it appears in the gateway URL).";
