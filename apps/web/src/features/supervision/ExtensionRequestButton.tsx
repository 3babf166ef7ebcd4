// Placeholder: filled in by the enforcement work (issue 4).
export interface ExtensionRequestButtonProps {
  /** The open deadline to extend (from the record's detail DTO). */
  deadline: { id: number; title: string; ruleKey: string; dueOn: string | null };
  onDone?: () => void;
}

export function ExtensionRequestButton(_props: ExtensionRequestButtonProps) {
  return null;
}
