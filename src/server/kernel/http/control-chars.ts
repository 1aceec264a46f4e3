import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.js';
import { multipartContentTypeProblem } from './multipart.js';

// PostgreSQL cannot store U+0000 in text (it fails the whole statement with a 500 and a logged query), and
// the other C0 controls and DEL have no business in ids, search terms or names. They are refused at the
// edge, for every route, before any handler or query sees them.

// The patterns match control characters on purpose, hence the lint suppressions.
/** Every C0 control and DEL. For path params and query strings, which never carry layout characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find them
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
const ANY_CONTROL_G = new RegExp(ANY_CONTROL.source, 'g');
/** C0 controls and DEL except tab, LF and CR, which free text in a JSON body may carry. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find them
const CONTROL_EXCEPT_LAYOUT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Header values may contain tab (RFC 9110 field-value); nothing else below U+0020. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find them
const CONTROL_EXCEPT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f]/;

export type ControlCharPolicy = 'none' | 'layout' | 'tab';

const POLICY: Record<ControlCharPolicy, RegExp> = {
  none: ANY_CONTROL,
  layout: CONTROL_EXCEPT_LAYOUT,
  tab: CONTROL_EXCEPT_TAB,
};

export const CONTROL_CHAR_MESSAGE = 'control characters are not allowed';

/** True when `text` holds a control character the policy does not allow. */
export function hasControlChar(text: string, policy: ControlCharPolicy): boolean {
  return POLICY[policy].test(text);
}

/**
 * Walks a decoded value (string, array, plain object: keys and values) and returns the dotted path of
 * every string holding a refused control character, prefixed with `root` (e.g. `body.items.0.name`).
 */
export function controlCharPaths(value: unknown, root: string, policy: ControlCharPolicy): string[] {
  // Iterative, and each node keeps only a link to its parent: a 1 MB body of nested arrays must neither
  // overflow the stack nor build a path string per level. Paths are spelled out only for findings.
  interface Node {
    readonly v: unknown;
    readonly key: string;
    readonly parent: Node | null;
  }
  const pathOf = (node: Node): string => {
    const keys: string[] = [];
    for (let n: Node | null = node; n; n = n.parent) keys.push(n.key);
    return keys.reverse().join('.');
  };
  // The reported path must not echo the control character itself.
  const shown = (key: string) =>
    key.replace(ANY_CONTROL_G, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const found: string[] = [];
  const stack: Node[] = [{ v: value, key: root, parent: null }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { v } = node;
    if (typeof v === 'string') {
      if (POLICY[policy].test(v)) found.push(pathOf(node));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: String(i), parent: node });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v).reverse()) {
        if (ANY_CONTROL.test(key)) found.push(pathOf({ v: item, key: shown(key), parent: node }));
        else stack.push({ v: item, key, parent: node });
      }
    }
  }
  return found;
}

/** Throws VALIDATION_FAILED listing each path that holds a refused control character. */
export function assertNoControlChars(paths: readonly string[]): void {
  if (paths.length === 0) return;
  throw new AppError('VALIDATION_FAILED', {
    fields: paths.map((path) => ({ path, message: CONTROL_CHAR_MESSAGE })),
  });
}

/** The control-character paths of one request: path params, query (keys and values), JSON body, headers. */
export function requestControlCharPaths(request: FastifyRequest): string[] {
  const paths = [
    ...controlCharPaths(request.params, 'params', 'none'),
    ...controlCharPaths(request.query, 'query', 'none'),
    ...controlCharPaths(request.headers, 'headers', 'tab'),
  ];
  // Parsed JSON (or text); raw buffers and multipart streams are checked where they are read.
  if (!Buffer.isBuffer(request.body)) paths.push(...controlCharPaths(request.body, 'body', 'layout'));
  return paths;
}

/**
 * Rejects control characters in every request, and a multipart Content-Type without a usable boundary,
 * with 400 VALIDATION_FAILED. A preValidation hook: registered after the guard plugin, it runs after the
 * guard (a stranger still gets 401/403 first) and before schema validation and handlers.
 */
export const controlCharsPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    assertNoControlChars(requestControlCharPaths(request));
    // Multipart routes parse their body in the handler; a Content-Type busboy cannot use is refused here.
    const multipart = multipartContentTypeProblem(request.headers['content-type']);
    if (multipart) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'headers.content-type', message: multipart }],
      });
    }
  });
});
