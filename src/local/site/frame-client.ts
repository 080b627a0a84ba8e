/**
 * What a browser does before any bridge call, for code that drives the site over HTTP (the demo seed, tests):
 * render a page as a user, take a frame the host registered on it, and call the bridge naming only that frame.
 */

export interface RenderedFrame {
  id: string;
  context: Record<string, unknown>;
  submittable: boolean;
  closable?: boolean;
}

/** The frames a rendered page declares (`window.__forgeFrames=…`), as the host put them there. */
export function framesInHtml(html: string): Record<string, RenderedFrame> {
  const match = /window\.__forgeFrames=(\{.*?\});<\/script>/s.exec(html);
  if (!match) return {};
  return JSON.parse(match[1]) as Record<string, RenderedFrame>;
}

const identity = (accountId: string) => ({ cookie: `op_user=${encodeURIComponent(accountId)}` });

/** GETs `path` (relative to `siteUrl`) as `accountId` and gives the first frame `pick` accepts. */
export async function renderFrame(siteUrl: string, accountId: string, path: string, pick: (frame: RenderedFrame) => boolean): Promise<RenderedFrame> {
  const response = await fetch(`${siteUrl}${path}`, { headers: identity(accountId) });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const frame = Object.values(framesInHtml(await response.text())).find(pick);
  if (!frame) throw new Error(`${path} rendered no such frame`);
  return frame;
}

/** A bridge call (`invoke` or `submit`) from `frame` as `accountId`: the HTTP response as the host answered it. */
export function bridgeCall(
  siteUrl: string,
  accountId: string,
  kind: 'invoke' | 'submit',
  body: { frame: string } & Record<string, unknown>,
): Promise<Response> {
  return fetch(`${siteUrl}/__forge/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...identity(accountId) },
    body: JSON.stringify(body),
  });
}
