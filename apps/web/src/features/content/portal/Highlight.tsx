import { splitByTerms } from '../text';

/** The text with every occurrence of the terms in <mark>; plain text nodes only. */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const parts = splitByTerms(text, terms);
  return (
    <>
      {parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p ? <span key={i}>{p}</span> : null))}
    </>
  );
}
