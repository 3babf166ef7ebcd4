// Placeholder: written by the web engineers of issue 5.
export default function ChainOverviewPage() {
  return <div>产业链总览</div>;
}
