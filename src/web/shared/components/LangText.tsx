import type { ReactNode } from 'react';
import { currentLang } from '../i18n.js';

const HAN_RUN =
  /([\p{Script=Han}\u3000-\u303f\uff00-\uffef]+(?:[\s\d·/+\-.]*[\p{Script=Han}\u3000-\u303f\uff00-\uffef]+)*)/u;

/**
 * Text as people entered it (a trim name, a store address, a dealer's description, an inspector's note):
 * on an English page its Chinese runs are marked lang="zh-CN" (WCAG 3.1.2, language of parts), so screen
 * readers switch voice and the page states honestly what has no English version.
 */
export function LangText({ children }: { children: string | null | undefined }): ReactNode {
  if (!children) return null;
  if (currentLang() !== 'en' || !HAN_RUN.test(children)) return children;
  // split() with a capturing group alternates: plain text, Chinese run, plain text, ...
  const parts = children.split(HAN_RUN);
  let offset = 0;
  return parts.map((part, i) => {
    const key = `${offset}:${part.length}`;
    offset += part.length;
    return i % 2 === 1 ? (
      <span lang="zh-CN" key={key}>
        {part}
      </span>
    ) : (
      part
    );
  });
}
