import { PageContainer } from '../../ui/PageContainer';

// Placeholder: filled in by the enforcement work (issue 4).
export default function Page() {
  return <PageContainer title="线索详情">建设中</PageContainer>;
}
