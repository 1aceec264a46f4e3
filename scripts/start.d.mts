/** Builds the web app (vite build) when its sources are newer than dist/web/index.html. */
export function ensureWebBuilt(): void;
