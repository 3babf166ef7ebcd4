import JSZip from 'jszip';

/** The parts of a .docx a test (or a check before sending) reads: the body, footers and settings as XML. */
export interface DocxParts {
  document: string;
  footers: string[];
  settings: string;
  styles: string;
  /** The visible text of the body, runs joined (paragraphs separated by newlines). */
  text: string;
}

export async function readDocx(buffer: Buffer | Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const document = await read('word/document.xml');
  const footerNames = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).sort();
  const footers = await Promise.all(footerNames.map(read));
  const text = document
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { document, footers, settings: await read('word/settings.xml'), styles: await read('word/styles.xml'), text };
}

/** Every run property block of the XML (<w:rPr>…</w:rPr>), to check that each names its East Asian font. */
export function runProperties(xml: string): string[] {
  return [...xml.matchAll(/<w:rPr>([\s\S]*?)<\/w:rPr>/g)].map((m) => m[1]!);
}
