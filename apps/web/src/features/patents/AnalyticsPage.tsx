// Placeholder: written by the web engineers of issue 5.
export default function AnalyticsPage() {
  return <div>专利分析</div>;
}
