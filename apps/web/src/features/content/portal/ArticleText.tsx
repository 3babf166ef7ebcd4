import { textBlocks } from '../text';
import './article-text.css';

/** The body as headings and paragraphs. Headings get ids (h-0, h-1 …) for the table of contents. */
export function ArticleText({ body }: { body: string }) {
  const blocks = textBlocks(body);
  let h = 0;
  return (
    <div className="zcp-art-text">
      {blocks.map((b, i) => {
        if (b.kind === 'paragraph') return <p key={i}>{b.text}</p>;
        const id = `h-${h++}`;
        if (b.level === 1) return <h2 key={i} id={id}>{b.text}</h2>;
        if (b.level === 2) return <h3 key={i} id={id}>{b.text}</h3>;
        return <h4 key={i} id={id}>{b.text}</h4>;
      })}
    </div>
  );
}

/** Headings of the body, for a table of contents on long texts (laws have chapters and sections). */
export function headingsOf(body: string): { id: string; level: number; text: string }[] {
  let h = 0;
  return textBlocks(body)
    .filter((b) => b.kind === 'heading')
    .map((b) => ({ id: `h-${h++}`, level: b.level, text: b.text }));
}
