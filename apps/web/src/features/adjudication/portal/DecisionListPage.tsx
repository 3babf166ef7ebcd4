/** Placeholder (issue 6): replaced by the page's owner. */
export default function DecisionListPage() {
  return <div>建设中</div>;
}
