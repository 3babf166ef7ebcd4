// Placeholder: filled in by the enforcement work (issue 4).
export interface DocumentsPanelProps {
  entityType: 'lead' | 'case';
  entityId: number;
  /** Document kinds offered for generation here (others generated elsewhere are still listed). */
  kinds?: string[];
  /** Called after a document was generated (the record may have changed, e.g. the decision's 文号). */
  onGenerated?: () => void;
}

export function DocumentsPanel(_props: DocumentsPanelProps) {
  return null;
}
