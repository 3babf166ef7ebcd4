import { PageContainer } from '../../ui/PageContainer';

// Placeholder: filled in by the enforcement work (issue 4).
export default function Page() {
  return <PageContainer title="督办中心">建设中</PageContainer>;
}
