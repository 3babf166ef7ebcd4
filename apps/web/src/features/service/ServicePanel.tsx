// Placeholder: filled in by the enforcement work (issue 4).
export interface ServicePanelProps {
  entityType: 'lead' | 'case' | 'adjudication';
  entityId: number;
  /** Whether the user may add service records here. */
  canEdit?: boolean;
  onChanged?: () => void;
}

export function ServicePanel(_props: ServicePanelProps) {
  return null;
}
